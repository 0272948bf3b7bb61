/*
 * documents.c - quotes, invoices, credit notes and disbursement notes.
 *
 *   GET  /documents                   list (kind, status: draft, issued,
 *                                     unpaid, overdue; search)
 *   GET  /documents/open?id=N         the order page's selectors open one
 *   POST /orders/{id}/documents       new draft from the order
 *   GET  /documents/{id}              the page: header and lines editable
 *                                     while draft; payments, credit notes,
 *                                     log once issued
 *   POST /documents/{id}              the header (draft)
 *   POST /documents/{id}/delete       a draft
 *   POST /documents/{id}/issue        number, snapshot, freeze, log
 *   POST /documents/{id}/invoice      an invoice from a quote
 *   POST /documents/{id}/credit       a credit note from an invoice
 *   POST /documents/{id}/sent         "sent to the client" in the log
 *   POST /documents/{id}/mail         sent by e-mail (document_mail.c)
 *
 * Lines are in document_lines.c, payments in payments.c, the PDF in
 * document_pdf.c.  Every rule (numbering, freezing, totals) is in
 * PostgreSQL (db/migrations/0011-0015, db/functions/documents.sql and
 * document_issue.sql); refusals come back as
 * named check violations shown on the page.
 */
#include "documents.h"
#include "db/db_companies.h"
#include "db/db_config.h"
#include "db/db_documents.h"
#include "db/db_orders.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "listing.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PER_PAGE    50
#define BLANK_LINES 3

static const struct field header_fields[] = FORM_FIELDS(DOCUMENT);
#define NHEADER FM_ARRAY_LEN(header_fields)

/* Rules of issue_document() and friends, by constraint name. */
static const char *const rules[] = {
	"document_not_draft",
	"document_empty",
	"document_seller_incomplete",
	"document_buyer_address",
	"document_buyer_vat",
	"document_buyer_country",
	"document_buyer_siren",
	"document_franchise_rate",
	"document_credit_source",
	"credit_note_exceeds",
	"document_chronology",
	"document_frozen",
	"credit_note_lines",
	"payment_exceeds",
	"payment_invoice",
	"documents_billing_contact",
	"document_kind",
	"documents_service_dates",
};

const char *
documents_rule_message(void)
{
	static char key[96];
	size_t i;

	for (i = 0; i < FM_ARRAY_LEN(rules); i++)
		if (!strcmp(db_last_error.constraint, rules[i])) {
			snprintf(key, sizeof(key), "documents.rule.%s",
			    rules[i]);
			return key;
		}
	return NULL;
}

static const char *
lang(struct req *r)
{
	return lang_code(r->lang);
}

static NEOERR *
rows(struct req *r, const char *prefix, NEOERR *err, PGresult *res)
{
	if (err != STATUS_OK)
		return err;
	err = db_rows_to_hdf(r->hdf, prefix, res);
	PQclear(res);
	return nerr_pass(err);
}

/* --- the page ----------------------------------------------------------- */

/* Form.id.N, label.N... from the stored lines, then blank rows. */
static NEOERR *
lines_to_form(struct req *r, PGresult *res)
{
	static const char *const map[][2] = {
		{ "id", "id" },
		{ "label", "label" },
		{ "quantity", "quantity_input" },
		{ "unit_price", "unit_price_input" },
		{ "discount", "discount_input" },
		{ "vat_rate", "vat_rate_raw" },
	};
	char key[64];
	NEOERR *err = STATUS_OK;
	int i, n = PQntuples(res);
	size_t k;

	for (i = 0; err == STATUS_OK && i < n; i++)
		for (k = 0; err == STATUS_OK && k < FM_ARRAY_LEN(map); k++) {
			snprintf(key, sizeof(key), "Form.%s.%d", map[k][0], i);
			err = hdf_set_value(r->hdf, key,
			    db_get(res, i, map[k][1]));
		}
	for (i = n; err == STATUS_OK && i < n + BLANK_LINES; i++) {
		snprintf(key, sizeof(key), "Form.quantity.%d", i);
		err = hdf_set_value(r->hdf, key, "1");
		snprintf(key, sizeof(key), "Form.vat_rate.%d", i);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key, "20.00");
	}
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Grid.n", "%d", n + BLANK_LINES);
	return nerr_pass(err);
}

/* Grid.rows.N = N for each row of the lines table. */
static NEOERR *
grid_rows(struct req *r)
{
	int i, n = atoi(hdf_get_value(r->hdf, "Grid.n", "0"));
	char key[32];
	NEOERR *err = STATUS_OK;

	for (i = 0; err == STATUS_OK && i < n; i++) {
		snprintf(key, sizeof(key), "Grid.rows.%d", i);
		err = hdf_setf(r->hdf, key, "%d", i);
	}
	return nerr_pass(err);
}

static NEOERR *
page_issued(struct req *r, long long id, const char *kind, int flags)
{
	PGresult *res;
	NEOERR *err = STATUS_OK;

	if (!strcmp(kind, "invoice")) {
		err = db_document_balance(id, lang(r), &res);
		if (err == STATUS_OK) {
			if (PQntuples(res) == 1)
				err = db_row_to_hdf(r->hdf, "Balance", res, 0);
			PQclear(res);
		}
		if (err == STATUS_OK) {
			err = db_document_payments(id, lang(r), &res);
			err = rows(r, "Payments", err, res);
		}
		if (err == STATUS_OK && !(flags & DP_PAYMENT_POSTED)) {
			err = form_fill(r, "method", "transfer");
			if (err == STATUS_OK)
				err = form_fill(r, "paid_on",
				    hdf_get_value(r->hdf, "Today", ""));
		}
		if (err == STATUS_OK && !(flags & DP_CREDIT_POSTED))
			err = form_fill(r, "mode", "whole");
	}
	if (err == STATUS_OK && !(flags & DP_SEND_POSTED))
		err = form_fill(r, "channel", "email");
	if (err == STATUS_OK)
		err = documents_mail_section(r, id, flags & DP_MAIL_POSTED);
	if (err == STATUS_OK) {
		err = db_document_log_of(id, lang(r), &res);
		err = rows(r, "Log", err, res);
	}
	return nerr_pass(err);
}

NEOERR *
documents_page(struct req *r, long long id, int flags)
{
	PGresult *res;
	NEOERR *err;
	const char *kind, *status;
	char today[16];
	long long billing;
	size_t i;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	err = hdf_set_value(r->hdf, "Today", today);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_document_get(id, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_document_row_to_hdf(r->hdf, "Doc", res, 0);
	for (i = 0;
	     err == STATUS_OK && !(flags & DP_HEADER_POSTED) && i < NHEADER;
	     i++)
		err = form_fill(r, header_fields[i].name,
		    db_get(res, 0, header_fields[i].name));
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	kind = hdf_get_value(r->hdf, "Doc.kind", "");
	status = hdf_get_value(r->hdf, "Doc.status", "");

	err = db_document_lines(id, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Lines", res);
	if (err == STATUS_OK && !strcmp(status, "draft") &&
	    !(flags & DP_LINES_POSTED))
		err = lines_to_form(r, res);
	PQclear(res);
	if (err == STATUS_OK)
		err = grid_rows(r);
	if (err == STATUS_OK) {
		err = db_document_disbursements(id, lang(r), &res);
		err = rows(r, "Disb", err, res);
	}
	if (err == STATUS_OK) {
		err = db_document_vat_totals(id, lang(r), &res);
		err = rows(r, "VatTotals", err, res);
	}
	if (err == STATUS_OK) {
		err = db_document_children(id, lang(r), &res);
		err = rows(r, "Children", err, res);
	}
	if (err == STATUS_OK) {
		err = db_vat_choices(&res);
		err = rows(r, "Vat", err, res);
	}
	if (err == STATUS_OK && !strcmp(status, "draft")) {
		err = db_companies_names(&res);
		err = rows(r, "Companies", err, res);
		billing = atoll(hdf_get_value(r->hdf, "Form.billing_company_id",
		    hdf_get_value(r->hdf, "Doc.billing_company_id", "0")));
		if (err == STATUS_OK && billing > 0) {
			err = db_billing_contacts(billing, &res);
			err = rows(r, "BillingContacts", err, res);
		}
	}
	if (err == STATUS_OK && !strcmp(status, "draft") &&
	    !strcmp(kind, "credit_note")) {
		err = db_credit_note_room(id, lang(r), &res);
		if (err == STATUS_OK) {
			if (PQntuples(res) == 1)
				err = db_row_to_hdf(r->hdf, "Credit", res, 0);
			PQclear(res);
		}
	}
	if (err == STATUS_OK && !strcmp(status, "issued"))
		err = page_issued(r, id, kind, flags);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "documents/show.cs");
}

NEOERR *
documents_begin(struct req *r, long long id, bool draft_only,
    struct doc_state *st)
{
	NEOERR *err;
	bool found = false;

	err = db_order_tx_begin(r->sess.staff_id);
	if (err == STATUS_OK)
		err = db_document_lock(id, &found, st->kind, st->status,
		    &st->order_id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found) {
		db_rollback();
		return not_found(r);
	}
	if (draft_only && strcmp(st->status, "draft")) {
		db_rollback();
		return nerr_raise(FM_ERR_CONFLICT, "%s",
		    http_str(r, "documents.rule.document_frozen"));
	}
	return STATUS_OK;
}

NEOERR *
documents_show(struct req *r)
{
	return documents_page(r, r->id[0], 0);
}

/* --- header ------------------------------------------------------------- */

static bool
read_header(struct req *r, struct document *v)
{
	int bad = FORM_READ(r, header_fields, v);

	if (v->service_from && v->service_to &&
	    strcmp(v->service_to, v->service_from) < 0) {
		form_error(r, "service_to", "documents.err_service_to");
		bad++;
	}
	if (bad == 0 && v->billing_contact_id != NULL) {
		bool fits = false;
		NEOERR *err = db_contact_fits(atoll(v->billing_contact_id),
		    atoll(v->billing_company_id), true, &fits);

		nerr_ignore(&err);
		if (!fits) {
			form_error(r, "billing_contact_id",
			    "orders.err_billing_contact");
			bad++;
		}
	}
	return bad == 0;
}

NEOERR *
documents_update(struct req *r)
{
	long long id = r->id[0];
	struct document v;
	struct doc_state st;
	NEOERR *err;
	bool found = false;

	if (!read_header(r, &v)) {
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_HEADER_POSTED);
	}
	err = documents_begin(r, id, true, &st);
	if (err != STATUS_OK)
		return err;
	err = db_document_update(id, &v, &found);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		const char *msg = documents_rule_message();

		nerr_ignore(&err);
		form_error(r, "billing_company_id",
		    msg ? msg : "err.inconsistent");
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_HEADER_POSTED);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/documents/%lld", id);
}

/* --- delete, issue, sent ------------------------------------------------ */

NEOERR *
documents_delete(struct req *r)
{
	long long id = r->id[0];
	struct doc_state st;
	NEOERR *err;
	bool found = false;

	err = documents_begin(r, id, true, &st);
	if (err != STATUS_OK)
		return err;
	err = db_document_delete(id, &found);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* Another document was made from this one. */
		nerr_ignore(&err);
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "documents.err_has_children"));
		http_refuse(r, FM_ERR_CONFLICT);
		return documents_page(r, id, 0);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "document_deleted");
	return http_redirect(r, "/orders/%lld", st.order_id);
}

NEOERR *
documents_issue(struct req *r)
{
	long long id = r->id[0];
	struct doc_state st;
	char number[40];
	NEOERR *err;

	err = documents_begin(r, id, false, &st);
	if (err != STATUS_OK)
		return err;
	err = db_document_issue(id, number, sizeof(number));
	/* An invoice or credit note: its Factur-X, made and archived with
	 * its number (a failure leaves nothing numbered). */
	if (err == STATUS_OK &&
	    (!strcmp(st.kind, "invoice") || !strcmp(st.kind, "credit_note")))
		err = documents_facturx_archive(id);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		const char *msg = documents_rule_message();

		nerr_ignore(&err);
		hdf_set_value(r->hdf, "Errors.issue",
		    http_str(r, msg ? msg : "err.inconsistent"));
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "documents.err_not_issued"));
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, 0);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "document_issued");
	return http_redirect(r, "/documents/%lld", id);
}

NEOERR *
documents_sent(struct req *r)
{
	static const struct field f[] = {
		{ "channel", FT_CHOICE, true, 0, 0, "email post hand other" },
		{ "sent_to", FT_TEXT, false, 200, 0, NULL },
	};
	long long id = r->id[0];
	struct doc_state st;
	NEOERR *err;
	const char *to;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_SEND_POSTED);
	}
	err = documents_begin(r, id, false, &st);
	if (err != STATUS_OK)
		return err;
	if (strcmp(st.status, "issued")) {
		db_rollback();
		return nerr_raise(FM_ERR_CONFLICT, "%s",
		    http_str(r, "documents.err_not_issued_yet"));
	}
	to = form_value(r, "sent_to");
	err = db_document_log_send(id, form_value(r, "channel"), to);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "document_sent");
	return http_redirect(r, "/documents/%lld", id);
}

/* --- new documents ------------------------------------------------------ */

/* Answers a new document: its page, or the rule that refused it. */
static NEOERR *
made(struct req *r, NEOERR *err, long long id)
{
	if (err == STATUS_OK && id == 0)
		err = not_found(r);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK) {
		db_rollback();
		if (nerr_match(err, FM_ERR_INVALID) &&
		    documents_rule_message() != NULL) {
			const char *msg = documents_rule_message();

			nerr_ignore(&err);
			return nerr_raise(FM_ERR_CONFLICT, "%s",
			    http_str(r, msg));
		}
		return nerr_pass(err);
	}
	http_flash(r, "document_created");
	return http_redirect(r, "/documents/%lld", id);
}

NEOERR *
documents_create(struct req *r)
{
	static const struct field f[] = {
		{ "kind", FT_CHOICE, true, 0, 0,
		    "quote invoice disbursement_note" },
		{ "without_disbursements", FT_BOOL, false, 0, 0, NULL },
		{ "from_quote", FT_ID, false, 0, 0, NULL },
	};
	long long order = r->id[0], id = 0, quote;
	const char *kind, *without;
	struct doc_state st;
	NEOERR *err;
	bool found = false;

	if (form_read(r, f, FM_ARRAY_LEN(f)) > 0)
		return nerr_raise(FM_ERR_INVALID, "%s",
		    http_str(r, "err.choice"));
	kind = form_value(r, "kind");
	without = form_value(r, "without_disbursements");
	quote = form_value(r, "from_quote") ? atoll(form_value(r, "from_quote"))
	                                    : 0;
	if (quote > 0) {
		/* "Générer d'après devis": a quote of this order. */
		err = documents_begin(r, quote, false, &st);
		if (err != STATUS_OK)
			return err;
		if (strcmp(st.kind, "quote") || st.order_id != order) {
			db_rollback();
			return nerr_raise(FM_ERR_CONFLICT, "%s",
			    http_str(r, "documents.rule.document_kind"));
		}
		err = db_invoice_from_quote(quote, &id);
		return made(r, err, id);
	}
	err = db_order_tx_begin(r->sess.staff_id);
	if (err == STATUS_OK)
		err = db_order_lock(order, &found);
	if (err == STATUS_OK && !found) {
		db_rollback();
		return not_found(r);
	}
	if (err == STATUS_OK && !strcmp(kind, "disbursement_note"))
		err = db_disbursement_note(order, &id);
	else if (err == STATUS_OK)
		err = db_document_from_order(order, kind,
		    without == NULL || strcmp(without, "1"), &id);
	return made(r, err, id);
}

NEOERR *
documents_invoice(struct req *r)
{
	long long quote = r->id[0], id = 0;
	struct doc_state st;
	NEOERR *err;

	err = documents_begin(r, quote, false, &st);
	if (err != STATUS_OK)
		return err;
	if (strcmp(st.kind, "quote")) {
		db_rollback();
		return nerr_raise(FM_ERR_CONFLICT, "%s",
		    http_str(r, "documents.rule.document_kind"));
	}
	err = db_invoice_from_quote(quote, &id);
	return made(r, err, id);
}

/* The ids of the invoice's lines ticked cl.<id>, as "{1,2}". */
static NEOERR *
ticked_lines(struct req *r, long long invoice, char *out, size_t len, int *n)
{
	PGresult *res;
	NEOERR *err;
	size_t o = 0;
	int i;

	*n = 0;
	err = db_document_lines(invoice, "fr", &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	o += (size_t)snprintf(out, len, "{");
	for (i = 0; i < PQntuples(res) && o + 24 < len; i++) {
		char key[40];
		const char *v;

		snprintf(key, sizeof(key), "cl.%s", db_get(res, i, "id"));
		v = http_param(r, key);
		if (v == NULL || strcmp(v, "1"))
			continue;
		o += (size_t)snprintf(out + o, len - o, "%s%s", *n ? "," : "",
		    db_get(res, i, "id"));
		(*n)++;
	}
	snprintf(out + o, len - o, "}");
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
documents_credit(struct req *r)
{
	static const struct field f[] = {
		{ "mode", FT_CHOICE, true, 0, 0, "whole lines amount" },
		{ "amount", FT_MONEY, false, 0, 0, NULL },
		{ "vat_rate", FT_DECIMAL, false, 0, 0, NULL },
		{ "label", FT_TEXT, false, 200, 0, NULL },
	};
	long long inv = r->id[0], id = 0;
	struct doc_state st;
	char lines[4096];
	const char *mode, *amount;
	NEOERR *err;
	int bad, n = 0;

	bad = form_read(r, f, FM_ARRAY_LEN(f));
	mode = form_value(r, "mode");
	amount = form_value(r, "amount");
	err = ticked_lines(r, inv, lines, sizeof(lines), &n);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (mode && !strcmp(mode, "lines") && n == 0) {
		form_error(r, "mode", "documents.err_credit_lines");
		bad++;
	}
	if (mode && !strcmp(mode, "amount")) {
		if (amount == NULL) {
			form_error(r, "amount", "err.required");
			bad++;
		} else if (amount[0] == '-' ||
		    strspn(amount, "0.") == strlen(amount)) {
			form_error(r, "amount", "disbursements.err_amount");
			bad++;
		}
		if (form_value(r, "vat_rate") == NULL) {
			form_error(r, "vat_rate", "err.required");
			bad++;
		}
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, inv, DP_CREDIT_POSTED);
	}
	err = documents_begin(r, inv, false, &st);
	if (err != STATUS_OK)
		return err;
	if (!strcmp(mode, "amount"))
		err = db_credit_note(inv, NULL, amount,
		    form_value(r, "vat_rate"), form_value(r, "label"), &id);
	else
		err = db_credit_note(inv, strcmp(mode, "lines") ? NULL : lines,
		    NULL, NULL, NULL, &id);
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		const char *msg = documents_rule_message();

		nerr_ignore(&err);
		form_error(r, "mode", msg ? msg : "err.inconsistent");
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, inv, DP_CREDIT_POSTED);
	}
	return made(r, err, id);
}

/* --- list, open ----------------------------------------------------------- */

NEOERR *
documents_list(struct req *r)
{
	static const struct field f[] = {
		{ "kind", FT_CHOICE, false, 0, 0,
		    "quote invoice credit_note disbursement_note" },
		{ "status", FT_CHOICE, false, 0, 0,
		    "draft issued unpaid overdue" },
	};
	struct listing l;
	char base[600], *q = NULL;
	const char *kind, *status;
	PGresult *res;
	NEOERR *err;
	long total = 0, fetched = 0;
	char first[64] = "", last[64] = "";

	err = listing_read(r, &l, PER_PAGE);
	if (err != STATUS_OK)
		return nerr_pass(err);
	form_read(r, f, FM_ARRAY_LEN(f));
	hdf_remove_tree(r->hdf, "Errors");
	kind = form_value(r, "kind");
	status = form_value(r, "status");
	{
		char day[20], id[20];

		/* The overdue invoices page by due day, the others by their
		 * place in the list (list_rank). */
		if (status != NULL && !strcmp(status, "overdue"))
			listing_day_key(&l, day, id);
		else
			listing_num_key(&l, day, id);
		err = db_documents_page(kind ? kind : "", status ? status : "",
		    l.q, lang(r), PER_PAGE, LISTING_COUNT_CAP + 1,
		    day[0] ? day : NULL, id[0] ? id : NULL, l.before[0] != '\0',
		    &res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) > 0) {
		fetched = atol(db_get(res, 0, "fetched"));
		total = atol(db_get(res, 0, "total"));
		snprintf(first, sizeof(first), "%s", db_get(res, 0, "key"));
		snprintf(last, sizeof(last), "%s",
		    db_get(res, PQntuples(res) - 1, "key"));
	} else if (l.after[0] || l.before[0]) {
		/* A page past the end (its rows were deleted): the first. */
		PQclear(res);
		return http_redirect(r, "/documents");
	}
	err = rows(r, "Docs", err, res);
	if (err == STATUS_OK)
		err = cgi_url_escape(l.q, &q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(base, sizeof(base), "/documents?q=%s&kind=%s&status=%s&", q,
	    kind ? kind : "", status ? status : "");
	free(q);
	err = listing_keyset(r, &l, base, total, fetched, first, last);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "documents/list.cs");
}

NEOERR *
documents_open(struct req *r)
{
	long long id = http_param_id(r, "id");

	if (id == 0)
		return not_found(r);
	return http_redirect(r, "/documents/%lld", id);
}

/* --- the order page's documents bar -------------------------------------- */

NEOERR *
documents_order_section(struct req *r, long long order_id)
{
	char key[64];
	PGresult *res;
	NEOERR *err;
	int i, n[4] = { 0, 0, 0, 0 };
	static const char *const kinds[] = { "quote", "invoice", "credit_note",
		"disbursement_note" };

	err = db_order_documents(order_id, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		const char *kind = db_get(res, i, "kind");
		int k;

		for (k = 0; k < 4 && strcmp(kind, kinds[k]); k++)
			;
		if (k == 4)
			continue;
		snprintf(key, sizeof(key), "OrderDocs.%s.%d", kind, n[k]++);
		err = db_row_to_hdf(r->hdf, key, res, i);
	}
	PQclear(res);
	return nerr_pass(err);
}

/* GET /documents/{id}/log.json: the document's log entries as stored
 * (details as JSON, hashes in hex), for export; the page shows them as
 * sentences. */
NEOERR *
documents_log_json(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	json_t *doc;
	bool found;

	err = db_document_log_json(r->id[0], &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	found = PQntuples(res) == 1 && atoi(db_get(res, 0, "found")) > 0;
	doc = found ? json_loads(db_get(res, 0, "entries"), 0, NULL) : NULL;
	PQclear(res);
	if (!found)
		return not_found(r);
	if (doc == NULL)
		return nerr_raise(NERR_NOMEM, "log.json");
	http_header(r,
	    "Content-Disposition: attachment; "
	    "filename=\"document-%lld-log.json\"",
	    r->id[0]);
	return http_json(r,
	    json_pack("{s:I,s:o}", "document", (json_int_t)r->id[0], "entries",
	        doc));
}
