/*
 * rate_xlsx.c - the recording report's workbook (see rate_xlsx.h).  The
 * figures are the ones PostgreSQL counted for the page; rates are numbers
 * with one decimal, in the workbook's own number format (shown in the
 * reader's language by the spreadsheet).
 */
#include "render/rate_xlsx.h"
#include "errors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct xl {
	lxw_workbook *wb;
	lxw_format *head, *pct, *text;
	enum lang lang;
	bool failed;
};

static const char *
str(struct xl *x, const char *key)
{
	char k[96];

	snprintf(k, sizeof(k), "rate.xlsx.%s", key);
	return tmpl_str(x->lang, k);
}

static void
check(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		x->failed = true;
}

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

static void
heads(struct xl *x, lxw_worksheet *ws, const char *const *keys, int n)
{
	int i;

	for (i = 0; i < n; i++)
		check(x,
		    worksheet_write_string(ws, 0, (lxw_col_t)i, str(x, keys[i]),
		        x->head));
	check(x, worksheet_set_column(ws, 0, (lxw_col_t)(n - 1), 16, NULL));
}

static void
boxes(struct xl *x, HDF *hdf)
{
	static const char *const keys[] = { "box", "site", "room", "scheduled",
		"recorded", "excluded", "rate" };
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, str(x, "boxes"));
	HDF *b;
	int row = 1;

	if (ws == NULL) {
		x->failed = true;
		return;
	}
	heads(x, ws, keys, FM_ARRAY_LEN(keys));
	for (b = hdf_get_child(hdf, "Report"); b; b = hdf_obj_next(b), row++) {
		text(x, ws, row, 0, hdf_get_value(b, "name", NULL));
		text(x, ws, row, 1, hdf_get_value(b, "site", NULL));
		text(x, ws, row, 2, hdf_get_value(b, "room", NULL));
		number(x, ws, row, 3, hdf_get_value(b, "scheduled", NULL),
		    NULL);
		number(x, ws, row, 4, hdf_get_value(b, "recorded", NULL), NULL);
		number(x, ws, row, 5, hdf_get_value(b, "excluded", NULL), NULL);
		number(x, ws, row, 6, hdf_get_value(b, "rate_value", NULL),
		    x->pct);
	}
}

static void
months(struct xl *x, HDF *hdf)
{
	static const char *const keys[] = { "month", "scheduled", "recorded",
		"excluded", "rate" };
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, str(x, "months"));
	HDF *m;
	int row = 1;

	if (ws == NULL) {
		x->failed = true;
		return;
	}
	heads(x, ws, keys, FM_ARRAY_LEN(keys));
	for (m = hdf_get_child(hdf, "Months"); m; m = hdf_obj_next(m), row++) {
		text(x, ws, row, 0, hdf_get_value(m, "ym", NULL));
		number(x, ws, row, 1, hdf_get_value(m, "scheduled", NULL),
		    NULL);
		number(x, ws, row, 2, hdf_get_value(m, "recorded", NULL), NULL);
		number(x, ws, row, 3, hdf_get_value(m, "excluded", NULL), NULL);
		number(x, ws, row, 4, hdf_get_value(m, "rate_value", NULL),
		    x->pct);
	}
}

static void
missed(struct xl *x, HDF *hdf)
{
	static const char *const keys[] = { "day", "times", "box", "order",
		"study", "covered" };
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, str(x, "missed"));
	HDF *m;
	int row = 1;

	if (ws == NULL) {
		x->failed = true;
		return;
	}
	heads(x, ws, keys, FM_ARRAY_LEN(keys));
	for (m = hdf_get_child(hdf, "Missed"); m; m = hdf_obj_next(m), row++) {
		text(x, ws, row, 0, hdf_get_value(m, "day", NULL));
		text(x, ws, row, 1, hdf_get_value(m, "times", NULL));
		text(x, ws, row, 2, hdf_get_value(m, "box", NULL));
		number(x, ws, row, 3, hdf_get_value(m, "order_id", NULL), NULL);
		text(x, ws, row, 4, hdf_get_value(m, "study_ref", NULL));
		text(x, ws, row, 5, hdf_get_value(m, "covered", NULL));
	}
}

NEOERR *
rate_xlsx(const char *path, HDF *hdf, enum lang lang)
{
	struct xl x = { .lang = lang };
	lxw_worksheet *ws;
	char line[256];

	x.wb = workbook_new(path);
	if (x.wb == NULL)
		return nerr_raise(NERR_IO, "cannot create %s", path);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	x.text = workbook_add_format(x.wb);
	format_set_num_format(x.text, "@");
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0.0");
	ws = workbook_add_worksheet(x.wb, str(&x, "summary"));
	if (ws == NULL)
		x.failed = true;
	else {
		snprintf(line, sizeof(line), "%s %s", str(&x, "title"),
		    hdf_get_value(hdf, "Year", ""));
		check(&x, worksheet_write_string(ws, 0, 0, line, x.head));
		check(&x,
		    worksheet_write_string(ws, 1, 0, str(&x, "threshold"),
		        NULL));
		number(&x, ws, 1, 1,
		    hdf_get_value(hdf, "Settings.coverage_pct", NULL), NULL);
		check(&x,
		    worksheet_write_string(ws, 2, 0, str(&x, "guarantee"),
		        NULL));
		number(&x, ws, 2, 1,
		    hdf_get_value(hdf, "Settings.guarantee_value", NULL),
		    x.pct);
		check(&x, worksheet_set_column(ws, 0, 0, 40, NULL));
	}
	boxes(&x, hdf);
	months(&x, hdf);
	missed(&x, hdf);
	if (workbook_close(x.wb) != LXW_NO_ERROR || x.failed)
		return nerr_raise(NERR_IO, "cannot write the workbook %s",
		    path);
	return STATUS_OK;
}
