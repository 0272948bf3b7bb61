/*
 * fragments.c - a small LRU of rendered HTML per worker process.
 *
 * A few dozen entries of at most 512 KB: a worker holds at most a few MB.
 */
#include "fragments.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 32
#define MAX_HTML (512 * 1024)

struct slot {
	char *key;
	char *html;
	long long version;
	unsigned long used;
};

static struct slot slots[SLOTS];
static unsigned long tick;

const char *
fragment_get(const char *key, long long version)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key != NULL && slots[i].version == version &&
		    !strcmp(slots[i].key, key)) {
			slots[i].used = ++tick;
			return slots[i].html;
		}
	return NULL;
}

static void
drop(struct slot *s)
{
	free(s->key);
	free(s->html);
	memset(s, 0, sizeof(*s));
}

void
fragment_put(const char *key, long long version, const char *html,
    size_t len)
{
	struct slot *s = NULL;
	int i;

	if (len > MAX_HTML)
		return;
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].key != NULL && !strcmp(slots[i].key, key)) {
			s = &slots[i];       /* same key, older version */
			break;
		}
		if (s == NULL || slots[i].key == NULL ||
		    (s->key != NULL && slots[i].used < s->used))
			s = &slots[i];
	}
	drop(s);
	s->key = strdup(key);
	s->html = malloc(len + 1);
	if (s->key == NULL || s->html == NULL) {
		drop(s);
		return;
	}
	memcpy(s->html, html, len);
	s->html[len] = '\0';
	s->version = version;
	s->used = ++tick;
}

void
fragment_clear(void)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		drop(&slots[i]);
}
