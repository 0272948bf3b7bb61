/*
 * planning.c - /planning?date=YYYY-MM-DD&view=day|week: the rooms,
 * grouped by site, against the days of a week (or the hours of a day),
 * each reservation a block that opens its order.  Blocks are dragged to
 * another room by templates/static/planning.js, which posts to
 * /reservations/{id}/move (reservations.c); without JavaScript each
 * block links to the move form.
 *
 * The grid (planning/grid.cs: hundreds of blocks) is the costly part and
 * is the same for every user: each worker keeps the last few it rendered
 * and serves them again while the planning change counter (bumped by triggers on
 * reservations, orders, rooms, sites and companies) has not moved, nor
 * which reservations are on air (the live counter, moved when a push starts
 * or ends, and the list of those on air: live_on_air_ids(), which also
 * changes when a push stops being reported).
 */
#include "db/db_reservations.h"
#include "errors.h"
#include "fragcache.h"
#include "tmpl.h"
#include "form.h"
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day view's time line: 07:00 to 24:00 in quarters of an hour. */
#define LINE_START (7 * 60)
#define LINE_SLOTS 68
#define MAX_ROOMS  1000

struct room_node {
	long long id;
	HDF *node;
};

/* Grid column (1-based) of a time in minutes from midnight. */
static int
slot(int minutes, bool end)
{
	int s = minutes - LINE_START;

	s = end ? (s + 14) / 15 : s / 15;
	if (s < 0)
		s = 0;
	if (s > LINE_SLOTS)
		s = LINE_SLOTS;
	return s + 1;
}

static NEOERR *
set(HDF *node, const char *key, const char *value)
{
	return value ? nerr_pass(hdf_set_value(node, key, value)) : STATUS_OK;
}

static NEOERR *
fill_rooms(struct req *r, const char *from, const char *to,
    struct room_node *rooms, int *nrooms)
{
	char key[64];
	PGresult *res;
	NEOERR *err;
	HDF *site = NULL;
	const char *prev = NULL;
	int i, s = -1, m = 0;

	err = db_planning_rooms(from, to, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	*nrooms = 0;
	for (i = 0; err == STATUS_OK && i < PQntuples(res) && i < MAX_ROOMS;
	     i++) {
		const char *sid = db_get(res, i, "site_id");
		HDF *room;

		if (prev == NULL || strcmp(prev, sid)) {
			prev = sid;
			snprintf(key, sizeof(key), "Sites.%d", ++s);
			err = hdf_get_node(r->hdf, key, &site);
			if (err == STATUS_OK)
				err = set(site, "name", db_get(res, i, "site"));
			m = 0;
		}
		if (err != STATUS_OK)
			break;
		snprintf(key, sizeof(key), "rooms.%d", m++);
		err = hdf_get_node(site, key, &room);
		if (err == STATUS_OK)
			err = set(room, "id", db_get(res, i, "id"));
		if (err == STATUS_OK)
			err = set(room, "name", db_get(res, i, "name"));
		if (err == STATUS_OK)
			err = set(room, "capacity", db_get(res, i, "capacity"));
		rooms[*nrooms].id = atoll(db_get(res, i, "id"));
		rooms[(*nrooms)++].node = room;
	}
	PQclear(res);
	return nerr_pass(err);
}

static NEOERR *
fill_blocks(struct req *r, const char *from, const char *to,
    struct room_node *rooms, int nrooms, char days[][16], int ndays)
{
	static const char *cols[] = { "id", "order_id", "company", "study_ref",
		"vip", "rec", "trad", "live", "start", "end", "on_air" };
	char key[64], num[16];
	PGresult *res;
	NEOERR *err;
	int i, k, m = 0, d, count[8];
	long long prev = -1;
	size_t c;

	(void)r;
	memset(count, 0, sizeof(count));
	err = db_planning_reservations(from, to, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		long long room = atoll(db_get(res, i, "room_id"));
		const char *day = db_get(res, i, "day");
		HDF *blk;

		if (room != prev) {
			for (m = 0; m < nrooms && rooms[m].id != room; m++)
				;
			prev = room;
			memset(count, 0, sizeof(count));
		}
		if (m == nrooms)
			continue;
		for (d = 0; d < ndays && strcmp(days[d], day); d++)
			;
		if (d == ndays)
			continue;
		snprintf(key, sizeof(key), "days.%d.blocks.%d", d, count[d]++);
		err = hdf_get_node(rooms[m].node, key, &blk);
		for (c = 0; err == STATUS_OK && c < FM_ARRAY_LEN(cols); c++)
			err = set(blk, cols[c], db_get(res, i, cols[c]));
		k = slot(atoi(db_get(res, i, "start_min")), false);
		snprintf(num, sizeof(num), "%d", k);
		if (err == STATUS_OK)
			err = set(blk, "gs", num);
		k = slot(atoi(db_get(res, i, "end_min")), true);
		if (k <= atoi(num))
			k = atoi(num) + 1;
		snprintf(num, sizeof(num), "%d", k);
		if (err == STATUS_OK)
			err = set(blk, "ge", num);
	}
	PQclear(res);
	return nerr_pass(err);
}

NEOERR *
planning_show(struct req *r)
{
	static const struct field f[] = {
		{ "date", FT_DATE, false, 0, 0, NULL },
		{ "view", FT_CHOICE, false, 0, 0, "day week" },
	};
	static struct room_node rooms[MAX_ROOMS];
	char days[7][16], from[16], to[16], key[32], ckey[600], today[16];
	char version[256];
	const char *view, *const *hit;
	const char *parts[FRAG_PARTS] = { NULL, NULL };
	PGresult *res;
	NEOERR *err;
	STRING grid;
	int ndays, nrooms = 0, i, h;

	/* A wrong date or view falls back to this week. */
	form_read(r, f, FM_ARRAY_LEN(f));
	hdf_remove_tree(r->hdf, "Errors");
	view = form_value(r, "view");
	if (view == NULL)
		view = "week";
	ndays = !strcmp(view, "day") ? 1 : 7;
	err = db_planning_days(form_value(r, "date"), ndays, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res) && i < 7; i++)
		snprintf(days[i], sizeof(days[i]), "%s", db_get(res, i, "day"));
	snprintf(from, sizeof(from), "%s", db_get(res, 0, "first"));
	snprintf(to, sizeof(to), "%s", db_get(res, 0, "after"));
	snprintf(today, sizeof(today), "%s", db_get(res, 0, "current"));
	snprintf(version, sizeof(version), "%s", db_get(res, 0, "version"));
	err = db_rows_to_hdf(r->hdf, "Days", res);
	if (err == STATUS_OK)
		err = db_cols_to_hdf(r->hdf, "Planning", res, 0,
		    "first prev next current week");
	PQclear(res);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Planning.view", view);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Planning.date",
		    form_value(r, "date") ? form_value(r, "date") : days[0]);
	for (h = 7; err == STATUS_OK && ndays == 1 && h < 24; h++) {
		snprintf(key, sizeof(key), "Hours.%d.label", h - 7);
		err = hdf_setf(r->hdf, key, "%02d", h);
		snprintf(key, sizeof(key), "Hours.%d.gs", h - 7);
		if (err == STATUS_OK)
			err = hdf_setf(r->hdf, key, "%d", (h - 7) * 4 + 1);
		snprintf(key, sizeof(key), "Hours.%d.ge", h - 7);
		if (err == STATUS_OK)
			err = hdf_setf(r->hdf, key, "%d", (h - 7) * 4 + 5);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(ckey, sizeof(ckey), "planning|%s|%s|%s|%s|%s", view, from,
	    today, lang_code(r->lang), hdf_get_value(r->hdf, "Page.uri", ""));
	hit = frag_get(ckey, version);
	if (hit != NULL) {
		err = hdf_set_value(r->hdf, "Planning.grid", hit[0]);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "planning/show.cs");
	}
	err = fill_rooms(r, from, to, rooms, &nrooms);
	if (err == STATUS_OK)
		err = fill_blocks(r, from, to, rooms, nrooms, days, ndays);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&grid);
	err = tmpl_render(r->hdf, r->lang, "planning/grid.cs", &grid);
	if (err == STATUS_OK) {
		parts[0] = grid.buf ? grid.buf : "";
		frag_put(ckey, version, parts);
		err = hdf_set_value(r->hdf, "Planning.grid",
		    grid.buf ? grid.buf : "");
	}
	string_clear(&grid);
	hdf_remove_tree(r->hdf, "Sites");
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "planning/show.cs");
}
