/*
 * live_clock.c - the wall clock of a live stream's picture (live_clock.h).
 */
#include "live_clock.h"
#include "conf.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TS_PACKET 188
#define KEEP_MS   1000

long long
live_clock_ts_pts(const unsigned char *buf, size_t len)
{
	size_t off;

	for (off = 0; off + TS_PACKET <= len; off += TS_PACKET) {
		const unsigned char *p = buf + off, *pes;
		size_t start = 4;

		if (p[0] != 0x47)
			return -1;
		if (!(p[1] & 0x40)) /* no payload unit start */
			continue;
		if (p[3] & 0x20) /* adaptation field */
			start += 1 + p[4];
		if (!(p[3] & 0x10) || start + 14 > TS_PACKET)
			continue;
		pes = p + start;
		/* a PES packet of a video stream (0xE0-0xEF) with a PTS */
		if (pes[0] != 0 || pes[1] != 0 || pes[2] != 1 ||
		    (pes[3] & 0xF0) != 0xE0 || !(pes[7] & 0x80))
			continue;
		return ((long long)(pes[9] & 0x0E) << 29) |
		    ((long long)pes[10] << 22) |
		    ((long long)(pes[11] & 0xFE) << 14) |
		    ((long long)pes[12] << 7) | ((long long)pes[13] >> 1);
	}
	return -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long
mtime_ms(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000 +
	    st.st_mtim.tv_nsec / 1000000;
}

static long long
file_pts(const char *path)
{
	unsigned char buf[TS_PACKET * 64];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n > 0 ? live_clock_ts_pts(buf, (size_t)n) : -1;
}

static bool
measure(long long resv, long long *anchor, long long *edge, long long *epts)
{
	const char *dir = config_str("Live.HLSPath",
	    "/var/lib/focusmanager/hls");
	char path[4096], line[256], prev[256] = "", last[256] = "";
	char before[256] = "";
	long long m, pts;
	FILE *f;

	snprintf(path, sizeof(path), "%s/r%lld/index.m3u8", dir, resv);
	f = fopen(path, "re");
	if (f == NULL)
		return false;
	/* the names of the last two fragments (digits and ".ts": nothing
	 * from the file reaches a path otherwise) */
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t n = strcspn(line, "\r\n");

		line[n] = '\0';
		if (n < 4 || n > 20 || strcmp(line + n - 3, ".ts") != 0 ||
		    strspn(line, "0123456789") != n - 3)
			continue;
		snprintf(before, sizeof(before), "%s", prev);
		snprintf(prev, sizeof(prev), "%s", line);
		snprintf(last, sizeof(last), "%s", line);
	}
	fclose(f);
	if (!*before || !*last)
		return false;
	snprintf(path, sizeof(path), "%s/r%lld/%s", dir, resv, before);
	m = mtime_ms(path);
	snprintf(path, sizeof(path), "%s/r%lld/%s", dir, resv, last);
	pts = file_pts(path);
	*edge = mtime_ms(path);
	if (m < 0 || pts < 0 || *edge < 0)
		return false;
	/* The fragment closed when the keyframe arrived, which is the
	 * encoder's delay after the picture was taken (Live.EncoderDelayMs:
	 * x264 "veryfast" at 25 frames a second, as fm-box encodes, about
	 * 0.9-1.2 s: t/browser/notes.py prints it with 0). */
	*anchor = m - pts / 90 - config_int("Live.EncoderDelayMs", 900);
	/* the newest fragment ends where the next will start */
	*epts = *edge - (m - pts / 90);
	return true;
}

bool
live_clock(long long resv, long long *anchor_ms, long long *edge_ms,
    long long *edge_pts_ms)
{
	static struct {
		long long resv, at, anchor, edge, epts;
		bool ok;
	} kept[8];
	long long t = now_ms();
	int i, slot = (int)(resv % 8);

	for (i = 0; i < 8; i++)
		if (kept[i].resv == resv && t - kept[i].at < KEEP_MS &&
		    kept[i].ok) {
			*anchor_ms = kept[i].anchor;
			/* the edge moves with time between two readings */
			*edge_ms = kept[i].edge;
			*edge_pts_ms = kept[i].epts;
			return true;
		}
	kept[slot].resv = resv;
	kept[slot].at = t;
	kept[slot].ok = measure(resv, &kept[slot].anchor, &kept[slot].edge,
	    &kept[slot].epts);
	*anchor_ms = kept[slot].anchor;
	*edge_ms = kept[slot].edge;
	*edge_pts_ms = kept[slot].epts;
	return kept[slot].ok;
}
