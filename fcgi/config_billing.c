/*
 * config_billing.c - /config/billing: what documents print besides the
 * seller's identity (quote validity, early-payment terms, the recovery
 * indemnity, the option for VAT on debits, the nature of operations, the
 * legal mentions of each VAT mode and of disbursements, in French and
 * English), the fiscal year (first month, length) and the journals and
 * accounts of the FEC export (sales and bank journals, customers,
 * disbursements, bank, VAT pending until paid, sales and VAT per rate).  Issued documents keep the
 * values they were issued with (their seller snapshot).
 */
#include "db/db_billing.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct field fields[] = FORM_FIELDS(BILLING);

/* An account number: 2 to 20 digits or capitals. */
static bool
account_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;

	if (n < 2 || n > 20)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    !isupper((unsigned char)s[i]))
			return false;
	return true;
}

static NEOERR *
page(struct req *r, bool posted)
{
	PGresult *res;
	NEOERR *err;
	size_t i;
	int k;

	err = db_billing_get(&res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && !posted && i < FM_ARRAY_LEN(fields) &&
	     PQntuples(res) == 1;
	     i++)
		err = form_fill(r, fields[i].name,
		    db_get(res, 0, fields[i].name));
	PQclear(res);
	if (err == STATUS_OK)
		err = db_vat_accounts(&res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Rates", res);
	for (k = 0; err == STATUS_OK && !posted && k < PQntuples(res); k++) {
		char key[64];

		snprintf(key, sizeof(key), "sales.%s", db_get(res, k, "id"));
		err = form_fill(r, key, db_get(res, k, "sales_account"));
		snprintf(key, sizeof(key), "vat.%s", db_get(res, k, "id"));
		if (err == STATUS_OK)
			err = form_fill(r, key, db_get(res, k, "vat_account"));
	}
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "config/billing.cs");
}

NEOERR *
config_billing(struct req *r)
{
	return page(r, false);
}

NEOERR *
config_billing_update(struct req *r)
{
	static const char *const accounts[] = { "customer_account",
		"disbursement_account", "sales_account_eu",
		"sales_account_export", "bank_account", "vat_pending_account" };
	static const char *const journals[] = { "journal_code",
		"bank_journal_code" };
	struct billing v;
	PGresult *rates;
	NEOERR *err;
	size_t i;
	int bad, k;

	bad = FORM_READ(r, fields, &v);
	for (i = 0; i < FM_ARRAY_LEN(accounts); i++)
		if (form_value(r, accounts[i]) &&
		    !account_ok(form_value(r, accounts[i]))) {
			form_error(r, accounts[i], "billing.err_account");
			bad++;
		}
	for (i = 0; i < FM_ARRAY_LEN(journals); i++) {
		const char *j = form_value(r, journals[i]);

		if (j &&
		    strspn(j,
		        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
		        "qrstuvwxyz0123456789") != strlen(j)) {
			form_error(r, journals[i], "billing.err_journal");
			bad++;
		}
	}
	if (v.journal_code && v.bank_journal_code &&
	    !strcasecmp(v.journal_code, v.bank_journal_code)) {
		form_error(r, "bank_journal_code", "billing.err_journal_same");
		bad++;
	}
	err = db_vat_accounts(&rates);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* The accounts of each rate: sales.<id>, vat.<id>. */
	for (k = 0; k < PQntuples(rates); k++) {
		char name[2][40];
		int j;

		snprintf(name[0], sizeof(name[0]), "sales.%s",
		    db_get(rates, k, "id"));
		snprintf(name[1], sizeof(name[1]), "vat.%s",
		    db_get(rates, k, "id"));
		for (j = 0; j < 2; j++) {
			struct field f = { name[j], FT_TEXT, true, 20, 0,
				NULL };

			if (form_read(r, &f, 1) > 0)
				bad++;
			else if (!account_ok(form_value(r, name[j]))) {
				form_error(r, name[j], "billing.err_account");
				bad++;
			}
		}
	}
	if (bad > 0) {
		PQclear(rates);
		hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.form"));
		http_refuse(r, FM_ERR_FORM);
		return page(r, true);
	}
	err = db_begin();
	if (err == STATUS_OK)
		err = db_billing_update(&v);
	for (k = 0; err == STATUS_OK && k < PQntuples(rates); k++) {
		char s[40], t[40];

		snprintf(s, sizeof(s), "sales.%s", db_get(rates, k, "id"));
		snprintf(t, sizeof(t), "vat.%s", db_get(rates, k, "id"));
		err = db_vat_accounts_update(atoll(db_get(rates, k, "id")),
		    form_value(r, s), form_value(r, t));
	}
	PQclear(rates);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		db_rollback();
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "err.inconsistent"));
		http_refuse(r, FM_ERR_FORM);
		return page(r, true);
	}
	if (err != STATUS_OK) {
		db_rollback();
		return nerr_pass(err);
	}
	http_flash(r, "saved");
	return http_redirect(r, "/config/billing");
}
