/*
 * bodyguard.c - focusd's field counter of request bodies
 * (fcgi/bodyguard.c): the input's first byte picks the pieces' size, the
 * rest is the body; counted in pieces it gives the count of the whole
 * body, whatever the splits (a boundary across two reads is counted
 * once), and the content type's boundary is parsed safely.
 */
#include "fuzz.h"
#include "bodyguard.h"

/* True when the boundary's start is also its end ("---"): matches may
 * then overlap, and the two ways of counting differ without harm. */
static bool
overlaps(const struct bodyguard *g)
{
	size_t k;

	for (k = 1; k < g->patlen; k++)
		if (!memcmp(g->pat, g->pat + g->patlen - k, k))
			return true;
	return false;
}

static int
count_whole(const struct bodyguard *g, const char *b, size_t n)
{
	const char *p = b, *end = b + n;
	int k = 0;
	size_t i;

	if (!g->multipart) {
		for (i = 0; i < n; i++)
			k += b[i] == '&';
		return k;
	}
	while ((size_t)(end - p) >= g->patlen &&
	    (p = memmem(p, (size_t)(end - p), g->pat, g->patlen)) != NULL) {
		k++;
		p += g->patlen;
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bodyguard g;
	const char *body;
	char ctype[120];
	size_t step, n, i, nl;

	if (size < 2)
		return 0;
	step = (size_t)data[0] + 1;
	/* up to the first '\n': the content type; the rest: the body */
	nl = 1;
	while (nl < size && data[nl] != '\n' && nl < sizeof(ctype))
		nl++;
	memcpy(ctype, data + 1, nl - 1);
	ctype[nl - 1] = '\0';
	body = (const char *)data + (nl < size ? nl + 1 : size);
	n = size - (size_t)(body - (const char *)data);
	if (!bodyguard_init(&g, ctype, 1 << 30))
		return 0;
	for (i = 0; i < n; i += step)
		FUZZ_ASSERT(
		    bodyguard_feed(&g, body + i, n - i < step ? n - i : step));
	if (!g.multipart || !overlaps(&g))
		FUZZ_ASSERT(g.fields == count_whole(&g, body, n));
	FUZZ_ASSERT(g.carrylen < sizeof(g.carry));
	return 0;
}
