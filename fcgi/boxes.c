/*
 * boxes.c - /boxes: staff register the recording boxes (the token is
 * shown once), watch their heartbeats, see the recording rate the
 * contract promises (98% a year); and the signed on-site download links.
 */
#include "db/db_boxes.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "linksign.h"
#include "secret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long a signed on-site link stays valid. */
#define ONSITE_LINK_SECS (4 * 3600)

#define RECENT 10

/* Recent.<i>.* for the last recordings, each with files.<j>.* */
static NEOERR *
recent(struct req *r)
{
	PGresult *rec = NULL, *med = NULL;
	char key[64];
	int i, j, n = 0;
	NEOERR *err;

	err = db_recent_recordings(RECENT, &rec);
	if (err == STATUS_OK)
		err = db_recent_media(RECENT, &med);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Recent", rec);
	for (i = 0; err == STATUS_OK && i < PQntuples(rec); i++) {
		for (j = 0; err == STATUS_OK && j < PQntuples(med); j++) {
			if (strcmp(db_get(med, j, "recording_id"),
			        db_get(rec, i, "id")))
				continue;
			snprintf(key, sizeof(key), "Recent.%d.files.%d", i,
			    n++);
			err = db_row_to_hdf(r->hdf, key, med, j);
		}
	}
	PQclear(rec);
	PQclear(med);
	return nerr_pass(err);
}

static NEOERR *
list_page(struct req *r)
{
	PGresult *res = NULL;
	NEOERR *err;

	err = db_boxes_list(&res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Boxes", res);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK)
		err = db_box_rooms(&res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Rooms", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = recent(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/list.cs");
}

NEOERR *
boxes_list(struct req *r)
{
	return list_page(r);
}

/* A new token: 256 random bits in hex; the database keeps its SHA-256
 * and the link key derived from it (fcgi/linksign.h). */
static NEOERR *
new_token(char tok[65], char key[65])
{
	if (!random_hex(tok, 32) || !link_key_from_token(tok, key))
		return nerr_raise(NERR_SYSTEM, "no random bytes for a token");
	return STATUS_OK;
}

static NEOERR *
token_page(struct req *r, long long id, const char *name, const char *tok)
{
	NEOERR *err;

	err = hdf_setf(r->hdf, "Box.id", "%lld", id);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Box.name", name);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Box.token", tok);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/token.cs");
}

NEOERR *
boxes_create(struct req *r)
{
	static const struct field f[] = {
		{ "room", FT_ID, true, 0, 0, NULL },
		{ "name", FT_TEXT, true, 100, 0, NULL },
	};
	char tok[65], key[65];
	long long id;
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return list_page(r);
	}
	err = new_token(tok, key);
	if (err == STATUS_OK)
		err = db_box_insert(atoll(form_value(r, "room")),
		    form_value(r, "name"), tok, key, &id);
	if (err != STATUS_OK && nerr_match(err, FM_ERR_CONFLICT)) {
		bool name = strstr(db_last_error.constraint, "name") != NULL;

		nerr_ignore(&err);
		form_error(r, name ? "name" : "room",
		    name ? "boxes.name_taken" : "boxes.room_taken");
		http_refuse(r, FM_ERR_CONFLICT);
		return list_page(r);
	}
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		nerr_ignore(&err);
		form_error(r, "room", "boxes.no_room");
		http_refuse(r, FM_ERR_FORM);
		return list_page(r);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	r->status = 201;
	return token_page(r, id, form_value(r, "name"), tok);
}

NEOERR *
boxes_token(struct req *r)
{
	char tok[65], key[65], name[256];
	PGresult *res;
	NEOERR *err;

	err = new_token(tok, key);
	if (err == STATUS_OK)
		err = db_box_set_token(r->id[0], tok, key, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_found(r);
	}
	snprintf(name, sizeof(name), "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	return token_page(r, r->id[0], name, tok);
}

NEOERR *
boxes_deactivate(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	int n;

	err = db_box_deactivate(r->id[0], &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	n = PQntuples(res);
	PQclear(res);
	if (n != 1)
		return not_found(r);
	http_flash(r, "box_deactivated");
	return http_redirect(r, "/boxes");
}

NEOERR *
boxes_report(struct req *r)
{
	static const struct field f[] = {
		{ "year", FT_INT, false, 2100, 2000, NULL },
	};
	time_t now = time(NULL);
	struct tm tm;
	int year;
	PGresult *res;
	NEOERR *err;

	localtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	if (form_read(r, f, 1) == 0 && form_value(r, "year") != NULL)
		year = atoi(form_value(r, "year"));
	err = db_boxes_rate(year, lang_code(r->lang), &res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Report", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Year", "%d", year);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "PrevYear", "%d", year - 1);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "NextYear", "%d", year + 1);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/report.cs");
}

NEOERR *
boxes_onsite_url(long long media_file, int ttl_secs, char *out, size_t len)
{
	PGresult *res;
	NEOERR *err;
	bool ok;

	err = db_media_onsite(media_file, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	ok = PQntuples(res) == 1 &&
	    link_build(out, len, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
	        PQgetvalue(res, 0, 2), (long long)time(NULL) + ttl_secs);
	PQclear(res);
	if (!ok)
		return nerr_raise(FM_ERR_NOTFOUND,
		    "media file %lld is not on "
		    "a box that serves it",
		    media_file);
	return STATUS_OK;
}

NEOERR *
boxes_onsite_link(struct req *r)
{
	char url[2048];
	NEOERR *err;

	err = boxes_onsite_url(r->id[0], ONSITE_LINK_SECS, url, sizeof(url));
	if (err != STATUS_OK && nerr_match(err, FM_ERR_NOTFOUND)) {
		nerr_ignore(&err);
		return nerr_raise(FM_ERR_NOTFOUND, "%s",
		    http_str(r, "boxes.not_on_box"));
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* An address on the site's network: not a local path, so not
	 * http_redirect; signed just now, so never cached. */
	http_header(r, "Location: %s", url);
	http_header(r, "Referrer-Policy: no-referrer");
	return nerr_pass(http_send(r, 303, "text/plain; charset=utf-8", "", 0));
}
