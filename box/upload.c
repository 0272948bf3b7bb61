/*
 * upload.c - see upload.h.
 */
#include "upload.h"
#include "log.h"
#include "upclient.h"
#include "util.h"
#include "digest.h"

#include <jansson.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_RESYNC 5

static enum up_result result(struct up_job *j, enum up_result r,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum up_result
result(struct up_job *j, enum up_result r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->message, sizeof(j->message), fmt, ap);
	va_end(ap);
	return r;
}

/* The answer as JSON (an empty object when it is not). */
static json_t *
answer(const struct buf *b)
{
	json_t *o = b->data ? json_loadb(b->data, b->len, 0, NULL) : NULL;

	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	return o;
}

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static long long
jnum(json_t *o, const char *key, long long def)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : def;
}

/* What an unexpected answer means for the run. */
static enum up_result
unexpected(struct up_job *j, const char *what, long st, json_t *a)
{
	if (st < 0)
		return result(j, UP_STOP, "central server unreachable (%s): %s",
		    what, central_error());
	if (st == 401 || st == 403)
		return result(j, UP_FAILED,
		    "%s: the central server refused "
		    "the box's token (%ld)",
		    what, st);
	if (st == 507)
		return result(j, UP_STOP, "%s: %s", what, jstr(a, "error"));
	if (st >= 500)
		return result(j, UP_STOP, "%s: central server error %ld %s",
		    what, st, jstr(a, "error"));
	return result(j, UP_LATER, "%s: %ld %s", what, st, jstr(a, "error"));
}

/* POST /box/api/uploads: the file's id and how much is there; true
 * when chunks are to be sent, else *r says why not. */
static bool
ask_offset(struct up_job *j, long long *offset, long long *chunk_max,
    enum up_result *r)
{
	const struct finished *f = j->f;
	struct buf b = { 0 };
	json_t *req, *a;
	char *text;
	long st;

	req = json_pack("{s:s, s:s, s:I, s:s}", "recording", f->recording,
	    "path", f->path, "bytes", (json_int_t)f->bytes, "sha256",
	    f->sha256);
	text = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (text == NULL) {
		*r = result(j, UP_STOP, "out of memory");
		return false;
	}
	st = central_post_within("/box/api/uploads", text, 60, &b);
	free(text);
	a = answer(&b);
	buf_free(&b);
	j->media_id = jnum(a, "id", 0);
	if (st == 200) {
		*offset = jnum(a, "offset", 0);
		*chunk_max = jnum(a, "chunk_max", 0);
		if (json_is_true(json_object_get(a, "verified"))) {
			json_decref(a);
			*r = UP_VERIFIED;
			return false;
		}
		json_decref(a);
		if (*offset < 0 || *offset > f->bytes) {
			*r = result(j, UP_LATER,
			    "the central server answered "
			    "offset %lld",
			    *offset);
			return false;
		}
		return true;
	}
	if (st == 404)
		*r = result(j, UP_LATER,
		    "not known to the central server yet "
		    "(its \"file\" event is on its way, or its recording was "
		    "deleted there)");
	else if (st == 409)
		*r = result(j,
		    json_is_true(json_object_get(a, "verified")) ? UP_FAILED
		                                                 : UP_LATER,
		    "the central server knows this file "
		    "with another size or SHA-256%s",
		    json_is_true(json_object_get(a, "verified"))
		        ? ", verified there"
		        : " (a newer report on its way?)");
	else
		*r = unexpected(j, "open", st, a);
	json_decref(a);
	return false;
}

static bool
go_on(const struct up_job *j)
{
	return j->may_go_on == NULL || j->may_go_on();
}

/* Sends the file from *offset to its end.  -1 when all sent. */
static int
send_chunks(struct up_job *j, int fd, long long *offset, long long chunk,
    enum up_result *r)
{
	const struct finished *f = j->f;
	char path[80];
	int resync = 0;

	snprintf(path, sizeof(path), "/box/api/uploads/%lld", j->media_id);
	while (*offset < f->bytes) {
		long long len = f->bytes - *offset, sent = 0, cap;
		struct timespec t0, t1;
		struct buf b = { 0 };
		json_t *a;
		long st;

		if (!go_on(j)) {
			*r = result(j, UP_STOP,
			    "stopped at %lld of %lld bytes "
			    "(upload window over)",
			    *offset, f->bytes);
			return 0;
		}
		if (len > chunk)
			len = chunk;
		cap = upconf_cap(j->u, j->recording && j->recording());
		if (j->verbose)
			log_info("%s: sending %lld bytes at offset %lld%s",
			    f->path, len, *offset, cap ? " (capped)" : "");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		st = upclient_put(path, fd, *offset, len, cap, j->u->stall_secs,
		    &b, &sent);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		j->sent += sent;
		a = answer(&b);
		buf_free(&b);
		if (st == 200 && jnum(a, "offset", -1) == *offset + len) {
			*offset += len;
			if (j->verbose)
				log_info("%s: %lld of %lld bytes there "
				         "(%.1f MB/s)",
				    f->path, *offset, f->bytes,
				    len / 1e6 /
				        ((t1.tv_sec - t0.tv_sec) +
				            (t1.tv_nsec - t0.tv_nsec) / 1e9 +
				            1e-9));
		} else if (st == 409 &&
		    json_is_true(json_object_get(a, "verified"))) {
			json_decref(a);
			*r = UP_VERIFIED;
			return 0;
		} else if ((st == 409 || st == 200) &&
		    jnum(a, "offset", -1) >= 0 &&
		    jnum(a, "offset", -1) <= f->bytes &&
		    ++resync <= MAX_RESYNC) {
			log_warn("%s: the central server has %lld bytes, not "
			         "%lld: going on from there",
			    f->path, jnum(a, "offset", -1),
			    *offset + (st == 200 ? len : 0));
			*offset = jnum(a, "offset", -1);
		} else if (st == 413 && jnum(a, "chunk_max", 0) > 0 &&
		    jnum(a, "chunk_max", 0) < chunk && ++resync <= MAX_RESYNC) {
			chunk = jnum(a, "chunk_max", 0);
		} else {
			*r = st == 409 || st == 413 || st == 400
			    ? result(j, UP_LATER, "chunk at %lld: %ld %s",
			          *offset, st, jstr(a, "error"))
			    : unexpected(j, "chunk", st, a);
			json_decref(a);
			return 0;
		}
		json_decref(a);
	}
	return -1;
}

/* POST .../finish: 1 verified, 0 go on from *offset, -1 stop (*r). */
static int
finish(struct up_job *j, long long *offset, bool *restarted, enum up_result *r)
{
	const struct finished *f = j->f;
	char path[80], body[120], sum[65], local[1200];
	struct buf b = { 0 };
	long long n;
	json_t *a;
	long st;

	snprintf(path, sizeof(path), "/box/api/uploads/%lld/finish",
	    j->media_id);
	snprintf(body, sizeof(body), "{\"sha256\":\"%s\"}", f->sha256);
	st = central_post_within(path, body, j->u->finish_timeout, &b);
	a = answer(&b);
	buf_free(&b);
	if (st == 200 && json_is_true(json_object_get(a, "verified"))) {
		snprintf(j->central_path, sizeof(j->central_path), "%s",
		    jstr(a, "path"));
		json_decref(a);
		return 1;
	}
	if (st == 409 && jnum(a, "offset", -1) >= 0 &&
	    jnum(a, "offset", -1) < f->bytes && !*restarted) {
		*offset = jnum(a, "offset", -1);
		*restarted = true;
		json_decref(a);
		return 0;
	}
	if (st == 422) {
		log_warn("%s: %s", f->path, jstr(a, "error"));
		json_decref(a);
		/* Whose bytes are wrong?  The box's copy must still be the
		 * file it reported, else sending it again cannot help. */
		snprintf(local, sizeof(local), "%s/%s", j->c->media_dir,
		    f->path);
		if (sha256_file(local, sum, &n) != 0 || n != f->bytes ||
		    strcmp(sum, f->sha256)) {
			*r = result(j, UP_FAILED,
			    "the file on the box no "
			    "longer has the size and SHA-256 it was finished "
			    "with");
			return -1;
		}
		if (*restarted) {
			*r = result(j, UP_LATER,
			    "the central server could "
			    "not verify it twice in a row");
			return -1;
		}
		*restarted = true;
		*offset = 0;
		return 0;
	}
	*r = unexpected(j, "finish", st, a);
	json_decref(a);
	return -1;
}

enum up_result
upload_file(struct up_job *j)
{
	const struct finished *f = j->f;
	long long offset = 0, chunk_max = 0, chunk = j->u->chunk;
	bool restarted = false;
	char local[1200];
	enum up_result r;
	int fd, k;

	j->sent = 0;
	j->message[0] = '\0';
	j->central_path[0] = '\0';
	snprintf(local, sizeof(local), "%s/%s", j->c->media_dir, f->path);
	fd = open(local, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return result(j, UP_FAILED, "%s", strerror(errno));
	if (lseek(fd, 0, SEEK_END) != f->bytes) {
		close(fd);
		return result(j, UP_FAILED,
		    "its size is no longer the %lld "
		    "bytes it was finished with",
		    f->bytes);
	}
	if (!ask_offset(j, &offset, &chunk_max, &r)) {
		close(fd);
		return r;
	}
	if (chunk_max > 0 && chunk > chunk_max)
		chunk = chunk_max;
	if (j->verbose && offset > 0)
		log_info("%s: the central server has %lld of %lld bytes",
		    f->path, offset, f->bytes);
	for (;;) {
		if (send_chunks(j, fd, &offset, chunk, &r) == 0)
			break;
		k = finish(j, &offset, &restarted, &r);
		if (k == 1) {
			r = UP_VERIFIED;
			break;
		}
		if (k < 0)
			break;
	}
	close(fd);
	return r;
}
