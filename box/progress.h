/*
 * progress.h - ffmpeg's "-progress pipe:1" output: blocks of key=value
 * lines, each block ending with progress=continue or progress=end.
 */
#ifndef FM_PROGRESS_H
#define FM_PROGRESS_H

#include <stddef.h>
#include <time.h>

struct progress {
	long long frame;
	long long drop_frames; /* frames ffmpeg dropped (late input) */
	long long out_time_us;
	char bitrate[32]; /* "1523.4kbits/s" as ffmpeg prints it */
	char speed[16];   /* "1.00x" */
	time_t updated;   /* when out_time last moved forward */
	char line[256];   /* partial line carried between reads */
	size_t len;
};

/* Feeds bytes read from the pipe; updates the fields at each line. */
void progress_feed(struct progress *p, const char *buf, size_t n, time_t now);

#endif
