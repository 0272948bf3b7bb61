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

NEOERR *
db_contacts_page(const char *letter, const char *q, int limit, int offset,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT k.id, k.company_id, c.name AS company, d.name AS "
	    "department,"
	    " k.title, k.first_name, k.last_name, k.function, k.email,"
	    " k.phone, k.mobile, k.active::int AS active,"
	    " k.is_billing::int AS is_billing, count(*) OVER () AS total"
	    " FROM contacts k JOIN companies c ON c.id = k.company_id"
	    " LEFT JOIN departments d ON d.id = k.department_id"
	    " WHERE ($1 = '' OR upper(left(search_key(k.last_name), 1)) = $1)"
	    "   AND ($2 = ''"
	    "     OR search_key(coalesce(k.first_name, '') || ' ' ||"
	    "        k.last_name || ' ' || coalesce(k.first_name, ''))"
	    "        LIKE contains_pattern($2)"
	    "     OR search_key(c.name) LIKE contains_pattern($2)"
	    "     OR search_key(k.email) LIKE contains_pattern($2))"
	    " ORDER BY k.last_name COLLATE french,"
	    " k.first_name COLLATE french, k.id"
	    " LIMIT $3::int OFFSET $4::int");
	char l[24], o[24];

	return DBQ(&st, res, letter, q, db_int(l, limit), db_int(o, offset));
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
