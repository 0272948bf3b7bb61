/*
 * reservations.c - an order's room reservations (the Reservations tab),
 * and moving a reservation to another room from the planning.
 *
 * Two reservations of one room never overlap: PostgreSQL's exclusion
 * constraint refuses the second (even at the same instant, from two
 * workers); the form then names the order that holds the room.
 *
 * POST /reservations/{id}/move takes room_id and csrf_token (names fixed:
 * scripts use them).  It answers 303 to the planning (or `next`), or with
 * Accept: application/json 200 {"ok":true,...}; 409 when the room is
 * taken, with the same JSON shape and "ok":false.
 */
#include "orders.h"
#include "db/db_config.h"
#include "db/db_orders.h"
#include "db/db_reservations.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In the order of db_reservation_insert's values. */
static const struct field fields[] = {
	{ "room_id", FT_ID, true, 0, 0, NULL },
	{ "date", FT_DATE, true, 0, 0, NULL },
	{ "start", FT_TIME, true, 0, 0, NULL },
	{ "end", FT_TIME, true, 0, 0, NULL },
	{ "tariff_id", FT_ID, true, 0, 0, NULL },
	{ "rec", FT_BOOL, false, 0, 0, NULL },
	{ "trad", FT_BOOL, false, 0, 0, NULL },
	{ "live", FT_BOOL, false, 0, 0, NULL },
	{ "overtime", FT_DECIMAL, false, 0, 0, NULL },
	{ "info", FT_TEXT, false, 200, 0, NULL },
};
#define NFIELDS FM_ARRAY_LEN(fields)

static bool
read_valid(struct req *r, const char *v[NFIELDS])
{
	int bad = form_read(r, fields, NFIELDS);
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		v[i] = form_value(r, fields[i].name);
	/* Times are "HH:MM": their text order is their time order. */
	if (v[2] && v[3] && strcmp(v[3], v[2]) <= 0) {
		form_error(r, "end", "reservations.err_end");
		bad++;
	}
	if (v[8] &&
	    (v[8][0] == '-' || strlen(v[8]) > 6 ||
	        (strchr(v[8], '.') ? strchr(v[8], '.') - v[8]
	                           : (long)strlen(v[8])) > 2)) {
		form_error(r, "overtime", "reservations.err_overtime");
		bad++;
	}
	return bad == 0;
}

/* The message naming what holds the room, in Errors.room_id:
 * "Room taken: Salle 1, 11/06/2026 10:00-12:30 by order N° 12 (Acme, ETU-1)". */
static NEOERR *
conflict_message(struct req *r, PGresult *res)
{
	char msg[700];

	if (PQntuples(res) == 0) {
		form_error(r, "room_id", "reservations.err_taken");
		return STATUS_OK;
	}
	snprintf(msg, sizeof(msg), "%s : %s, %s %s–%s — %s %s (%s%s%s)",
	    http_str(r, "reservations.err_taken"), db_get(res, 0, "room"),
	    db_get(res, 0, "date"), db_get(res, 0, "start"),
	    db_get(res, 0, "end"), http_str(r, "reservations.held_by"),
	    db_get(res, 0, "order_id"), db_get(res, 0, "company"),
	    db_get(res, 0, "study_ref") ? ", " : "",
	    db_get(res, 0, "study_ref") ? db_get(res, 0, "study_ref") : "");
	hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.form"));
	hdf_set_value(r->hdf, "Conflict.order_id", db_get(res, 0, "order_id"));
	return nerr_pass(hdf_set_value(r->hdf, "Errors.room_id", msg));
}

/* After an exclusion violation: roll back, name the holder, re-show. */
static NEOERR *
refuse_conflict(struct req *r, long long order, long long edit,
    const char *v[NFIELDS])
{
	PGresult *res;
	NEOERR *err;

	db_rollback();
	err = db_reservation_conflict(v[0], v[1], v[2], v[3], edit, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = conflict_message(r, res);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return orders_refuse(r, order, "reservations", edit, FM_ERR_CONFLICT);
}

/* A value the database refused (a tariff or room deleted meanwhile...). */
static NEOERR *
refuse_invalid(struct req *r, long long order, long long edit)
{
	hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.inconsistent"));
	return orders_refuse(r, order, "reservations", edit, FM_ERR_FORM);
}

NEOERR *
reservations_create(struct req *r)
{
	long long order = r->id[0], id;
	const char *v[NFIELDS];
	NEOERR *err;

	if (!read_valid(r, v))
		return orders_refuse(r, order, "reservations", 0, FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err != STATUS_OK)
		return err;
	err = db_reservation_insert(order, v, &id);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return refuse_conflict(r, order, 0, v);
	}
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		return refuse_invalid(r, order, 0);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "reservation_added");
	return http_redirect(r, "/orders/%lld?tab=reservations#reservations",
	    order);
}

/* The order of a reservation, or FM_ERR_NOTFOUND. */
static NEOERR *
order_of(struct req *r, long long id, long long *order, PGresult **out)
{
	PGresult *res;
	NEOERR *err;

	err = db_reservation_get(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	*order = atoll(db_get(res, 0, "order_id"));
	if (out != NULL)
		*out = res;
	else
		PQclear(res);
	return STATUS_OK;
}

NEOERR *
reservations_update(struct req *r)
{
	long long id = r->id[0], order;
	const char *v[NFIELDS];
	NEOERR *err;
	bool found = false;

	err = order_of(r, id, &order, NULL);
	if (err != STATUS_OK)
		return err;
	if (!read_valid(r, v))
		return orders_refuse(r, order, "reservations", id, FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err != STATUS_OK)
		return err;
	err = db_reservation_update(id, v, &found);
	if (err == STATUS_OK && !found) {
		db_rollback();
		return not_found(r);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return refuse_conflict(r, order, id, v);
	}
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		return refuse_invalid(r, order, id);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/orders/%lld?tab=reservations#reservations",
	    order);
}

NEOERR *
reservations_delete(struct req *r)
{
	long long order, gone = 0;
	NEOERR *err;

	err = order_of(r, r->id[0], &order, NULL);
	if (err == STATUS_OK)
		err = orders_begin(r, order);
	if (err != STATUS_OK)
		return err;
	err = db_reservation_delete(r->id[0], &gone);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "reservation_deleted");
	return http_redirect(r, "/orders/%lld?tab=reservations#reservations",
	    order);
}

/* --- moving to another room ------------------------------------------ */

static bool
wants_json(struct req *r)
{
	const char *a = http_env(r, "HTTP_ACCEPT");

	return a != NULL && strstr(a, "application/json") != NULL;
}

/* The move form (without JavaScript): the rooms, those busy at the
 * reservation's time marked. */
static NEOERR *
move_page(struct req *r, long long id)
{
	PGresult *res;
	NEOERR *err;
	long long order;
	HDF *c;

	err = order_of(r, id, &order, &res);
	if (err != STATUS_OK)
		return err;
	err = db_row_to_hdf(r->hdf, "Reservation", res, 0);
	PQclear(res);
	if (err == STATUS_OK) {
		err = db_order_get(order, &res);
		if (err == STATUS_OK) {
			err = db_cols_to_hdf(r->hdf, "Order", res, 0,
			    "id company_name study_ref");
			PQclear(res);
		}
	}
	if (err == STATUS_OK) {
		err = db_rooms_choices(&res);
		if (err == STATUS_OK) {
			err = db_rows_to_hdf(r->hdf, "Rooms", res);
			PQclear(res);
		}
	}
	/* Mark the rooms taken at that time. */
	for (c = hdf_get_child(r->hdf, "Rooms"); err == STATUS_OK && c;
	     c = hdf_obj_next(c)) {
		long long room = atoll(hdf_get_value(c, "id", "0"));

		err = db_reservation_move_conflict(id, room, &res);
		if (err == STATUS_OK) {
			if (PQntuples(res) > 0)
				err = hdf_set_value(c, "busy",
				    db_get(res, 0, "order_id"));
			PQclear(res);
		}
	}
	if (err == STATUS_OK && http_param(r, "next") &&
	    http_local_path(http_param(r, "next")))
		err = hdf_set_value(r->hdf, "Move.next", http_param(r, "next"));
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "reservations/move.cs");
}

NEOERR *
reservations_move_form(struct req *r)
{
	return move_page(r, r->id[0]);
}

NEOERR *
reservations_move(struct req *r)
{
	static const struct field f[] = {
		{ "room_id", FT_ID, true, 0, 0, NULL },
	};
	long long id = r->id[0], order, moved = 0, room;
	const char *next = http_param(r, "next");
	bool json = wants_json(r);
	PGresult *res;
	NEOERR *err;
	char day[16] = "";

	err = order_of(r, id, &order, &res);
	if (err != STATUS_OK)
		return err;
	snprintf(day, sizeof(day), "%s", db_get(res, 0, "date"));
	PQclear(res);
	if (form_read(r, f, 1) > 0) {
		if (json)
			return http_json_refuse(r, FM_ERR_FORM,
			    json_pack("{s:b, s:s}", "ok", 0, "error",
			        hdf_get_value(r->hdf, "Errors.room_id", "")));
		http_refuse(r, FM_ERR_FORM);
		return move_page(r, id);
	}
	room = atoll(form_value(r, "room_id"));
	err = orders_begin(r, order);
	if (err == STATUS_OK)
		err = db_reservation_move(id, room, &moved);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK &&
	    (nerr_match(err, FM_ERR_CONFLICT) ||
	        nerr_match(err, FM_ERR_INVALID))) {
		bool taken = nerr_match(err, FM_ERR_CONFLICT);
		NERR_TYPE type = taken ? FM_ERR_CONFLICT : FM_ERR_FORM;
		const char *holder;

		nerr_ignore(&err);
		db_rollback();
		err = db_reservation_move_conflict(id, room, &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (taken)
			err = conflict_message(r, res);
		else
			form_error(r, "room_id", "err.choice");
		PQclear(res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		holder = hdf_get_value(r->hdf, "Conflict.order_id", NULL);
		if (json)
			return http_json_refuse(r, type,
			    json_pack("{s:b, s:s, s:o}", "ok", 0, "error",
			        hdf_get_value(r->hdf, "Errors.room_id", ""),
			        "conflict_order",
			        holder ? json_integer(atoll(holder))
			               : json_null()));
		http_refuse(r, type);
		return move_page(r, id);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (json)
		return http_json(r,
		    json_pack("{s:b, s:I, s:I, s:I, s:s}", "ok", 1, "id",
		        (json_int_t)id, "room_id", (json_int_t)room, "order_id",
		        (json_int_t)order, "message",
		        http_str(r, "flash.reservation_moved")));
	http_flash(r, "reservation_moved");
	if (next != NULL && http_local_path(next))
		return http_redirect(r, "%s", next);
	return http_redirect(r, "/planning?date=%s", day);
}
