/*
 * export_xlsx.c - the accountants' workbook (see export_xlsx.h).
 *
 * libxlsxwriter runs in constant_memory mode: each row goes to the
 * worksheet's temporary file as soon as it is written, so rows are
 * written in order, sheet after sheet, from PostgreSQL cursors read a few
 * thousand rows at a time.  The totals rows are SUBTOTAL formulas whose
 * cached values are PostgreSQL's sums (C adds nothing up).
 */
#include "render/export_xlsx.h"
#include "db/db.h"
#include "db/db_exports.h"
#include "errors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_RATES 12

struct xl {
	lxw_workbook *wb;
	lxw_format *head, *money, *date, *text, *total, *total_money, *rate;
	enum lang lang;
	bool failed;
};

static const char *
str(struct xl *x, const char *key)
{
	char k[96];

	snprintf(k, sizeof(k), "xlsx.%s", key);
	return tmpl_str(x->lang, k);
}

static void
check(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		x->failed = true;
}

/* User text, always as a string (never a formula, whatever it starts with). */
static void
text(struct xl *x, lxw_worksheet *ws, int row, int col, const char *s)
{
	if (s != NULL && *s)
		check(x,
		    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
		        s, x->text));
}

static void
number(struct xl *x, lxw_worksheet *ws, int row, int col, const char *s,
    lxw_format *f)
{
	if (s != NULL && *s)
		check(x,
		    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		        strtod(s, NULL), f));
}

/* "YYYY-MM-DD" as a date cell. */
static void
date(struct xl *x, lxw_worksheet *ws, int row, int col, const char *s)
{
	lxw_datetime dt;

	if (s == NULL || strlen(s) != 10)
		return;
	memset(&dt, 0, sizeof(dt));
	dt.year = atoi(s);
	dt.month = atoi(s + 5);
	dt.day = atoi(s + 8);
	check(x,
	    worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt,
	        x->date));
}

/* The values of a PostgreSQL array text "{1.00,2.00}". */
static int
split_array(const char *a, char out[][32], int max)
{
	int n = 0;

	if (a == NULL || *a != '{')
		return 0;
	a++;
	while (*a && *a != '}' && n < max) {
		size_t len = strcspn(a, ",}");

		snprintf(out[n++], 32, "%.*s", (int)len, a);
		a += len;
		if (*a == ',')
			a++;
	}
	return n;
}

static void
header(struct xl *x, lxw_worksheet *ws, const char *const *labels, int n)
{
	int i;

	for (i = 0; i < n; i++)
		check(x,
		    worksheet_write_string(ws, 0, (lxw_col_t)i, labels[i],
		        x->head));
	worksheet_freeze_panes(ws, 1, 0);
}

/* A totals row: SUBTOTAL(109) of the column with PostgreSQL's sum. */
static void
subtotal(struct xl *x, lxw_worksheet *ws, int row, int col, int last,
    const char *sum)
{
	char range[32], formula[64];

	lxw_rowcol_to_range(range, 1, (lxw_col_t)col, (lxw_row_t)last,
	    (lxw_col_t)col);
	snprintf(formula, sizeof(formula), "=SUBTOTAL(109,%s)", range);
	check(x,
	    worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col,
	        formula, x->total_money, strtod(sum ? sum : "0", NULL)));
}

static const char *
kind_label(struct xl *x, const char *kind)
{
	return str(x, !strcmp(kind, "credit_note") ? "credit_note" : "invoice");
}

/* Sheet 1: one row per document. */
static NEOERR *
sheet_documents(struct xl *x, const char *from, const char *to, PGresult *rates)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, str(x, "sheet_docs"));
	const char *labels[40];
	char rate_labels[MAX_RATES][64], vat[MAX_RATES][32];
	const char *ra = PQntuples(rates) ? db_get(rates, 0, "rates") : "{}";
	int nrates = PQntuples(rates) < MAX_RATES ? PQntuples(rates)
	                                          : MAX_RATES;
	int n = 0, i, row = 1, c_ttc;
	PGresult *res;
	NEOERR *err;

	if (ws == NULL)
		return nerr_raise(NERR_NOMEM, "xlsx: no worksheet");
	labels[n++] = str(x, "number");
	labels[n++] = str(x, "kind");
	labels[n++] = str(x, "date");
	labels[n++] = str(x, "due_on");
	labels[n++] = str(x, "client");
	labels[n++] = str(x, "study_ref");
	labels[n++] = str(x, "order");
	labels[n++] = str(x, "total_ht");
	for (i = 0; i < nrates; i++) {
		snprintf(rate_labels[i], sizeof(rate_labels[i]), "%s %s %%",
		    str(x, "vat"), db_get(rates, i, "label"));
		labels[n++] = rate_labels[i];
	}
	c_ttc = n;
	labels[n++] = str(x, "total_ttc");
	labels[n++] = str(x, "disbursements");
	labels[n++] = str(x, "total_due");
	labels[n++] = str(x, "payment");
	worksheet_set_column(ws, 0, 0, 15, NULL);
	worksheet_set_column(ws, 1, 1, 10, NULL);
	worksheet_set_column(ws, 2, 3, 11, NULL);
	worksheet_set_column(ws, 4, 4, 34, NULL);
	worksheet_set_column(ws, 5, 6, 12, NULL);
	worksheet_set_column(ws, 7, (lxw_col_t)(c_ttc + 2), 13, NULL);
	worksheet_set_column(ws, (lxw_col_t)(c_ttc + 3), (lxw_col_t)(c_ttc + 3),
	    16, NULL);
	header(x, ws, labels, n);

	err = db_export_open_docs(from, to, ra);
	while (err == STATUS_OK) {
		err = db_export_fetch_docs(&res);
		if (err != STATUS_OK)
			break;
		if (PQntuples(res) == 0) {
			PQclear(res);
			break;
		}
		for (i = 0; i < PQntuples(res); i++, row++) {
			const char *pay = db_get(res, i, "payment");
			char key[40];
			int k, nv;

			text(x, ws, row, 0, db_get(res, i, "number"));
			text(x, ws, row, 1,
			    kind_label(x, db_get(res, i, "kind")));
			date(x, ws, row, 2, db_get(res, i, "issued_on"));
			date(x, ws, row, 3, db_get(res, i, "due_on"));
			text(x, ws, row, 4, db_get(res, i, "client"));
			text(x, ws, row, 5, db_get(res, i, "study_ref"));
			number(x, ws, row, 6, db_get(res, i, "order_id"), NULL);
			number(x, ws, row, 7, db_get(res, i, "total_ht"),
			    x->money);
			nv = split_array(db_get(res, i, "vat"), vat, MAX_RATES);
			for (k = 0; k < nv && k < nrates; k++)
				number(x, ws, row, 8 + k, vat[k], x->money);
			number(x, ws, row, c_ttc, db_get(res, i, "total_ttc"),
			    x->money);
			number(x, ws, row, c_ttc + 1,
			    db_get(res, i, "disbursements"), x->money);
			number(x, ws, row, c_ttc + 2,
			    db_get(res, i, "total_due"), x->money);
			if (pay != NULL) {
				snprintf(key, sizeof(key), "pay_%s", pay);
				text(x, ws, row, c_ttc + 3, str(x, key));
			}
		}
		PQclear(res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (row > 1)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row - 1),
		    (lxw_col_t)(n - 1));
	/* The totals row. */
	err = db_export_doc_sums(from, to, ra, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	check(x,
	    worksheet_write_string(ws, (lxw_row_t)row, 0, str(x, "total"),
	        x->total));
	for (i = 1; i < 7; i++)
		check(x,
		    worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)i,
		        x->total));
	if (row > 1) {
		int k, nv = split_array(db_get(res, 0, "vat"), vat, MAX_RATES);

		subtotal(x, ws, row, 7, row - 1, db_get(res, 0, "total_ht"));
		for (k = 0; k < nrates; k++)
			subtotal(x, ws, row, 8 + k, row - 1,
			    k < nv ? vat[k] : "0");
		subtotal(x, ws, row, c_ttc, row - 1,
		    db_get(res, 0, "total_ttc"));
		subtotal(x, ws, row, c_ttc + 1, row - 1,
		    db_get(res, 0, "disbursements"));
		subtotal(x, ws, row, c_ttc + 2, row - 1,
		    db_get(res, 0, "total_due"));
	}
	PQclear(res);
	return STATUS_OK;
}

/* Sheet 2: every line of those documents. */
static NEOERR *
sheet_lines(struct xl *x, const char *from, const char *to, long *count)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb,
	    str(x, "sheet_lines"));
	const char *labels[] = { str(x, "number"), str(x, "kind"),
		str(x, "date"), str(x, "client"), str(x, "position"),
		str(x, "description"), str(x, "quantity"), str(x, "unit_price"),
		str(x, "discount"), str(x, "vat_rate"), str(x, "amount") };
	int row = 1, i;
	PGresult *res;
	NEOERR *err;

	if (ws == NULL)
		return nerr_raise(NERR_NOMEM, "xlsx: no worksheet");
	worksheet_set_column(ws, 0, 0, 15, NULL);
	worksheet_set_column(ws, 1, 2, 11, NULL);
	worksheet_set_column(ws, 3, 3, 30, NULL);
	worksheet_set_column(ws, 4, 4, 6, NULL);
	worksheet_set_column(ws, 5, 5, 50, NULL);
	worksheet_set_column(ws, 6, 10, 12, NULL);
	header(x, ws, labels, (int)FM_ARRAY_LEN(labels));
	err = db_export_open_lines(from, to);
	while (err == STATUS_OK) {
		err = db_export_fetch_lines(&res);
		if (err != STATUS_OK)
			break;
		if (PQntuples(res) == 0) {
			PQclear(res);
			break;
		}
		for (i = 0; i < PQntuples(res); i++, row++) {
			text(x, ws, row, 0, PQgetvalue(res, i, 0));
			text(x, ws, row, 1,
			    kind_label(x, PQgetvalue(res, i, 1)));
			date(x, ws, row, 2, PQgetvalue(res, i, 2));
			text(x, ws, row, 3, PQgetvalue(res, i, 3));
			number(x, ws, row, 4, PQgetvalue(res, i, 4), NULL);
			text(x, ws, row, 5, PQgetvalue(res, i, 5));
			number(x, ws, row, 6, PQgetvalue(res, i, 6), NULL);
			number(x, ws, row, 7, PQgetvalue(res, i, 7), x->money);
			number(x, ws, row, 8, PQgetvalue(res, i, 8), x->rate);
			number(x, ws, row, 9, PQgetvalue(res, i, 9), x->rate);
			number(x, ws, row, 10, PQgetvalue(res, i, 10),
			    x->money);
		}
		PQclear(res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	*count = row - 1;
	if (row > 1)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row - 1), 10);
	err = db_export_line_sum(from, to, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	check(x,
	    worksheet_write_string(ws, (lxw_row_t)row, 0, str(x, "total"),
	        x->total));
	if (row > 1)
		subtotal(x, ws, row, 10, row - 1, db_get(res, 0, "amount"));
	PQclear(res);
	return STATUS_OK;
}

/* Sheet 3: bases and VAT per rate. */
static NEOERR *
sheet_vat(struct xl *x, const char *from, const char *to)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, str(x, "sheet_vat"));
	const char *labels[] = { str(x, "vat_rate"), str(x, "invoice_base"),
		str(x, "invoice_vat"), str(x, "credit_base"),
		str(x, "credit_vat"), str(x, "net_base"), str(x, "net_vat") };
	static const char *const cols[] = { "invoice_base", "invoice_vat",
		"credit_base", "credit_vat", "net_base", "net_vat" };
	PGresult *res;
	NEOERR *err;
	int i, k;

	if (ws == NULL)
		return nerr_raise(NERR_NOMEM, "xlsx: no worksheet");
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, 6, 16, NULL);
	header(x, ws, labels, (int)FM_ARRAY_LEN(labels));
	err = db_export_vat_summary(from, to, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res); i++) {
		const char *rate = db_get(res, i, "rate");
		lxw_format *f = rate ? x->money : x->total_money;

		if (rate != NULL)
			number(x, ws, i + 1, 0, rate, x->rate);
		else
			check(x,
			    worksheet_write_string(ws, (lxw_row_t)(i + 1), 0,
			        str(x, "total"), x->total));
		for (k = 0; k < 6; k++)
			number(x, ws, i + 1, k + 1, db_get(res, i, cols[k]), f);
	}
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
export_xlsx(const char *path, const char *tmpdir, const char *from,
    const char *to, enum lang lang, long *rows)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE,
		.tmpdir = (char *)tmpdir,
		.use_zip64 = LXW_FALSE };
	struct xl x;
	PGresult *rates = NULL;
	NEOERR *err;
	lxw_error e;

	memset(&x, 0, sizeof(x));
	x.lang = lang;
	*rows = 0;
	x.wb = workbook_new_opt(path, &opts);
	if (x.wb == NULL)
		return nerr_raise(NERR_IO, "xlsx: cannot create %s", path);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0x1F4E79);
	format_set_font_color(x.head, LXW_COLOR_WHITE);
	format_set_text_wrap(x.head);
	x.money = workbook_add_format(x.wb);
	format_set_num_format(x.money, "#,##0.00\\ \"€\"");
	x.date = workbook_add_format(x.wb);
	format_set_num_format(x.date, "dd/mm/yyyy");
	x.text = workbook_add_format(x.wb);
	format_set_num_format(x.text, "@");
	x.rate = workbook_add_format(x.wb);
	/* "0.##" would show 20 as "20." (and 5.5 as "5,5" in French Excel:
	 * the format code is always written the English way) */
	format_set_num_format(x.rate, "General");
	x.total = workbook_add_format(x.wb);
	format_set_bold(x.total);
	format_set_top(x.total, LXW_BORDER_THIN);
	x.total_money = workbook_add_format(x.wb);
	format_set_bold(x.total_money);
	format_set_top(x.total_money, LXW_BORDER_THIN);
	format_set_num_format(x.total_money, "#,##0.00\\ \"€\"");
	workbook_set_properties(x.wb,
	    &(lxw_doc_properties){ .title = (char *)str(&x, "title"),
	        .author = "FocusManager" });

	err = db_export_begin();
	if (err == STATUS_OK)
		err = db_export_rates(from, to, lang_code(lang), &rates);
	if (err == STATUS_OK)
		err = sheet_documents(&x, from, to, rates);
	if (err == STATUS_OK)
		err = sheet_lines(&x, from, to, rows);
	if (err == STATUS_OK)
		err = sheet_vat(&x, from, to);
	PQclear(rates);
	db_rollback(); /* read only: nothing to keep */
	e = workbook_close(x.wb);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (e != LXW_NO_ERROR || x.failed)
		return nerr_raise(NERR_IO,
		    "xlsx: writing the workbook failed: %s",
		    e != LXW_NO_ERROR ? lxw_strerror(e) : "a cell was refused");
	return STATUS_OK;
}
