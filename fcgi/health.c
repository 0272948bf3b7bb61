/*
 * health.c - GET /healthz: 200 when PostgreSQL answers, 503 otherwise.
 * Monitoring probes call it; it needs no session.
 */
#include "db/db.h"
#include "errors.h"
#include "handlers.h"

#include <string.h>

NEOERR *
health_check(struct req *r)
{
	static struct db_stmt st = DB_STMT("SELECT 1");
	NEOERR *err;

	err = DBQ0(&st, NULL);
	if (err != STATUS_OK) {
		/* A health probe reports, it does not log an error per call. */
		nerr_ignore(&err);
		http_refuse(r, FM_ERR_DBDOWN);
		return http_send(r, r->status, "text/plain; charset=utf-8",
		    "database unavailable\n", strlen("database unavailable\n"));
	}
	return http_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}
