/*
 * media.h - the media store (Paths.Media): recordings and the files
 * shared on orders, below one folder that nginx serves only after focusd
 * said yes (internal locations /_media/ and /_files/, X-Accel-Redirect).
 * Paths in the database are relative to it and never contain "..".
 */
#ifndef FM_MEDIA_H
#define FM_MEDIA_H

#include "fm.h"

/* The absolute path of a stored relative path; false when it does not
 * fit or is not a safe relative path. */
bool media_path(char *out, size_t len, const char *rel);

/* True when rel is a relative path without "..", "." or empty parts,
 * control characters, or \ ? % # (nginx decodes an X-Accel-Redirect URI
 * and splits it at "?" after decoding: such names cannot be served). */
bool media_rel_ok(const char *rel);

/* Makes the folders of rel below the store (mode 0750, and the store's
 * group when it is set-group-ID); false (logged) on failure. */
bool media_mkdirs(const char *rel);

/* Removes a stored file (logged); a file already gone is only noted. */
void media_unlink(const char *rel, const char *why);

/* Percent-encodes rel for an X-Accel-Redirect URI (nginx decodes it):
 * every byte but unreserved characters and "/". */
bool media_uri(char *out, size_t len, const char *prefix, const char *rel);

/* Free MiB on the media store's file system, -1 when unknown. */
long long media_free_mb(void);

#endif
