/*
 * videos.c - staff "Vidéos" (Annexe I, 4a):
 *
 *   /videos?date=YYYY-MM-DD&q=    the recordings of a day (today by
 *                                 default) with a month calendar, or a
 *                                 search across all days
 *   /orders/{id}/videos           an order's recordings: download, watch,
 *                                 on-site links, note, move, delete; its
 *                                 download log and recording events
 *   /recordings/{id}/edit         the times and the note
 *   /recordings/{id}/move         attach to another reservation
 *   POST /recordings/{id}/delete  staff, and the order's `user` account
 *                                 (portal): files are removed from disk
 *                                 after the commit, and logged
 */
#include "box_links.h"
#include "conf.h"
#include "db/db_outbox.h"
#include "db/db_portal.h"
#include "db/db_live.h"
#include "db/db_videos.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "listing.h"
#include "log.h"
#include "media.h"
#include "order_heading.h"
#include "upload_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX      300
#define DOWNLOADS_MAX 300

static NEOERR *
rows(struct req *r, const char *prefix, NEOERR *err, PGresult *res)
{
	if (err != STATUS_OK)
		return err;
	err = db_rows_to_hdf(r->hdf, prefix, res);
	PQclear(res);
	return nerr_pass(err);
}

/* --- /videos ---------------------------------------------------------- */

NEOERR *
videos_list(struct req *r)
{
	static const struct field f[] = {
		{ "date", FT_DATE, false, 0, 0, NULL },
		{ "q", FT_TEXT, false, 200, 0, NULL },
	};
	const char *day, *q;
	PGresult *res;
	NEOERR *err;

	/* A wrong date is shown on the form and today used instead. */
	form_read(r, f, FM_ARRAY_LEN(f));
	hdf_remove_tree(r->hdf, "Errors.form");
	day = form_value(r, "date");
	q = form_value(r, "q");
	err = db_videos_calendar(day, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_cols_to_hdf(r->hdf, "Videos", res, 0,
	    "label date prev next "
	    "prev_label next_label current month year prev_month next_month");
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Cal", res);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	day = hdf_get_value(r->hdf, "Videos.date", "");
	err = db_videos_list(day, q ? q : "", LIST_MAX, &res);
	if (err == STATUS_OK && PQntuples(res) > 0) {
		/* The count is capped (listing.h). */
		if (atol(db_get(res, 0, "total")) > LISTING_COUNT_CAP)
			err = hdf_setf(r->hdf, "Videos.total", "%d+",
			    LISTING_COUNT_CAP);
		else
			err = hdf_set_value(r->hdf, "Videos.total",
			    db_get(res, 0, "total"));
	}
	err = rows(r, "Recordings", err, res);
	if (err == STATUS_OK && q)
		err = hdf_set_value(r->hdf, "Videos.q", q);
	if (err == STATUS_OK) {
		/* The rooms on air now (live.c): never kept, read each time. */
		err = db_live_on_air(&res);
		if (err == STATUS_OK) {
			err = db_rows_to_hdf(r->hdf, "OnAir", res);
			PQclear(res);
		}
	}
	if (err == STATUS_OK) {
		err = db_outbox_counts(&res);
		if (err == STATUS_OK) {
			err = db_row_to_hdf(r->hdf, "Outbox", res, 0);
			PQclear(res);
		}
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "videos/list.cs");
}

/* --- an order's videos ------------------------------------------------- */

/* Recordings.N.onsite.<kind>: the box's links, when it gives any. */
static NEOERR *
onsite_links(struct req *r)
{
	static const char *const kinds[] = { "mp4", "mp3" };
	const char *ip = http_env(r, "REMOTE_ADDR");
	NEOERR *err = STATUS_OK;
	HDF *rec;
	size_t i;

	for (rec = hdf_get_child(r->hdf, "Recordings"); err == STATUS_OK && rec;
	     rec = hdf_obj_next(rec)) {
		const char *box = hdf_get_value(rec, "box_id", NULL);

		for (i = 0; box && err == STATUS_OK && i < FM_ARRAY_LEN(kinds);
		     i++) {
			const char *id = hdf_get_value(rec, kinds[i], NULL);
			char key[32], *url;

			if (id == NULL)
				continue;
			url = box_link(atoll(id), atoll(box), ip ? ip : "");
			if (url == NULL)
				continue;
			snprintf(key, sizeof(key), "onsite.%s", kinds[i]);
			err = hdf_set_value(rec, key, url);
			if (err == STATUS_OK)
				err = hdf_set_value(r->hdf, "Videos.onsite",
				    "1");
			free(url);
		}
	}
	return nerr_pass(err);
}

NEOERR *
videos_order(struct req *r)
{
	long long id = r->id[0];
	const char *site = http_param(r, "site");
	const char *lang = lang_code(r->lang);
	PGresult *res;
	NEOERR *err;

	if (site != NULL && strspn(site, "0123456789") != strlen(site))
		site = NULL;
	err = order_heading(r, id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_order_recordings(id, site ? site : "", lang, &res);
	err = rows(r, "Recordings", err, res);
	if (err == STATUS_OK)
		err = onsite_links(r);
	if (err == STATUS_OK) {
		err = db_order_recording_sites(id, &res);
		err = rows(r, "Sites", err, res);
	}
	if (err == STATUS_OK) {
		err = db_order_reservation_choices(id, &res);
		err = rows(r, "Reservations", err, res);
	}
	if (err == STATUS_OK) {
		/* Its live sessions: the live page and the chat's export. */
		err = db_portal_lives(id, &res);
		err = rows(r, "Lives", err, res);
	}
	if (err == STATUS_OK) {
		err = db_order_downloads(id, lang, DOWNLOADS_MAX, &res);
		err = rows(r, "Downloads", err, res);
	}
	if (err == STATUS_OK) {
		err = db_order_recording_events(id, &res);
		err = rows(r, "Events", err, res);
	}
	if (err == STATUS_OK && site)
		err = hdf_set_value(r->hdf, "Videos.site", site);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "videos/order.cs");
}

/* --- one recording ----------------------------------------------------- */

/* Recording.* of the recording in the URL; FM_ERR_NOTFOUND when gone. */
static NEOERR *
load_recording(struct req *r, long long id, bool fill)
{
	PGresult *res;
	NEOERR *err;

	err = db_recording_get(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Recording", res, 0);
	if (err == STATUS_OK && fill)
		err = db_cols_to_hdf(r->hdf, "Form", res, 0,
		    "day start end info");
	PQclear(res);
	return nerr_pass(err);
}

/* Where to go back to: a local path given by the form, else the
 * recording's order's videos. */
static NEOERR *
back(struct req *r, long long order_id)
{
	const char *to = http_param(r, "back");

	if (to != NULL && http_local_path(to) && strlen(to) < 400)
		return http_redirect(r, "%s", to);
	if (r->sess.order_id != 0)
		return http_redirect(r, "/portal");
	return http_redirect(r, "/orders/%lld/videos", order_id);
}

NEOERR *
recordings_edit_form(struct req *r)
{
	NEOERR *err = load_recording(r, r->id[0], true);
	const char *to = http_param(r, "back");

	if (err == STATUS_OK && to && http_local_path(to))
		err = hdf_set_value(r->hdf, "Form.back", to);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "videos/edit.cs");
}

/* POST /recordings/{id}: times and note (the edit page, and the note
 * field of the order's videos page, which sends the times unchanged). */
NEOERR *
recordings_update(struct req *r)
{
	static const struct field f[] = {
		{ "day", FT_DATE, true, 0, 0, NULL },
		{ "start", FT_TIME, true, 0, 0, NULL },
		{ "end", FT_TIME, true, 0, 0, NULL },
		{ "info", FT_TEXT, false, 200, 0, NULL },
	};
	long long order_id = 0;
	const char *start, *end;
	NEOERR *err;
	int bad;

	bad = form_read(r, f, FM_ARRAY_LEN(f));
	start = form_value(r, "start");
	end = form_value(r, "end");
	if (bad == 0 && !strcmp(start, "24:00")) {
		form_error(r, "start", "err.time");
		bad++;
	}
	if (bad == 0 && strcmp(end, start) <= 0) {
		form_error(r, "end", "videos.err_times");
		bad++;
	}
	if (bad > 0) {
		const char *to = http_param(r, "back");

		http_refuse(r, FM_ERR_FORM);
		err = load_recording(r, r->id[0], false);
		/* The form shown again still goes back where the user came
		 * from (the day list, say), not to the order's videos. */
		if (err == STATUS_OK && to && http_local_path(to) &&
		    strlen(to) < 400)
			err = hdf_set_value(r->hdf, "Form.back", to);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "videos/edit.cs");
	}
	err = db_begin();
	if (err == STATUS_OK)
		err = db_recording_edit(r->id[0], form_value(r, "day"), start,
		    end, form_value(r, "info"), r->sess.login, &order_id);
	if (err == STATUS_OK && order_id == 0) {
		db_rollback();
		return not_found(r);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("recording %lld edited by %s", r->id[0], r->sess.login);
	http_flash(r, "saved");
	return back(r, order_id);
}

NEOERR *
recordings_move_form(struct req *r)
{
	long long order_q = http_param_id(r, "order");
	PGresult *res;
	NEOERR *err;

	err = load_recording(r, r->id[0], false);
	if (err == STATUS_OK) {
		err = db_move_candidates(r->id[0], order_q, &res);
		err = rows(r, "Candidates", err, res);
	}
	if (err == STATUS_OK && order_q > 0)
		err = hdf_setf(r->hdf, "Form.order", "%lld", order_q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "videos/move.cs");
}

NEOERR *
recordings_move(struct req *r)
{
	static const struct field f[] = {
		{ "reservation_id", FT_ID, true, 0, 0, NULL },
	};
	long long old_order = 0, new_order = 0;
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0) {
		PGresult *res;

		http_refuse(r, FM_ERR_FORM);
		err = load_recording(r, r->id[0], false);
		if (err == STATUS_OK) {
			err = db_move_candidates(r->id[0], 0, &res);
			err = rows(r, "Candidates", err, res);
		}
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "videos/move.cs");
	}
	err = db_begin();
	if (err == STATUS_OK)
		err = db_recording_move(r->id[0],
		    atoll(form_value(r, "reservation_id")), r->sess.login,
		    &old_order, &new_order);
	if (err == STATUS_OK && old_order == 0) {
		db_rollback();
		return not_found(r);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("recording %lld moved from order %lld to order %lld by %s",
	    r->id[0], old_order, new_order, r->sess.login);
	http_flash(r, "recording_moved");
	return http_redirect(r, "/orders/%lld/videos", old_order);
}

/*
 * POST /recordings/{id}/delete: staff may delete any recording, the
 * order's user account those of its order (the database checks which
 * order; another order's is "not found").  The files go after the commit:
 * a failed transaction keeps them.
 */
NEOERR *
recordings_delete(struct req *r)
{
	long long scope = r->order_scope;
	long long order_id;
	char why[160];
	PGresult *res, *unsent = NULL;
	NEOERR *err;
	bool open = false;
	int i;

	err = db_begin();
	/* Deleted while its box records it, the box's next event would make
	 * it again: it can go once it is over. */
	if (err == STATUS_OK)
		err = db_recording_open(r->id[0], &open, &order_id);
	if (err == STATUS_OK && open && (scope == 0 || scope == order_id)) {
		db_rollback();
		http_flash(r, "recording_busy");
		return back(r, order_id);
	}
	if (err == STATUS_OK)
		err = db_recording_unsent(r->id[0], &unsent);
	if (err == STATUS_OK)
		err = db_recording_delete(r->id[0], scope, r->sess.login, &res);
	if (err != STATUS_OK) {
		PQclear(unsent);
		return nerr_pass(err);
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		PQclear(unsent);
		db_rollback();
		return not_found(r);
	}
	order_id = atoll(db_get(res, 0, "order_id"));
	err = db_commit();
	if (err != STATUS_OK) {
		PQclear(res);
		PQclear(unsent);
		return nerr_pass(err);
	}
	/* What its box had begun to send goes too (the box keeps its copy:
	 * the central server answers 404 for it from now on). */
	for (i = 0; i < PQntuples(unsent); i++)
		upload_partial_discard(atoll(PQgetvalue(unsent, i, 0)));
	PQclear(unsent);
	snprintf(why, sizeof(why), "recording %lld of order %lld deleted by %s",
	    r->id[0], order_id, r->sess.login);
	log_info("%s", why);
	for (i = 1; i < PQntuples(res); i++)
		media_unlink(db_get(res, i, "path"), why);
	PQclear(res);
	http_flash(r, "recording_deleted");
	return back(r, order_id);
}
