/*
 * range.c - fm-box's HTTP Range parser (box/httpd.c) for its local
 * downloads: a range it accepts lies inside the file.
 */
#include "fuzz.h"
#include "httpd.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long long sizes[] = { 0, 1, 2, 1000, 1LL << 40,
		9223372036854775807LL };
	char *h = fuzz_string(data, size);
	long long from, len;
	size_t i;
	int r;

	for (i = 0; i < FM_ARRAY_LEN(sizes); i++) {
		from = len = -7;
		r = http_range(h, sizes[i], &from, &len);
		FUZZ_ASSERT(r >= -1 && r <= 1);
		if (r == 1) {
			FUZZ_ASSERT(from >= 0 && len > 0);
			FUZZ_ASSERT(from < sizes[i] && len <= sizes[i] - from);
		}
	}
	free(h);
	return 0;
}
