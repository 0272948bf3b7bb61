/*
 * recinfo.c - the per-recording state file (jansson).
 */
#include "recinfo.h"
#include "schedule.h"
#include "util.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *status_names[] = { "recording", "joining", "done",
	"failed" };

const char *
rec_status_name(enum rec_status s)
{
	return status_names[s];
}

void
rec_part_rel(const struct recinfo *r, int i, char *out, size_t len)
{
	snprintf(out, len, "%s/part-%03d.mp4", r->key, i + 1);
}

void
rec_file_rel(const struct recinfo *r, const char *suffix, const char *ext,
    char *out, size_t len)
{
	snprintf(out, len, "%s/%s%s.%s", r->key, r->key, suffix, ext);
}

static json_t *
time_json(time_t t)
{
	char buf[32];

	if (t == 0)
		return json_null();
	format_rfc3339(t, buf, sizeof(buf));
	return json_string(buf);
}

static time_t
json_time(json_t *v)
{
	time_t t = json_is_string(v) ? parse_rfc3339(json_string_value(v)) : 0;

	return t < 0 ? 0 : t;
}

int
recinfo_save(const char *state_dir, const struct recinfo *r)
{
	char path[1024];
	json_t *o, *parts, *p;
	char *text;
	int i, rc;

	o = json_pack("{s:s, s:I, s:b, s:b, s:s, s:s, s:o, s:o, s:b, s:b, "
	              "s:I, s:b}",
	    "key", r->key, "reservation", (json_int_t)r->resv, "rec", r->rec,
	    "live", r->live, "label", r->label, "status",
	    rec_status_name(r->status), "started_at", time_json(r->started),
	    "stopped_at", time_json(r->stopped), "mp3_done", r->mp3_done,
	    "mono_done", r->mono_done, "extra_done", (json_int_t)r->extra_done,
	    "reported", r->reported);
	parts = json_array();
	if (o == NULL || parts == NULL) {
		json_decref(o);
		json_decref(parts);
		return -1;
	}
	for (i = 0; i < r->nparts; i++) {
		p = json_pack("{s:o, s:o, s:s}", "started_at",
		    time_json(r->parts[i].started), "ended_at",
		    time_json(r->parts[i].ended), "end",
		    r->parts[i].end_reason);
		json_array_append_new(parts, p);
	}
	json_object_set_new(o, "parts", parts);
	text = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(o);
	if (text == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/recordings/%s.json", state_dir,
	    r->key);
	rc = write_atomic(path, text, strlen(text));
	free(text);
	return rc;
}

int
recinfo_load(const char *path, struct recinfo *r)
{
	json_error_t jerr;
	json_t *o, *parts, *p;
	const char *status;
	size_t i;
	int s;

	memset(r, 0, sizeof(*r));
	o = json_load_file(path, 0, &jerr);
	if (o == NULL)
		return -1;
	snprintf(r->key, sizeof(r->key), "%s",
	    json_string_value(json_object_get(o, "key")) ?: "");
	r->resv = json_integer_value(json_object_get(o, "reservation"));
	r->rec = json_is_true(json_object_get(o, "rec"));
	r->live = json_is_true(json_object_get(o, "live"));
	snprintf(r->label, sizeof(r->label), "%s",
	    json_string_value(json_object_get(o, "label")) ?: "");
	status = json_string_value(json_object_get(o, "status")) ?: "";
	r->status = REC_FAILED;
	for (s = 0; s < (int)(sizeof(status_names) / sizeof(*status_names));
	     s++)
		if (!strcmp(status, status_names[s]))
			r->status = (enum rec_status)s;
	r->started = json_time(json_object_get(o, "started_at"));
	r->stopped = json_time(json_object_get(o, "stopped_at"));
	r->mp3_done = json_is_true(json_object_get(o, "mp3_done"));
	r->mono_done = json_is_true(json_object_get(o, "mono_done"));
	r->extra_done = (unsigned)json_integer_value(
	    json_object_get(o, "extra_done"));
	r->reported = json_is_true(json_object_get(o, "reported"));
	parts = json_object_get(o, "parts");
	for (i = 0; i < json_array_size(parts) && i < REC_MAX_PARTS; i++) {
		p = json_array_get(parts, i);
		r->parts[i].started = json_time(
		    json_object_get(p, "started_at"));
		r->parts[i].ended = json_time(json_object_get(p, "ended_at"));
		snprintf(r->parts[i].end_reason, sizeof(r->parts[i].end_reason),
		    "%s", json_string_value(json_object_get(p, "end")) ?: "");
	}
	r->nparts = (int)i;
	json_decref(o);
	if (r->key[0] == '\0' || strchr(r->key, '/') != NULL || r->resv <= 0)
		return -1;
	return 0;
}
