/*
 * upclient.c - see upclient.h.
 */
#include "upclient.h"

#include <curl/curl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static CURL *curl;
static const struct box_config *cfg;
static char errbuf[CURL_ERROR_SIZE];
static char auth[300];

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
	long long rate;  /* bytes/s, 0: no cap */
	double t0;       /* when "bytes" started counting */
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

static size_t
on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	size_t n = size * nmemb;
	char *nd;

	if (b->len + n > 1024 * 1024)
		return 0;  /* no answer of ours is that big */
	nd = realloc(b->data, b->len + n + 1);
	if (nd == NULL)
		return 0;
	memcpy(nd + b->len, ptr, n);
	b->data = nd;
	b->len += n;
	b->data[b->len] = '\0';
	return n;
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
		return CURL_READFUNC_ABORT;  /* the file shrank: give up */
	pace_wait((size_t)n);
	s->off += n;
	s->left -= n;
	s->sent += n;
	return (size_t)n;
}

int
upclient_open(const struct box_config *c)
{
	cfg = c;
	curl = curl_easy_init();
	if (curl == NULL)
		return -1;
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", c->token);
	return 0;
}

void
upclient_close(void)
{
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl = NULL;
	memset(auth, 0, sizeof(auth));
}

static long
perform(const char *path, struct curl_slist *hdrs, struct buf *out)
{
	char url[1200];
	long status = -1;
	CURLcode rc;

	snprintf(url, sizeof(url), "%s%s", cfg->central_url, path);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "fm-upload/" PACKAGE_VERSION);
	errbuf[0] = '\0';
	rc = curl_easy_perform(curl);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	if (rc != CURLE_OK) {
		if (errbuf[0] == '\0')
			snprintf(errbuf, sizeof(errbuf), "%s",
			    curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

long
upclient_post(const char *path, const char *json, long timeout_secs,
    struct buf *out)
{
	struct curl_slist *h = NULL;
	long st;

	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(json));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_secs);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 0L);
	curl_easy_setopt(curl, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)0);
	st = perform(path, h, out);
	curl_slist_free_all(h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, NULL);
	return st;
}

long
upclient_put(const char *path, int fd, long long offset, long long len,
    long long max_bps, int stall_secs, struct buf *out, long long *sent)
{
	struct source src = { fd, offset, len, 0 };
	struct curl_slist *h = NULL;
	char off[64];
	long st;

	snprintf(off, sizeof(off), "Upload-Offset: %lld", offset);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, off);
	h = curl_slist_append(h, "Content-Type: application/octet-stream");
	h = curl_slist_append(h, "Accept: application/json");
	/* No "100 Continue" round trip before each chunk. */
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &src);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	/* Capped, a buffer leaves at once once the pacer let it go: buffers
	 * of a twentieth of a second of the cap keep a live stream's share
	 * of the line steady; uncapped, large ones go faster. */
	curl_easy_setopt(curl, CURLOPT_UPLOAD_BUFFERSIZE, max_bps == 0 ?
	    2L * 1024 * 1024 : max_bps / 20 < 16384 ? 16384L :
	    max_bps / 20 > 2097152 ? 2097152L : (long)(max_bps / 20));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);
	/* A dead link is noticed by the speed, not a fixed time-out: a
	 * capped chunk may rightly take minutes. */
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, (long)stall_secs);
	pace_start(max_bps);
	st = perform(path, h, out);
	curl_slist_free_all(h);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(curl, CURLOPT_READDATA, NULL);
	*sent = src.sent;
	return st;
}

const char *
upclient_error(void)
{
	return errbuf;
}
