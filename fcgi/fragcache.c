/*
 * fragcache.c - a few rendered page parts per worker (see fragcache.h).
 */
#include "fragcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 32

struct entry {
	char key[600];
	char version[256];
	char *part[FRAG_PARTS];
	unsigned long used; /* for replacing the least recently used */
};

static struct entry slots[SLOTS];
static unsigned long clock_;

static void
release(struct entry *e)
{
	int i;

	for (i = 0; i < FRAG_PARTS; i++) {
		free(e->part[i]);
		e->part[i] = NULL;
	}
	e->key[0] = '\0';
}

const char *const *
frag_get(const char *key, const char *version)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key[0] != '\0' && !strcmp(slots[i].key, key) &&
		    !strcmp(slots[i].version, version)) {
			slots[i].used = ++clock_;
			return (const char *const *)slots[i].part;
		}
	return NULL;
}

void
frag_put(const char *key, const char *version,
    const char *const parts[FRAG_PARTS])
{
	struct entry *e = &slots[0];
	int i;

	if (strlen(key) >= sizeof(e->key) ||
	    strlen(version) >= sizeof(e->version))
		return;
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].key[0] == '\0' || !strcmp(slots[i].key, key)) {
			e = &slots[i];
			break;
		}
		if (slots[i].used < e->used)
			e = &slots[i];
	}
	release(e);
	for (i = 0; i < FRAG_PARTS; i++) {
		e->part[i] = strdup(parts[i] ? parts[i] : "");
		if (e->part[i] == NULL) {
			release(e);
			return;
		}
	}
	snprintf(e->key, sizeof(e->key), "%s", key);
	snprintf(e->version, sizeof(e->version), "%s", version);
	e->used = ++clock_;
}

void
frag_clear(void)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		release(&slots[i]);
}
