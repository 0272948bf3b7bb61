/*
 * db_contacts.h - queries on contacts.
 */
#ifndef FM_DB_CONTACTS_H
#define FM_DB_CONTACTS_H

#include "db/db.h"

#define CONTACT_VALUES 17

/* Contacts of one company, with their department's name. */
NEOERR *db_contacts_of(long long company_id, PGresult **res);

/* One page of all contacts, by first letter of last name and search text. */
NEOERR *db_contacts_page(const char *letter, const char *q, int limit,
    int offset, PGresult **res);

NEOERR *db_contact_get(long long id, PGresult **res);

/* v: company_id, department_id, active, is_billing, function, title,
 * last_name, first_name, email, phone, fax, mobile, address, postcode,
 * city, country, info. */
NEOERR *db_contact_insert(const char *const v[CONTACT_VALUES], long long *id);
NEOERR *db_contact_update(long long id, const char *const v[CONTACT_VALUES],
    bool *found);

/* Deletes the contact; *company_id is where it belonged (0: not found). */
NEOERR *db_contact_delete(long long id, long long *company_id);

#endif
