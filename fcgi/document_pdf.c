/*
 * document_pdf.c - GET /documents/{id}.pdf: the document in its own
 * language, as printed (pdf_render).  Drafts carry a "draft" watermark
 * and no number; downloading an issued document is written in the
 * document log (in a transaction of its own, before the bytes leave).
 * documents_pdf_bytes() makes those bytes: sending a document by e-mail
 * (document_mail.c) attaches exactly what this URL serves.
 */
#include "documents.h"
#include "db/db_documents.h"
#include "db/db_orders.h"
#include "errors.h"
#include "handlers.h"
#include "render/pdf.h"

#include <stdio.h>
#include <string.h>

/* Copies every row of a query under prefix; NEOERR chain on the way. */
static NEOERR *
rows(HDF *hdf, const char *prefix, NEOERR *err, PGresult *res)
{
	if (err != STATUS_OK)
		return err;
	err = db_rows_to_hdf(hdf, prefix, res);
	PQclear(res);
	return nerr_pass(err);
}

/* The document's data for pdf_render, in its language (*lang). */
static NEOERR *
load(HDF *hdf, long long id, enum lang *lang, bool *found)
{
	PGresult *res;
	NEOERR *err;
	const char *code;

	*found = false;
	err = db_document_get(id, NULL, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return STATUS_OK;
	}
	*found = true;
	err = db_document_row_to_hdf(hdf, "Doc", res, 0);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	code = hdf_get_value(hdf, "Doc.language", "fr");
	*lang = lang_from_code(code);
	err = db_document_parties(id, code, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 1)
		err = db_document_row_to_hdf(hdf, "Doc", res, 0);
	PQclear(res);
	if (err == STATUS_OK) {
		err = db_document_lines(id, code, &res);
		err = rows(hdf, "Lines", err, res);
	}
	if (err == STATUS_OK) {
		err = db_document_vat_totals(id, code, &res);
		err = rows(hdf, "VatTotals", err, res);
	}
	if (err == STATUS_OK) {
		err = db_document_disbursements(id, code, &res);
		err = rows(hdf, "Disb", err, res);
	}
	return nerr_pass(err);
}

NEOERR *
documents_pdf_bytes(long long id, STRING *out, char *name, size_t namelen,
    bool *found, bool *issued)
{
	enum lang lang = LANG_FR;
	HDF *data;
	NEOERR *err;
	const char *number;

	*issued = false;
	err = hdf_init(&data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = load(data, id, &lang, found);
	if (err == STATUS_OK && *found)
		err = pdf_render(data, lang, pdf_fonts_dir(), out);
	if (err == STATUS_OK && *found) {
		number = hdf_get_value(data, "Doc.number", NULL);
		*issued = number != NULL;
		if (number != NULL)
			snprintf(name, namelen, "%s.pdf", number);
		else
			snprintf(name, namelen, "%s-%lld-draft.pdf",
			    hdf_get_value(data, "Doc.kind", "document"), id);
	}
	hdf_destroy(&data);
	return nerr_pass(err);
}

NEOERR *
documents_pdf(struct req *r)
{
	long long id = r->id[0];
	STRING out;
	NEOERR *err;
	bool found, issued;
	char name[120];

	string_init(&out);
	err = documents_pdf_bytes(id, &out, name, sizeof(name), &found,
	    &issued);
	if (err == STATUS_OK && !found) {
		string_clear(&out);
		return not_found(r);
	}
	if (err == STATUS_OK && issued) {
		/* An issued document: the download goes to the log. */
		err = db_order_tx_begin(r->sess.staff_id);
		if (err == STATUS_OK)
			err = db_document_log_download(id, "pdf");
		if (err == STATUS_OK)
			err = db_commit();
		if (err != STATUS_OK)
			db_rollback();
	}
	if (err != STATUS_OK) {
		string_clear(&out);
		return nerr_pass(err);
	}
	http_header(r, "Content-Disposition: inline; filename=\"%s\"", name);
	err = http_send(r, 200, "application/pdf", out.buf, (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}
