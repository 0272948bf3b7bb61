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
	    " sales_account_export, sales_label_export,"
	    " fiscal_year_start_month, fiscal_year_months, bank_journal_code,"
	    " bank_journal_label, bank_account, bank_label, "
	    "vat_pending_account,"
	    " vat_pending_label FROM billing_settings");

	return DBQ0(&st, res);
}

DB_NAMED(billing_update, BILLING, 0,
    "UPDATE billing_settings SET"
    " quote_validity_days = :quote_validity_days::int,"
    " recovery_indemnity = :recovery_indemnity::numeric,"
    " early_payment_fr = :early_payment_fr,"
    " early_payment_en = :early_payment_en,"
    " vat_on_debits = :vat_on_debits::boolean,"
    " operation_nature = :operation_nature,"
    " mention_exempt_fr = :mention_exempt_fr,"
    " mention_exempt_en = :mention_exempt_en,"
    " mention_reverse_charge_fr = :mention_reverse_charge_fr,"
    " mention_reverse_charge_en = :mention_reverse_charge_en,"
    " mention_export_fr = :mention_export_fr,"
    " mention_export_en = :mention_export_en,"
    " mention_disbursements_fr = :mention_disbursements_fr,"
    " mention_disbursements_en = :mention_disbursements_en,"
    " journal_code = :journal_code, journal_label = :journal_label,"
    " customer_account = :customer_account,"
    " customer_label = :customer_label,"
    " disbursement_account = :disbursement_account,"
    " disbursement_label = :disbursement_label,"
    " sales_account_eu = :sales_account_eu,"
    " sales_label_eu = :sales_label_eu,"
    " sales_account_export = :sales_account_export,"
    " sales_label_export = :sales_label_export,"
    " fiscal_year_start_month = :fiscal_year_start_month::int,"
    " fiscal_year_months = :fiscal_year_months::int,"
    " bank_journal_code = :bank_journal_code,"
    " bank_journal_label = :bank_journal_label,"
    " bank_account = :bank_account, bank_label = :bank_label,"
    " vat_pending_account = :vat_pending_account,"
    " vat_pending_label = :vat_pending_label")

NEOERR *
db_billing_update(const struct billing *v)
{
	return db_named_query(&billing_update, NULL, NULL, v->v);
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
