/*
 * bodyguard.c - see bodyguard.h.
 */
#include "bodyguard.h"

#include <string.h>
#include <strings.h>

bool
bodyguard_init(struct bodyguard *g, const char *ctype, int max_fields)
{
	const char *b;
	size_t n;

	memset(g, 0, sizeof(*g));
	g->max_fields = max_fields;
	if (ctype == NULL || strncasecmp(ctype, "multipart/", 10) != 0)
		return true;
	g->multipart = true;
	b = strcasestr(ctype, "boundary=");
	if (b == NULL)
		return false;
	b += 9;
	if (*b == '"') {
		b++;
		n = strcspn(b, "\"");
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > BODYGUARD_BOUNDARY_MAX)
		return false;
	memcpy(g->pat, "--", 2);
	memcpy(g->pat + 2, b, n);
	g->patlen = n + 2;
	g->pat[g->patlen] = '\0';
	return true;
}

/* Occurrences of the boundary that start in carry + buf, once each. */
static int
count_boundaries(struct bodyguard *g, const char *buf, size_t n)
{
	char joint[2 * (BODYGUARD_BOUNDARY_MAX + 3)];
	size_t head = n < g->patlen - 1 ? n : g->patlen - 1, i;
	const char *p, *end = buf + n;
	int found = 0;

	/* Matches that start in the carried bytes and end in buf. */
	memcpy(joint, g->carry, g->carrylen);
	memcpy(joint + g->carrylen, buf, head);
	for (i = 0; i < g->carrylen; i++)
		if (i + g->patlen <= g->carrylen + head &&
		    !memcmp(joint + i, g->pat, g->patlen))
			found++;
	for (p = buf; (size_t)(end - p) >= g->patlen;) {
		p = memmem(p, (size_t)(end - p), g->pat, g->patlen);
		if (p == NULL)
			break;
		found++;
		p += g->patlen;
	}
	/* Keep the last patlen - 1 bytes of the stream for the next call. */
	if (n >= g->patlen - 1) {
		g->carrylen = g->patlen - 1;
		memcpy(g->carry, end - g->carrylen, g->carrylen);
	} else {
		size_t keep = g->carrylen + n;
		size_t drop = keep > g->patlen - 1 ? keep - (g->patlen - 1) : 0;

		memmove(g->carry, g->carry + drop, g->carrylen - drop);
		g->carrylen -= drop;
		memcpy(g->carry + g->carrylen, buf, n);
		g->carrylen += n;
	}
	return found;
}

bool
bodyguard_feed(struct bodyguard *g, const char *buf, size_t n)
{
	size_t i;

	if (g->over)
		return false;
	if (g->multipart) {
		/* A boundary opens each part and one more closes the body. */
		g->fields += count_boundaries(g, buf, n);
		g->over = g->fields > g->max_fields + 1;
	} else {
		for (i = 0; i < n; i++)
			if (buf[i] == '&')
				g->fields++;
		/* n separators make n + 1 fields. */
		g->over = g->fields >= g->max_fields;
	}
	return !g->over;
}
