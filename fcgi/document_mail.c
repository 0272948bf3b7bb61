/*
 * document_mail.c - sending an issued document by e-mail:
 *
 *   GET  /documents/{id}              the form (documents_mail_section):
 *                                     recipient (the billing contact's
 *                                     e-mail), subject and message in the
 *                                     document's language; or why it
 *                                     cannot be sent (no billing e-mail)
 *   POST /documents/{id}/mail         queues the message with the PDF
 *
 * The message goes through the outbox (fm-mail sends it) with the
 * document's PDF attached, the very bytes GET /documents/{id}.pdf serves
 * (documents_pdf_bytes); the sending is entered in the document's log
 * with the file's SHA-256, in the same transaction
 * (document_mail_queue(), db/functions/document_mail.sql).  Drafts are
 * not sent.
 */
#include "documents.h"
#include "db/db_documents.h"
#include "db/db_document_mail.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "tmpl.h"

#include <stdio.h>
#include <string.h>

static const struct field mail_fields[] = {
	{ "mail_to", FT_EMAIL, true, 254, 0, NULL },
	{ "mail_subject", FT_TEXT, true, 300, 0, NULL },
	{ "mail_message", FT_MULTILINE, true, 5000, 0, NULL },
};

/* text with each {name} replaced by its value in vars (name, value
 * pairs, NULL-terminated). */
static NEOERR *
expand(STRING *out, const char *text, const char *const *vars)
{
	const char *p = text;
	NEOERR *err = STATUS_OK;

	while (err == STATUS_OK && *p) {
		const char *const *v;
		bool done = false;

		if (*p == '{') {
			for (v = vars; *v != NULL; v += 2) {
				size_t n = strlen(v[0]);

				if (!strncmp(p + 1, v[0], n) &&
				    p[1 + n] == '}') {
					err = string_append(out,
					    v[1] ? v[1] : "");
					p += n + 2;
					done = true;
					break;
				}
			}
		}
		if (!done)
			err = string_append_char(out, *p++);
	}
	return nerr_pass(err);
}

/* Form.<field> from the language string <key>_<kind> of lang. */
static NEOERR *
fill_text(struct req *r, const char *field, enum lang lang, const char *key,
    const char *kind, const char *const *vars)
{
	char k[80];
	STRING s;
	NEOERR *err;

	snprintf(k, sizeof(k), "%s_%s", key, kind);
	string_init(&s);
	err = expand(&s, tmpl_str(lang, k), vars);
	if (err == STATUS_OK)
		err = form_fill(r, field, s.buf ? s.buf : "");
	string_clear(&s);
	return nerr_pass(err);
}

NEOERR *
documents_mail_section(struct req *r, long long id, bool posted)
{
	PGresult *res;
	NEOERR *err;
	enum lang lang;
	const char *kind, *contact;
	char file[64];

	err = db_document_mail_defaults(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return STATUS_OK;
	}
	err = db_row_to_hdf(r->hdf, "Mail", res, 0);
	snprintf(file, sizeof(file), "%s.pdf", db_get(res, 0, "number"));
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Mail.file", file);
	lang = lang_from_code(db_get(res, 0, "language"));
	kind = db_get(res, 0, "kind");
	contact = db_get(res, 0, "contact");
	if (err == STATUS_OK && !posted && *db_get(res, 0, "email")) {
		const char *const vars[] = {
			"number",
			db_get(res, 0, "number"),
			"date",
			db_get(res, 0, "issued_on"),
			"due",
			db_get(res, 0, "due_on"),
			"amount",
			db_get(res, 0, "total_due"),
			"seller",
			db_get(res, 0, "seller"),
			"contact",
			*contact ? contact
			         : tmpl_str(lang, "docmail.madam_sir"),
			NULL,
			NULL,
		};

		err = form_fill(r, "mail_to", db_get(res, 0, "email"));
		if (err == STATUS_OK)
			err = fill_text(r, "mail_subject", lang,
			    "docmail.subject", kind, vars);
		if (err == STATUS_OK)
			err = fill_text(r, "mail_message", lang, "docmail.body",
			    kind, vars);
	}
	PQclear(res);
	return nerr_pass(err);
}

/* The form again with its reasons (422), or the refusal of the page. */
static NEOERR *
refused(struct req *r, long long id)
{
	http_refuse(r, FM_ERR_FORM);
	return documents_page(r, id, DP_MAIL_POSTED);
}

NEOERR *
documents_mail(struct req *r)
{
	long long id = r->id[0], mail = 0;
	struct doc_state st;
	PGresult *res;
	STRING pdf;
	NEOERR *err;
	bool found, issued, has_email;
	char name[120];
	int bad;

	bad = form_read(r, mail_fields, FM_ARRAY_LEN(mail_fields));
	err = documents_begin(r, id, false, &st);
	if (err != STATUS_OK)
		return err;
	if (strcmp(st.status, "issued")) {
		db_rollback();
		return nerr_raise(FM_ERR_CONFLICT, "%s",
		    http_str(r, "documents.err_mail_draft"));
	}
	err = db_document_mail_defaults(id, &res);
	if (err != STATUS_OK) {
		db_rollback();
		return nerr_pass(err);
	}
	has_email = PQntuples(res) == 1 && *db_get(res, 0, "email");
	PQclear(res);
	if (!has_email) {
		db_rollback();
		return nerr_raise(FM_ERR_CONFLICT, "%s",
		    http_str(r, "documents.mail_no_email"));
	}
	if (bad > 0) {
		hdf_set_value(r->hdf, "Errors.mail",
		    http_str(r, "documents.err_mail_form"));
		return refused(r, id);
	}
	string_init(&pdf);
	err = documents_pdf_bytes(id, &pdf, name, sizeof(name), &found,
	    &issued);
	if (err == STATUS_OK)
		err = db_document_mail_queue(id, form_value(r, "mail_to"),
		    form_value(r, "mail_subject"),
		    form_value(r, "mail_message"), name, pdf.buf,
		    (size_t)pdf.len, &mail);
	string_clear(&pdf);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* What the outbox's checks refuse (the form's passed). */
		nerr_ignore(&err);
		db_rollback();
		form_error(r, "mail_to", "err.email");
		return refused(r, id);
	}
	if (err != STATUS_OK) {
		db_rollback();
		return nerr_pass(err);
	}
	log_info("document %lld: mail %lld queued for %s by %s", id, mail,
	    form_value(r, "mail_to"), r->sess.login);
	http_flash(r, "document_mailed");
	return http_redirect(r, "/documents/%lld", id);
}
