/*
 * argv.c - argument vectors for the programs fm-box runs.
 */
#include "argv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
argv_init(struct argv *a)
{
	memset(a, 0, sizeof(*a));
}

void
argv_free(struct argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

static void
push(struct argv *a, char *s)
{
	char **nv;

	if (s == NULL) {
		a->failed = true;
		return;
	}
	if (a->n + 2 > a->cap) {
		nv = realloc(a->v, (a->cap ? a->cap * 2 : 32) * sizeof(*nv));
		if (nv == NULL) {
			free(s);
			a->failed = true;
			return;
		}
		a->v = nv;
		a->cap = a->cap ? a->cap * 2 : 32;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

void
argv_add(struct argv *a, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, a);
	while ((s = va_arg(ap, const char *)) != NULL)
		push(a, strdup(s));
	va_end(ap);
}

void
argv_addf(struct argv *a, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	push(a, s);
}

void
argv_split(struct argv *a, const char *s)
{
	size_t len;

	while (s != NULL && *s) {
		s += strspn(s, " \t");
		len = strcspn(s, " \t");
		if (len > 0)
			push(a, strndup(s, len));
		s += len;
	}
}

const char *
argv_str(const struct argv *a)
{
	static char buf[4096];
	size_t i, o = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < a->n && o < sizeof(buf); i++) {
		n = snprintf(buf + o, sizeof(buf) - o, i ? " %s" : "%s",
		    a->v[i]);
		if (n < 0)
			break;
		o += (size_t)n;
	}
	return buf;
}
