/*
 * progress.c - fm-box's reader of ffmpeg's -progress output
 * (box/progress.c), fed in pieces as the pipe gives them.
 */
#include "fuzz.h"
#include "progress.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress p;
	size_t i, step = size ? (data[0] % 17) + 1 : 1;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < size; i += step)
		progress_feed(&p, (const char *)data + i,
		    size - i < step ? size - i : step, (time_t)i);
	FUZZ_ASSERT(p.len < sizeof(p.line));
	FUZZ_ASSERT(memchr(p.bitrate, '\0', sizeof(p.bitrate)) != NULL);
	FUZZ_ASSERT(memchr(p.speed, '\0', sizeof(p.speed)) != NULL);
	return 0;
}
