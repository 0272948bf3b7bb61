/*
 * payments.c - POST /documents/{id}/payments: a payment received on an
 * issued invoice (date, amount, method, reference).  PostgreSQL checks
 * that the invoice is issued and that the payment is not more than its
 * balance, and writes the payment's entry in the document log.
 */
#include "documents.h"
#include "db/db_documents.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <string.h>

/* In the order of db_payment_insert's values. */
static const struct field fields[] = {
	{ "paid_on", FT_DATE, true, 0, 0, NULL },
	{ "amount", FT_MONEY, true, 0, 0, NULL },
	{ "method", FT_CHOICE, true, 0, 0,
	    "transfer cheque card cash direct_debit other" },
	{ "reference", FT_TEXT, false, 100, 0, NULL },
};
#define NFIELDS FM_ARRAY_LEN(fields)

NEOERR *
payments_create(struct req *r)
{
	long long id = r->id[0];
	const char *v[NFIELDS];
	struct doc_state st;
	NEOERR *err;
	size_t i;
	int bad;

	bad = form_read(r, fields, NFIELDS);
	for (i = 0; i < NFIELDS; i++)
		v[i] = form_value(r, fields[i].name);
	if (v[1] && (v[1][0] == '-' || strspn(v[1], "0.") == strlen(v[1]))) {
		form_error(r, "amount", "disbursements.err_amount");
		bad++;
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_PAYMENT_POSTED);
	}
	err = documents_begin(r, id, false, &st);
	if (err != STATUS_OK)
		return err;
	err = db_payment_insert(id, v);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		const char *msg = documents_rule_message();

		nerr_ignore(&err);
		form_error(r, "amount", msg ? msg : "err.inconsistent");
		http_refuse(r, FM_ERR_FORM);
		return documents_page(r, id, DP_PAYMENT_POSTED);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "payment_recorded");
	return http_redirect(r, "/documents/%lld#payments", id);
}
