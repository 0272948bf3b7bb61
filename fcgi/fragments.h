/*
 * fragments.h - rendered pieces of busy pages kept by each worker,
 * tagged with the change counter of their data (see
 * db/migrations/0002_change_counters.sql).
 */
#ifndef FM_FRAGMENTS_H
#define FM_FRAGMENTS_H

#include <stddef.h>

/* The HTML kept for key at exactly this version, or NULL. */
const char *fragment_get(const char *key, long long version);

/* Keeps html for key at version, evicting the least recently used. */
void fragment_put(const char *key, long long version, const char *html,
    size_t len);

/* Forgets everything (tests, reload). */
void fragment_clear(void);

#endif
