/*
 * dlline.c - fm-downloads' parser of nginx's download log lines
 * (fcgi/download_line.c): what it accepts its SQL takes whole.
 */
#include "fuzz.h"
#include "download_line.h"

static void
ascii(const char *s)
{
	for (; *s; s++)
		FUZZ_ASSERT(
		    (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_string(data, size);
	struct download_line d;

	if (download_line_parse(line, &d)) {
		FUZZ_ASSERT(strspn(d.id, "0123456789") == strlen(d.id));
		FUZZ_ASSERT(strlen(d.status) <= 3);
		FUZZ_ASSERT(strlen(d.request_id) == 32);
		FUZZ_ASSERT(strlen(d.range) <= 200);
		FUZZ_ASSERT(strchr(d.msec, '.') == strrchr(d.msec, '.'));
		ascii(d.completion);
		ascii(d.range);
	}
	free(line);
	return 0;
}
