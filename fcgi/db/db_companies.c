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

/* The companies after the key ($5, a company's id; NULL: the first page)
 * in name order, or before it (dir, order). */
#define COMPANY_KEY "(SELECT name FROM companies WHERE id = $5::bigint)"
#define COMPANIES_PAGE(cond, order)                                          \
	"WITH page AS ("                                                     \
	" SELECT c.id, c.name, c.phone, c.fax, c.address, c.postcode,"       \
	"        c.city, c.country, c.preferences, row_number() OVER"        \
	"        (ORDER BY " order ") AS pos"                                \
	" FROM companies c WHERE" COMPANY_FILTER " AND " cond                \
	" ORDER BY " order " LIMIT $3::int + 1),"                            \
	" n AS (SELECT p.*, count(*) OVER () AS fetched FROM page p)"        \
	"SELECT n.fetched, (SELECT count(*) FROM (SELECT 1 FROM companies c" \
	"  WHERE" COMPANY_FILTER " LIMIT $4::int) x) AS total,"              \
	"       n.id, n.name, n.phone, n.fax, n.address, n.postcode,"        \
	"       n.city, n.country, n.preferences, n.id AS key,"              \
	"       k.id AS contact_id, k.title, k.first_name,"                  \
	"       k.last_name, k.function, k.active::int AS active,"           \
	"       k.is_billing::int AS is_billing"                             \
	" FROM n LEFT JOIN LATERAL ("                                        \
	"   SELECT k.*, row_number() OVER (ORDER BY k.active DESC,"          \
	"          k.last_name COLLATE french, k.id) AS kpos"                \
	"   FROM contacts k WHERE k.company_id = n.id) k ON true"            \
	" WHERE n.pos <= $3::int"                                            \
	" ORDER BY n.name COLLATE french, n.id, k.kpos"

NEOERR *
db_companies_page(const char *letter, const char *q, int limit, int cap,
    const char *key, bool before, PGresult **res)
{
	/* The page's companies come in index order (companies_name_idx,
	 * from the key: no OFFSET, no sort of the whole table); each one's
	 * contacts through the company_id index; the count is capped. */
	static struct db_stmt next = DB_STMT(
	    COMPANIES_PAGE("(c.name COLLATE french, c.id) > "
	                   "(coalesce(" COMPANY_KEY
	                   ", '') COLLATE french, coalesce($5::bigint, 0))",
	        "c.name COLLATE french, c.id"));
	static struct db_stmt prev = DB_STMT(
	    COMPANIES_PAGE("(c.name COLLATE french, c.id) < (" COMPANY_KEY
	                   " COLLATE french, $5::bigint)",
	        "c.name COLLATE french DESC, c.id DESC"));
	char l[24], c[24];

	return DBQ(before ? &prev : &next, res, letter, q, db_int(l, limit),
	    db_int(c, cap), key);
}

NEOERR *
db_company_get(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name, phone, fax, address, postcode, city, country,"
	    " country_code, billing_address, billing_postcode, billing_city,"
	    " billing_country_code, preferences, vat_number, siren,"
	    " is_b2b::int AS is_b2b, e_address, e_scheme FROM companies"
	    " WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

DB_NAMED(company_insert, COMPANY, 0,
    "INSERT INTO companies (name, phone, fax, address, postcode, city,"
    " country, country_code, billing_address, billing_postcode,"
    " billing_city, billing_country_code, preferences, vat_number, siren,"
    " is_b2b, e_address, e_scheme) VALUES (:name, :phone, :fax,"
    " :address, :postcode, :city,"
    " (SELECT name_fr FROM countries"
    "  WHERE code = coalesce(:country_code, 'FR')),"
    " coalesce(:country_code, 'FR'), :billing_address, :billing_postcode, "
    ":billing_city,"
    " :billing_country_code, :preferences, :vat_number, :siren,"
    " coalesce(:is_b2b::boolean, false), :e_address,"
    " coalesce(:e_scheme, '0225')) RETURNING id")

NEOERR *
db_company_insert(const struct company *v, long long *id)
{
	return db_named_id(&company_insert, id, NULL, v->v);
}

DB_NAMED(company_update, COMPANY, 1,
    "UPDATE companies SET name = :name, phone = :phone, fax = :fax,"
    " address = :address, postcode = :postcode, city = :city,"
    " country = coalesce((SELECT name_fr FROM countries"
    "  WHERE code = :country_code), country),"
    " country_code = coalesce(:country_code, country_code),"
    " billing_address = :billing_address,"
    " billing_postcode = :billing_postcode, billing_city = :billing_city,"
    " billing_country_code = :billing_country_code,"
    " preferences = :preferences, vat_number = :vat_number, siren = :siren,"
    " is_b2b = coalesce(:is_b2b::boolean, false), e_address = :e_address,"
    " e_scheme = coalesce(:e_scheme, '0225') WHERE id = $1::bigint")

NEOERR *
db_countries(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT code AS id, name_fr AS label_fr, name_en AS label_en"
	    " FROM countries ORDER BY CASE WHEN $1 = 'en' THEN name_en"
	    " ELSE name_fr END COLLATE french, code");

	return DBQ(&st, res, lang);
}

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
