/*
 * guarantee.c - the recording guarantee the contract promises (98 % of
 * the sessions booked with recording, over a calendar year):
 *
 *   GET  /boxes/report[?year=Y]        the report: per box, per month,
 *                                      the chart, the sessions missed
 *   GET  /boxes/report.xlsx[?year=Y]   the same as a workbook
 *   POST /boxes/report/settings        the coverage threshold (admin)
 *   GET  /boxes/{id}                   a box and its outages
 *   POST /boxes/{id}/outages           staff declare an outage
 *   GET  /outages/{id}, POST /outages/{id}   correct or confirm one
 *   POST /outages/{id}/dismiss         dismiss a proposal
 *
 * What counts (the media's measured coverage, outages from the repair's
 * start) is SQL's: db/functions/guarantee.sql.
 */
#include "conf.h"
#include "db/db_guarantee.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "render/rate_xlsx.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct field outage_fields[] = FORM_FIELDS(OUTAGE);

static int
report_year(struct req *r)
{
	static const struct field f[] = {
		{ "year", FT_INT, false, 2100, 2000, NULL },
	};
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	if (form_read(r, f, 1) == 0 && form_value(r, "year") != NULL)
		return atoi(form_value(r, "year"));
	return tm.tm_year + 1900;
}

/* Report.<i>.* with months.<m>.*, Months.*, Missed.*, Settings.*. */
static NEOERR *
report_data(struct req *r, int year)
{
	const char *lang = lang_code(r->lang);
	PGresult *box = NULL, *cells = NULL, *res = NULL;
	char key[64];
	int i, j;
	NEOERR *err;

	err = db_rate_boxes(year, lang, &box);
	if (err == STATUS_OK)
		err = db_rate_box_months(year, lang, &cells);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Report", box);
	for (i = 0; err == STATUS_OK && i < PQntuples(box); i++)
		for (j = 0; err == STATUS_OK && j < PQntuples(cells); j++) {
			if (strcmp(db_get(cells, j, "box_id"),
			        db_get(box, i, "id")))
				continue;
			snprintf(key, sizeof(key), "Report.%d.months.%s", i,
			    db_get(cells, j, "month"));
			err = db_row_to_hdf(r->hdf, key, cells, j);
		}
	PQclear(box);
	PQclear(cells);
	if (err == STATUS_OK)
		err = db_rate_months(year, lang, &res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Months", res);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK)
		err = db_rate_missed(year, lang, &res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Missed", res);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK)
		err = db_rate_settings(lang, &res);
	if (err == STATUS_OK && PQntuples(res) == 1)
		err = db_row_to_hdf(r->hdf, "Settings", res, 0);
	if (err == STATUS_OK && PQntuples(res) == 1)
		/* The 98 % line of the chart (2 px per percent). */
		err = hdf_setf(r->hdf, "Settings.line_y", "%d",
		    220 -
		        (int)(2.0 * atof(db_get(res, 0, "guarantee_value")) +
		            0.5));
	PQclear(res);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Year", "%d", year);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "PrevYear", "%d", year - 1);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "NextYear", "%d", year + 1);
	return nerr_pass(err);
}

static NEOERR *
report_page(struct req *r, int year)
{
	NEOERR *err = report_data(r, year);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/report.cs");
}

NEOERR *
guarantee_report(struct req *r)
{
	return report_page(r, report_year(r));
}

NEOERR *
guarantee_report_xlsx(struct req *r)
{
	int year = report_year(r);
	char path[4096], name[120];
	struct stat st;
	NEOERR *err;
	int fd;

	err = report_data(r, year);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(path, sizeof(path), "%s/fm-rate-XXXXXX", g_cfg->upload_tmp);
	fd = mkstemp(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "mkstemp %s", path);
	close(fd);
	err = rate_xlsx(path, r->hdf, r->lang);
	if (err != STATUS_OK) {
		unlink(path);
		return nerr_pass(err);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "open %s", path);
	if (fstat(fd, &st) != 0) {
		close(fd);
		return nerr_raise_errno(NERR_IO, "fstat %s", path);
	}
	snprintf(name, sizeof(name), "%s-%d.xlsx",
	    http_str(r, "rate.file_prefix"), year);
	http_header(r, "Content-Disposition: attachment; filename=\"%s\"",
	    name);
	err = http_send_fd(r, 200,
	    "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet",
	    fd, (size_t)st.st_size);
	close(fd);
	return nerr_pass(err);
}

NEOERR *
guarantee_settings(struct req *r)
{
	static const struct field f[] = {
		{ "coverage_pct", FT_INT, true, 100, 1, NULL },
	};
	NEOERR *err;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return report_page(r, report_year(r));
	}
	err = db_rate_settings_update(atoi(form_value(r, "coverage_pct")));
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/boxes/report");
}

/* The box page: the box, its outages, the declaration form. */
static NEOERR *
box_page(struct req *r, long long box)
{
	PGresult *res = NULL;
	NEOERR *err;

	err = db_box_show(box, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Box", res, 0);
	PQclear(res);
	res = NULL;
	if (err == STATUS_OK)
		err = db_outages(box, &res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Outages", res);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/show.cs");
}

NEOERR *
guarantee_box(struct req *r)
{
	return box_page(r, r->id[0]);
}

/* A moment is a day and a time, both or neither. */
static int
check_outage(struct req *r, struct outage *o)
{
	int bad = FORM_READ(r, outage_fields, o);

	if ((o->repair_day == NULL) != (o->repair_time == NULL)) {
		form_error(r, o->repair_day ? "repair_time" : "repair_day",
		    "outages.err_pair");
		bad++;
	}
	if ((o->restored_day == NULL) != (o->restored_time == NULL)) {
		form_error(r,
		    o->restored_day ? "restored_time" : "restored_day",
		    "outages.err_pair");
		bad++;
	}
	return bad;
}

/* The database's checks on the moments' order (23514): a form error. */
static bool
order_refused(struct req *r, NEOERR **err)
{
	if (*err == STATUS_OK || strcmp(db_last_error.sqlstate, "23514"))
		return false;
	nerr_ignore(err);
	form_error(r, "restored_day", "outages.err_order");
	http_refuse(r, FM_ERR_FORM);
	return true;
}

NEOERR *
outages_create(struct req *r)
{
	struct outage o;
	long long id;
	NEOERR *err;

	if (check_outage(r, &o) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return box_page(r, r->id[0]);
	}
	err = db_outage_insert(r->id[0], r->sess.login, &o, &id);
	if (order_refused(r, &err))
		return box_page(r, r->id[0]);
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		nerr_ignore(&err);
		return not_found(r);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "outage_saved");
	return http_redirect(r, "/boxes/%lld", r->id[0]);
}

static NEOERR *
outage_page(struct req *r, long long id)
{
	PGresult *res = NULL;
	NEOERR *err;
	int i;

	err = db_outages(-id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res); i++)
		if (atoll(db_get(res, i, "id")) == id)
			break;
	if (i == PQntuples(res)) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Outage", res, i);
	if (err == STATUS_OK &&
	    hdf_get_value(r->hdf, "Form.detected_day", NULL) == NULL) {
		static const char *const keep[] = { "detected_day",
			"detected_time", "repair_day", "repair_time",
			"restored_day", "restored_time", "note" };
		size_t k;

		for (k = 0; err == STATUS_OK && k < FM_ARRAY_LEN(keep); k++)
			err = form_fill(r, keep[k], db_get(res, i, keep[k]));
	}
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "boxes/outage.cs");
}

NEOERR *
outages_show(struct req *r)
{
	return outage_page(r, r->id[0]);
}

NEOERR *
outages_update(struct req *r)
{
	struct outage o;
	long long box = 0;
	NEOERR *err;

	if (check_outage(r, &o) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return outage_page(r, r->id[0]);
	}
	err = db_outage_update(r->id[0], r->sess.login, &o, &box);
	if (order_refused(r, &err))
		return outage_page(r, r->id[0]);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (box == 0)
		return not_found(r);
	http_flash(r, "outage_saved");
	return http_redirect(r, "/boxes/%lld", box);
}

NEOERR *
outages_dismiss(struct req *r)
{
	long long box = 0;
	NEOERR *err;

	err = db_outage_dismiss(r->id[0], r->sess.login, &box);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (box == 0)
		return not_found(r);
	http_flash(r, "outage_dismissed");
	return http_redirect(r, "/boxes/%lld", box);
}
