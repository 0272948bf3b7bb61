/*
 * central.h - the box's side of /box/api/ (docs/box-api.md), over
 * libcurl: bearer token, JSON bodies, time-outs so a dead network never
 * blocks the box for long.  One handle per process: in fm-box, used from
 * the network thread only; in fm-upload, for its uploads (upclient.h).
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

/* Creates the client (curl_global_init must have run); program names it
 * in the User-Agent. */
int central_open(const struct box_config *c, const char *program);
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

/* The same with its own time-out (a finish may take minutes). */
long central_post_within(const char *path, const char *json, long timeout_secs,
    struct buf *body);

/* Gives libcurl the next bytes of a PUT (its read callback's shape):
 * the count, 0 at the end, or CURL_READFUNC_ABORT. */
typedef size_t (
    *central_read_fn)(char *ptr, size_t size, size_t nmemb, void *ud);

/*
 * PUT len bytes produced by read(ud) to path, with one more header line
 * ("Name: value"), in libcurl buffers of buffer_size bytes; given up when
 * slower than 1 KB/s for stall_secs.  The HTTP status or -1.
 */
long central_put(const char *path, const char *header, long long len,
    central_read_fn read, void *ud, long buffer_size, int stall_secs,
    struct buf *body);

/* What went wrong with the last -1. */
const char *central_error(void);

#endif
