/*
 * db_order_items.h - queries on an order's catalogue options (the grids of
 * the Catering, Equipment... tabs), disbursements and services.
 */
#ifndef FM_DB_ORDER_ITEMS_H
#define FM_DB_ORDER_ITEMS_H

#include "db/db.h"

#define DISB_VALUES    6
#define SERVICE_VALUES 4

/* The active categories (the order form's option tabs), with how many
 * cells the order has in each. */
NEOERR *db_order_categories(long long order_id, PGresult **res);

/* The category's options shown as grid columns: active ones and those
 * the order already uses.  Labels and units in lang. */
NEOERR *db_grid_options(long long order_id, long long category_id,
    const char *lang, PGresult **res);

/* The order's cells in the category: id, option_id, day, room_id, hours,
 * quantity (trimmed), by day, room, hours. */
NEOERR *db_grid_cells(long long order_id, long long category_id,
    PGresult **res);

NEOERR *db_grid_cell_insert(long long order_id, const char *option_id,
    const char *day, const char *room_id, const char *hours,
    const char *quantity);
NEOERR *db_grid_cell_update(const char *id, const char *quantity);
NEOERR *db_grid_cell_delete(const char *id);

/* Disbursements: id, last_name, first_name, payment_type, amount,
 * amount_label (lang), cheque_no, paid_on, paid_on_label. */
NEOERR *db_disbursements_of(long long order_id, const char *lang,
    PGresult **res);
/* v: last_name, first_name, payment_type, amount, cheque_no, paid_on. */
NEOERR *db_disbursement_insert(long long order_id,
    const char *const v[DISB_VALUES]);
NEOERR *db_disbursement_update(long long id, const char *const v[DISB_VALUES],
    long long *order_id);
NEOERR *db_disbursement_delete(long long id, long long *order_id);
NEOERR *db_disbursement_order(long long id, long long *order_id);

/* Services: id, label, quantity, unit_price, vat_rate, amount (lang). */
NEOERR *db_services_of(long long order_id, const char *lang, PGresult **res);
/* v: label, quantity, unit_price, vat_rate. */
NEOERR *db_service_insert(long long order_id,
    const char *const v[SERVICE_VALUES]);
NEOERR *db_service_update(long long id, const char *const v[SERVICE_VALUES],
    long long *order_id);
NEOERR *db_service_delete(long long id, long long *order_id);
NEOERR *db_service_order(long long id, long long *order_id);

#endif
