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
    long long staff_id, long long account_id, long long *id, char *path,
    size_t len)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO order_files (order_id, name, bytes, content_type,"
	    " sha256, uploaded_by, staff_user_id, account_id)"
	    " VALUES ($1::bigint, $2, $3::bigint, $4, $5, $6,"
	    " nullif($7::bigint, 0), nullif($8::bigint, 0)) RETURNING id, "
	    "path");
	char a[24], b[24], c[24], d[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, order_id), name, db_int(b, bytes),
	    content_type, sha256, uploaded_by, db_int(c, staff_id),
	    db_int(d, account_id));
	if (err != STATUS_OK)
		return err;
	*id = atoll(PQgetvalue(res, 0, 0));
	snprintf(path, len, "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	return STATUS_OK;
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
