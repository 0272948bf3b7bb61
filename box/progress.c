/*
 * progress.c - parse ffmpeg's -progress output.
 */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
one_line(struct progress *p, char *line, time_t now)
{
	char *eq = strchr(line, '=');
	const char *v;
	long long n;

	if (eq == NULL)
		return;
	*eq = '\0';
	v = eq + 1;
	if (!strcmp(line, "frame")) {
		p->frame = atoll(v);
	} else if (!strcmp(line, "drop_frames")) {
		p->drop_frames = atoll(v);
	} else if (!strcmp(line, "out_time_us")) {
		n = atoll(v);
		if (n > p->out_time_us)
			p->updated = now;
		p->out_time_us = n;
	} else if (!strcmp(line, "bitrate")) {
		snprintf(p->bitrate, sizeof(p->bitrate), "%s", v);
	} else if (!strcmp(line, "speed")) {
		snprintf(p->speed, sizeof(p->speed), "%s", v);
	}
}

void
progress_feed(struct progress *p, const char *buf, size_t n, time_t now)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			p->line[p->len] = '\0';
			one_line(p, p->line, now);
			p->len = 0;
		} else if (p->len + 1 < sizeof(p->line)) {
			p->line[p->len++] = buf[i];
		}
		/* a line longer than the buffer is cut: no key is that long */
	}
}
