/*
 * db_contacts.h - queries on contacts.
 */
#ifndef FM_DB_CONTACTS_H
#define FM_DB_CONTACTS_H

#include "db/db.h"

/* A contact, as its form gives it and its statements take it. */
#define CONTACT(X)                                     \
	X(company_id, FT_ID, true, 0, 0, NULL)         \
	X(department_id, FT_ID, false, 0, 0, NULL)     \
	X(active, FT_BOOL, false, 0, 0, NULL)          \
	X(is_billing, FT_BOOL, false, 0, 0, NULL)      \
	X(function, FT_TEXT, false, 100, 0, NULL)      \
	X(title, FT_TEXT, false, 20, 0, NULL)          \
	X(last_name, FT_TEXT, true, 100, 0, NULL)      \
	X(first_name, FT_TEXT, false, 100, 0, NULL)    \
	X(email, FT_EMAIL, false, 254, 0, NULL)        \
	X(phone, FT_PHONE, false, 40, 0, NULL)         \
	X(fax, FT_PHONE, false, 40, 0, NULL)           \
	X(mobile, FT_PHONE, false, 40, 0, NULL)        \
	X(address, FT_MULTILINE, false, 1000, 0, NULL) \
	X(postcode, FT_POSTCODE, false, 20, 0, NULL)   \
	X(city, FT_TEXT, false, 100, 0, NULL)          \
	X(country, FT_TEXT, false, 100, 0, NULL)       \
	X(info, FT_MULTILINE, false, 4000, 0, NULL)
DB_VALUES(contact, CONTACT);

/* Contacts of one company, with their department's name. */
NEOERR *db_contacts_of(long long company_id, PGresult **res);

/*
 * One page of all contacts, by first letter of last name and search text,
 * after the contact key (its id; NULL: the first page) or before it.
 * Columns fetched (limit + 1 when there are more), total (capped at cap),
 * key.
 */
NEOERR *db_contacts_page(const char *letter, const char *q, int limit, int cap,
    const char *key, bool before, PGresult **res);

NEOERR *db_contact_get(long long id, PGresult **res);

NEOERR *db_contact_insert(const struct contact *v, long long *id);
NEOERR *db_contact_update(long long id, const struct contact *v, bool *found);

/* Deletes the contact; *company_id is where it belonged (0: not found). */
NEOERR *db_contact_delete(long long id, long long *company_id);

#endif
