/*
 * route.c - the route matcher (fcgi/route_match.c) against every pattern
 * of the route table, with the path the input gives: ids are positive and
 * fit, a literal path matches only itself.
 */
#include "fuzz.h"
#include "routes.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_string(data, size);
	const struct route *rt;
	long long ids[3];
	size_t n, i;
	int k, j;

	rt = routes_table(&n);
	for (i = 0; i < n; i++) {
		k = route_pattern_match(rt[i].pattern, path, ids, 3);
		FUZZ_ASSERT(k >= -1 && k <= 3);
		for (j = 0; j < k; j++)
			FUZZ_ASSERT(ids[j] > 0);
		if (k >= 0 && strchr(rt[i].pattern, '{') == NULL)
			FUZZ_ASSERT(strcmp(rt[i].pattern, path) == 0);
	}
	free(path);
	return 0;
}
