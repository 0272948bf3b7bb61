/*
 * linksign.h - signed links to download a file straight from a box on
 * the site's local network (docs/box-api.md, "Local downloads").
 *
 * The central server never keeps a box's token, only its SHA-256; so the
 * links are signed with a key derived from the token:
 *
 *   key = HMAC-SHA256(token, "focusmanager box link key v1")
 *   sig = HMAC-SHA256(key, path "\n" expires)      (hex, lower case)
 *
 * The central computes key once, when the box is registered and its token
 * is shown, and stores it (boxes.link_key); the box derives the same key
 * from its own token.  path is "/dl/" followed by the file's path as the
 * box reported it (decoded: the URL carries it percent-encoded) and
 * expires a Unix time in seconds.
 */
#ifndef FM_LINKSIGN_H
#define FM_LINKSIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define LINK_HEX_LEN 64

/* The signing key for a box token, as 64 hex characters in out. */
bool link_key_from_token(const char *token, char out[LINK_HEX_LEN + 1]);

/* The signature of path ("/dl/<relpath>", decoded) until expires, as 64
 * hex characters in out. */
bool link_signature(const char *key_hex, const char *path, long long expires,
    char out[LINK_HEX_LEN + 1]);

/*
 * The signature a box adds to its live push (docs/live.md): the RTMP URL
 * is <live_url>/<stream_key>?r=<reservation>&e=<expires>&sig=<sig> with
 *   sig = HMAC-SHA256(key, "live" "\n" reservation "\n" stream_key "\n"
 *                     expires)                              (hex)
 * so that neither the token nor the key it derives ever crosses the
 * network (RTMP has no TLS), and a signature seen on the way is good for
 * that reservation's stream key until expires (a Unix time: the box
 * signs until the end of the reservation's window, the central server
 * refuses it afterwards and cuts a push that outlives it).
 */
bool live_signature(const char *key_hex, long long reservation,
    const char *stream_key, long long expires, char out[LINK_HEX_LEN + 1]);

/*
 * True when sig is the live signature of (reservation, stream_key,
 * expires) by key_hex and expires (decimal digits) is not past at now.
 * Compares in constant time.
 */
bool live_check(const char *key_hex, long long reservation,
    const char *stream_key, const char *expires, const char *sig, time_t now);

/*
 * Builds "<base_url>/dl/<relpath>?e=<expires>&s=<sig>" into out, each
 * segment of relpath percent-encoded.  relpath is the media file's path
 * as the box reported it (relative, no "..").  Returns false when it does
 * not fit or relpath is unsafe.
 */
bool link_build(char *out, size_t len, const char *base_url,
    const char *key_hex, const char *relpath, long long expires);

/*
 * True when sig is the signature of path (decoded) until expires and
 * expires is not past at now.  Compares in constant time.
 */
bool link_check(const char *key_hex, const char *path, const char *expires,
    const char *sig, time_t now);

/* True when relpath is relative, has no "." or ".." segment, no "//". */
bool link_path_safe(const char *relpath);

#endif
