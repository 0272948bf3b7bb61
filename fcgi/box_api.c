/*
 * box_api.c - /box/api/: schedule, heartbeat, events (docs/box-api.md).
 * JSON in and out with jansson; SQL in db_boxes.c.
 */
#include "box_api.h"
#include "box_input.h"
#include "digest.h"
#include "conf.h"
#include "db/db_boxes.h"
#include "errors.h"
#include "handlers.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY (64 * 1024)

static void
format_utc(time_t t, char *out, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

NEOERR *
box_auth(struct req *r)
{
	const char *h = http_env(r, "HTTP_AUTHORIZATION");
	const char *tok;
	PGresult *res;
	NEOERR *err;

	if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
		return nerr_raise(FM_ERR_UNAUTHORIZED, "no box token");
	tok = h + 7;
	if (strlen(tok) != 64 || strspn(tok, "0123456789abcdef") != 64)
		return nerr_raise(FM_ERR_UNAUTHORIZED, "malformed box token");
	err = db_box_auth(tok, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return nerr_raise(FM_ERR_UNAUTHORIZED, "unknown box token");
	}
	r->sess.box_id = atoll(PQgetvalue(res, 0, 0));
	snprintf(r->sess.kind, sizeof(r->sess.kind), "box");
	snprintf(r->sess.login, sizeof(r->sess.login), "box:%s",
	    PQgetvalue(res, 0, 2));
	PQclear(res);
	return STATUS_OK;
}

void
box_api_error(struct req *r, NERR_TYPE type, const char *message)
{
	NEOERR *err;

	if (type == FM_ERR_UNAUTHORIZED)
		http_header(r,
		    "WWW-Authenticate: Bearer "
		    "realm=\"focusmanager-box\"");
	err = http_json_refuse(r, type,
	    json_pack("{s:s}", "error",
	        message && *message ? message : "error"));
	if (err != STATUS_OK)
		nerr_ignore(&err);
}

/* The RTMP server the boxes push to: Live.RTMPURL, or Site.BaseURL's host. */
static void
live_url(char *out, size_t len)
{
	const char *u = config_str("Live.RTMPURL", NULL);
	const char *host;
	size_t n;

	if (u != NULL) {
		snprintf(out, len, "%s", u);
		return;
	}
	host = strstr(g_cfg->base_url, "://");
	host = host ? host + 3 : g_cfg->base_url;
	n = strcspn(host, ":/");
	snprintf(out, len, "rtmp://%.*s/live", (int)n, host);
}

NEOERR *
box_api_schedule(struct req *r)
{
	char url[300], etag[70], sum[65], now[32];
	const char *inm;
	PGresult *res = NULL, *room = NULL;
	json_t *list, *doc;
	char *text;
	time_t t = time(NULL);
	int i;
	NEOERR *err;

	err = db_box_stream_keys(r->sess.box_id);
	if (err == STATUS_OK)
		err = db_box_schedule(r->sess.box_id, &res);
	if (err == STATUS_OK)
		err = db_box_room(r->sess.box_id, &room);
	if (err != STATUS_OK) {
		PQclear(res);
		return nerr_pass(err);
	}
	live_url(url, sizeof(url));
	list = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:i, s:b, s:b, s:b, "
		                      "s:s}",
		    "id", (json_int_t)atoll(db_get(res, i, "id")), "starts_at",
		    db_get(res, i, "starts_at"), "ends_at",
		    db_get(res, i, "ends_at"), "overtime_minutes",
		    atoi(db_get(res, i, "overtime_minutes")), "rec",
		    atoi(db_get(res, i, "rec")), "live",
		    atoi(db_get(res, i, "live")), "trad",
		    atoi(db_get(res, i, "trad")), "label",
		    db_get(res, i, "label"));

		if (atoi(db_get(res, i, "live"))) {
			json_object_set_new(o, "stream_key",
			    json_string(db_get(res, i, "stream_key")));
			json_object_set_new(o, "live_url", json_string(url));
		}
		json_array_append_new(list, o);
	}
	PQclear(res);
	/* The ETag covers the reservations only: an unchanged schedule is
	 * a 304 whatever the time it was asked at. */
	text = json_dumps(list, JSON_COMPACT | JSON_SORT_KEYS);
	if (text == NULL || !sha256_hex(text, strlen(text), sum)) {
		free(text);
		json_decref(list);
		PQclear(room);
		return nerr_raise(NERR_NOMEM, "schedule digest");
	}
	free(text);
	snprintf(etag, sizeof(etag), "\"%.32s\"", sum);
	http_header(r, "ETag: %s", etag);
	inm = http_env(r, "HTTP_IF_NONE_MATCH");
	if (inm != NULL && !strcmp(inm, etag)) {
		json_decref(list);
		PQclear(room);
		return nerr_pass(http_send(r, 304, NULL, "", 0));
	}
	format_utc(t, now, sizeof(now));
	doc = json_pack("{s:I, s:{s:I, s:s, s:s}, s:s, s:s, s:o}", "box",
	    (json_int_t)r->sess.box_id, "room", "id",
	    (json_int_t)atoll(db_get(room, 0, "room_id")), "name",
	    db_get(room, 0, "room"), "site", db_get(room, 0, "site"),
	    "generated_at", now, "live_url", url, "reservations", list);
	PQclear(room);
	return http_json(r, doc);
}

/* Reads the JSON body of a box POST. */
NEOERR *
box_api_read_json(struct req *r, json_t **out)
{
	const char *cl = http_env(r, "CONTENT_LENGTH");
	long n = cl ? atol(cl) : 0;
	json_error_t jerr;
	char *buf;
	int got;

	*out = NULL;
	if (n <= 0 || n > MAX_BODY)
		return nerr_raise(FM_ERR_INVALID,
		    "a JSON body of at most %d "
		    "bytes is expected",
		    MAX_BODY);
	buf = malloc((size_t)n);
	if (buf == NULL)
		return nerr_raise(NERR_NOMEM, "body");
	got = FCGX_GetStr(buf, (int)n, r->fcgx->in);
	if (got != n) {
		free(buf);
		return nerr_raise(FM_ERR_INVALID, "truncated body");
	}
	*out = json_loadb(buf, (size_t)n, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (*out == NULL || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return nerr_raise(FM_ERR_INVALID, "not a JSON object: %s",
		    jerr.text);
	}
	return STATUS_OK;
}

NEOERR *
box_api_heartbeat(struct req *r)
{
	struct box_heartbeat hb;
	char now[32], why[200];
	json_t *doc;
	char *text;
	NEOERR *err;

	err = box_api_read_json(r, &doc);
	if (err != STATUS_OK)
		return err;
	if (!box_heartbeat_read(doc, &hb, why, sizeof(why))) {
		json_decref(doc);
		return nerr_raise(FM_ERR_INVALID, "%s", why);
	}
	text = json_dumps(doc, JSON_COMPACT);
	/* The reservation must be of the box's room (box_reservation() in
	 * SQL: 403 otherwise). */
	err = db_box_heartbeat(r->sess.box_id, hb.state, hb.reservation,
	    hb.version, hb.disk_free_mb, hb.local_url, text, hb.recording);
	free(text);
	json_decref(doc);
	if (err != STATUS_OK)
		return nerr_pass(err);
	format_utc(time(NULL), now, sizeof(now));
	return http_json(r,
	    json_pack("{s:b, s:s}", "ok", 1, "server_time", now));
}

/* One event, in the request's transaction.  A reservation of another
 * room is refused by the database (recordings_box_room: 403). */
static NEOERR *
apply_event(struct req *r, json_t *doc)
{
	struct box_event ev;
	char why[200];
	long long rec;
	NEOERR *err;

	if (!box_event_read(doc, &ev, why, sizeof(why)))
		return nerr_raise(FM_ERR_INVALID, "%s", why);
	err = db_recording_upsert(r->sess.box_id, ev.recording, ev.reservation,
	    ev.started_at, &rec);
	if (err != STATUS_OK &&
	    (!strcmp(db_last_error.sqlstate, "23503") ||
	        !strcmp(db_last_error.sqlstate, "23502"))) {
		/* Deleted while the box could not tell: the box keeps the
		 * event aside and the files on its disk (docs/box-api.md). */
		nerr_ignore(&err);
		return nerr_raise(FM_ERR_CONFLICT,
		    "reservation %lld does not "
		    "exist",
		    ev.reservation);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!strcmp(ev.type, "part"))
		return nerr_pass(
		    db_recording_part(rec, ev.part, ev.started_at, ev.path));
	if (!strcmp(ev.type, "stopped"))
		return nerr_pass(
		    db_recording_stopped(rec, ev.ended_at, ev.parts));
	if (!strcmp(ev.type, "file"))
		return nerr_pass(db_media_file_upsert(rec, ev.kind, ev.path,
		    ev.bytes, ev.sha256, ev.duration_ms));
	return STATUS_OK;
}

NEOERR *
box_api_events(struct req *r)
{
	json_t *ev;
	NEOERR *err;

	err = box_api_read_json(r, &ev);
	if (err != STATUS_OK)
		return err;
	err = db_begin();
	if (err == STATUS_OK)
		err = apply_event(r, ev);
	if (err == STATUS_OK)
		err = db_commit();
	else
		db_rollback();
	json_decref(ev);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_json(r, json_pack("{s:b}", "ok", 1));
}
