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

static const struct field fields[] = FORM_FIELDS(PAYMENT);

NEOERR *
payments_create(struct req *r)
{
	long long id = r->id[0];
	struct payment v;
	struct doc_state st;
	NEOERR *err;
	int bad;

	bad = FORM_READ(r, fields, &v);
	if (v.amount &&
	    (v.amount[0] == '-' ||
	        strspn(v.amount, "0.") == strlen(v.amount))) {
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
	err = db_payment_insert(id, &v);
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
