/*
 * httpd.h - local downloads: fm-box serves the files of its recent
 * recordings over HTTP to the site's network, only through links signed
 * by the central server (fcgi/linksign.h), with Range support so that
 * big files resume.  libmicrohttpd, in its own thread.
 */
#ifndef FM_HTTPD_H
#define FM_HTTPD_H

#include "boxconf.h"

/* Starts listening on Http.Listen ("" = off); 0 on success. */
int httpd_start(const struct box_config *c);
void httpd_stop(void);

/*
 * Parses a "bytes=a-b" Range header against a file of size bytes.
 * Returns 1 with *from and *len set, 0 when there is no usable range
 * (serve the whole file), -1 when unsatisfiable (416).
 */
int http_range(const char *h, long long size, long long *from, long long *len);

/* True when addr (AF_INET/AF_INET6 sockaddr) is inside the CIDR list. */
struct sockaddr;
bool cidr_allows(const char *list, const struct sockaddr *addr);

#endif
