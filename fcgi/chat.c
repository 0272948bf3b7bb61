/*
 * chat.c - the chat beside the live player (issue 8, docs/live.md):
 *
 *   GET  /portal/live/{res}/poll?after=N&hseq=M   live state + new messages
 *   POST /portal/live/{res}/chat                  post (body, name)
 *   POST /chat/{message}/hide                     staff: hide a message
 *   POST /chat/{message}/mute, /unmute            staff: its author
 *   GET  /reservations/{res}/chat.txt             staff: the export
 *
 * The viewers of an order (its accounts, inside their validity) and staff
 * read and write; the order is always the session's, and the SQL of every
 * query carries it (another order's live answers 404).  The page polls
 * every second with two cursors: the last message id it has, and the
 * last hiding it knows of (hide_seq), so that a message hidden by staff
 * disappears from every screen.  A mute is the author's account's (the
 * order account or the staff user), whatever its session; staff messages
 * are marked as such from the session ("staff" in the poll), with the
 * staff user's own name, and a viewer may not take a staff user's name.
 * Polling, not a long poll: focusd's
 * workers serve one request at a time, so a long poll would hold one
 * worker per viewer; a poll costs two indexed queries (the session, this).
 * Messages travel as JSON and the page inserts them as text: nothing a
 * viewer writes is ever read as HTML.
 */
#include "db/db_chat.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHAT_BODY_MAX 500
#define CHAT_NAME_MAX 60

static bool
staff(struct req *r)
{
	return !strcmp(r->sess.kind, "staff");
}

static bool
wants_json(struct req *r)
{
	const char *a = http_env(r, "HTTP_ACCEPT");

	return a != NULL && strstr(a, "application/json") != NULL;
}

/* A non-negative integer parameter, 0 when absent or malformed. */
static long long
cursor(struct req *r, const char *name)
{
	const char *v = http_param(r, name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0' || strlen(v) > 18)
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? n : 0;
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

NEOERR *
chat_poll(struct req *r)
{
	long long after = cursor(r, "after"), hseq = cursor(r, "hseq");
	long long top = after, htop = hseq;
	json_t *doc, *msgs, *hidden;
	PGresult *res;
	NEOERR *err;
	char hls[64];
	int i;

	err = db_chat_poll(r->id[0], r->order_scope, after, hseq,
	    r->sess.account_id, r->sess.staff_id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	msgs = json_array();
	hidden = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		const char *id = db_get(res, i, "id");
		const char *hs = db_get(res, i, "hide_seq");
		long long n;
		bool is_hidden;
		json_t *m;

		if (id == NULL)
			continue;
		n = atoll(id);
		is_hidden = atoi(db_get(res, i, "hidden")) == 1;
		if (hs != NULL && atoll(hs) > hseq) {
			json_array_append_new(hidden, json_integer(n));
			if (atoll(hs) > htop)
				htop = atoll(hs);
		}
		if (n <= after)
			continue;
		if (n > top)
			top = n;
		if (is_hidden && !staff(r))
			continue;
		m = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)n,
		    "author", db_get(res, i, "author"), "at",
		    db_get(res, i, "at"), "body", db_get(res, i, "body"),
		    "staff", atoi(db_get(res, i, "staff")) == 1);
		if (m != NULL && staff(r)) {
			json_object_set_new(m, "login",
			    json_string(db_get(res, i, "login")));
			json_object_set_new(m, "hidden",
			    json_boolean(is_hidden));
			json_object_set_new(m, "muted",
			    json_boolean(atoi(db_get(res, i, "muted")) == 1));
		}
		if (m != NULL)
			json_array_append_new(msgs, m);
	}
	snprintf(hls, sizeof(hls), "/hls/r%lld/index.m3u8", r->id[0]);
	doc = json_pack("{s:b, s:o, s:o, s:b, s:s, s:I, s:I, s:o, s:o}",
	    "on_air", atoi(db_get(res, 0, "on_air")) == 1, "started",
	    str_or_null(db_get(res, 0, "started")), "ended",
	    str_or_null(db_get(res, 0, "ended")), "muted",
	    atoi(db_get(res, 0, "me_muted")) == 1, "hls", hls, "after",
	    (json_int_t)top, "hseq", (json_int_t)htop, "messages", msgs,
	    "hidden", hidden);
	PQclear(res);
	if (doc == NULL)
		return nerr_raise(NERR_NOMEM, "poll answer");
	/* The notes come with the same poll when the page asks for them
	 * (nseq: its cursor, notes.c). */
	if (http_param(r, "nseq") != NULL) {
		err = notes_poll_json(r, r->id[0], doc, true);
		if (err != STATUS_OK) {
			json_decref(doc);
			return nerr_pass(err);
		}
	}
	return http_json(r, doc);
}

/* A refused post: JSON for the page's script, else the page again
 * with the message at the top. */
static NEOERR *
refuse(struct req *r, NERR_TYPE type, const char *what)
{
	char key[64];

	if (wants_json(r)) {
		snprintf(key, sizeof(key), "chat.%s", what);
		return http_json_refuse(r, type,
		    json_pack("{s:b, s:s}", "ok", 0, "error",
		        http_str(r, key)));
	}
	snprintf(key, sizeof(key), "chat_%s", what);
	http_flash(r, key);
	return http_redirect(r, "/portal/live/%lld", r->id[0]);
}

NEOERR *
chat_post(struct req *r)
{
	static const struct field f[] = {
		{ "body", FT_MULTILINE, true, CHAT_BODY_MAX, 0, NULL },
		{ "name", FT_TEXT, false, CHAT_NAME_MAX, 0, NULL },
	};
	const char *body, *name, *result;
	PGresult *res;
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0)
		return refuse(r, FM_ERR_FORM, "bad_message");
	body = form_value(r, "body");
	/* Staff write under their own name (the badge comes from the
	 * session); viewers under the name they give, or their login. */
	name = staff(r) ? (r->sess.name[0] ? r->sess.name : r->sess.login)
	                : form_value(r, "name");
	if (name == NULL)
		name = r->sess.login;
	err = db_chat_post(r->id[0], r->order_scope, r->sess.id,
	    r->sess.account_id, r->sess.staff_id, r->sess.login, name, body,
	    &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	result = db_get(res, 0, "result");
	if (!strcmp(result, "muted")) {
		PQclear(res);
		return refuse(r, FM_ERR_FORBIDDEN, "muted");
	}
	if (!strcmp(result, "reserved")) {
		PQclear(res);
		return refuse(r, FM_ERR_FORM, "reserved_name");
	}
	if (!strcmp(result, "rate")) {
		PQclear(res);
		http_header(r, "Retry-After: 2");
		return refuse(r, FM_ERR_TOOMANY, "too_fast");
	}
	if (wants_json(r)) {
		json_t *doc = json_pack("{s:b, s:I}", "ok", 1, "id",
		    (json_int_t)atoll(result));

		PQclear(res);
		return http_json(r, doc);
	}
	PQclear(res);
	return http_redirect(r, "/portal/live/%lld", r->id[0]);
}

/* Hide, mute, unmute: staff only (route bits); JSON or back to the page. */
static NEOERR *
moderated(struct req *r, PGresult *res, bool none_ok)
{
	long long resv = PQntuples(res)
	    ? atoll(db_get(res, 0, "reservation_id"))
	    : 0;

	PQclear(res);
	if (resv == 0 && !none_ok)
		return not_found(r);
	if (wants_json(r))
		return http_json(r, json_pack("{s:b}", "ok", 1));
	if (resv == 0)
		return http_redirect(r, "/videos");
	return http_redirect(r, "/portal/live/%lld", resv);
}

NEOERR *
chat_hide(struct req *r)
{
	PGresult *res;
	NEOERR *err;

	err = db_chat_hide(r->id[0], r->sess.login, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("chat: message %lld hidden by %s", r->id[0], r->sess.login);
	return moderated(r, res, true);
}

NEOERR *
chat_mute(struct req *r)
{
	bool mute = strstr(r->path, "/unmute") == NULL;
	PGresult *res;
	NEOERR *err;

	err = db_chat_mute(r->id[0], mute, r->sess.login, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("chat: author of message %lld %s by %s", r->id[0],
	    mute ? "muted" : "unmuted", r->sess.login);
	return moderated(r, res, !mute);
}

/* One line of text without line breaks or tabs. */
static NEOERR *
flat(STRING *out, const char *s)
{
	NEOERR *err = STATUS_OK;

	for (; *s && err == STATUS_OK; s++)
		err = string_append_char(out,
		    *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	return nerr_pass(err);
}

/*
 * The chat of a live as UTF-8 text, one message a line:
 * "2026-11-26 10:02:13<TAB>author (login)<TAB>message", hidden ones
 * marked; for staff's records.
 */
NEOERR *
chat_export(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	STRING out;
	int i;

	err = db_chat_export(r->id[0], &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&out);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		err = string_appendf(&out, "%s\t", db_get(res, i, "at"));
		if (err == STATUS_OK)
			err = flat(&out, db_get(res, i, "author"));
		if (err == STATUS_OK)
			err = string_appendf(&out, " (%s)\t",
			    db_get(res, i, "login"));
		if (err == STATUS_OK)
			err = flat(&out, db_get(res, i, "body"));
		if (err == STATUS_OK && atoi(db_get(res, i, "hidden")) == 1)
			err = string_appendf(&out, "\t[%s: %s]",
			    http_str(r, "chat.hidden"),
			    db_get(res, i, "hidden_by"));
		if (err == STATUS_OK)
			err = string_append_char(&out, '\n');
	}
	PQclear(res);
	if (err == STATUS_OK) {
		http_header(r,
		    "Content-Disposition: attachment; "
		    "filename=\"chat-%lld.txt\"",
		    r->id[0]);
		err = http_send(r, 200, "text/plain; charset=utf-8",
		    out.buf ? out.buf : "", (size_t)out.len);
	}
	string_clear(&out);
	return nerr_pass(err);
}
