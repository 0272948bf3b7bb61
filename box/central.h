/*
 * central.h - the box's side of /box/api/ (docs/box-api.md), over
 * libcurl: bearer token, JSON bodies, time-outs so a dead network never
 * blocks the box for long.  Used from the network thread only.
 */
#ifndef FM_CENTRAL_H
#define FM_CENTRAL_H

#include "boxconf.h"

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
};

void buf_free(struct buf *b);

/* Creates the client (curl_global_init must have run). */
int central_open(const struct box_config *c);
void central_close(void);

/*
 * GET path.  etag_in (may be "") goes in If-None-Match; the answer's ETag
 * is copied to etag_out.  Returns the HTTP status (304 when unchanged),
 * or -1 when the server could not be reached (reason logged by caller
 * from central_error()).
 */
long central_get(const char *path, const char *etag_in, struct buf *body,
    char *etag_out, size_t etag_len);

/* POST a JSON document to path; the HTTP status or -1. */
long central_post(const char *path, const char *json, struct buf *body);

/* What went wrong with the last -1. */
const char *central_error(void);

#endif
