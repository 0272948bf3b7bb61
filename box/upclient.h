/*
 * upclient.h - fm-upload's HTTP client for /box/api/uploads (libcurl,
 * one handle, so that chunks reuse the connection): JSON calls, and PUT
 * of a file's byte range with a bandwidth cap.
 */
#ifndef FM_UPCLIENT_H
#define FM_UPCLIENT_H

#include "boxconf.h"
#include "central.h"

/* Creates the client (curl_global_init must have run); 0 on success. */
int upclient_open(const struct box_config *c);
void upclient_close(void);

/*
 * POST a JSON document to path (under Central.URL); the answer's body in
 * out.  Returns the HTTP status, or -1 when the server could not be
 * reached or the transfer failed (upclient_error() says why).
 */
long upclient_post(const char *path, const char *json, long timeout_secs,
    struct buf *out);

/*
 * PUT len bytes of fd from offset to path, with "Upload-Offset: offset";
 * at most max_bps bytes/s (0: no cap); given up when slower than 1 KB/s
 * for stall_secs.  *sent gets the bytes that left the box (even when the
 * transfer failed).  Returns the HTTP status or -1.
 */
long upclient_put(const char *path, int fd, long long offset, long long len,
    long long max_bps, int stall_secs, struct buf *out, long long *sent);

/* What went wrong with the last -1. */
const char *upclient_error(void);

#endif
