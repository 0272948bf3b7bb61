/*
 * fragcache.h - rendered page parts kept by a worker while the data they
 * show has not changed.
 *
 * A part is stored under a key (what was asked: page, parameters,
 * language) with a version (what the data was: a counter or the last
 * history id that PostgreSQL triggers keep current).  Callers read the
 * version before the data, so a change in between only costs a render.
 * Parts must not depend on the session (no CSRF token, no user name).
 */
#ifndef FM_FRAGCACHE_H
#define FM_FRAGCACHE_H

#include "fm.h"

#define FRAG_PARTS 2

/* The parts stored for key at version, or NULL. */
const char *const *frag_get(const char *key, const char *version);

/* Stores up to FRAG_PARTS parts (NULL: none), replacing the least
 * recently used entry when full.  Copies the strings. */
void frag_put(const char *key, const char *version,
    const char *const parts[FRAG_PARTS]);

/* Forgets everything (tests, reload). */
void frag_clear(void);

#endif
