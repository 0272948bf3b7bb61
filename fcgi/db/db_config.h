/*
 * db_config.h - queries of the "Configuration" part: sites, rooms,
 * tariffs, option categories, options, VAT rates and the seller.
 *
 * Each kind has list / insert / update / delete functions taking the
 * checked form values of its contract below, in its order (config.c
 * reads them through the fields made from the same list); the list
 * functions also return display columns (names of referenced rows).
 * update and delete set *found to false when the row does not exist.
 */
#ifndef FM_DB_CONFIG_H
#define FM_DB_CONFIG_H

#include "db/db.h"

/* The values of each kind, as its form gives them and its statements take
 * them (config.c lists and edits them; FORM_FIELDS, db.h "Contracts"). */
#define SITE(X)                                        \
	X(name, FT_TEXT, true, 200, 0, NULL)           \
	X(address, FT_MULTILINE, false, 1000, 0, NULL) \
	X(active, FT_BOOL, false, 0, 0, NULL)
#define ROOM(X)                                    \
	X(site_id, FT_ID, true, 0, 0, NULL)        \
	X(name, FT_TEXT, true, 200, 0, NULL)       \
	X(capacity, FT_INT, false, 10000, 1, NULL) \
	X(position, FT_INT, false, 9999, 0, NULL)  \
	X(active, FT_BOOL, false, 0, 0, NULL)
/* UN/ECE Recommendation 20 units (the domain unit_code, 0120). */
#define UNIT_CODES "DAY HUR C62 H87 MIN WEE MON SET E48 KGM LTR MTR MTK"
#define TARIFF_KINDS \
	"morning afternoon day evening day_evening afternoon_evening other"
#define TARIFF(X)                                        \
	X(label_fr, FT_TEXT, true, 200, 0, NULL)         \
	X(label_en, FT_TEXT, true, 200, 0, NULL)         \
	X(kind, FT_CHOICE, true, 0, 0, TARIFF_KINDS)     \
	X(starts, FT_TIME, true, 0, 0, NULL)             \
	X(ends, FT_TIME, true, 0, 0, NULL)               \
	X(price, FT_MONEY, true, 0, 0, NULL)             \
	X(vat_rate, FT_DECIMAL, true, 0, 0, NULL)        \
	X(overtime_price, FT_MONEY, false, 0, 0, NULL)   \
	X(unit_code, FT_CHOICE, false, 0, 0, UNIT_CODES) \
	X(position, FT_INT, false, 9999, 0, NULL)        \
	X(active, FT_BOOL, false, 0, 0, NULL)
#define CATEGORY(X)                               \
	X(label_fr, FT_TEXT, true, 200, 0, NULL)  \
	X(label_en, FT_TEXT, true, 200, 0, NULL)  \
	X(per_room, FT_BOOL, false, 0, 0, NULL)   \
	X(position, FT_INT, false, 9999, 0, NULL) \
	X(active, FT_BOOL, false, 0, 0, NULL)
#define OPTION(X)                                        \
	X(category_id, FT_ID, true, 0, 0, NULL)          \
	X(label_fr, FT_TEXT, true, 200, 0, NULL)         \
	X(label_en, FT_TEXT, true, 200, 0, NULL)         \
	X(unit_fr, FT_TEXT, false, 40, 0, NULL)          \
	X(unit_en, FT_TEXT, false, 40, 0, NULL)          \
	X(unit_code, FT_CHOICE, false, 0, 0, UNIT_CODES) \
	X(unit_price, FT_MONEY, true, 0, 0, NULL)        \
	X(vat_rate, FT_DECIMAL, true, 0, 0, NULL)        \
	X(checkbox, FT_BOOL, false, 0, 0, NULL)          \
	X(position, FT_INT, false, 9999, 0, NULL)        \
	X(active, FT_BOOL, false, 0, 0, NULL)
#define VAT(X)                                   \
	X(rate, FT_DECIMAL, true, 0, 0, NULL)    \
	X(label_fr, FT_TEXT, true, 200, 0, NULL) \
	X(label_en, FT_TEXT, true, 200, 0, NULL) \
	X(active, FT_BOOL, false, 0, 0, NULL)
#define SELLER(X)                                             \
	X(name, FT_TEXT, true, 200, 0, NULL)                  \
	X(legal_form, FT_TEXT, false, 100, 0, NULL)           \
	X(address, FT_MULTILINE, false, 1000, 0, NULL)        \
	X(postcode, FT_POSTCODE, false, 20, 0, NULL)          \
	X(city, FT_TEXT, false, 100, 0, NULL)                 \
	X(country_code, FT_TEXT, false, 2, 0, NULL)           \
	X(phone, FT_PHONE, false, 40, 0, NULL)                \
	X(email, FT_EMAIL, false, 254, 0, NULL)               \
	X(siren, FT_SIREN, false, 11, 0, NULL)                \
	X(rcs, FT_TEXT, false, 100, 0, NULL)                  \
	X(capital, FT_TEXT, false, 100, 0, NULL)              \
	X(vat_number, FT_VAT, false, 20, 0, NULL)             \
	X(iban, FT_TEXT, false, 42, 0, NULL)                  \
	X(bic, FT_TEXT, false, 11, 0, NULL)                   \
	X(payment_days, FT_INT, false, 365, 0, NULL)          \
	X(payment_terms, FT_MULTILINE, false, 1000, 0, NULL)  \
	X(late_rate, FT_DECIMAL, false, 0, 0, NULL)           \
	X(payment_end_of_month, FT_BOOL, false, 0, 0, NULL)   \
	X(legal_interest_rate, FT_DECIMAL, false, 0, 0, NULL) \
	X(e_address, FT_TEXT, false, 125, 0, NULL)            \
	X(e_scheme, FT_TEXT, false, 4, 0, NULL)               \
	X(vat_franchise, FT_BOOL, false, 0, 0, NULL)
DB_VALUES(seller, SELLER);

NEOERR *db_sites_list(const char *lang, PGresult **res);
NEOERR *db_site_insert(const char *const *v);
NEOERR *db_site_update(long long id, const char *const *v, bool *found);
NEOERR *db_site_delete(long long id, bool *found);

NEOERR *db_rooms_list(const char *lang, PGresult **res);
NEOERR *db_room_insert(const char *const *v);
NEOERR *db_room_update(long long id, const char *const *v, bool *found);
NEOERR *db_room_delete(long long id, bool *found);

NEOERR *db_tariffs_list(const char *lang, PGresult **res);
NEOERR *db_tariff_insert(const char *const *v);
NEOERR *db_tariff_update(long long id, const char *const *v, bool *found);
NEOERR *db_tariff_delete(long long id, bool *found);

NEOERR *db_categories_list(const char *lang, PGresult **res);
NEOERR *db_category_insert(const char *const *v);
NEOERR *db_category_update(long long id, const char *const *v, bool *found);
NEOERR *db_category_delete(long long id, bool *found);

NEOERR *db_options_list(const char *lang, PGresult **res);
NEOERR *db_option_insert(const char *const *v);
NEOERR *db_option_update(long long id, const char *const *v, bool *found);
NEOERR *db_option_delete(long long id, bool *found);

NEOERR *db_vat_list(const char *lang, PGresult **res);
NEOERR *db_vat_insert(const char *const *v);
NEOERR *db_vat_update(long long id, const char *const *v, bool *found);
NEOERR *db_vat_delete(long long id, bool *found);

NEOERR *db_seller_get(PGresult **res);
NEOERR *db_seller_update(const struct seller *v);

/* Choices for selects, active rows first: id (or rate), label_fr,
 * label_en (or name), active. */
NEOERR *db_sites_choices(PGresult **res);
NEOERR *db_rooms_choices(PGresult **res);
NEOERR *db_vat_choices(PGresult **res);
NEOERR *db_tariffs_choices(PGresult **res);
NEOERR *db_categories_choices(PGresult **res);

#endif
