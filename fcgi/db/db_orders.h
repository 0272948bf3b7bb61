/*
 * db_orders.h - queries on orders: list, header, totals, history.
 */
#ifndef FM_DB_ORDERS_H
#define FM_DB_ORDERS_H

#include "db/db.h"

/* An order's header, as its form gives it and its statements take it. */
#define ORDER(X)                                               \
	X(company_id, FT_ID, true, 0, 0, NULL)                 \
	X(contact_id, FT_ID, false, 0, 0, NULL)                \
	X(billing_company_id, FT_ID, false, 0, 0, NULL)        \
	X(billing_contact_id, FT_ID, false, 0, 0, NULL)        \
	X(study_ref, FT_TEXT, false, 100, 0, NULL)             \
	X(po_number, FT_TEXT, false, 100, 0, NULL)             \
	X(buyer_ref, FT_TEXT, false, 100, 0, NULL)             \
	X(vip, FT_BOOL, false, 0, 0, NULL)                     \
	X(account_code, FT_TEXT, false, 40, 0, NULL)           \
	X(comment_printed, FT_MULTILINE, false, 4000, 0, NULL) \
	X(internal_note, FT_MULTILINE, false, 4000, 0, NULL)   \
	X(language, FT_CHOICE, true, 0, 0, "fr en")            \
	X(vat_mode, FT_CHOICE, true, 0, 0,                     \
	    "normal exempt reverse_charge export")
DB_VALUES(order, ORDER);

/*
 * Starts the transaction of a request that writes to an order, naming the
 * staff user for the history triggers (fm.staff_id).
 */
NEOERR *db_order_tx_begin(long long staff_id);

/* Locks the order for the transaction; *found false when it is gone. */
NEOERR *db_order_lock(long long id, bool *found);

/*
 * One page of orders matching q (number, study ref, company, contact),
 * whose reservations meet [from, to] (dates, NULL: open), VIP only when
 * vip is "1".  Columns total, id, company..., total_ht (formatted in lang).
 */
NEOERR *db_orders_page(const char *q, const char *from, const char *to,
    const char *vip, const char *lang, int limit, int cap, const char *key_day,
    const char *key_id, bool before, PGresult **res);

/* The order's header with names of its company and contacts. */
NEOERR *db_order_get(long long id, PGresult **res);

NEOERR *db_order_insert(const struct order *v, long long staff_id,
    long long *id);
NEOERR *db_order_update(long long id, const struct order *v, bool *found);

/* Totals (order_totals) and bases per rate (order_vat_totals), formatted
 * for lang, with the raw figures in *_raw columns. */
NEOERR *db_order_totals(long long id, const char *lang, PGresult **res);
NEOERR *db_order_vat_totals(long long id, const char *lang, PGresult **res);

/* The history, newest first: one row per changed field (field NULL for
 * inserts and deletions), columns id, at, who, entity, action, summary,
 * field, old, new. */
NEOERR *db_order_history(long long id, int limit, const char *lang,
    PGresult **res);

/* order_version(): changes whenever what the order page shows changes;
 * out is "" when the order does not exist. */
NEOERR *db_order_version(long long id, char *out, size_t len);

/* Counts of the order's lines per tab (for the tab labels). */
NEOERR *db_order_counts(long long id, PGresult **res);

/* The company's contacts; the billing contacts of a company. */
NEOERR *db_order_contacts(long long company_id, PGresult **res);
NEOERR *db_order_billing_contacts(long long company_id, PGresult **res);

/* company_id of a contact (0 when it does not exist). */
NEOERR *db_contact_company(long long contact_id, long long *company_id);

/* The contact when it works for the company and (billing) is flagged. */
NEOERR *db_contact_fits(long long contact_id, long long company_id,
    bool billing, bool *fits);

#endif
