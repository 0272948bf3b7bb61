/*
 * db_config.h - queries of the "Configuration" part: sites, rooms,
 * tariffs, option categories, options, VAT rates and the seller.
 *
 * Each kind has list / insert / update / delete functions taking the
 * checked form values in the order of its field table (config.c); the
 * list functions also return display columns (names of referenced rows).
 * update and delete set *found to false when the row does not exist.
 */
#ifndef FM_DB_CONFIG_H
#define FM_DB_CONFIG_H

#include "db/db.h"

NEOERR *db_sites_list(PGresult **res);
NEOERR *db_site_insert(const char *const *v);
NEOERR *db_site_update(long long id, const char *const *v, bool *found);
NEOERR *db_site_delete(long long id, bool *found);

NEOERR *db_rooms_list(PGresult **res);
NEOERR *db_room_insert(const char *const *v);
NEOERR *db_room_update(long long id, const char *const *v, bool *found);
NEOERR *db_room_delete(long long id, bool *found);

NEOERR *db_tariffs_list(PGresult **res);
NEOERR *db_tariff_insert(const char *const *v);
NEOERR *db_tariff_update(long long id, const char *const *v, bool *found);
NEOERR *db_tariff_delete(long long id, bool *found);

NEOERR *db_categories_list(PGresult **res);
NEOERR *db_category_insert(const char *const *v);
NEOERR *db_category_update(long long id, const char *const *v, bool *found);
NEOERR *db_category_delete(long long id, bool *found);

NEOERR *db_options_list(PGresult **res);
NEOERR *db_option_insert(const char *const *v);
NEOERR *db_option_update(long long id, const char *const *v, bool *found);
NEOERR *db_option_delete(long long id, bool *found);

NEOERR *db_vat_list(PGresult **res);
NEOERR *db_vat_insert(const char *const *v);
NEOERR *db_vat_update(long long id, const char *const *v, bool *found);
NEOERR *db_vat_delete(long long id, bool *found);

NEOERR *db_seller_get(PGresult **res);
NEOERR *db_seller_update(const char *const *v);

/* Choices for selects, active rows first: id (or rate), label_fr,
 * label_en (or name), active. */
NEOERR *db_sites_choices(PGresult **res);
NEOERR *db_rooms_choices(PGresult **res);
NEOERR *db_vat_choices(PGresult **res);
NEOERR *db_tariffs_choices(PGresult **res);
NEOERR *db_categories_choices(PGresult **res);

#endif
