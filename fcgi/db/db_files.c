/*
 * db_files.c - one function per query on order_files.
 */
#include "db/db_files.h"

#include <stdio.h>
#include <stdlib.h>

NEOERR *
db_files_of(long long order_id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name, bytes, fm_bytes(bytes, $2) AS size, content_type,"
	    " uploaded_by, to_char(created_at, 'DD/MM/YYYY HH24:MI') AS at"
	    " FROM order_files WHERE order_id = $1::bigint"
	    " ORDER BY created_at DESC, id DESC");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id), lang);
}

NEOERR *
db_file_insert(long long order_id, const char *name, long long bytes,
    const char *content_type, const char *sha256, const char *uploaded_by,
    long long staff_id, long long account_id, long long quota, long long *id,
    char *path, size_t len)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, path FROM order_file_add($1::bigint, $2, $3::bigint,"
	    " $4, $5, $6, $7::bigint, $8::bigint, $9::bigint)");
	char a[24], b[24], c[24], d[24], q[24];
	PGresult *res;
	NEOERR *err;

	*id = 0;
	err = DBQ(&st, &res, db_int(a, order_id), name, db_int(b, bytes),
	    content_type, sha256, uploaded_by, db_int(c, staff_id),
	    db_int(d, account_id), quota > 0 ? db_int(q, quota) : NULL);
	if (err != STATUS_OK)
		return err;
	if (PQntuples(res) == 1) {
		*id = atoll(PQgetvalue(res, 0, 0));
		snprintf(path, len, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_file_usage(long long order_id, long long quota, const char *lang,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT coalesce(u.bytes, 0) AS bytes, coalesce(u.files, 0) AS "
	    "files,"
	    " fm_bytes(coalesce(u.bytes, 0), $3) AS size,"
	    " fm_bytes(nullif($2::bigint, 0), $3) AS quota_size,"
	    " ($2::bigint > 0 AND coalesce(u.bytes, 0) >= $2::bigint)::int"
	    "   AS full"
	    " FROM (SELECT $1::bigint AS id) o"
	    " LEFT JOIN order_file_usage u ON u.order_id = o.id");
	char a[24], q[24];

	return DBQ(&st, res, db_int(a, order_id), db_int(q, quota), lang);
}

NEOERR *
db_file_get(long long id, long long scope_order, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, order_id, name, path, bytes FROM order_files"
	    " WHERE id = $1::bigint AND ($2::bigint = 0 OR order_id = "
	    "$2::bigint)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, id), db_int(b, scope_order));
}

NEOERR *
db_file_delete(long long id, long long scope_order, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM order_files"
	    " WHERE id = $1::bigint AND ($2::bigint = 0 OR order_id = "
	    "$2::bigint)"
	    " RETURNING order_id, name, path");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, id), db_int(b, scope_order));
}

NEOERR *
db_bytes_text(long long n, const char *lang, char *out, size_t len)
{
	static struct db_stmt st = DB_STMT("SELECT fm_bytes($1::bigint, $2)");
	char a[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, n), lang);
	if (err != STATUS_OK)
		return err;
	snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return STATUS_OK;
}
