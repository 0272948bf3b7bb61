/*
 * db_order_items.h - queries on an order's catalogue options (the grids of
 * the Catering, Equipment... tabs), disbursements and services.
 */
#ifndef FM_DB_ORDER_ITEMS_H
#define FM_DB_ORDER_ITEMS_H

#include "db/db.h"
#include "db/db_config.h" /* UNIT_CODES */

/* A disbursement, as its form gives it and its statements take it. */
#define DISBURSEMENT(X)                             \
	X(last_name, FT_TEXT, true, 100, 0, NULL)   \
	X(first_name, FT_TEXT, false, 100, 0, NULL) \
	X(payment_type, FT_CHOICE, true, 0, 0,      \
	    "cash cheque transfer card other")      \
	X(amount, FT_MONEY, true, 0, 0, NULL)       \
	X(cheque_no, FT_TEXT, false, 40, 0, NULL)   \
	X(paid_on, FT_DATE, true, 0, 0, NULL)
DB_VALUES(disbursement, DISBURSEMENT);

/* A service: a free line of an order (its unit a Rec. 20 code, UNIT_CODES:
 * "one" when not given). */
#define SERVICE(X)                                \
	X(label, FT_TEXT, true, 200, 0, NULL)     \
	X(quantity, FT_DECIMAL, true, 0, 0, NULL) \
	X(unit_price, FT_MONEY, true, 0, 0, NULL) \
	X(vat_rate, FT_DECIMAL, true, 0, 0, NULL) \
	X(unit_code, FT_CHOICE, false, 0, 0, UNIT_CODES)
DB_VALUES(service, SERVICE);

/* The active categories (the order form's option tabs), with how many
 * cells the order has in each. */
NEOERR *db_order_categories(long long order_id, PGresult **res);

/* The category's options shown as grid columns: active ones and those
 * the order already uses.  Labels and units in lang. */
NEOERR *db_grid_options(long long order_id, long long category_id,
    const char *lang, PGresult **res);

/* The order's cells in the category: id, option_id, day, room_id, hours,
 * quantity (trimmed; quantity_label: in the language lang), by day, room,
 * hours. */
NEOERR *db_grid_cells(long long order_id, long long category_id,
    const char *lang, PGresult **res);

NEOERR *db_grid_cell_insert(long long order_id, const char *option_id,
    const char *day, const char *room_id, const char *hours,
    const char *quantity);
NEOERR *db_grid_cell_update(const char *id, const char *quantity);
NEOERR *db_grid_cell_delete(const char *id);

/* Disbursements: id, last_name, first_name, payment_type, amount,
 * amount_label (lang), cheque_no, paid_on, paid_on_label. */
NEOERR *db_disbursements_of(long long order_id, const char *lang,
    PGresult **res);
NEOERR *db_disbursement_insert(long long order_id,
    const struct disbursement *d);
NEOERR *db_disbursement_update(long long id, const struct disbursement *d);
NEOERR *db_disbursement_delete(long long id);
/* The order of disbursement id, 0 when there is none. */
NEOERR *db_disbursement_order(long long id, long long *order_id);

/* Services: id, label, quantity, unit_price, vat_rate, amount (lang). */
NEOERR *db_services_of(long long order_id, const char *lang, PGresult **res);
NEOERR *db_service_insert(long long order_id, const struct service *s);
NEOERR *db_service_update(long long id, const struct service *s);
NEOERR *db_service_delete(long long id);
/* The order of service id, 0 when there is none. */
NEOERR *db_service_order(long long id, long long *order_id);

#endif
