/*
 * db_orders.c - one function per query on orders.
 */
#include "db/db_orders.h"

#include <stdio.h>
#include <stdlib.h>

NEOERR *
db_order_tx_begin(long long staff_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT set_config('fm.staff_id', $1, true)");
	char buf[24];
	NEOERR *err;

	err = db_begin();
	if (err == STATUS_OK)
		err = DBQ(&st, NULL, db_int(buf, staff_id));
	return err;
}

NEOERR *
db_order_lock(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT 1 FROM orders WHERE id = $1::bigint FOR UPDATE");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

/*
 * The orders list, a page at a time in the order of order_figures_list_idx
 * (period's first day, then number, both descending) from a key: the
 * rows after (day $8, order $9) going down, or before them going up
 * (ORDERS_PAGE's dir), never an OFFSET.  An order's period, sessions
 * and total are its order_figures row (kept by 0200_order_figures.sql's
 * triggers).  $1 search text (ORDERS_SEARCH: the matching orders
 * first, through the trigram indexes), $2/$3 the period filter, $4 VIP
 * only, $5 language, $6 rows per page ($6 + 1 are read: fetched tells
 * whether there are more), $7 the count's cap (unused: the statement
 * counts 1,001 rows at most, LISTING_COUNT_CAP + 1, written in it so that
 * the generic plan walks the index).  The joins are LATERAL ... OFFSET 0:
 * a loop of index lookups, which a generic plan (it does not know how
 * many rows a search matches) would otherwise turn into hash joins over
 * whole tables.
 */
#define ORDERS_FILTER                                             \
	" ($3::date IS NULL OR f.first_day <= $3::date)"          \
	" AND ($2::date IS NULL OR f.last_day >= $2::date)"       \
	" AND f.first_day >= coalesce($2::date - (SELECT"         \
	"   max(g.last_day - g.first_day) FROM order_figures g)," \
	"   '-infinity')"                                         \
	" AND ($4 <> '1' OR o.vip)"
#define ORDERS_MATCHES                                                       \
	"m AS (SELECT o.id FROM orders o WHERE o.id = CASE WHEN"             \
	"  regexp_replace($1, '^\\s*(n°|no|#)?\\s*', '', 'i') ~ "           \
	"'^[0-9]{1,18}$'"                                                    \
	"  THEN regexp_replace($1, '^\\s*(n°|no|#)?\\s*', '', 'i')::bigint" \
	"  END"                                                              \
	" UNION SELECT o.id FROM orders o"                                   \
	"  WHERE search_key(o.study_ref) LIKE contains_pattern($1)"          \
	" UNION SELECT o.id FROM companies c CROSS JOIN LATERAL"             \
	"  (SELECT o.id FROM orders o WHERE o.company_id = c.id OFFSET 0) o" \
	"  WHERE search_key(c.name) LIKE contains_pattern($1)"               \
	" UNION SELECT o.id FROM contacts k CROSS JOIN LATERAL"              \
	"  (SELECT o.id FROM orders o WHERE o.contact_id = k.id OFFSET 0) o" \
	"  WHERE search_key(coalesce(k.first_name, '') || ' ' ||"            \
	"   k.last_name || ' ' || coalesce(k.first_name, ''))"               \
	"   LIKE contains_pattern($1)),"
/* cmp and dir: "<", "DESC" (the next rows) or ">", "ASC" (the rows
 * before); from: the rows the page is read from. */
#define ORDERS_PAGE(with, from, cmp, dir)                                   \
	"WITH " with " page AS (SELECT f.order_id, f.first_day"             \
	" FROM " from " CROSS JOIN LATERAL (SELECT * FROM orders x"         \
	"  WHERE x.id = f.order_id OFFSET 0) o"                             \
	" WHERE" ORDERS_FILTER " AND (f.first_day, f.order_id) " cmp        \
	"  (coalesce($8::date, 'infinity'), coalesce($9::bigint, 0))"       \
	" ORDER BY f.first_day " dir ", f.order_id " dir                    \
	" LIMIT $6::int + 1),"                                              \
	" n AS (SELECT p.*, row_number() OVER (ORDER BY p.first_day " dir   \
	"  , p.order_id " dir ") AS rn, count(*) OVER () AS fetched"        \
	"  FROM page p WHERE $1::text IS NOT NULL AND $7::int > 0)"         \
	"SELECT n.fetched, CASE WHEN $1 = '' AND $2::date IS NULL"          \
	"  AND $3::date IS NULL AND $4 <> '1' THEN (SELECT count(*) FROM"   \
	"  (SELECT 1 FROM order_figures ORDER BY first_day DESC, order_id " \
	"DESC LIMIT 1001) x)"                                               \
	" ELSE (SELECT count(*) FROM (SELECT 1 FROM " from                  \
	"  CROSS JOIN LATERAL (SELECT * FROM orders x"                      \
	"  WHERE x.id = f.order_id OFFSET 0) o WHERE" ORDERS_FILTER         \
	"  ORDER BY f.first_day DESC, f.order_id DESC LIMIT 1001) x) END"   \
	" AS total,"                                                        \
	" o.id, o.study_ref, o.vip::int AS vip, o.company_id,"              \
	" c.name AS company, o.contact_id,"                                 \
	" btrim(coalesce(k.first_name, '') || ' ' ||"                       \
	"  coalesce(k.last_name, '')) AS contact,"                          \
	" fm_date(f.first_day) AS first_day, fm_date(f.last_day) AS "       \
	"last_day,"                                                         \
	" f.sessions, fm_money(f.total_ht, $5) AS total_ht,"                \
	" to_char(f.first_day, 'YYYY-MM-DD') || '.' || f.order_id AS key"   \
	" FROM n JOIN order_figures f ON f.order_id = n.order_id"           \
	" JOIN orders o ON o.id = n.order_id"                               \
	" JOIN companies c ON c.id = o.company_id"                          \
	" LEFT JOIN contacts k ON k.id = o.contact_id"                      \
	" WHERE n.rn <= $6::int"                                            \
	" ORDER BY f.first_day DESC, f.order_id DESC"

NEOERR *
db_orders_page(const char *q, const char *from, const char *to, const char *vip,
    const char *lang, int limit, int cap, const char *key_day,
    const char *key_id, bool before, PGresult **res)
{
	static struct db_stmt next = DB_STMT(
	    ORDERS_PAGE("", "order_figures f", "<", "DESC"));
	static struct db_stmt prev = DB_STMT(
	    ORDERS_PAGE("", "order_figures f", ">", "ASC"));
	static struct db_stmt s_next = DB_STMT(ORDERS_PAGE(ORDERS_MATCHES,
	    "m CROSS JOIN LATERAL (SELECT * FROM order_figures y"
	    " WHERE y.order_id = m.id OFFSET 0) f",
	    "<", "DESC"));
	static struct db_stmt s_prev = DB_STMT(ORDERS_PAGE(ORDERS_MATCHES,
	    "m CROSS JOIN LATERAL (SELECT * FROM order_figures y"
	    " WHERE y.order_id = m.id OFFSET 0) f",
	    ">", "ASC"));
	struct db_stmt *st;
	char l[24], c[24];

	if (q[0] == '\0')
		st = before ? &prev : &next;
	else
		st = before ? &s_prev : &s_next;
	return DBQ(st, res, q, from, to, vip, lang, db_int(l, limit),
	    db_int(c, cap), key_day, key_id);
}

NEOERR *
db_order_get(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, o.company_id, o.contact_id, o.billing_company_id,"
	    " o.billing_contact_id, o.study_ref, o.po_number, o.buyer_ref,"
	    " o.vip::int AS vip,"
	    " o.account_code, o.comment_printed, o.internal_note, o.language,"
	    " o.vat_mode, c.name AS company_name,"
	    " btrim(coalesce(k.title, '') || ' ' || coalesce(k.first_name, '')"
	    "  || ' ' || coalesce(k.last_name, '')) AS contact_name,"
	    " k.phone AS contact_phone, k.mobile AS contact_mobile,"
	    " k.email AS contact_email, bc.name AS billing_company_name,"
	    " btrim(coalesce(bk.first_name, '') || ' ' ||"
	    "  coalesce(bk.last_name, '')) AS billing_contact_name,"
	    " to_char(o.created_at, 'DD/MM/YYYY HH24:MI') AS created_at,"
	    " u.login AS created_by"
	    " FROM orders o JOIN companies c ON c.id = o.company_id"
	    " LEFT JOIN contacts k ON k.id = o.contact_id"
	    " LEFT JOIN companies bc ON bc.id = o.billing_company_id"
	    " LEFT JOIN contacts bk ON bk.id = o.billing_contact_id"
	    " LEFT JOIN staff_users u ON u.id = o.created_by"
	    " WHERE o.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

DB_NAMED(order_insert, ORDER, 1,
    "INSERT INTO orders (company_id, contact_id, billing_company_id,"
    " billing_contact_id, study_ref, po_number, buyer_ref, vip, account_code,"
    " comment_printed, internal_note, language, vat_mode, created_by)"
    " VALUES (:company_id::bigint, :contact_id::bigint,"
    " :billing_company_id::bigint, :billing_contact_id::bigint, :study_ref,"
    " :po_number, :buyer_ref,"
    " :vip, :account_code, :comment_printed, :internal_note,"
    " coalesce(:language, 'fr'), coalesce(:vat_mode, 'normal'),"
    " $1::bigint) RETURNING id")

NEOERR *
db_order_insert(const struct order *v, long long staff_id, long long *id)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, staff_id) };

	return db_named_id(&order_insert, id, fixed, v->v);
}

DB_NAMED(order_update, ORDER, 1,
    "UPDATE orders SET company_id = :company_id::bigint,"
    " contact_id = :contact_id::bigint,"
    " billing_company_id = :billing_company_id::bigint,"
    " billing_contact_id = :billing_contact_id::bigint,"
    " study_ref = :study_ref, po_number = :po_number, buyer_ref = :buyer_ref,"
    " vip = :vip, account_code = :account_code,"
    " comment_printed = :comment_printed, internal_note = :internal_note,"
    " language = coalesce(:language, 'fr'),"
    " vat_mode = coalesce(:vat_mode, 'normal') WHERE id = $1::bigint")

NEOERR *
db_order_update(long long id, const struct order *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&order_update, found, fixed, v->v);
}

NEOERR *
db_order_totals(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT fm_money(total_ht, $2) AS total_ht,"
	    " fm_money(total_vat, $2) AS total_vat,"
	    " fm_money(total_ttc, $2) AS total_ttc,"
	    " fm_money(disbursements, $2) AS disbursements,"
	    " fm_money(total_due, $2) AS total_due,"
	    " total_ht AS total_ht_raw, total_vat AS total_vat_raw,"
	    " total_ttc AS total_ttc_raw, disbursements AS disbursements_raw,"
	    " total_due AS total_due_raw"
	    " FROM order_totals($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_order_vat_totals(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT trim_scale(vat_rate) AS rate, fm_money(base, $2) AS base,"
	    " fm_money(vat, $2) AS vat, vat_rate AS rate_raw, base AS base_raw,"
	    " vat AS vat_raw FROM order_vat_totals($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_order_history(long long id, int limit, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH h AS (SELECT * FROM order_history WHERE order_id = $1::bigint"
	    " ORDER BY at DESC, id DESC LIMIT $2::int)"
	    "SELECT h.id, to_char(h.at, 'DD/MM/YYYY HH24:MI:SS') AS at, h.who,"
	    " h.entity, h.action,"
	    " history_summary(h.entity, h.data, h.entity_id, h.summary, $3)"
	    "  AS summary, c.key AS field,"
	    " history_value(c.key, c.value->>0, $3) AS old,"
	    " history_value(c.key, c.value->>1, $3) AS new"
	    " FROM h LEFT JOIN LATERAL jsonb_each(h.changes) c ON true"
	    " ORDER BY h.at DESC, h.id DESC, c.key");
	char buf[24], l[24];

	return DBQ(&st, res, db_int(buf, id), db_int(l, limit), lang);
}

NEOERR *
db_order_version(long long id, char *out, size_t len)
{
	static struct db_stmt st = DB_STMT("SELECT order_version($1::bigint)");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	snprintf(out, len, "%s",
	    PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)
	        ? PQgetvalue(res, 0, 0)
	        : "");
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_order_counts(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT (SELECT count(*) FROM reservations WHERE order_id = "
	    "$1::bigint)"
	    "  AS reservations,"
	    " (SELECT count(*) FROM disbursements WHERE order_id = $1::bigint)"
	    "  AS disbursements,"
	    " (SELECT count(*) FROM services WHERE order_id = $1::bigint)"
	    "  AS services,"
	    " (SELECT count(*) FROM order_history WHERE order_id = $1::bigint)"
	    "  AS history");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

NEOERR *
db_order_contacts(long long company_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, btrim(coalesce(title, '') || ' ' ||"
	    " coalesce(first_name, '') || ' ' || last_name) AS name,"
	    " active::int AS active, is_billing::int AS is_billing"
	    " FROM contacts WHERE company_id = $1::bigint"
	    " ORDER BY active DESC, last_name COLLATE french, id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, company_id));
}

NEOERR *
db_order_billing_contacts(long long company_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, btrim(coalesce(title, '') || ' ' ||"
	    " coalesce(first_name, '') || ' ' || last_name) AS name"
	    " FROM contacts WHERE company_id = $1::bigint AND is_billing"
	    " ORDER BY active DESC, last_name COLLATE french, id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, company_id));
}

NEOERR *
db_contact_company(long long contact_id, long long *company_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT company_id FROM contacts WHERE id = $1::bigint");
	char buf[24];

	return DBQ_ID(&st, company_id, db_int(buf, contact_id));
}

NEOERR *
db_contact_fits(long long contact_id, long long company_id, bool billing,
    bool *fits)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT 1 FROM contacts WHERE id = $1::bigint"
	    " AND company_id = $2::bigint AND (NOT $3::boolean OR is_billing)");
	char a[24], b[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, contact_id), db_int(b, company_id),
	    billing ? "1" : "0");
	if (err != STATUS_OK)
		return err;
	*fits = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}
