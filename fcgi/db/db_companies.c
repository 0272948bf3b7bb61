/*
 * db_companies.c - one function per query on companies and departments.
 */
#include "db/db_companies.h"

#include <stdlib.h>

/*
 * Which companies a list shows: by first letter ($1, '' for all) and by
 * search text ($2, '' for all) matching the company's name or city, a
 * contact's name, or (3+ digits) a phone or fax number whatever its
 * spacing.  Used by the page and by its count.
 */
#define COMPANY_FILTER                                                    \
	" ($1 = '' OR upper(left(search_key(c.name), 1)) = $1)"           \
	" AND ($2 = ''"                                                   \
	"  OR search_key(c.name) LIKE contains_pattern($2)"               \
	"  OR search_key(c.city) LIKE contains_pattern($2)"               \
	"  OR (length(regexp_replace($2, '\\D', '', 'g')) >= 3 AND ("     \
	"      regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g')"     \
	"        LIKE '%' || regexp_replace($2, '\\D', '', 'g') || '%'"   \
	"   OR regexp_replace(coalesce(c.fax, ''), '\\D', '', 'g')"       \
	"        LIKE '%' || regexp_replace($2, '\\D', '', 'g') || '%'))" \
	"  OR EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id" \
	"     AND search_key(coalesce(k.first_name, '') || ' ' ||"        \
	"         k.last_name || ' ' || coalesce(k.first_name, ''))"      \
	"         LIKE contains_pattern($2)))"

NEOERR *
db_companies_page(const char *letter, const char *q, int limit, int offset,
    PGresult **res)
{
	/* The page's companies come in index order (no sort of the whole
	 * table); each one's contacts through the company_id index. */
	static struct db_stmt st = DB_STMT(
	    "WITH page AS ("
	    " SELECT c.id, c.name, c.phone, c.fax, c.address, c.postcode,"
	    "        c.city, c.country, c.preferences, row_number() OVER"
	    "        (ORDER BY c.name COLLATE french, c.id) AS pos"
	    " FROM companies c WHERE" COMPANY_FILTER
	    " ORDER BY c.name COLLATE french, c.id"
	    " LIMIT $3::int OFFSET $4::int)"
	    "SELECT (SELECT count(*) FROM companies c WHERE" COMPANY_FILTER ")"
	    "       AS total, p.*, k.id AS contact_id, k.title, k.first_name,"
	    "       k.last_name, k.function, k.active::int AS active,"
	    "       k.is_billing::int AS is_billing"
	    " FROM page p LEFT JOIN LATERAL ("
	    "   SELECT k.*, row_number() OVER (ORDER BY k.active DESC,"
	    "          k.last_name COLLATE french, k.id) AS kpos"
	    "   FROM contacts k WHERE k.company_id = p.id) k ON true"
	    " ORDER BY p.pos, k.kpos");
	char l[24], o[24];

	return DBQ(&st, res, letter, q, db_int(l, limit), db_int(o, offset));
}

NEOERR *
db_company_get(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name, phone, fax, address, postcode, city, country,"
	    " preferences, vat_number, siren FROM companies"
	    " WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

DB_NAMED(company_insert, COMPANY, 0,
    "INSERT INTO companies (name, phone, fax, address, postcode, city,"
    " country, preferences, vat_number, siren) VALUES (:name, :phone, :fax,"
    " :address, :postcode, :city, :country, :preferences, :vat_number,"
    " :siren) RETURNING id")

NEOERR *
db_company_insert(const struct company *v, long long *id)
{
	return db_named_id(&company_insert, id, NULL, v->v);
}

DB_NAMED(company_update, COMPANY, 1,
    "UPDATE companies SET name = :name, phone = :phone, fax = :fax,"
    " address = :address, postcode = :postcode, city = :city,"
    " country = :country, preferences = :preferences,"
    " vat_number = :vat_number, siren = :siren WHERE id = $1::bigint")

NEOERR *
db_company_update(long long id, const struct company *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&company_update, found, fixed, v->v);
}

NEOERR *
db_company_lock_count(long long id, int *contacts)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT (SELECT count(*) FROM contacts k"
	    "        WHERE k.company_id = c.id) AS contacts"
	    " FROM companies c WHERE c.id = $1::bigint FOR UPDATE");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	*contacts = PQntuples(res) == 1 ? atoi(PQgetvalue(res, 0, 0)) : -1;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_company_orders(long long id, int *orders)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT count(*) FROM orders WHERE company_id = $1::bigint"
	    " OR billing_company_id = $1::bigint");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	*orders = PQntuples(res) == 1 ? atoi(PQgetvalue(res, 0, 0)) : 0;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_company_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM companies WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id));
}

NEOERR *
db_companies_names(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name FROM companies ORDER BY name COLLATE french, id");

	return DBQ0(&st, res);
}

NEOERR *
db_departments_of(long long company_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT d.id, d.name, (SELECT count(*) FROM contacts k"
	    "   WHERE k.department_id = d.id) AS contacts"
	    " FROM departments d WHERE d.company_id = $1::bigint"
	    " ORDER BY d.name COLLATE french, d.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, company_id));
}

NEOERR *
db_department_insert(long long company_id, const char *name)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO departments (company_id, name) VALUES ($1::bigint, "
	    "$2)");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, company_id), name);
}

NEOERR *
db_department_company(long long id, long long *company_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT company_id FROM departments WHERE id = $1::bigint");
	char buf[24];

	return DBQ_ID(&st, company_id, db_int(buf, id));
}

NEOERR *
db_department_rename(long long id, const char *name)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE departments SET name = $2 WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), name);
}

NEOERR *
db_department_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM departments WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id));
}
