/*
 * route_match.c - path pattern matching (pure, unit-tested).
 */
#include "routes.h"

#include <string.h>

/* Matches "{id}suffix" against seg[0..len); stores the number. */
static bool
match_id(const char *pat, size_t plen, const char *seg, size_t len,
    long long *out)
{
	const char *suffix = pat + 4; /* after "{id}" */
	size_t slen = plen - 4, digits, i;
	long long v = 0;

	if (len <= slen || memcmp(seg + len - slen, suffix, slen) != 0)
		return false;
	digits = len - slen;
	if (digits > 18 || seg[0] == '0')
		return false;
	for (i = 0; i < digits; i++) {
		if (seg[i] < '0' || seg[i] > '9')
			return false;
		v = v * 10 + (seg[i] - '0');
	}
	*out = v;
	return true;
}

int
route_pattern_match(const char *pattern, const char *path, long long *ids,
    int maxids)
{
	const char *p = pattern, *s = path;
	int n = 0;

	if (*p != '/' || *s != '/')
		return -1;
	while (*p == '/' && *s == '/') {
		const char *pe, *se;
		size_t plen, slen;

		p++;
		s++;
		pe = strchr(p, '/');
		se = strchr(s, '/');
		plen = pe ? (size_t)(pe - p) : strlen(p);
		slen = se ? (size_t)(se - s) : strlen(s);
		if (plen >= 4 && !strncmp(p, "{id}", 4)) {
			long long v;

			if (n == maxids || !match_id(p, plen, s, slen, &v))
				return -1;
			ids[n++] = v;
		} else if (plen != slen || strncmp(p, s, plen) != 0)
			return -1;
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0' ? n : -1;
}
