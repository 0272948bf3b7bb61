/*
 * db_accounts.c - one function per query on order accounts.
 */
#include "db/db_accounts.h"

#include <stdio.h>
#include <stdlib.h>

NEOERR *
db_order_heading(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, o.study_ref, o.company_id, c.name AS company,"
	    " o.language,"
	    " btrim(coalesce(k.title, '') || ' ' || coalesce(k.first_name, '')"
	    "  || ' ' || coalesce(k.last_name, '')) AS contact_name,"
	    " k.email AS contact_email,"
	    " (SELECT fm_date(min(starts_at)::date) FROM reservations"
	    "   WHERE order_id = o.id) AS first_day,"
	    " (SELECT fm_date(max(ends_at)::date) FROM reservations"
	    "   WHERE order_id = o.id) AS last_day,"
	    " (SELECT name FROM seller) AS seller,"
	    " to_char(now(), 'HH24:MI:SS') AS now"
	    " FROM orders o JOIN companies c ON c.id = o.company_id"
	    " LEFT JOIN contacts k ON k.id = o.contact_id"
	    " WHERE o.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_accounts_of(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT a.id, a.kind, a.login,"
	    " (a.password_hash IS NOT NULL)::int AS has_password,"
	    " (a.valid_from <= now() AND a.valid_until > now())::int AS valid,"
	    " a.valid_from::date AS valid_from,"
	    " (a.valid_until - interval '1 day')::date AS valid_to,"
	    " fm_date(a.valid_from::date) AS valid_from_label,"
	    " fm_date((a.valid_until - interval '1 day')::date) AS "
	    "valid_to_label,"
	    " to_char(a.password_changed_at, 'DD/MM/YYYY HH24:MI') AS changed,"
	    " (SELECT count(*) FROM sessions s WHERE s.order_account_id = a.id"
	    "   AND s.expires_at > now()) AS sessions"
	    " FROM order_accounts a WHERE a.order_id = $1::bigint"
	    " ORDER BY array_position(ARRAY['user', 'client', 'live'], "
	    "a.kind)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_account_set_password(long long id, long long order_id, const char *hash,
    char *login, size_t len)
{
	/* clock_timestamp(): two changes in one transaction still differ,
	 * and each ends the sessions (order_accounts_password trigger). */
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET password_hash = $3,"
	    " password_changed_at = clock_timestamp()"
	    " WHERE id = $1::bigint AND order_id = $2::bigint RETURNING login");
	char a[24], b[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, id), db_int(b, order_id), hash);
	if (err != STATUS_OK)
		return err;
	snprintf(login, len, "%s",
	    PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : "");
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_account_disable(long long id, long long order_id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET password_hash = NULL,"
	    " password_changed_at = clock_timestamp()"
	    " WHERE id = $1::bigint AND order_id = $2::bigint");
	char a[24], b[24];

	return DBQ_FOUND(&st, found, db_int(a, id), db_int(b, order_id));
}

NEOERR *
db_account_set_validity(long long order_id, const char *kind, const char *from,
    const char *to)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET valid_from = $3::date::timestamptz,"
	    " valid_until = ($4::date + 1)::timestamptz"
	    " WHERE order_id = $1::bigint AND kind = $2");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, order_id), kind, from, to);
}
