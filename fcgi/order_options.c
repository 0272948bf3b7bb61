/*
 * order_options.c - the grids of an order's option tabs (Catering,
 * Equipment, and any category added in the configuration): one row per
 * day (and, for categories marked per room, room and hours), one column
 * per option of the category, a quantity in each cell.
 *
 * The whole grid is posted at once: fields n (rows), day.N, room.N,
 * hours.N, del.N and q.N.<option id>.  A row without any quantity is
 * dropped.  Saving compares with the stored cells: unchanged cells keep
 * their price, changed ones are updated, the rest added or deleted, all
 * in one transaction (each change goes to the history).
 */
#include "orders.h"
#include "db/db_order_items.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS    400
#define MAX_OPTIONS 60

struct grid {
	long long category;
	bool per_room;
	int nrows, nopts;
	char opt[MAX_OPTIONS][24]; /* option ids, in column order */
	struct field *fields;      /* per row: day, room, hours, del, q... */
	char (*names)[40];
};

#define PER_ROW(g) (4 + (g)->nopts)

static bool
zero(const char *q)
{
	return q == NULL || strspn(q, "0.") == strlen(q);
}

static const char *
cell(struct req *r, int row, const char *what)
{
	char key[64];

	snprintf(key, sizeof(key), "%s.%d", what, row);
	return form_value(r, key);
}

static const char *
qty(struct req *r, int row, const char *opt)
{
	char key[64];
	const char *v;

	snprintf(key, sizeof(key), "q.%d.%s", row, opt);
	v = form_value(r, key);
	return zero(v) ? NULL : v;
}

/* Reads and checks every cell; returns the number of errors. */
static int
grid_read(struct req *r, struct grid *g, bool per_room)
{
	int i, j, k, bad;
	char key[64];

	g->fields = calloc((size_t)(g->nrows * PER_ROW(g)) + 1,
	    sizeof(*g->fields));
	g->names = calloc((size_t)(g->nrows * PER_ROW(g)) + 1,
	    sizeof(*g->names));
	if (g->fields == NULL || g->names == NULL)
		return -1;
	for (i = 0, k = 0; i < g->nrows; i++) {
		snprintf(g->names[k], 40, "day.%d", i);
		g->fields[k] = (struct field){ g->names[k], FT_DATE, false, 0,
			0, NULL };
		k++;
		snprintf(g->names[k], 40, "room.%d", i);
		g->fields[k] = (struct field){ g->names[k], FT_ID, false, 0, 0,
			NULL };
		k++;
		snprintf(g->names[k], 40, "hours.%d", i);
		g->fields[k] = (struct field){ g->names[k], FT_TEXT, false, 40,
			0, NULL };
		k++;
		snprintf(g->names[k], 40, "del.%d", i);
		g->fields[k] = (struct field){ g->names[k], FT_BOOL, false, 0,
			0, NULL };
		k++;
		for (j = 0; j < g->nopts; j++, k++) {
			snprintf(g->names[k], 40, "q.%d.%s", i, g->opt[j]);
			g->fields[k] = (struct field){ g->names[k], FT_DECIMAL,
				false, 0, 0, NULL };
		}
	}
	bad = form_read(r, g->fields, (size_t)k);
	for (i = 0; i < g->nrows; i++) {
		bool any = false;
		const char *del = cell(r, i, "del");

		for (j = 0; j < g->nopts; j++) {
			const char *q = qty(r, i, g->opt[j]);

			if (q != NULL && q[0] == '-') {
				snprintf(key, sizeof(key), "q.%d.%s", i,
				    g->opt[j]);
				form_error(r, key, "orders.err_grid_negative");
				bad++;
			}
			if (q != NULL)
				any = true;
		}
		if (!any || (del && !strcmp(del, "1")))
			continue;
		snprintf(key, sizeof(key), "day.%d", i);
		if (cell(r, i, "day") == NULL) {
			char ekey[80];

			snprintf(ekey, sizeof(ekey), "Errors.%s", key);
			if (hdf_get_value(r->hdf, ekey, NULL) == NULL) {
				form_error(r, key, "err.required");
				bad++;
			}
			continue;
		}
		/* Two rows for the same day, room and hours: say so. */
		for (j = 0; j < i; j++) {
			const char *a, *b;

			if (cell(r, j, "day") == NULL ||
			    strcmp(cell(r, j, "day"), cell(r, i, "day")))
				continue;
			a = per_room ? cell(r, j, "room") : NULL;
			b = per_room ? cell(r, i, "room") : NULL;
			if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
				continue;
			a = per_room ? cell(r, j, "hours") : NULL;
			b = per_room ? cell(r, i, "hours") : NULL;
			if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
				continue;
			form_error(r, key,
			    per_room ? "orders.err_grid_duplicate"
			             : "orders.err_grid_duplicate_day");
			bad++;
			break;
		}
	}
	return bad;
}

static bool
same(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0';
	return b != NULL && !strcmp(a, b);
}

/* Applies the posted grid to the stored cells. */
static NEOERR *
grid_save(struct req *r, struct grid *g, long long order, long long category,
    bool per_room)
{
	PGresult *cells;
	NEOERR *err;
	bool *used;
	int i, j, c, n;

	err = db_grid_cells(order, category, "en", &cells);
	if (err != STATUS_OK)
		return err;
	n = PQntuples(cells);
	used = calloc((size_t)n + 1, sizeof(*used));
	if (used == NULL) {
		PQclear(cells);
		return nerr_raise(NERR_NOMEM, "grid");
	}
	for (i = 0; err == STATUS_OK && i < g->nrows; i++) {
		const char *day = cell(r, i, "day");
		const char *room = per_room ? cell(r, i, "room") : NULL;
		const char *hours = per_room ? cell(r, i, "hours") : NULL;
		const char *del = cell(r, i, "del");

		if (day == NULL || (del && !strcmp(del, "1")))
			continue;
		for (j = 0; err == STATUS_OK && j < g->nopts; j++) {
			const char *q = qty(r, i, g->opt[j]);

			if (q == NULL)
				continue;
			for (c = 0; c < n; c++)
				if (!used[c] &&
				    same(db_get(cells, c, "option_id"),
				        g->opt[j]) &&
				    same(db_get(cells, c, "day"), day) &&
				    same(db_get(cells, c, "room_id"), room) &&
				    same(db_get(cells, c, "hours"), hours))
					break;
			if (c < n) {
				used[c] = true;
				err = db_grid_cell_update(db_get(cells, c,
				                              "id"),
				    q);
			} else
				err = db_grid_cell_insert(order, g->opt[j], day,
				    room, hours, q);
		}
	}
	for (c = 0; err == STATUS_OK && c < n; c++)
		if (!used[c])
			err = db_grid_cell_delete(db_get(cells, c, "id"));
	free(used);
	PQclear(cells);
	return err;
}

static int
check(struct req *r, struct order_child *c)
{
	struct grid *g = c->values;
	int bad = grid_read(r, g, g->per_room);

	if (bad > 0)
		hdf_setf(r->hdf, "Grid.posted_rows", "%d", g->nrows);
	return bad;
}

static NEOERR *
save(struct req *r, struct order_child *c)
{
	struct grid *g = c->values;

	return grid_save(r, g, c->order, g->category, g->per_room);
}

/* A cell the database refused (an option or room gone meanwhile). */
static NEOERR *
refused(struct req *r, struct order_child *c, NEOERR *err, NERR_TYPE *type)
{
	struct grid *g = c->values;

	if (!nerr_match(err, FM_ERR_INVALID))
		return err;
	nerr_ignore(&err);
	*type = FM_ERR_FORM;
	hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.inconsistent"));
	return nerr_pass(hdf_setf(r->hdf, "Grid.posted_rows", "%d", g->nrows));
}

NEOERR *
order_options_save(struct req *r)
{
	long long order = r->id[0], category = r->id[1];
	struct grid g;
	char tab[32];
	const char *n = http_param(r, "n");
	struct order_child c = { .tab = tab,
		.flash = "saved",
		.order = order,
		.values = &g,
		.check = check,
		.write = save,
		.refused = refused };
	PGresult *res;
	NEOERR *err;
	int i;

	memset(&g, 0, sizeof(g));
	g.category = category;
	snprintf(tab, sizeof(tab), "cat-%lld", category);
	g.nrows = n ? atoi(n) : 0;
	if (g.nrows < 0 || g.nrows > MAX_ROWS)
		return nerr_raise(FM_ERR_INVALID, "%s",
		    http_str(r, "err.range"));
	err = db_order_categories(order, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res); i++)
		if (atoll(db_get(res, i, "id")) == category)
			break;
	if (i == PQntuples(res)) {
		PQclear(res);
		return not_found(r);
	}
	g.per_room = !strcmp(db_get(res, i, "per_room"), "1");
	PQclear(res);
	err = db_grid_options(order, category, "fr", &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res) && i < MAX_OPTIONS; i++)
		snprintf(g.opt[i], sizeof(g.opt[i]), "%s",
		    db_get(res, i, "id"));
	g.nopts = i;
	PQclear(res);
	err = order_child_write(r, &c);
	free(g.fields);
	free(g.names);
	return err;
}
