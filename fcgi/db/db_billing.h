/*
 * db_billing.h - the billing settings (billing_settings: terms, legal
 * mentions, FEC accounts) and the accounts of each VAT rate.
 */
#ifndef FM_DB_BILLING_H
#define FM_DB_BILLING_H

#include "db/db.h"

#define BILLING_VALUES 24

/* The settings' row, booleans as 0/1. */
NEOERR *db_billing_get(PGresult **res);

/* v: the columns of config_billing.c's field list, in order. */
NEOERR *db_billing_update(const char *const v[BILLING_VALUES]);

/* VAT rates with their accounts: id, label, sales_account, vat_account. */
NEOERR *db_vat_accounts(PGresult **res);
NEOERR *db_vat_accounts_update(long long id, const char *sales,
    const char *vat);

#endif
