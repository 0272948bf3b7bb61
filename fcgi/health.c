/*
 * health.c - GET /healthz: 200 when PostgreSQL answers and the media
 * store can be read and written, 503 otherwise (saying which).
 * Monitoring probes and fm-alerts call it; it needs no session.
 */
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "handlers.h"

#include <string.h>
#include <unistd.h>

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
	if (access(g_cfg->media_dir, R_OK | W_OK | X_OK) != 0) {
		http_refuse(r, FM_ERR_DBDOWN);
		return http_send(r, r->status, "text/plain; charset=utf-8",
		    "media store unavailable\n",
		    strlen("media store unavailable\n"));
	}
	return http_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}
