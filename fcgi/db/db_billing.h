/*
 * db_billing.h - the billing settings (billing_settings: terms, legal
 * mentions, the fiscal year, FEC journals and accounts) and the accounts of each VAT rate.
 */
#ifndef FM_DB_BILLING_H
#define FM_DB_BILLING_H

#include "db/db.h"

/* The billing settings, as their form gives them and the statement takes
 * them. */
#define BILLING(X)                                                        \
	X(quote_validity_days, FT_INT, true, 365, 1, NULL)                \
	X(recovery_indemnity, FT_MONEY, true, 0, 0, NULL)                 \
	X(early_payment_fr, FT_MULTILINE, true, 1000, 0, NULL)            \
	X(early_payment_en, FT_MULTILINE, true, 1000, 0, NULL)            \
	X(vat_on_debits, FT_BOOL, false, 0, 0, NULL)                      \
	X(operation_nature, FT_CHOICE, true, 0, 0, "services goods both") \
	X(mention_exempt_fr, FT_MULTILINE, true, 1000, 0, NULL)           \
	X(mention_exempt_en, FT_MULTILINE, true, 1000, 0, NULL)           \
	X(mention_reverse_charge_fr, FT_MULTILINE, true, 1000, 0, NULL)   \
	X(mention_reverse_charge_en, FT_MULTILINE, true, 1000, 0, NULL)   \
	X(mention_export_fr, FT_MULTILINE, true, 1000, 0, NULL)           \
	X(mention_export_en, FT_MULTILINE, true, 1000, 0, NULL)           \
	X(mention_disbursements_fr, FT_MULTILINE, true, 1000, 0, NULL)    \
	X(mention_disbursements_en, FT_MULTILINE, true, 1000, 0, NULL)    \
	X(journal_code, FT_TEXT, true, 10, 0, NULL)                       \
	X(journal_label, FT_TEXT, true, 100, 0, NULL)                     \
	X(customer_account, FT_TEXT, true, 20, 0, NULL)                   \
	X(customer_label, FT_TEXT, true, 100, 0, NULL)                    \
	X(disbursement_account, FT_TEXT, true, 20, 0, NULL)               \
	X(disbursement_label, FT_TEXT, true, 100, 0, NULL)                \
	X(sales_account_eu, FT_TEXT, true, 20, 0, NULL)                   \
	X(sales_label_eu, FT_TEXT, true, 100, 0, NULL)                    \
	X(sales_account_export, FT_TEXT, true, 20, 0, NULL)               \
	X(sales_label_export, FT_TEXT, true, 100, 0, NULL)                \
	X(fiscal_year_start_month, FT_INT, true, 12, 1, NULL)             \
	X(fiscal_year_months, FT_INT, true, 24, 1, NULL)                  \
	X(bank_journal_code, FT_TEXT, true, 10, 0, NULL)                  \
	X(bank_journal_label, FT_TEXT, true, 100, 0, NULL)                \
	X(bank_account, FT_TEXT, true, 20, 0, NULL)                       \
	X(bank_label, FT_TEXT, true, 100, 0, NULL)                        \
	X(vat_pending_account, FT_TEXT, true, 20, 0, NULL)                \
	X(vat_pending_label, FT_TEXT, true, 100, 0, NULL)
DB_VALUES(billing, BILLING);

/* The settings' row, booleans as 0/1. */
NEOERR *db_billing_get(PGresult **res);

NEOERR *db_billing_update(const struct billing *v);

/* VAT rates with their accounts: id, label, sales_account, vat_account. */
NEOERR *db_vat_accounts(PGresult **res);
NEOERR *db_vat_accounts_update(long long id, const char *sales,
    const char *vat);

#endif
