/*
 * db_contacts.c - one function per query on contacts.
 */
#include "db/db_contacts.h"

#include <stdlib.h>

NEOERR *
db_contacts_of(long long company_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT k.id, k.title, k.first_name, k.last_name, k.function,"
	    " k.email, k.phone, k.mobile, k.active::int AS active,"
	    " k.is_billing::int AS is_billing, d.name AS department"
	    " FROM contacts k LEFT JOIN departments d ON d.id = k.department_id"
	    " WHERE k.company_id = $1::bigint"
	    " ORDER BY k.active DESC, k.last_name COLLATE french, k.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, company_id));
}

/*
 * All contacts a page at a time in name order (last name, first name
 * with the names missing last, id), from the key of the row the page
 * starts after ($5) or ends before: the index contacts_list_idx read
 * from the key's last name on, never an OFFSET.  $1 letter, $2 search
 * (CONTACTS_MATCHES: the matching contacts first, trigram indexes), $3
 * rows per page ($3 + 1 read: fetched), $4 the count's cap.
 */
#define CONTACTS_FILTER \
	" ($1 = '' OR upper(left(search_key(k.last_name), 1)) = $1)"
#define CONTACTS_MATCHES                                           \
	" m AS (SELECT k.id FROM contacts k"                       \
	"  WHERE search_key(coalesce(k.first_name, '') || ' ' ||"  \
	"   k.last_name || ' ' || coalesce(k.first_name, ''))"     \
	"   LIKE contains_pattern($2)"                             \
	" UNION SELECT k.id FROM contacts k"                       \
	"  WHERE search_key(k.email) LIKE contains_pattern($2)"    \
	" UNION SELECT k.id FROM companies c CROSS JOIN LATERAL"   \
	"  (SELECT k.id FROM contacts k WHERE k.company_id = c.id" \
	"  OFFSET 0) k"                                            \
	"  WHERE search_key(c.name) LIKE contains_pattern($2)),"
/* The key's names (NULL: the first page). */
#define Y_LAST  "(SELECT last_name FROM contacts WHERE id = $5::bigint)"
#define Y_FIRST "(SELECT first_name FROM contacts WHERE id = $5::bigint)"
/* The rows after the key (last name, first name, id) in name order: from
 * its last name on in the index, then what follows it. */
#define CONTACTS_AFTER                                                     \
	"k.last_name COLLATE french >= coalesce(" Y_LAST ", '')"           \
	" AND ($5::bigint IS NULL OR k.last_name COLLATE french > " Y_LAST \
	"  OR (" Y_FIRST " IS NULL AND k.first_name IS NULL"               \
	"      AND k.id > $5::bigint)"                                     \
	"  OR (" Y_FIRST " IS NOT NULL AND (k.first_name IS NULL"          \
	"   OR k.first_name COLLATE french > " Y_FIRST                     \
	"   OR (k.first_name COLLATE french = " Y_FIRST                    \
	"       AND k.id > $5::bigint))))"
#define CONTACTS_BEFORE                                               \
	"k.last_name COLLATE french <= " Y_LAST                       \
	" AND (k.last_name COLLATE french < " Y_LAST "  OR (" Y_FIRST \
	" IS NULL AND (k.first_name IS NOT NULL"                      \
	"      OR k.id < $5::bigint))"                                \
	"  OR (" Y_FIRST " IS NOT NULL AND k.first_name IS NOT NULL"  \
	"   AND (k.first_name COLLATE french < " Y_FIRST              \
	"   OR (k.first_name COLLATE french = " Y_FIRST               \
	"       AND k.id < $5::bigint))))"
#define CONTACTS_ASC \
	"k.last_name COLLATE french, k.first_name COLLATE french, k.id"
#define CONTACTS_DESC                      \
	"k.last_name COLLATE french DESC," \
	" k.first_name COLLATE french DESC NULLS FIRST, k.id DESC"
#define CONTACTS_PAGE(from, cond, order)                                    \
	"WITH" CONTACTS_MATCHES                                             \
	" page AS (SELECT k.id, row_number() OVER (ORDER BY " order         \
	"  ) AS rn FROM " from " WHERE" CONTACTS_FILTER "  AND " cond       \
	" ORDER BY " order " LIMIT $3::int + 1),"                           \
	" n AS (SELECT p.*, count(*) OVER () AS fetched FROM page p)"       \
	"SELECT n.fetched, (SELECT count(*) FROM (SELECT 1 FROM contacts k" \
	"  WHERE" CONTACTS_FILTER " AND ($2 = '' OR k.id IN"                \
	"  (SELECT id FROM m)) AND $4::int > 0 LIMIT 1001) x) AS total,"    \
	" k.id, k.company_id, c.name AS company, d.name AS department,"     \
	" k.title, k.first_name, k.last_name, k.function, k.email,"         \
	" k.phone, k.mobile, k.active::int AS active,"                      \
	" k.is_billing::int AS is_billing, k.id AS key"                     \
	" FROM n JOIN contacts k ON k.id = n.id"                            \
	" JOIN companies c ON c.id = k.company_id"                          \
	" LEFT JOIN departments d ON d.id = k.department_id"                \
	" WHERE n.rn <= $3::int ORDER BY " CONTACTS_ASC

NEOERR *
db_contacts_page(const char *letter, const char *q, int limit, int cap,
    const char *key, bool before, PGresult **res)
{
	static struct db_stmt next = DB_STMT(
	    CONTACTS_PAGE("contacts k", CONTACTS_AFTER, CONTACTS_ASC));
	static struct db_stmt prev = DB_STMT(
	    CONTACTS_PAGE("contacts k", CONTACTS_BEFORE, CONTACTS_DESC));
	static struct db_stmt s_next = DB_STMT(
	    CONTACTS_PAGE("m JOIN contacts k ON k.id = m.id", CONTACTS_AFTER,
	        CONTACTS_ASC));
	static struct db_stmt s_prev = DB_STMT(
	    CONTACTS_PAGE("m JOIN contacts k ON k.id = m.id", CONTACTS_BEFORE,
	        CONTACTS_DESC));
	struct db_stmt *st;
	char l[24], c[24];

	if (q[0] == '\0')
		st = before ? &prev : &next;
	else
		st = before ? &s_prev : &s_next;
	return DBQ(st, res, letter, q, db_int(l, limit), db_int(c, cap), key);
}

NEOERR *
db_contact_get(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT k.id, k.company_id, c.name AS company_name,"
	    " k.department_id, k.active::int AS active,"
	    " k.is_billing::int AS is_billing, k.function, k.title,"
	    " k.last_name, k.first_name, k.email, k.phone, k.fax, k.mobile,"
	    " k.address, k.postcode, k.city, k.country, k.info"
	    " FROM contacts k JOIN companies c ON c.id = k.company_id"
	    " WHERE k.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

DB_NAMED(contact_insert, CONTACT, 0,
    "INSERT INTO contacts (company_id, department_id, active, is_billing,"
    " function, title, last_name, first_name, email, phone, fax, mobile,"
    " address, postcode, city, country, info)"
    " VALUES (:company_id::bigint, :department_id::bigint,"
    " :active::boolean, :is_billing::boolean, :function, :title,"
    " :last_name, :first_name, :email, :phone, :fax, :mobile, :address,"
    " :postcode, :city, :country, :info) RETURNING id")

NEOERR *
db_contact_insert(const struct contact *v, long long *id)
{
	return db_named_id(&contact_insert, id, NULL, v->v);
}

DB_NAMED(contact_update, CONTACT, 1,
    "UPDATE contacts SET company_id = :company_id::bigint,"
    " department_id = :department_id::bigint, active = :active::boolean,"
    " is_billing = :is_billing::boolean, function = :function,"
    " title = :title, last_name = :last_name, first_name = :first_name,"
    " email = :email, phone = :phone, fax = :fax, mobile = :mobile,"
    " address = :address, postcode = :postcode, city = :city,"
    " country = :country, info = :info WHERE id = $1::bigint")

NEOERR *
db_contact_update(long long id, const struct contact *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&contact_update, found, fixed, v->v);
}

NEOERR *
db_contact_delete(long long id, long long *company_id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM contacts WHERE id = $1::bigint RETURNING company_id");
	char buf[24];

	return DBQ_ID(&st, company_id, db_int(buf, id));
}
