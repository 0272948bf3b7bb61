/*
 * notes.c - observers' notes at the picture's moment (docs/videos.md,
 * "Notes"):
 *
 *   POST /portal/live/{res}/notes          add a note on the live page
 *                                          (moment: the picture's wall
 *                                          clock, Unix milliseconds)
 *   (GET /portal/live/{res}/poll?nseq=N    the notes come with the chat's
 *                                          poll: chat.c calls notes_poll_json)
 *   GET  /portal/watch/{rec}/notes?nseq=N  the notes of a recording's session
 *   POST /portal/watch/{rec}/notes         add one from the recording
 *                                          (offset_ms in the recording)
 *   POST /notes/{id}, /notes/{id}/delete   its author edits or deletes it
 *   GET  /portal/notes[.csv|.xlsx]         the order's notes (accounts)
 *   GET  /orders/{id}/notes[.csv|.xlsx]    the same for staff
 *   POST /orders/{id}/note-tags            staff: the order's tag list
 *
 * A note is stamped with the moment shown in the picture, as a wall-clock
 * time: the live page maps the player's position to the stream's clock,
 * the recording's page adds the position to the recording's start, so
 * that a note taken on the live opens the recording at the same second.
 * The order is always the session's (0 for staff) and every query carries
 * it: another order's note, session or recording answers 404.  Private
 * notes are seen by their author (the order account or staff user) and
 * staff only.  Notes travel as JSON and the pages insert them as text.
 */
#include "db/db_notes.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "live_clock.h"
#include "log.h"
#include "order_heading.h"
#include "conf.h"
#include "tmpl.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define NOTE_BODY_MAX 1000
#define NOTE_TAG_MAX  40
#define NOTE_NAME_MAX 60

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

/* The notes changed after ?nseq= into doc: "notes", "nseq", "tags". */
NEOERR *
notes_poll_json(struct req *r, long long resv, json_t *doc, bool clock)
{
	long long nseq = cursor(r, "nseq");
	json_t *notes, *tags;
	PGresult *res;
	NEOERR *err;
	char *t, *save = NULL, *buf;
	int i;

	err = db_notes_poll(resv, r->order_scope, nseq, r->sess.account_id,
	    r->sess.staff_id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	notes = json_array();
	tags = json_array();
	for (i = 0; i < PQntuples(res); i++) {
		const char *id = db_get(res, i, "id");
		json_t *n;

		if (id == NULL)
			continue;
		n = json_pack("{s:I, s:I, s:I, s:s, s:o, s:s, s:s, s:b, s:b, "
		              "s:b}",
		    "id", (json_int_t)atoll(id), "seq",
		    (json_int_t)atoll(db_get(res, i, "seq")), "moment",
		    (json_int_t)atoll(db_get(res, i, "moment_ms")), "at",
		    db_get(res, i, "at"), "tag",
		    str_or_null(db_get(res, i, "tag")), "body",
		    db_get(res, i, "body"), "author", db_get(res, i, "author"),
		    "private", atoi(db_get(res, i, "private")) == 1, "mine",
		    atoi(db_get(res, i, "mine")) == 1, "deleted",
		    atoi(db_get(res, i, "deleted")) == 1);
		if (n != NULL && atoi(db_get(res, i, "deleted")) == 1) {
			/* a tombstone says nothing of what it was */
			json_object_set_new(n, "body", json_string(""));
			json_object_set_new(n, "tag", json_null());
			json_object_set_new(n, "author", json_string(""));
		}
		if (n != NULL)
			json_array_append_new(notes, n);
	}
	if (PQntuples(res) > 0) {
		buf = strdup(
		    db_get(res, 0, "tags") ? db_get(res, 0, "tags") : "");
		for (t = buf ? strtok_r(buf, "\n", &save) : NULL; t != NULL;
		     t = strtok_r(NULL, "\n", &save))
			json_array_append_new(tags, json_string(t));
		free(buf);
		json_object_set_new(doc, "nseq",
		    json_integer(atoll(db_get(res, 0, "top"))));
	}
	PQclear(res);
	json_object_set_new(doc, "notes", notes);
	json_object_set_new(doc, "tags", tags);
	if (clock) {
		/* the picture's wall clock (live_clock.h), and ours */
		long long anchor, edge, epts;
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		json_object_set_new(doc, "now",
		    json_integer(
		        (json_int_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000));
		if (live_clock(resv, &anchor, &edge, &epts)) {
			json_object_set_new(doc, "anchor",
			    json_integer(anchor));
			json_object_set_new(doc, "edge", json_integer(edge));
			json_object_set_new(doc, "edge_pts",
			    json_integer(epts));
		}
	}
	return STATUS_OK;
}

/* A refused note: JSON for the page's script, else back to the page. */
static NEOERR *
refuse(struct req *r, NERR_TYPE type, const char *what, const char *back)
{
	char key[64];

	snprintf(key, sizeof(key), "notes.%s", what);
	if (wants_json(r))
		return http_json_refuse(r, type,
		    json_pack("{s:b, s:s}", "ok", 0, "error",
		        http_str(r, key)));
	return http_redirect(r, "%s", back);
}

static const struct field note_fields[] = {
	{ "body", FT_MULTILINE, false, NOTE_BODY_MAX, 0, NULL },
	{ "tag", FT_TEXT, false, NOTE_TAG_MAX, 0, NULL },
	{ "name", FT_TEXT, false, NOTE_NAME_MAX, 0, NULL },
	{ "private", FT_BOOL, false, 0, 0, NULL },
};

/* The answer to an added note (the id), or why not. */
static NEOERR *
added(struct req *r, PGresult *res, const char *back)
{
	const char *result;
	long long id;

	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	result = db_get(res, 0, "result");
	if (!strcmp(result, "tag") || !strcmp(result, "moment")) {
		bool tag = !strcmp(result, "tag");

		PQclear(res);
		return refuse(r, FM_ERR_FORM, tag ? "bad_tag" : "bad_moment",
		    back);
	}
	id = atoll(result);
	PQclear(res);
	if (wants_json(r))
		return http_json(r,
		    json_pack("{s:b, s:I}", "ok", 1, "id", (json_int_t)id));
	return http_redirect(r, "%s", back);
}

static bool
ticked(struct req *r, const char *name)
{
	const char *v = form_value(r, name);

	return v != NULL && !strcmp(v, "1");
}

static const char *
author(struct req *r)
{
	const char *name = form_value(r, "name");

	if (staff(r))
		return r->sess.name[0] ? r->sess.name : r->sess.login;
	return name != NULL && *name ? name : r->sess.login;
}

/* The moment in milliseconds: FT_INT stops at 2e9, so it is read as text
 * of 1 to 15 digits here. */
static bool
moment_ms(const char *v)
{
	size_t n = v ? strlen(v) : 0;

	if (n < 1 || n > 15)
		return false;
	return strspn(v, "0123456789") == n;
}

NEOERR *
notes_add(struct req *r)
{
	const char *moment = http_param(r, "moment");
	char back[64];
	PGresult *res;
	NEOERR *err;

	snprintf(back, sizeof(back), "/portal/live/%lld", r->id[0]);
	if (!moment_ms(moment))
		return refuse(r, FM_ERR_FORM, "bad_moment", back);
	if (form_read(r, note_fields, FM_ARRAY_LEN(note_fields)) > 0)
		return refuse(r, FM_ERR_FORM, "bad_note", back);
	err = db_note_add(r->id[0], r->order_scope, r->sess.account_id,
	    r->sess.staff_id, r->sess.login, author(r), moment,
	    form_value(r, "tag"), form_value(r, "body"), ticked(r, "private"),
	    "live", &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return added(r, res, back);
}

NEOERR *
notes_watch_add(struct req *r)
{
	const char *off = http_param(r, "offset_ms");
	long long start, end, at;
	char back[64], moment[24];
	PGresult *res;
	NEOERR *err;
	long long resv;

	snprintf(back, sizeof(back), "/portal/watch/%lld", r->id[0]);
	if (!moment_ms(off))
		return refuse(r, FM_ERR_FORM, "bad_moment", back);
	if (form_read(r, note_fields, FM_ARRAY_LEN(note_fields)) > 0)
		return refuse(r, FM_ERR_FORM, "bad_note", back);
	err = db_notes_recording(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	resv = atoll(db_get(res, 0, "reservation_id"));
	start = atoll(db_get(res, 0, "start_ms"));
	end = atoll(db_get(res, 0, "end_ms"));
	PQclear(res);
	at = start + atoll(off);
	if (at > end + 60000)
		return refuse(r, FM_ERR_FORM, "bad_moment", back);
	snprintf(moment, sizeof(moment), "%lld", at);
	err = db_note_add(resv, r->order_scope, r->sess.account_id,
	    r->sess.staff_id, r->sess.login, author(r), moment,
	    form_value(r, "tag"), form_value(r, "body"), ticked(r, "private"),
	    "recording", &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return added(r, res, back);
}

/* The notes of a recording's session for its page: the poll's notes,
 * plus the recording's start and end (Unix milliseconds). */
NEOERR *
notes_watch_poll(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	long long resv;
	json_t *doc;

	err = db_notes_recording(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	resv = atoll(db_get(res, 0, "reservation_id"));
	doc = json_pack("{s:I, s:I, s:I}", "reservation", (json_int_t)resv,
	    "start", (json_int_t)atoll(db_get(res, 0, "start_ms")), "end",
	    (json_int_t)atoll(db_get(res, 0, "end_ms")));
	PQclear(res);
	if (doc == NULL)
		return nerr_raise(NERR_NOMEM, "notes answer");
	err = notes_poll_json(r, resv, doc, false);
	if (err != STATUS_OK) {
		json_decref(doc);
		return nerr_pass(err);
	}
	return http_json(r, doc);
}

NEOERR *
notes_change(struct req *r)
{
	bool del = strstr(r->path, "/delete") != NULL;
	const char *result;
	PGresult *res;
	NEOERR *err;
	const char *back = staff(r) ? "/videos" : "/portal/notes";

	if (!del && form_read(r, note_fields, FM_ARRAY_LEN(note_fields)) > 0)
		return refuse(r, FM_ERR_FORM, "bad_note", back);
	err = db_note_change(r->id[0], r->order_scope, r->sess.account_id,
	    r->sess.staff_id, del, del ? NULL : form_value(r, "tag"),
	    del ? NULL : form_value(r, "body"), !del && ticked(r, "private"),
	    &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	result = db_get(res, 0, "result");
	if (!strcmp(result, "tag")) {
		PQclear(res);
		return refuse(r, FM_ERR_FORM, "bad_tag", back);
	}
	PQclear(res);
	if (wants_json(r))
		return http_json(r, json_pack("{s:b}", "ok", 1));
	return http_redirect(r, "%s", back);
}

/* The order of the list: the session's for accounts, the URL's for
 * staff (who may see any order). */
static long long
list_order(struct req *r)
{
	return staff(r) ? r->id[0] : r->order_scope;
}

static NEOERR *
list_rows(struct req *r, PGresult **res)
{
	return db_notes_list(list_order(r), r->sess.account_id,
	    r->sess.staff_id, http_param_id(r, "session"), http_param(r, "tag"),
	    http_param(r, "q"), res);
}

NEOERR *
notes_list(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	const char *v;

	if (staff(r) && (err = order_heading(r, r->id[0])) != STATUS_OK)
		return nerr_pass(err);
	err = list_rows(r, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Notes", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = db_notes_facets(list_order(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Facets", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "NotesPage.order", "%lld",
		    list_order(r));
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "NotesPage.base",
		    staff(r) ? "" : "/portal/notes");
	if (err == STATUS_OK && staff(r))
		err = hdf_setf(r->hdf, "NotesPage.base", "/orders/%lld/notes",
		    r->id[0]);
	if (err == STATUS_OK && (v = http_param(r, "q")) != NULL)
		err = hdf_set_value(r->hdf, "NotesPage.q", v);
	if (err == STATUS_OK && (v = http_param(r, "tag")) != NULL)
		err = hdf_set_value(r->hdf, "NotesPage.tag", v);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "NotesPage.session", "%lld",
		    http_param_id(r, "session"));
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, staff(r) ? "videos/notes.cs" : "portal/notes.cs");
}

/* The link to a note's moment: the recording at its second, else the
 * live page. */
static void
note_link(struct req *r, PGresult *res, int i, char *buf, size_t len)
{
	const char *rec = db_get(res, i, "recording_id");
	const char *base = g_cfg->base_url ? g_cfg->base_url : "";

	if (rec != NULL)
		snprintf(buf, len, "%s/portal/watch/%s#t=%s", base, rec,
		    db_get(res, i, "offset_s"));
	else
		snprintf(buf, len, "%s/portal/live/%s", base,
		    db_get(res, i, "reservation_id"));
	(void)r;
}

/* A CSV field, quoted, with a leading = + - @ made harmless (a
 * spreadsheet would read it as a formula). */
static NEOERR *
csv_field(STRING *out, const char *v, bool last)
{
	NEOERR *err = string_append_char(out, '"');

	if (err == STATUS_OK && v && strchr("=+-@\t\r", *v) && *v)
		err = string_append_char(out, '\'');
	for (; err == STATUS_OK && v && *v; v++) {
		if (*v == '"')
			err = string_append(out, "\"\"");
		else
			err = string_append_char(out, *v);
	}
	if (err == STATUS_OK)
		err = string_append(out, last ? "\"\r\n" : "\",");
	return nerr_pass(err);
}

static const char *const export_cols[] = { "notes.col_session",
	"notes.col_room", "notes.col_offset", "notes.col_wall",
	"notes.col_author", "notes.col_tag", "notes.col_text",
	"notes.col_link" };

/* The values of row i in the export's column order (link in buf). */
static void
export_values(struct req *r, PGresult *res, int i, const char *v[8], char *sess,
    size_t slen, char *link, size_t llen)
{
	snprintf(sess, slen, "%s %s", db_get(res, i, "day"),
	    db_get(res, i, "session_start"));
	note_link(r, res, i, link, llen);
	v[0] = sess;
	v[1] = db_get(res, i, "room");
	v[2] = db_get(res, i, "offset");
	v[3] = db_get(res, i, "wall");
	v[4] = db_get(res, i, "author");
	v[5] = db_get(res, i, "tag") ? db_get(res, i, "tag") : "";
	v[6] = db_get(res, i, "body");
	v[7] = link;
}

NEOERR *
notes_csv(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	STRING out;
	int i, c;

	err = list_rows(r, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&out);
	err = string_append(&out, "\xef\xbb\xbf");
	for (c = 0; err == STATUS_OK && c < 8; c++)
		err = csv_field(&out, http_str(r, export_cols[c]), c == 7);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		const char *v[8];
		char sess[64], link[512];

		export_values(r, res, i, v, sess, sizeof(sess), link,
		    sizeof(link));
		for (c = 0; err == STATUS_OK && c < 8; c++)
			err = csv_field(&out, v[c], c == 7);
	}
	PQclear(res);
	if (err == STATUS_OK) {
		http_header(r,
		    "Content-Disposition: attachment; "
		    "filename=\"notes-%lld.csv\"",
		    list_order(r));
		err = http_send(r, 200, "text/csv; charset=utf-8",
		    out.buf ? out.buf : "", (size_t)out.len);
	}
	string_clear(&out);
	return nerr_pass(err);
}

NEOERR *
notes_xlsx(struct req *r)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
		.tmpdir = NULL };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	char path[4096];
	struct stat st;
	PGresult *res;
	NEOERR *err;
	int fd, i, c;

	err = list_rows(r, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(path, sizeof(path), "%s/fm-notes-XXXXXX", g_cfg->upload_tmp);
	fd = mkstemp(path);
	if (fd < 0) {
		PQclear(res);
		return nerr_raise_errno(NERR_IO, "mkstemp %s", path);
	}
	close(fd);
	opt.tmpdir = (char *)g_cfg->upload_tmp;
	wb = workbook_new_opt(path, &opt);
	if (wb == NULL) {
		PQclear(res);
		unlink(path);
		return nerr_raise(NERR_IO, "xlsx: cannot make %s", path);
	}
	ws = workbook_add_worksheet(wb, http_str(r, "notes.sheet"));
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (c = 0; c < 8; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c,
		    http_str(r, export_cols[c]), bold);
	for (i = 0; i < PQntuples(res); i++) {
		const char *v[8];
		char sess[64], link[512];

		export_values(r, res, i, v, sess, sizeof(sess), link,
		    sizeof(link));
		/* text as text: write_string never makes a formula */
		for (c = 0; c < 8; c++)
			worksheet_write_string(ws, (lxw_row_t)(i + 1),
			    (lxw_col_t)c, v[c], NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	PQclear(res);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		unlink(path);
		return nerr_raise(NERR_IO, "xlsx: cannot write %s", path);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "open %s", path);
	if (fstat(fd, &st) != 0) {
		close(fd);
		return nerr_raise_errno(NERR_IO, "fstat %s", path);
	}
	http_header(r,
	    "Content-Disposition: attachment; "
	    "filename=\"notes-%lld.xlsx\"",
	    list_order(r));
	err = http_send_fd(r, 200,
	    "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet",
	    fd, (size_t)st.st_size);
	close(fd);
	return nerr_pass(err);
}

NEOERR *
notes_tags_save(struct req *r)
{
	static const struct field f[] = {
		{ "tags", FT_MULTILINE, false, 1000, 0, NULL },
	};
	char back[64];
	PGresult *res;
	NEOERR *err;
	bool ok;

	snprintf(back, sizeof(back), "/orders/%lld/notes", r->id[0]);
	if (form_read(r, f, 1) > 0)
		return refuse(r, FM_ERR_FORM, "bad_tags", back);
	err = db_note_tags_set(r->id[0], form_value(r, "tags"), r->sess.login,
	    &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	ok = PQntuples(res) > 0 && db_get(res, 0, "tags") != NULL;
	PQclear(res);
	if (!ok)
		return refuse(r, FM_ERR_FORM, "bad_tags", back);
	log_info("notes: tags of order %lld set by %s", r->id[0],
	    r->sess.login);
	if (wants_json(r))
		return http_json(r, json_pack("{s:b}", "ok", 1));
	return http_redirect(r, "%s", back);
}
