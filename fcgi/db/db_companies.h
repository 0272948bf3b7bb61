/*
 * db_companies.h - queries on companies and departments.
 */
#ifndef FM_DB_COMPANIES_H
#define FM_DB_COMPANIES_H

#include "db/db.h"

/* A company, as its form gives it and its statements take it. */
#define COMPANY(X)                                             \
	X(name, FT_TEXT, true, 200, 0, NULL)                   \
	X(phone, FT_PHONE, false, 40, 0, NULL)                 \
	X(fax, FT_PHONE, false, 40, 0, NULL)                   \
	X(address, FT_MULTILINE, false, 1000, 0, NULL)         \
	X(postcode, FT_POSTCODE, false, 20, 0, NULL)           \
	X(city, FT_TEXT, false, 100, 0, NULL)                  \
	X(country_code, FT_TEXT, false, 2, 0, NULL)            \
	X(billing_address, FT_MULTILINE, false, 1000, 0, NULL) \
	X(billing_postcode, FT_POSTCODE, false, 20, 0, NULL)   \
	X(billing_city, FT_TEXT, false, 100, 0, NULL)          \
	X(billing_country_code, FT_TEXT, false, 2, 0, NULL)    \
	X(preferences, FT_MULTILINE, false, 4000, 0, NULL)     \
	X(vat_number, FT_VAT, false, 20, 0, NULL)              \
	X(siren, FT_SIREN, false, 11, 0, NULL)                 \
	X(is_b2b, FT_BOOL, false, 0, 0, NULL)                  \
	X(e_address, FT_TEXT, false, 125, 0, NULL)             \
	X(e_scheme, FT_TEXT, false, 4, 0, NULL)
DB_VALUES(company, COMPANY);

/*
 * One page of companies (filtered by first letter and/or search text)
 * with their contacts: one row per contact (or one with NULL contact
 * columns), columns total, id, name, ..., contact_id, ...
 */
/*
 * One page of companies with their contacts (a row per contact), after
 * the company key (its id; NULL: the first page) or before it.  Columns
 * fetched (companies read: limit + 1 when there are more), total (capped
 * at cap), key.
 */
NEOERR *db_companies_page(const char *letter, const char *q, int limit, int cap,
    const char *key, bool before, PGresult **res);

NEOERR *db_company_get(long long id, PGresult **res);

NEOERR *db_company_insert(const struct company *v, long long *id);
NEOERR *db_company_update(long long id, const struct company *v, bool *found);

/* Locks the company for deletion and counts its contacts (-1: gone). */
NEOERR *db_company_lock_count(long long id, int *contacts);
NEOERR *db_company_delete(long long id);

/* The countries (ISO 3166-1 alpha-2) as id, label_fr, label_en, in the
 * order of lang's names. */
NEOERR *db_countries(const char *lang, PGresult **res);
/* How many orders name the company (as client or billing company): a
 * company with orders cannot be deleted. */
NEOERR *db_company_orders(long long id, int *orders);

/* id, name of every company, for selects. */
NEOERR *db_companies_names(PGresult **res);

NEOERR *db_departments_of(long long company_id, PGresult **res);
NEOERR *db_department_insert(long long company_id, const char *name);
/* company_id of the department, or 0 when it does not exist. */
NEOERR *db_department_company(long long id, long long *company_id);
NEOERR *db_department_rename(long long id, const char *name);
NEOERR *db_department_delete(long long id);

#endif
