/*
 * bandwidth.c - the contract's bandwidth at the 95th percentile (admins):
 *
 *   GET  /bandwidth[?month=YYYY-MM]      the month: 95th percentile, the
 *                                        floor, the overage and its price,
 *                                        the 5-minute samples' chart
 *   GET  /bandwidth.csv[?month=YYYY-MM]  the month's samples
 *   POST /bandwidth/settings             the floor and the price
 *
 * fm-bandwidth records the samples; SQL counts (db/functions/bandwidth.sql).
 */
#include "db/db_bandwidth.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct field settings_fields[] = FORM_FIELDS(BANDWIDTH_SETTINGS);

/* ?month=YYYY-MM as YYYY-MM-01 (this month when absent or malformed). */
static void
month_of(struct req *r, char out[11])
{
	const char *m = http_param(r, "month");
	time_t now = time(NULL);
	struct tm tm;

	if (m != NULL && strlen(m) == 7 && isdigit((unsigned char)m[0]) &&
	    isdigit((unsigned char)m[1]) && isdigit((unsigned char)m[2]) &&
	    isdigit((unsigned char)m[3]) && m[4] == '-' &&
	    ((m[5] == '0' && m[6] >= '1' && m[6] <= '9') ||
	        (m[5] == '1' && m[6] >= '0' && m[6] <= '2')) &&
	    m[0] >= '2') {
		snprintf(out, 11, "%.7s-01", m);
		return;
	}
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-01", &tm);
}

static NEOERR *
page(struct req *r)
{
	const char *lang = lang_code(r->lang);
	PGresult *res = NULL;
	char month[11];
	NEOERR *err;

	month_of(r, month);
	err = db_bandwidth_month(month, lang, &res);
	if (err == STATUS_OK && PQntuples(res) == 1)
		err = db_row_to_hdf(r->hdf, "Month", res, 0);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK)
		err = db_bandwidth_classes(month, lang, &res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Classes", res);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK &&
	    hdf_get_value(r->hdf, "Form.floor_mbps", NULL) == NULL) {
		err = db_bandwidth_settings(&res);
		if (err == STATUS_OK && PQntuples(res) == 1) {
			err = form_fill(r, "floor_mbps",
			    db_get(res, 0, "floor_mbps"));
			if (err == STATUS_OK)
				err = form_fill(r, "price_per_mbps",
				    db_get(res, 0, "price_per_mbps"));
		}
		PQclear(res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "bandwidth/report.cs");
}

NEOERR *
bandwidth_report(struct req *r)
{
	return page(r);
}

NEOERR *
bandwidth_csv(struct req *r)
{
	PGresult *res;
	char month[11], name[64];
	STRING out;
	NEOERR *err;
	int i;

	month_of(r, month);
	err = db_bandwidth_slots(month, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&out);
	err = string_append(&out, "at,mbps_out,mbps_in,mbps\r\n");
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++)
		err = string_appendf(&out, "%s,%s,%s,%s\r\n",
		    PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 3));
	PQclear(res);
	snprintf(name, sizeof(name), "bandwidth-%.7s.csv", month);
	if (err == STATUS_OK) {
		http_header(r,
		    "Content-Disposition: attachment; filename=\"%s\"", name);
		err = http_send(r, 200, "text/csv; charset=utf-8",
		    out.buf ? out.buf : "", (size_t)out.len);
	}
	string_clear(&out);
	return nerr_pass(err);
}

NEOERR *
bandwidth_settings(struct req *r)
{
	struct bandwidth_settings v;
	NEOERR *err;

	int bad = FORM_READ(r, settings_fields, &v);

	if (v.floor_mbps && v.floor_mbps[0] == '-') {
		form_error(r, "floor_mbps", "bandwidth.err_negative");
		bad++;
	}
	if (v.price_per_mbps && v.price_per_mbps[0] == '-') {
		form_error(r, "price_per_mbps", "bandwidth.err_negative");
		bad++;
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return page(r);
	}
	err = db_bandwidth_settings_update(&v);
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/bandwidth");
}
