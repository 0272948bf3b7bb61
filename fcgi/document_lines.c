/*
 * document_lines.c - the lines of a draft document.
 *
 *   POST /documents/{id}/lines                     the whole table at once
 *   POST /documents/{id}/lines/{line}/up|down      reorder
 *   POST /documents/{id}/lines/{line}/delete       the row's ✖
 *   POST /documents/{id}/disbursements/{d}/delete  a disbursement off it
 *
 * The table posts n and, for each row N, id.N (stored lines), label.N,
 * quantity.N, unit_price.N (excl. VAT), discount.N (%) and vat_rate.N.
 * A row without id and without anything typed is a blank row, ignored;
 * a row without id with something typed is a new line.  Every row is
 * checked before anything is written; the amounts are PostgreSQL's.
 */
#include "documents.h"
#include "db/db_config.h"
#include "db/db_documents.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 500
#define PER_ROW  6

static const char *
cell(struct req *r, const char *what, int row)
{
	char key[48];

	snprintf(key, sizeof(key), "%s.%d", what, row);
	return form_value(r, key);
}

static void
cell_error(struct req *r, const char *what, int row, const char *msg)
{
	char key[48];

	snprintf(key, sizeof(key), "%s.%d", what, row);
	form_error(r, key, msg);
}

/* True when rate is one of the configured VAT rates. */
static bool
known_rate(PGresult *vat, const char *rate)
{
	int i;

	for (i = 0; i < PQntuples(vat); i++)
		if (strtod(PQgetvalue(vat, i, 0), NULL) == strtod(rate, NULL))
			return true;
	return false;
}

/* Reads and checks every row; returns the number of errors. */
static int
read_rows(struct req *r, int n, PGresult *vat)
{
	static const char *const names[PER_ROW] = { "id", "label", "quantity",
		"unit_price", "discount", "vat_rate" };
	static const enum field_type types[PER_ROW] = { FT_ID, FT_MULTILINE,
		FT_DECIMAL, FT_MONEY, FT_DECIMAL, FT_DECIMAL };
	struct field *f;
	char(*keys)[32];
	int i, k, bad;

	f = calloc((size_t)(n * PER_ROW) + 1, sizeof(*f));
	keys = calloc((size_t)(n * PER_ROW) + 1, sizeof(*keys));
	if (f == NULL || keys == NULL) {
		free(f);
		free(keys);
		return -1;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < PER_ROW; k++) {
			int j = i * PER_ROW + k;

			snprintf(keys[j], sizeof(keys[j]), "%s.%d", names[k],
			    i);
			f[j] = (struct field){ keys[j], types[k], false,
				k == 1 ? 2000 : 0, 0, NULL };
		}
	bad = form_read(r, f, (size_t)(n * PER_ROW));
	free(f);
	free(keys);
	for (i = 0; i < n; i++) {
		const char *id = cell(r, "id", i), *label = cell(r, "label", i);
		const char *qty = cell(r, "quantity", i);
		const char *price = cell(r, "unit_price", i);
		const char *disc = cell(r, "discount", i);
		const char *rate = cell(r, "vat_rate", i);
		char key[48];

		/* A blank row: nothing typed but the defaults. */
		snprintf(key, sizeof(key), "Form.label.%d", i);
		if (id == NULL && label == NULL && price == NULL &&
		    !*hdf_get_value(r->hdf, key, ""))
			continue;
		if (label == NULL) {
			cell_error(r, "label", i, "err.required");
			bad++;
		}
		snprintf(key, sizeof(key), "Form.unit_price.%d", i);
		if (price == NULL && !*hdf_get_value(r->hdf, key, "")) {
			cell_error(r, "unit_price", i, "err.required");
			bad++;
		}
		if (qty != NULL &&
		    (qty[0] == '-' || strspn(qty, "0.") == strlen(qty))) {
			cell_error(r, "quantity", i, "services.err_quantity");
			bad++;
		}
		if (disc != NULL &&
		    (disc[0] == '-' || strtod(disc, NULL) > 100)) {
			cell_error(r, "discount", i, "documents.err_discount");
			bad++;
		}
		if (rate == NULL || !known_rate(vat, rate)) {
			cell_error(r, "vat_rate", i, "err.choice");
			bad++;
		}
	}
	return bad;
}

NEOERR *
document_lines_save(struct req *r)
{
	long long id = r->id[0];
	struct doc_state st;
	PGresult *vat;
	NEOERR *err;
	int n = atoi(hdf_get_value(r->hdf, "Query.n", "0")), i, bad;

	if (n < 0 || n > MAX_ROWS)
		return nerr_raise(FM_ERR_INVALID, "%s",
		    http_str(r, "err.range"));
	err = db_vat_choices(&vat);
	if (err != STATUS_OK)
		return nerr_pass(err);
	bad = read_rows(r, n, vat);
	PQclear(vat);
	if (bad < 0)
		return nerr_raise(NERR_NOMEM, "out of memory");
	hdf_setf(r->hdf, "Grid.n", "%d", n);
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_LINES_POSTED);
	}
	err = documents_begin(r, id, true, &st);
	if (err != STATUS_OK)
		return err;
	for (i = 0; err == STATUS_OK && i < n; i++) {
		const struct line v = { .label = cell(r, "label", i),
			.quantity = cell(r, "quantity", i),
			.unit_price = cell(r, "unit_price", i),
			.discount_pct = cell(r, "discount", i),
			.vat_rate = cell(r, "vat_rate", i) };
		const char *line = cell(r, "id", i);
		bool found = true;

		if (line != NULL) {
			err = db_line_update(id, atoll(line), &v, &found);
			if (err == STATUS_OK && !found)
				err = nerr_raise(FM_ERR_CONFLICT, "%s",
				    http_str(r, "documents.err_line_gone"));
		} else if (v.label != NULL)
			err = db_line_insert(id, &v);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* A rate deleted meanwhile, an amount too large... */
		nerr_ignore(&err);
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "err.inconsistent"));
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_LINES_POSTED);
	}
	if (err != STATUS_OK) {
		db_rollback();
		return nerr_pass(err);
	}
	http_flash(r, "saved");
	return http_redirect(r, "/documents/%lld#lines", id);
}

/* Runs one change on a line of a draft, in its own transaction. */
static NEOERR *
line_change(struct req *r,
    NEOERR *(*change)(struct req *, long long, long long, bool *))
{
	long long id = r->id[0], line = r->id[1];
	struct doc_state st;
	NEOERR *err;
	bool found = false;

	err = documents_begin(r, id, true, &st);
	if (err != STATUS_OK)
		return err;
	err = change(r, id, line, &found);
	if (err == STATUS_OK && !found) {
		db_rollback();
		return not_found(r);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_redirect(r, "/documents/%lld#lines", id);
}

static NEOERR *
up(struct req *r, long long doc, long long line, bool *found)
{
	(void)r;
	return db_line_move(doc, line, -1, found);
}

static NEOERR *
down(struct req *r, long long doc, long long line, bool *found)
{
	(void)r;
	return db_line_move(doc, line, 1, found);
}

static NEOERR *
drop_line(struct req *r, long long doc, long long line, bool *found)
{
	NEOERR *err = db_line_delete(doc, line, found);

	(void)r;
	if (err == STATUS_OK && *found)
		err = db_document_renumber(doc);
	return err;
}

static NEOERR *
drop_disbursement(struct req *r, long long doc, long long id, bool *found)
{
	NEOERR *err = db_doc_disbursement_delete(doc, id, found);

	(void)r;
	if (err == STATUS_OK && *found)
		err = db_document_renumber(doc);
	return err;
}

NEOERR *
document_lines_up(struct req *r)
{
	return line_change(r, up);
}

NEOERR *
document_lines_down(struct req *r)
{
	return line_change(r, down);
}

NEOERR *
document_lines_delete(struct req *r)
{
	return line_change(r, drop_line);
}

NEOERR *
document_disbursements_delete(struct req *r)
{
	return line_change(r, drop_disbursement);
}
