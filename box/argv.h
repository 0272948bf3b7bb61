/*
 * argv.h - a growing NULL-terminated argument vector for execvp.
 */
#ifndef FM_ARGV_H
#define FM_ARGV_H

#include <stdbool.h>
#include <stddef.h>

struct argv {
	char **v; /* v[n] is NULL */
	size_t n, cap;
	bool failed; /* an allocation failed: do not run it */
};

void argv_init(struct argv *a);
void argv_free(struct argv *a);

/* Appends copies of each string up to a NULL. */
void argv_add(struct argv *a, ...) __attribute__((sentinel));

/* Appends a printf-formatted argument. */
void argv_addf(struct argv *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends each space-separated word of s (no quoting: config values). */
void argv_split(struct argv *a, const char *s);

/* The whole command on one line, for logs (static buffer). */
const char *argv_str(const struct argv *a);

#endif
