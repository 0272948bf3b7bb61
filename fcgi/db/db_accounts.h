/*
 * db_accounts.h - queries on order accounts (user, client, live).
 */
#ifndef FM_DB_ACCOUNTS_H
#define FM_DB_ACCOUNTS_H

#include "db/db.h"

/*
 * The order as the heading of its videos, files and access pages shows
 * it: id, study_ref, company_id, company, contact_name, contact_email,
 * language, first_day and last_day (its reservations', DD/MM/YYYY),
 * seller.  No row: no such order.
 */
NEOERR *db_order_heading(long long order_id, PGresult **res);

/*
 * The order's three accounts (user, client, live in that order): id,
 * kind, login, has_password, valid (now inside the period), valid_from
 * and valid_to (YYYY-MM-DD, to inclusive), their DD/MM/YYYY labels
 * valid_from_label and valid_to_label, changed (when the password was
 * last set), sessions (open ones).
 */
NEOERR *db_accounts_of(long long order_id, PGresult **res);

/*
 * Sets an account's password (hash) if it belongs to order_id; the
 * database then ends its sessions (trigger).  *login is its login ("" when
 * not found), size len.
 */
NEOERR *db_account_set_password(long long id, long long order_id,
    const char *hash, char *login, size_t len);

/* Removes the password (nobody can log in) and so ends the sessions. */
NEOERR *db_account_disable(long long id, long long order_id, bool *found);

/* Sets the validity of the order's account of kind (dates YYYY-MM-DD,
 * `to` inclusive).  FM_ERR_INVALID when to is before from. */
NEOERR *db_account_set_validity(long long order_id, const char *kind,
    const char *from, const char *to);

#endif
