/*
 * document_pdf.c - GET /documents/{id}.pdf: the document in its own
 * language, as printed (pdf_render).  Drafts carry a "draft" watermark
 * and no number; downloading an issued document is written in the
 * document log (in a transaction of its own, before the bytes leave).
 * documents_pdf_bytes() makes those bytes: sending a document by e-mail
 * (document_mail.c) attaches exactly what this URL serves.
 *
 * An invoice or credit note is made a Factur-X when it is issued
 * (documents_facturx_archive, in the issuing transaction: the PDF/A-3B
 * with its CII XML, render/pdfa3.c and render/cii.c) and those bytes are
 * archived (document_files, their SHA-256 in the log): every later
 * download serves them as they are, never rendered again.
 * GET /documents/{id}.xml serves the archived CII alone.
 */
#include "documents.h"
#include "db/db_documents.h"
#include "db/db_einvoicing.h"
#include "db/db_orders.h"
#include "errors.h"
#include "handlers.h"
#include "render/cii.h"
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

/* The Factur-X's data: the CII header, lines and VAT breakdown. */
static NEOERR *
load_cii(HDF *hdf, long long id)
{
	PGresult *res;
	NEOERR *err;

	err = db_einvoice_header(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 1)
		err = db_document_row_to_hdf(hdf, "Cii", res, 0);
	PQclear(res);
	if (err == STATUS_OK) {
		err = db_einvoice_lines(id, &res);
		err = rows(hdf, "CiiLines", err, res);
	}
	if (err == STATUS_OK) {
		err = db_einvoice_vat(id, &res);
		err = rows(hdf, "CiiVat", err, res);
	}
	return nerr_pass(err);
}

NEOERR *
documents_facturx(long long id, STRING *pdf, STRING *xml)
{
	HDF *data;
	NEOERR *err;
	enum lang lang = LANG_FR;
	bool found;

	err = hdf_init(&data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = load(data, id, &lang, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(FM_ERR_NOTFOUND, "no document %lld", id);
	if (err == STATUS_OK)
		err = load_cii(data, id);
	if (err == STATUS_OK)
		err = cii_write(data, xml);
	if (err == STATUS_OK) {
		struct pdf_facturx fx = {
			.xml = xml->buf,
			.xml_len = (size_t)xml->len,
			.stamp = hdf_get_value(data, "Cii.stamp", NULL),
			.id_seed = hdf_get_value(data, "Cii.number", ""),
			.icc_path = pdf_icc_profile(),
		};
		char seed[200];

		snprintf(seed, sizeof(seed), "%s|%s", fx.id_seed,
		    fx.stamp ? fx.stamp : "");
		fx.id_seed = seed;
		err = pdf_render_facturx(data, lang, pdf_fonts_dir(), &fx, pdf);
	}
	hdf_destroy(&data);
	return nerr_pass(err);
}

NEOERR *
documents_facturx_archive(long long id)
{
	STRING pdf, xml;
	NEOERR *err;

	string_init(&pdf);
	string_init(&xml);
	err = documents_facturx(id, &pdf, &xml);
	if (err == STATUS_OK)
		err = db_document_archive(id, pdf.buf, (size_t)pdf.len, xml.buf,
		    (size_t)xml.len);
	string_clear(&pdf);
	string_clear(&xml);
	return nerr_pass(err);
}

/* Logs the download of an issued document, in a transaction of its own. */
static NEOERR *
log_download(struct req *r, long long id, const char *format)
{
	NEOERR *err = db_order_tx_begin(r->sess.staff_id);

	if (err == STATUS_OK)
		err = db_document_log_download(id, format);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		db_rollback();
	return nerr_pass(err);
}

/* The archived bytes of an issued invoice or credit note; *served false
 * when it has none. */
static NEOERR *
send_archived(struct req *r, long long id, const char *format, const char *type,
    bool *served)
{
	unsigned char *bytes;
	size_t len;
	char number[40], name[120];
	NEOERR *err;

	*served = false;
	err = db_document_file(id, format, number, &bytes, &len);
	if (err != STATUS_OK || bytes == NULL)
		return nerr_pass(err);
	err = log_download(r, id, format);
	if (err == STATUS_OK) {
		*served = true;
		snprintf(name, sizeof(name), "%s%s.%s", number,
		    !strcmp(format, "xml") ? "-factur-x" : "", format);
		http_header(r, "Content-Disposition: inline; filename=\"%s\"",
		    name);
		err = http_send(r, 200, type, (const char *)bytes, len);
	}
	PQfreemem(bytes);
	return nerr_pass(err);
}

NEOERR *
documents_xml(struct req *r)
{
	NEOERR *err;
	bool served;

	err = send_archived(r, r->id[0], "xml", "application/xml", &served);
	if (err == STATUS_OK && !served)
		return not_found(r);
	return nerr_pass(err);
}

NEOERR *
documents_pdf_bytes(long long id, STRING *out, char *name, size_t namelen,
    bool *found, bool *issued)
{
	enum lang lang = LANG_FR;
	unsigned char *bytes;
	size_t len;
	char number[40];
	HDF *data;
	NEOERR *err;
	const char *num;

	*issued = false;
	/* An issued invoice or credit note: its archived Factur-X, as issued. */
	err = db_document_file(id, "pdf", number, &bytes, &len);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (bytes != NULL) {
		*found = *issued = true;
		snprintf(name, namelen, "%s.pdf", number);
		err = string_appendn(out, (const char *)bytes, (int)len);
		PQfreemem(bytes);
		return nerr_pass(err);
	}
	err = hdf_init(&data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = load(data, id, &lang, found);
	if (err == STATUS_OK && *found)
		err = pdf_render(data, lang, pdf_fonts_dir(), out);
	if (err == STATUS_OK && *found) {
		num = hdf_get_value(data, "Doc.number", NULL);
		*issued = num != NULL;
		if (num != NULL)
			snprintf(name, namelen, "%s.pdf", num);
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
	if (err == STATUS_OK && issued)
		/* An issued document: the download goes to the log. */
		err = log_download(r, id, "pdf");
	if (err != STATUS_OK) {
		string_clear(&out);
		return nerr_pass(err);
	}
	http_header(r, "Content-Disposition: inline; filename=\"%s\"", name);
	err = http_send(r, 200, "application/pdf", out.buf, (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}
