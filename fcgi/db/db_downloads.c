/*
 * db_downloads.c - one function per query on the download log.
 */
#include "db/db_downloads.h"

NEOERR *
db_download_begin(long long media_id, long long scope_order, const char *mode,
    long long session_id, long long account_id, long long staff_id,
    const char *login, const char *ip, const char *agent, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT download_id, path, kind, bytes, file_name FROM "
	    "download_begin("
	    " $1::bigint, $2::bigint, $3, $4::bigint, $5::bigint, $6::bigint,"
	    " $7, $8::inet, $9)");
	char a[24], b[24], c[24], d[24], e[24];

	return DBQ(&st, res, db_int(a, media_id), db_int(b, scope_order), mode,
	    db_int(c, session_id), db_int(d, account_id), db_int(e, staff_id),
	    login, ip, agent ? agent : "");
}
