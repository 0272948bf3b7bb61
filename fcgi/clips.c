/*
 * clips.c - clips and highlight reels (docs/videos.md, "Clips and
 * reels"), for the accounts that may download (staff, user, client;
 * never live: the route bits):
 *
 *   POST /portal/watch/{rec}/clips   a clip of the recording: name and
 *                                    start_ms/end_ms (marks), or note
 *                                    with before/after seconds (15/15)
 *   GET  /portal/watch/{rec}/clips   the order's clips and reels (JSON:
 *                                    status, error, the media file)
 *   POST /portal/reels               a reel of clips (clips=3,5,4)
 *
 * focusd only queues the job (clips table); `fm-media clips` cuts it
 * (tools/fm_media_clips.c).  The result is a media file of the
 * recording, downloaded through /download/{media} like the recording's
 * own files (and logged the same way).  Every query carries the
 * session's order: another order's recording, note or clip is 404.
 */
#include "db/db_clips.h"
#include "db/db_portal.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
staff(struct req *r)
{
	return !strcmp(r->sess.kind, "staff");
}

static const char *
author(struct req *r)
{
	return staff(r) && r->sess.name[0] ? r->sess.name : r->sess.login;
}

static NEOERR *
refuse(struct req *r, const char *what)
{
	char key[64];

	snprintf(key, sizeof(key), "clips.%s", what);
	return http_json_refuse(r, FM_ERR_FORM,
	    json_pack("{s:b, s:s}", "ok", 0, "error", http_str(r, key)));
}

/* A non-negative number of at most 12 digits, or -1. */
static long long
number(struct req *r, const char *name)
{
	const char *v = http_param(r, name);
	size_t n = v ? strlen(v) : 0;

	if (n < 1 || n > 12 || strspn(v, "0123456789") != n)
		return -1;
	return atoll(v);
}

static NEOERR *
queued(struct req *r, PGresult *res)
{
	const char *result;
	long long id;

	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	result = db_get(res, 0, "result");
	if (!strcmp(result, "range") || !strcmp(result, "nomp4") ||
	    !strcmp(result, "clips")) {
		char what[16];

		snprintf(what, sizeof(what), "bad_%s", result);
		PQclear(res);
		return refuse(r, what);
	}
	id = atoll(result);
	PQclear(res);
	log_info("clips: job %lld queued by %s", id, r->sess.login);
	return http_json(r,
	    json_pack("{s:b, s:I}", "ok", 1, "id", (json_int_t)id));
}

NEOERR *
clips_create(struct req *r)
{
	static const struct field f[] = {
		{ "name", FT_TEXT, true, 100, 0, NULL },
	};
	long long start = number(r, "start_ms"), end = number(r, "end_ms");
	long long note = number(r, "note"), rec = r->id[0];
	PGresult *res;
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0)
		return refuse(r, "bad_name");
	if (note > 0) {
		long long before = number(r, "before"),
		          after = number(r, "after");

		if (before < 0)
			before = 15;
		if (after < 0)
			after = 15;
		if (before > 300 || after > 300)
			return refuse(r, "bad_range");
		err = db_clip_note_window(note, r->order_scope,
		    r->sess.account_id, r->sess.staff_id, (int)before,
		    (int)after, &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (PQntuples(res) == 0 ||
		    atoll(db_get(res, 0, "recording_id")) != rec) {
			PQclear(res);
			return not_found(r);
		}
		start = atoll(db_get(res, 0, "start_ms"));
		end = atoll(db_get(res, 0, "end_ms"));
		PQclear(res);
	} else if (start < 0 || end < 0)
		return refuse(r, "bad_range");
	err = db_clip_request(rec, r->order_scope, r->sess.account_id,
	    r->sess.staff_id, author(r), form_value(r, "name"), start, end,
	    note > 0 ? note : 0, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return queued(r, res);
}

NEOERR *
reels_create(struct req *r)
{
	static const struct field f[] = {
		{ "name", FT_TEXT, true, 100, 0, NULL },
		{ "clips", FT_TEXT, true, 600, 0, NULL },
	};
	const char *ids;
	PGresult *res;
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0)
		return refuse(r, "bad_name");
	ids = form_value(r, "clips");
	if (strspn(ids, "0123456789,") != strlen(ids) || *ids == ',' ||
	    strstr(ids, ",,") != NULL || ids[strlen(ids) - 1] == ',')
		return refuse(r, "bad_clips");
	err = db_reel_request(r->order_scope, r->sess.account_id,
	    r->sess.staff_id, author(r), form_value(r, "name"), ids, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return queued(r, res);
}

static json_t *
num_or_null(const char *s)
{
	return s ? json_integer(atoll(s)) : json_null();
}

NEOERR *
clips_list(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	json_t *list;
	int i;

	err = db_portal_recording(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	PQclear(res);
	err = db_clips_of_recording(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	list = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		const char *e = db_get(res, i, "error");

		json_array_append_new(list,
		    json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, "
		              "s:I, s:s, s:I}",
		        "id", (json_int_t)atoll(db_get(res, i, "id")), "kind",
		        db_get(res, i, "kind"), "name", db_get(res, i, "name"),
		        "status", db_get(res, i, "status"), "error",
		        e ? json_string(e) : json_null(), "media",
		        num_or_null(db_get(res, i, "media_file_id")),
		        "duration_ms",
		        num_or_null(db_get(res, i, "duration_ms")), "start_ms",
		        num_or_null(db_get(res, i, "start_ms")), "end_ms",
		        num_or_null(db_get(res, i, "end_ms")), "recording",
		        (json_int_t)atoll(db_get(res, i, "recording_id")),
		        "author", db_get(res, i, "author"), "attempts",
		        (json_int_t)atoll(db_get(res, i, "attempts"))));
	}
	PQclear(res);
	return http_json(r, json_pack("{s:o}", "clips", list));
}
