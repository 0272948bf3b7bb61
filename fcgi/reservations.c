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

static const struct field fields[] = FORM_FIELDS(RESERVATION);

static int
check(struct req *r, struct order_child *c)
{
	struct reservation *v = c->values;
	int bad = FORM_READ(r, fields, v);

	/* Times are "HH:MM": their text order is their time order. */
	if (v->start && v->end && strcmp(v->end, v->start) <= 0) {
		form_error(r, "end", "reservations.err_end");
		bad++;
	}
	if (v->overtime &&
	    (v->overtime[0] == '-' || strlen(v->overtime) > 6 ||
	        (strchr(v->overtime, '.')
	                ? strchr(v->overtime, '.') - v->overtime
	                : (long)strlen(v->overtime)) > 2)) {
		form_error(r, "overtime", "reservations.err_overtime");
		bad++;
	}
	return bad;
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

/*
 * A refused write (rolled back): the room taken (an exclusion violation:
 * name the holder, 409), or a value the database refused (a tariff or
 * room deleted meanwhile...).
 */
static NEOERR *
refused(struct req *r, struct order_child *c, NEOERR *err, NERR_TYPE *type)
{
	struct reservation *v = c->values;
	PGresult *res;

	if (nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		*type = FM_ERR_FORM;
		return nerr_pass(hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "err.inconsistent")));
	}
	if (!nerr_match(err, FM_ERR_CONFLICT))
		return err;
	nerr_ignore(&err);
	*type = FM_ERR_CONFLICT;
	err = db_reservation_conflict(v->room_id, v->date, v->start, v->end,
	    c->row, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = conflict_message(r, res);
	PQclear(res);
	return nerr_pass(err);
}

static NEOERR *
insert(struct req *r, struct order_child *c)
{
	(void)r;
	return db_reservation_insert(c->order, c->values);
}

static NEOERR *
update(struct req *r, struct order_child *c)
{
	bool found = false;
	NEOERR *err = db_reservation_update(c->row, c->values, &found);

	if (err == STATUS_OK && !found)
		return not_found(r);
	return nerr_pass(err);
}

static NEOERR *
erase(struct req *r, struct order_child *c)
{
	(void)r;
	return db_reservation_delete(c->row);
}

NEOERR *
reservations_create(struct req *r)
{
	struct reservation v;
	struct order_child c = { .tab = "reservations",
		.anchor = "#reservations",
		.flash = "reservation_added",
		.order = r->id[0],
		.values = &v,
		.check = check,
		.write = insert,
		.refused = refused };

	return order_child_write(r, &c);
}

NEOERR *
reservations_update(struct req *r)
{
	struct reservation v;
	struct order_child c = { .tab = "reservations",
		.anchor = "#reservations",
		.flash = "saved",
		.row = r->id[0],
		.values = &v,
		.find = db_reservation_order,
		.check = check,
		.write = update,
		.refused = refused };

	return order_child_write(r, &c);
}

NEOERR *
reservations_delete(struct req *r)
{
	struct order_child c = { .tab = "reservations",
		.anchor = "#reservations",
		.flash = "reservation_deleted",
		.row = r->id[0],
		.find = db_reservation_order,
		.write = erase };

	return order_child_write(r, &c);
}

/* The order of a reservation (and its row, when out is not NULL), or
 * FM_ERR_NOTFOUND. */
static NEOERR *
order_of(struct req *r, long long id, long long *order, PGresult **out)
{
	PGresult *res;
	NEOERR *err;

	err = db_reservation_get(id, lang_code(r->lang), &res);
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
	/* A move another site, issued documents or a box about to record
	 * would feel: ask first (confirm=1 is the answer), unless the room is
	 * taken: the move is then refused below, without a question first. */
	if (!http_param(r, "confirm") ||
	    strcmp(http_param(r, "confirm"), "1")) {
		char question[1500] = "", part[600], key[64];
		int i, n, busy;

		err = db_reservation_move_conflict(id, room, &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		busy = PQntuples(res);
		PQclear(res);
		err = db_reservation_move_warnings(id, room, &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		n = busy > 0 ? 0 : PQntuples(res);
		for (i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "move.warn_%s",
			    db_get(res, i, "kind"));
			snprintf(part, sizeof(part), "%s %s.", http_str(r, key),
			    db_get(res, i, "detail"));
			snprintf(key, sizeof(key), "Move.warnings.%d", i);
			err = hdf_set_value(r->hdf, key, part);
			if (err != STATUS_OK)
				break;
			if (strlen(question) + strlen(part) + 2 <
			    sizeof(question)) {
				strcat(question, part);
				strcat(question, "\n");
			}
		}
		PQclear(res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (n > 0) {
			if (strlen(question) + 80 < sizeof(question))
				strcat(question, http_str(r, "move.ask"));
			if (json)
				return http_json(r,
				    json_pack("{s:b, s:b, s:s}", "ok", 0,
				        "confirm", 1, "question", question));
			err = hdf_setf(r->hdf, "Move.to_room", "%lld", room);
			if (err != STATUS_OK)
				return nerr_pass(err);
			return move_page(r, id);
		}
	}
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
