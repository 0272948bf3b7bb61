/*
 * db.c - one libpq connection per process, prepared statements,
 * SQLSTATE to NEOERR mapping and reconnection after a PostgreSQL restart.
 */
#include "db.h"
#include "errors.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_error db_last_error;

static PGconn *conn;
static char *conninfo_saved;
static char *appname_saved;
static char *options_saved;
static unsigned generation = 1;  /* bumped at each (re)connection */
static unsigned next_stmt_id = 1;
static bool in_tx;

static void
connect_now(void)
{
	const char *keys[] = { "dbname", "application_name", "connect_timeout",
	    "options", NULL };
	const char *vals[] = { conninfo_saved, appname_saved, "5",
	    options_saved, NULL };

	if (conn != NULL)
		PQfinish(conn);
	conn = PQconnectdbParams(keys, vals, 1);
	generation++;
	in_tx = false;
	if (PQstatus(conn) != CONNECTION_OK) {
		log_warn("database connection failed: %s",
		    PQerrorMessage(conn));
		return;
	}
}

void
db_open(const char *conninfo, const char *application_name,
    const char *timezone)
{
	char opts[200];

	snprintf(opts, sizeof(opts), "-c TimeZone=%s -c statement_timeout=60000",
	    timezone);
	free(conninfo_saved);
	free(appname_saved);
	free(options_saved);
	conninfo_saved = strdup(conninfo);
	appname_saved = strdup(application_name);
	options_saved = strdup(opts);
	connect_now();
}

void
db_close(void)
{
	if (conn != NULL)
		PQfinish(conn);
	conn = NULL;
	free(conninfo_saved);
	free(appname_saved);
	free(options_saved);
	conninfo_saved = appname_saved = options_saved = NULL;
}

PGconn *
db_conn(void)
{
	return conn;
}

static NEOERR *
ensure_connected(void)
{
	if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
		return STATUS_OK;
	if (conninfo_saved == NULL)
		return nerr_raise(FM_ERR_DBDOWN, "database not configured");
	connect_now();
	if (PQstatus(conn) != CONNECTION_OK)
		return nerr_raise(FM_ERR_DBDOWN, "database unreachable");
	return STATUS_OK;
}

NEOERR *
db_ready(void)
{
	NEOERR *err;

	err = ensure_connected();
	if (err != STATUS_OK)
		return err;
	switch (PQtransactionStatus(conn)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		log_warn("rolling back a transaction left open");
		PQclear(PQexec(conn, "ROLLBACK"));
		break;
	default:
		break;
	}
	in_tx = false;
	return STATUS_OK;
}

static void
copy_field(char *dst, size_t len, const PGresult *res, int code)
{
	const char *v = res ? PQresultErrorField(res, code) : NULL;

	snprintf(dst, len, "%s", v ? v : "");
}

/* Turns a failed result into the project's error type. */
static NEOERR *
map_error(PGresult *res, const char *what)
{
	const char *state;

	copy_field(db_last_error.sqlstate, sizeof(db_last_error.sqlstate), res,
	    PG_DIAG_SQLSTATE);
	copy_field(db_last_error.constraint, sizeof(db_last_error.constraint),
	    res, PG_DIAG_CONSTRAINT_NAME);
	copy_field(db_last_error.message, sizeof(db_last_error.message), res,
	    PG_DIAG_MESSAGE_PRIMARY);
	copy_field(db_last_error.detail, sizeof(db_last_error.detail), res,
	    PG_DIAG_MESSAGE_DETAIL);
	if (res == NULL || PQstatus(conn) != CONNECTION_OK) {
		snprintf(db_last_error.message, sizeof(db_last_error.message),
		    "%s", PQerrorMessage(conn));
		return nerr_raise(FM_ERR_DBDOWN, "%s: connection lost: %s",
		    what, PQerrorMessage(conn));
	}
	state = db_last_error.sqlstate;
	if (!strcmp(state, "23505") || !strcmp(state, "23P01"))
		return nerr_raise(FM_ERR_CONFLICT, "%s", db_last_error.message);
	if (!strncmp(state, "23", 2) || !strncmp(state, "22", 2) ||
	    !strcmp(state, "P0001"))
		return nerr_raise(FM_ERR_INVALID, "%s", db_last_error.message);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
	    !strcmp(state, "55P03"))
		return nerr_raise(FM_ERR_BUSY, "%s", db_last_error.message);
	if (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
	    !strcmp(state, "57P02") || !strcmp(state, "57P03"))
		return nerr_raise(FM_ERR_DBDOWN, "%s", db_last_error.message);
	return nerr_raise(NERR_DB, "%s failed [%s]: %s", what, state,
	    db_last_error.message);
}

static bool
result_ok(PGresult *res)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static NEOERR *
prepare(struct db_stmt *st)
{
	char name[16];
	PGresult *res;
	NEOERR *err = STATUS_OK;

	if (st->id == 0)
		st->id = next_stmt_id++;
	if (st->gen == generation)
		return STATUS_OK;
	snprintf(name, sizeof(name), "s%u", st->id);
	res = PQprepare(conn, name, st->sql, 0, NULL);
	if (!result_ok(res))
		err = map_error(res, "prepare");
	else
		st->gen = generation;
	PQclear(res);
	if (err != STATUS_OK)
		log_error("cannot prepare: %s", st->sql);
	return err;
}

static NEOERR *
run_once(struct db_stmt *st, PGresult **out, int n, const char *const *params)
{
	char name[16];
	PGresult *res;
	NEOERR *err;

	err = prepare(st);
	if (err != STATUS_OK)
		return err;
	snprintf(name, sizeof(name), "s%u", st->id);
	res = PQexecPrepared(conn, name, n, params, NULL, NULL, 0);
	if (!result_ok(res)) {
		err = map_error(res, "query");
		PQclear(res);
		return err;
	}
	if (out != NULL)
		*out = res;
	else
		PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_query(struct db_stmt *st, PGresult **res, int n, const char *const *params)
{
	NEOERR *err;

	if (res != NULL)
		*res = NULL;
	err = ensure_connected();
	if (err != STATUS_OK)
		return err;
	err = run_once(st, res, n, params);
	if (err != STATUS_OK && !in_tx && PQstatus(conn) != CONNECTION_OK) {
		/* The server went away between two requests: try again once. */
		nerr_ignore(&err);
		err = ensure_connected();
		if (err == STATUS_OK)
			err = run_once(st, res, n, params);
	}
	return err;
}

NEOERR *
db_exec_script(const char *sql)
{
	PGresult *res;
	NEOERR *err = STATUS_OK;

	err = ensure_connected();
	if (err != STATUS_OK)
		return err;
	res = PQexec(conn, sql);
	if (!result_ok(res))
		err = map_error(res, "statement");
	PQclear(res);
	return err;
}

NEOERR *
db_begin(void)
{
	NEOERR *err = db_exec_script("BEGIN");

	if (err == STATUS_OK)
		in_tx = true;
	return err;
}

NEOERR *
db_commit(void)
{
	NEOERR *err = db_exec_script("COMMIT");

	in_tx = false;
	return err;
}

void
db_rollback(void)
{
	if (conn != NULL && PQstatus(conn) == CONNECTION_OK &&
	    PQtransactionStatus(conn) != PQTRANS_IDLE)
		PQclear(PQexec(conn, "ROLLBACK"));
	in_tx = false;
}

bool
db_in_transaction(void)
{
	return in_tx;
}

const char *
db_get(PGresult *res, int row, const char *col)
{
	int c = PQfnumber(res, col);

	if (c < 0 || row >= PQntuples(res) || PQgetisnull(res, row, c))
		return NULL;
	return PQgetvalue(res, row, c);
}

NEOERR *
db_row_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row)
{
	char key[256];
	int c, nf = PQnfields(res);
	NEOERR *err;

	for (c = 0; c < nf; c++) {
		if (PQgetisnull(res, row, c))
			continue;
		snprintf(key, sizeof(key), "%s.%s", prefix, PQfname(res, c));
		err = hdf_set_value(hdf, key, PQgetvalue(res, row, c));
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

NEOERR *
db_rows_to_hdf(HDF *hdf, const char *prefix, PGresult *res)
{
	char key[200];
	int r, nr = PQntuples(res);
	NEOERR *err;

	for (r = 0; r < nr; r++) {
		snprintf(key, sizeof(key), "%s.%d", prefix, r);
		err = db_row_to_hdf(hdf, key, res, r);
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

NEOERR *
db_cols_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row,
    const char *cols)
{
	char src[64], dst[64], key[256];
	const char *p = cols;
	NEOERR *err;

	while (*p) {
		size_t n = strcspn(p, " ");
		const char *gt = memchr(p, '>', n);
		int c;

		if (n == 0) {
			p++;
			continue;
		}
		if (gt != NULL) {
			snprintf(src, sizeof(src), "%.*s", (int)(gt - p), p);
			snprintf(dst, sizeof(dst), "%.*s", (int)(n - (size_t)(gt - p) - 1),
			    gt + 1);
		} else {
			snprintf(src, sizeof(src), "%.*s", (int)n, p);
			snprintf(dst, sizeof(dst), "%s", src);
		}
		p += n;
		c = PQfnumber(res, src);
		if (c < 0)
			return nerr_raise(NERR_ASSERT, "no column %s", src);
		if (PQgetisnull(res, row, c))
			continue;
		snprintf(key, sizeof(key), "%s.%s", prefix, dst);
		err = hdf_set_value(hdf, key, PQgetvalue(res, row, c));
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

const char *
db_int(char buf[24], long long v)
{
	snprintf(buf, 24, "%lld", v);
	return buf;
}
