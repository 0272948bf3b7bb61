/*
 * upclient.c - see upclient.h.
 */
#include "upclient.h"

#include <curl/curl.h> /* CURL_READFUNC_ABORT */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct source {
	int fd;
	long long off, left, sent;
};

/*
 * The bandwidth cap, kept across chunks: libcurl's own limit starts again
 * with each request and counts nothing for the pause while the central
 * server appends a chunk, which lowered a high cap by a tenth.  Bytes are
 * handed to libcurl no sooner than the cap allows since the pacer started;
 * a pause earns at most PACE_CREDIT seconds of catching up, so that a long
 * one (between files) never turns into a burst that starves a live stream.
 */
#define PACE_CREDIT 0.1
static struct {
	long long rate; /* bytes/s, 0: no cap */
	double t0;      /* when "bytes" started counting */
	long long bytes;
} pace;

static double
now_secs(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void
pace_start(long long rate)
{
	if (rate == pace.rate)
		return;
	pace.rate = rate;
	pace.t0 = now_secs();
	pace.bytes = 0;
}

/* Waits until n more bytes may go. */
static void
pace_wait(size_t n)
{
	double now, due;
	struct timespec d;

	if (pace.rate <= 0)
		return;
	now = now_secs();
	if (now - (pace.t0 + (double)pace.bytes / pace.rate) > PACE_CREDIT)
		pace.t0 = now - PACE_CREDIT - (double)pace.bytes / pace.rate;
	pace.bytes += (long long)n;
	due = pace.t0 + (double)pace.bytes / pace.rate;
	if (due <= now)
		return;
	d.tv_sec = (time_t)(due - now);
	d.tv_nsec = (long)((due - now - (double)d.tv_sec) * 1e9);
	while (nanosleep(&d, &d) != 0 && errno == EINTR)
		;
}

/* libcurl asks for the next bytes of the chunk: pread from the file. */
static size_t
on_read(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct source *s = ud;
	size_t want = size * nmemb;
	ssize_t n;

	if (s->left <= 0)
		return 0;
	if ((long long)want > s->left)
		want = (size_t)s->left;
	do
		n = pread(s->fd, ptr, want, (off_t)s->off);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return CURL_READFUNC_ABORT; /* the file shrank: give up */
	pace_wait((size_t)n);
	s->off += n;
	s->left -= n;
	s->sent += n;
	return (size_t)n;
}

long
upclient_put(const char *path, int fd, long long offset, long long len,
    long long max_bps, int stall_secs, struct buf *out, long long *sent)
{
	struct source src = { fd, offset, len, 0 };
	char off[64];
	long st;

	snprintf(off, sizeof(off), "Upload-Offset: %lld", offset);
	pace_start(max_bps);
	/* Capped, a buffer leaves at once once the pacer let it go: buffers
	 * of a twentieth of a second of the cap keep a live stream's share
	 * of the line steady; uncapped, large ones go faster. */
	st = central_put(path, off, len, on_read, &src,
	    max_bps == 0                 ? 2L * 1024 * 1024
	        : max_bps / 20 < 16384   ? 16384L
	        : max_bps / 20 > 2097152 ? 2097152L
	                                 : (long)(max_bps / 20),
	    stall_secs, out);
	*sent = src.sent;
	return st;
}
