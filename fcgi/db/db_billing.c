/*
 * db_billing.c - one function per query on the billing settings.
 */
#include "db/db_billing.h"

NEOERR *
db_billing_get(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT quote_validity_days, recovery_indemnity,"
	    " early_payment_fr, early_payment_en, vat_on_debits::int AS "
	    "vat_on_debits,"
	    " operation_nature, mention_exempt_fr, mention_exempt_en,"
	    " mention_reverse_charge_fr, mention_reverse_charge_en,"
	    " mention_export_fr, mention_export_en, mention_disbursements_fr,"
	    " mention_disbursements_en, journal_code, journal_label,"
	    " customer_account, customer_label, disbursement_account,"
	    " disbursement_label, sales_account_eu, sales_label_eu,"
	    " sales_account_export, sales_label_export FROM billing_settings");

	return DBQ0(&st, res);
}

NEOERR *
db_billing_update(const char *const v[BILLING_VALUES])
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE billing_settings SET quote_validity_days = $1::int,"
	    " recovery_indemnity = $2::numeric, early_payment_fr = $3,"
	    " early_payment_en = $4, vat_on_debits = $5::boolean,"
	    " operation_nature = $6, mention_exempt_fr = $7,"
	    " mention_exempt_en = $8, mention_reverse_charge_fr = $9,"
	    " mention_reverse_charge_en = $10, mention_export_fr = $11,"
	    " mention_export_en = $12, mention_disbursements_fr = $13,"
	    " mention_disbursements_en = $14, journal_code = $15,"
	    " journal_label = $16, customer_account = $17, customer_label = "
	    "$18,"
	    " disbursement_account = $19, disbursement_label = $20,"
	    " sales_account_eu = $21, sales_label_eu = $22,"
	    " sales_account_export = $23, sales_label_export = $24");

	return db_query(&st, NULL, BILLING_VALUES, v);
}

NEOERR *
db_vat_accounts(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, trim_scale(rate) AS label, sales_account, vat_account,"
	    " active::int AS active FROM vat_rates ORDER BY rate DESC");

	return DBQ0(&st, res);
}

NEOERR *
db_vat_accounts_update(long long id, const char *sales, const char *vat)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE vat_rates SET sales_account = $2, vat_account = $3"
	    " WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), sales, vat);
}
