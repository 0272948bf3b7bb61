/*
 * upclient.h - fm-upload's chunk sender: PUT of a file's byte range to
 * /box/api/uploads/{id} through the box API client (central.h, which
 * fm-upload opens and closes), with the bandwidth cap held across chunks.
 */
#ifndef FM_UPCLIENT_H
#define FM_UPCLIENT_H

#include "central.h"

/*
 * PUT len bytes of fd from offset to path, with "Upload-Offset: offset";
 * at most max_bps bytes/s (0: no cap); given up when slower than 1 KB/s
 * for stall_secs.  *sent gets the bytes that left the box (even when the
 * transfer failed).  Returns the HTTP status or -1 (central_error() says
 * why).
 */
long upclient_put(const char *path, int fd, long long offset, long long len,
    long long max_bps, int stall_secs, struct buf *out, long long *sent);

#endif
