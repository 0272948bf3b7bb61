/*
 * monitoring.c - GET /metrics: Prometheus' text format (version 0.0.4)
 * for a scraper on the machine (a loopback client, unless
 * Metrics.Loopback = 0) or one that sends Metrics.Token as a bearer
 * token; anyone else gets 404.  The request counters are focusd's own
 * (metrics.c); the rest is read from the database in one query
 * (metrics_samples(), db/functions/metrics.sql) and from the media
 * store's file system.  docs/operations.md, "Metrics".
 */
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "handlers.h"
#include "metrics.h"
#include "secret.h"

#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

static bool
allowed(struct req *r)
{
	const char *token = config_str("Metrics.Token", "");
	const char *addr = http_env(r, "REMOTE_ADDR");
	const char *auth = http_env(r, "HTTP_AUTHORIZATION");

	if (*token && auth && !strncmp(auth, "Bearer ", 7) &&
	    equal_secret(auth + 7, token))
		return true;
	if (config_int("Metrics.Loopback", 1) == 0 || addr == NULL)
		return false;
	return !strncmp(addr, "127.", 4) || !strcmp(addr, "::1") ||
	    !strcmp(addr, "::ffff:127.0.0.1");
}

NEOERR *
monitoring_metrics(struct req *r)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT name, help, type, labels, value FROM metrics_samples()");
	const char *last = "";
	struct statvfs sv;
	PGresult *res = NULL;
	STRING out;
	NEOERR *err;
	int i;

	if (!allowed(r))
		return not_found(r);
	string_init(&out);
	err = metrics_write(&out);
	if (err == STATUS_OK)
		err = DBQ0(&st, &res);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);
		const char *lab = PQgetvalue(res, i, 3);

		if (strcmp(name, last))
			err = string_appendf(&out,
			    "# HELP %s %s\n# TYPE %s %s\n", name,
			    PQgetvalue(res, i, 1), name, PQgetvalue(res, i, 2));
		last = name;
		if (err == STATUS_OK)
			err = string_appendf(&out, "%s%s%s%s %s\n", name,
			    *lab ? "{" : "", lab, *lab ? "}" : "",
			    PQgetvalue(res, i, 4));
	}
	if (err == STATUS_OK && statvfs(g_cfg->media_dir, &sv) == 0)
		err = string_appendf(&out,
		    "# HELP fm_media_store_free_bytes Free space of the media "
		    "store's file system.\n"
		    "# TYPE fm_media_store_free_bytes gauge\n"
		    "fm_media_store_free_bytes %llu\n"
		    "# HELP fm_media_store_size_bytes Size of the media "
		    "store's "
		    "file system.\n"
		    "# TYPE fm_media_store_size_bytes gauge\n"
		    "fm_media_store_size_bytes %llu\n",
		    (unsigned long long)sv.f_bavail * sv.f_frsize,
		    (unsigned long long)sv.f_blocks * sv.f_frsize);
	PQclear(res);
	if (err == STATUS_OK)
		err = http_send(r, 200,
		    "text/plain; version=0.0.4; charset=utf-8",
		    out.buf ? out.buf : "", (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}
