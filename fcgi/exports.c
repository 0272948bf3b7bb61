/*
 * exports.c - what accountants take away:
 *
 *   GET /exports                                  the page with both forms
 *   GET /exports/invoices.xlsx?from=...&to=...    the period's invoices and
 *                                                 credit notes (export_xlsx.c)
 *   GET /exports/fec.txt?year=YYYY                the sales and receipts
 *                                                 entries of the fiscal
 *                                                 year that starts in YYYY
 *
 * The file is in the format of the FEC (art. A47 A-1 of the Livre des
 * procédures fiscales) but holds only what FocusManager knows: the sales
 * journal (invoices, credit notes) and the bank journal (payments), for
 * the accounting software that makes the company's FEC.  The 18 columns
 * JournalCode ... Idevise in that order, tab-separated, every entry
 * balanced (fec_lines() in PostgreSQL), ISO-8859-15, named
 * <SIREN>FEC<closing date>.txt.
 */
#include "conf.h"
#include "db/db_exports.h"
#include "errors.h"
#include "render/export_xlsx.h"
#include "form.h"
#include "handlers.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const fec_columns[18] = {
	"JournalCode",
	"JournalLib",
	"EcritureNum",
	"EcritureDate",
	"CompteNum",
	"CompteLib",
	"CompAuxNum",
	"CompAuxLib",
	"PieceRef",
	"PieceDate",
	"EcritureLib",
	"Debit",
	"Credit",
	"EcritureLet",
	"DateLet",
	"ValidDate",
	"Montantdevise",
	"Idevise",
};

/* The exports page, its forms filled (defaults: this year so far, the
 * current fiscal year). */
static NEOERR *
page(struct req *r)
{
	char today[16], jan[16];
	time_t now = time(NULL);
	struct tm tm;
	PGresult *res;
	NEOERR *err;
	int i;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	strftime(jan, sizeof(jan), "%Y-01-01", &tm);
	if (hdf_get_value(r->hdf, "Form.from", NULL) == NULL)
		form_fill(r, "from", jan);
	if (hdf_get_value(r->hdf, "Form.to", NULL) == NULL)
		form_fill(r, "to", today);
	err = db_export_fiscal_years(lang_code(r->lang), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "FiscalYears", res);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++)
		if (hdf_get_value(r->hdf, "Form.year", NULL) == NULL &&
		    !strcmp(db_get(res, i, "is_current"), "1"))
			err = form_fill(r, "year", db_get(res, i, "year"));
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "exports/index.cs");
}

NEOERR *
exports_index(struct req *r)
{
	return page(r);
}

NEOERR *
exports_xlsx(struct req *r)
{
	static const struct field f[] = {
		{ "from", FT_DATE, true, 0, 0, NULL },
		{ "to", FT_DATE, true, 0, 0, NULL },
	};
	char path[4096], name[120];
	const char *from, *to;
	struct stat st;
	NEOERR *err;
	long rows = 0;
	int fd, bad;

	bad = form_read(r, f, FM_ARRAY_LEN(f));
	from = form_value(r, "from");
	to = form_value(r, "to");
	if (bad == 0 && strcmp(from, to) > 0) {
		form_error(r, "to", "exports.err_period");
		bad++;
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return page(r);
	}
	snprintf(path, sizeof(path), "%s/fm-export-XXXXXX", g_cfg->upload_tmp);
	fd = mkstemp(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "mkstemp %s", path);
	close(fd);
	err = export_xlsx(path, g_cfg->upload_tmp, from, to, r->lang, &rows);
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
	snprintf(name, sizeof(name), "%s-%s-%s.xlsx",
	    http_str(r, "exports.file_prefix"), from, to);
	http_header(r, "Content-Disposition: attachment; filename=\"%s\"",
	    name);
	err = http_send_fd(r, 200,
	    "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet",
	    fd, (size_t)st.st_size);
	close(fd);
	return nerr_pass(err);
}

/* Appends a field without the separators (tab, CR, LF) it may hold. */
static NEOERR *
field(STRING *s, const char *v)
{
	NEOERR *err = STATUS_OK;

	for (; v && *v && err == STATUS_OK; v++)
		err = string_append_char(s,
		    *v == '\t' || *v == '\r' || *v == '\n' ? ' ' : *v);
	return nerr_pass(err);
}

/* UTF-8 to ISO-8859-15 (the FEC's character set); what it lacks is
 * transliterated. */
static NEOERR *
latin9(const STRING *in, char **out, size_t *outlen)
{
	iconv_t cd = iconv_open("ISO-8859-15//TRANSLIT", "UTF-8");
	char *src = in->buf ? in->buf : (char *)"", *dst;
	size_t left = (size_t)in->len, room = (size_t)in->len * 2 + 16;

	if (cd == (iconv_t)-1)
		return nerr_raise_errno(NERR_SYSTEM, "iconv ISO-8859-15");
	*out = dst = malloc(room);
	if (dst == NULL) {
		iconv_close(cd);
		return nerr_raise(NERR_NOMEM, "FEC: out of memory");
	}
	while (left > 0) {
		if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;
		/* A character with no equivalent: '?'. */
		if (room > 0) {
			*dst++ = '?';
			room--;
		}
		src++;
		left--;
		while (left > 0 && ((unsigned char)*src & 0xc0) == 0x80) {
			src++;
			left--;
		}
	}
	*outlen = (size_t)(dst - *out);
	iconv_close(cd);
	return STATUS_OK;
}

NEOERR *
exports_fec(struct req *r)
{
	static const struct field f[] = {
		{ "year", FT_INT, true, 2100, 2000, NULL },
	};
	PGresult *res;
	STRING s;
	NEOERR *err;
	char name[64], siren[16], closing[16], *body = NULL;
	size_t len = 0;
	int i, c, year;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return page(r);
	}
	year = atoi(form_value(r, "year"));
	err = db_export_fec_head(year, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(siren, sizeof(siren), "%s",
	    PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)
	        ? PQgetvalue(res, 0, 0)
	        : "");
	snprintf(closing, sizeof(closing), "%s",
	    PQntuples(res) == 1 ? PQgetvalue(res, 0, 1) : "");
	PQclear(res);
	if (*siren == '\0') {
		form_error(r, "year", "exports.err_siren");
		http_refuse(r, FM_ERR_CONFLICT);
		return page(r);
	}
	err = db_export_fec(year, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&s);
	for (c = 0; c < 18 && err == STATUS_OK; c++)
		err = string_appendf(&s, "%s%s", c ? "\t" : "", fec_columns[c]);
	if (err == STATUS_OK)
		err = string_append(&s, "\r\n");
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		for (c = 0; c < 18 && err == STATUS_OK; c++) {
			if (c > 0)
				err = string_append_char(&s, '\t');
			if (err == STATUS_OK)
				err = field(&s, PQgetvalue(res, i, c));
		}
		if (err == STATUS_OK)
			err = string_append(&s, "\r\n");
	}
	PQclear(res);
	if (err == STATUS_OK)
		err = latin9(&s, &body, &len);
	string_clear(&s);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(name, sizeof(name), "%sFEC%s.txt", siren, closing);
	http_header(r, "Content-Disposition: attachment; filename=\"%s\"",
	    name);
	err = http_send(r, 200, "text/plain; charset=ISO-8859-15", body, len);
	free(body);
	return nerr_pass(err);
}
