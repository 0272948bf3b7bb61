/*
 * db_companies.h - queries on companies and departments.
 */
#ifndef FM_DB_COMPANIES_H
#define FM_DB_COMPANIES_H

#include "db/db.h"

/*
 * One page of companies (filtered by first letter and/or search text)
 * with their contacts: one row per contact (or one with NULL contact
 * columns), columns total, id, name, ..., contact_id, ...
 */
NEOERR *db_companies_page(const char *letter, const char *q, int limit,
    int offset, PGresult **res);

NEOERR *db_company_get(long long id, PGresult **res);

/* Inserts or updates from the checked fields (v: name, phone, fax,
 * address, postcode, city, country, preferences, vat_number, siren). */
NEOERR *db_company_insert(const char *const v[10], long long *id);
NEOERR *db_company_update(long long id, const char *const v[10], bool *found);

/* Locks the company for deletion and counts its contacts (-1: gone). */
NEOERR *db_company_lock_count(long long id, int *contacts);
NEOERR *db_company_delete(long long id);

/* id, name of every company, for selects. */
NEOERR *db_companies_names(PGresult **res);

NEOERR *db_departments_of(long long company_id, PGresult **res);
NEOERR *db_department_insert(long long company_id, const char *name);
/* company_id of the department, or 0 when it does not exist. */
NEOERR *db_department_company(long long id, long long *company_id);
NEOERR *db_department_rename(long long id, const char *name);
NEOERR *db_department_delete(long long id);

#endif
