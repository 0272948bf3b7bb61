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

NEOERR *
db_contact_insert(const char *const v[CONTACT_VALUES], long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO contacts (company_id, department_id, active,"
	    " is_billing, function, title, last_name, first_name, email, phone,"
	    " fax, mobile, address, postcode, city, country, info)"
	    " VALUES ($1::bigint, $2::bigint, $3::boolean, $4::boolean, $5, $6,"
	    " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING "
	    "id");
	PGresult *res;
	NEOERR *err;

	err = db_query(&st, &res, CONTACT_VALUES, v);
	if (err != STATUS_OK)
		return err;
	*id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_contact_update(long long id, const char *const v[CONTACT_VALUES],
    bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE contacts SET company_id = $2::bigint,"
	    " department_id = $3::bigint, active = $4::boolean,"
	    " is_billing = $5::boolean, function = $6, title = $7,"
	    " last_name = $8, first_name = $9, email = $10, phone = $11,"
	    " fax = $12, mobile = $13, address = $14, postcode = $15,"
	    " city = $16, country = $17, info = $18 WHERE id = $1::bigint");
	const char *p[CONTACT_VALUES + 1];
	char buf[24];
	PGresult *res;
	NEOERR *err;
	int i;

	p[0] = db_int(buf, id);
	for (i = 0; i < CONTACT_VALUES; i++)
		p[i + 1] = v[i];
	err = db_query(&st, &res, CONTACT_VALUES + 1, p);
	if (err != STATUS_OK)
		return err;
	*found = atoi(PQcmdTuples(res)) == 1;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_contact_delete(long long id, long long *company_id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM contacts WHERE id = $1::bigint RETURNING company_id");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	*company_id = PQntuples(res) == 1 ? atoll(PQgetvalue(res, 0, 0)) : 0;
	PQclear(res);
	return STATUS_OK;
}
