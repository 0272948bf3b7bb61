/*
 * schedule.c - parse, cache and query the box's schedule (jansson).
 */
#include "schedule.h"
#include "util.h"

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

time_t
parse_rfc3339(const char *s)
{
	struct tm tm;
	const char *p;
	time_t t;
	int oh, om, sign;

	if (s == NULL)
		return -1;
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (p == NULL)
		return -1;
	if (*p == '.') /* fractions of a second are dropped */
		for (p++; isdigit((unsigned char)*p); p++)
			;
	t = timegm(&tm);
	if (*p == 'Z' && p[1] == '\0')
		return t;
	if ((*p == '+' || *p == '-') &&
	    sscanf(p + 1, "%2d:%2d", &oh, &om) == 2 && strlen(p) == 6) {
		sign = *p == '+' ? 1 : -1;
		return t - sign * (oh * 3600 + om * 60);
	}
	return -1;
}

void
format_rfc3339(time_t t, char *out, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
copy_str(char *dst, size_t len, json_t *v)
{
	const char *s = json_is_string(v) ? json_string_value(v) : "";

	snprintf(dst, len, "%s", s);
}

static int
parse_one(json_t *o, struct resv *r, char *err, size_t errlen)
{
	json_t *v;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(o)) {
		snprintf(err, errlen, "a reservation is not an object");
		return -1;
	}
	v = json_object_get(o, "id");
	r->id = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	r->start = parse_rfc3339(
	    json_string_value(json_object_get(o, "starts_at")));
	r->end = parse_rfc3339(
	    json_string_value(json_object_get(o, "ends_at")));
	if (r->id <= 0 || r->start < 0 || r->end <= r->start) {
		snprintf(err, errlen, "reservation %lld: bad id or times",
		    r->id);
		return -1;
	}
	v = json_object_get(o, "overtime_minutes");
	r->overtime_min = json_is_integer(v) ? (int)json_integer_value(v) : 0;
	if (r->overtime_min < 0 || r->overtime_min > 24 * 60) {
		snprintf(err, errlen, "reservation %lld: bad overtime", r->id);
		return -1;
	}
	r->rec = json_is_true(json_object_get(o, "rec"));
	r->live = json_is_true(json_object_get(o, "live"));
	r->trad = json_is_true(json_object_get(o, "trad"));
	copy_str(r->stream_key, sizeof(r->stream_key),
	    json_object_get(o, "stream_key"));
	copy_str(r->live_url, sizeof(r->live_url),
	    json_object_get(o, "live_url"));
	copy_str(r->label, sizeof(r->label), json_object_get(o, "label"));
	if (r->live &&
	    strspn(r->stream_key,
	        "abcdefghijklmnopqrstuvwxyz"
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
	        strlen(r->stream_key)) {
		snprintf(err, errlen, "reservation %lld: bad stream key",
		    r->id);
		return -1;
	}
	return 0;
}

int
schedule_parse(const char *json, size_t len, struct schedule *out, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *root, *list, *v;
	size_t i;

	memset(out, 0, sizeof(*out));
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		snprintf(err, errlen, "JSON: %s (line %d)", jerr.text,
		    jerr.line);
		return -1;
	}
	list = json_object_get(root, "reservations");
	if (!json_is_object(root) || !json_is_array(list)) {
		snprintf(err, errlen, "no reservations array");
		json_decref(root);
		return -1;
	}
	v = json_object_get(root, "box");
	out->box_id = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	out->n = json_array_size(list);
	out->v = calloc(out->n ? out->n : 1, sizeof(*out->v));
	if (out->v == NULL) {
		snprintf(err, errlen, "out of memory");
		json_decref(root);
		return -1;
	}
	for (i = 0; i < out->n; i++) {
		if (parse_one(json_array_get(list, i), &out->v[i], err,
		        errlen) < 0) {
			schedule_free(out);
			json_decref(root);
			return -1;
		}
	}
	json_decref(root);
	return 0;
}

void
schedule_free(struct schedule *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void
schedule_move(struct schedule *dst, struct schedule *src)
{
	schedule_free(dst);
	*dst = *src;
	memset(src, 0, sizeof(*src));
}

int
schedule_save(const char *path, const char *json, size_t len, const char *etag)
{
	char epath[1100];

	if (snprintf(epath, sizeof(epath), "%s.etag", path) >=
	    (int)sizeof(epath))
		return -1;
	if (write_atomic(path, json, len) != 0)
		return -1;
	return write_atomic(epath, etag ? etag : "", etag ? strlen(etag) : 0);
}

int
schedule_load(const char *path, struct schedule *out)
{
	char epath[1100], err[200];
	char *body, *etag;
	size_t len = 0, elen = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	body = slurp(path, &len);
	if (body == NULL)
		return -1;
	rc = schedule_parse(body, len, out, err, sizeof(err));
	free(body);
	if (rc != 0)
		return -1;
	snprintf(epath, sizeof(epath), "%s.etag", path);
	etag = slurp(epath, &elen);
	if (etag != NULL) {
		snprintf(out->etag, sizeof(out->etag), "%s", etag);
		free(etag);
	}
	return 0;
}

time_t
resv_stop_time(const struct resv *r)
{
	return r->end + (time_t)r->overtime_min * 60;
}

const struct resv *
schedule_due(const struct schedule *s, time_t now, int preroll)
{
	const struct resv *best = NULL;
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct resv *r = &s->v[i];

		if (!(r->rec || r->live) || now < r->start - preroll ||
		    now >= resv_stop_time(r))
			continue;
		if (best == NULL || r->start < best->start)
			best = r;
	}
	return best;
}

bool
schedule_busy_within(const struct schedule *s, time_t now, int secs,
    int preroll)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct resv *r = &s->v[i];

		if ((r->rec || r->live) && r->start - preroll <= now + secs &&
		    resv_stop_time(r) > now)
			return true;
	}
	return false;
}

const struct resv *
schedule_find(const struct schedule *s, long long id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].id == id)
			return &s->v[i];
	return NULL;
}
