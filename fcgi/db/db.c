/*
 * db.c - one libpq connection per process, prepared statements,
 * SQLSTATE to NEOERR mapping and reconnection after a PostgreSQL restart.
 */
#include "db/db.h"
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
static unsigned generation = 1; /* bumped at each (re)connection */
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

	/*
	 * Generic plans: our statements are prepared once per connection
	 * and run thousands of times; re-planning them for each set of
	 * values (PostgreSQL's default when it finds a generic plan
	 * costlier) cost more than running them.  No JIT: a generic plan's
	 * cost is estimated for values it does not know, often above
	 * jit_above_cost, and compiling a page's statement took hundreds of
	 * milliseconds to save none (docs/benchmarks.md).
	 */
	snprintf(opts, sizeof(opts),
	    "-c TimeZone=%s -c statement_timeout=60000 "
	    "-c plan_cache_mode=force_generic_plan -c jit=off",
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
	/* insufficient_privilege: a rule of the database refused the caller
	 * (a box's reservation of another room, 0100_box_peer). */
	if (!strcmp(state, "42501"))
		return nerr_raise(FM_ERR_FORBIDDEN, "%s",
		    db_last_error.message);
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
db_exec_found(struct db_stmt *st, bool *found, int n, const char *const *params)
{
	PGresult *res;
	NEOERR *err = db_query(st, &res, n, params);

	*found = false;
	if (err != STATUS_OK)
		return err;
	*found = atoi(PQcmdTuples(res)) > 0;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_query_id(struct db_stmt *st, long long *id, int n, const char *const *params)
{
	PGresult *res;
	NEOERR *err = db_query(st, &res, n, params);

	*id = 0;
	if (err != STATUS_OK)
		return err;
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_by_id(struct db_stmt *st, long long id, const char *const *v, int nv,
    bool *found)
{
	const char *p[64];
	char buf[24];
	int i;

	if (nv + 1 > (int)FM_ARRAY_LEN(p))
		return nerr_raise(NERR_ASSERT, "too many values");
	p[0] = db_int(buf, id);
	for (i = 0; i < nv; i++)
		p[i + 1] = v[i];
	return db_exec_found(st, found, nv + 1, p);
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
db_colmap_init(struct db_colmap *m, PGresult *res, const char *cols)
{
	const char *p = cols;
	size_t used = 0;

	m->n = 0;
	while (*p) {
		size_t n = strcspn(p, " "), srclen;
		const char *gt = memchr(p, '>', n), *dst;
		char src[64];

		if (n == 0) {
			p++;
			continue;
		}
		srclen = gt ? (size_t)(gt - p) : n;
		dst = gt ? gt + 1 : p;
		if (srclen >= sizeof(src) || m->n == DB_COLMAP_MAX ||
		    used + (n - (size_t)(dst - p)) + 1 > sizeof(m->names))
			return nerr_raise(NERR_ASSERT, "column list too long");
		memcpy(src, p, srclen);
		src[srclen] = '\0';
		m->col[m->n] = PQfnumber(res, src);
		if (m->col[m->n] < 0)
			return nerr_raise(NERR_ASSERT, "no column %s", src);
		memcpy(m->names + used, dst, n - (size_t)(dst - p));
		m->names[used + n - (size_t)(dst - p)] = '\0';
		m->name[m->n++] = m->names + used;
		used += n - (size_t)(dst - p) + 1;
		p += n;
	}
	return STATUS_OK;
}

NEOERR *
db_colmap_copy(const struct db_colmap *m, HDF *node, PGresult *res, int row)
{
	NEOERR *err;
	int i;

	for (i = 0; i < m->n; i++) {
		if (PQgetisnull(res, row, m->col[i]))
			continue;
		err = hdf_set_value(node, m->name[i],
		    PQgetvalue(res, row, m->col[i]));
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

NEOERR *
db_hdf_item(HDF *parent, int index, HDF **out)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", index);
	return nerr_pass(hdf_get_node(parent, name, out));
}

/* All columns of res, in order, as a colmap. */
static NEOERR *
colmap_all(struct db_colmap *m, PGresult *res)
{
	int c, nf = PQnfields(res);
	size_t used = 0, len;

	if (nf > DB_COLMAP_MAX)
		return nerr_raise(NERR_ASSERT, "too many columns");
	m->n = 0;
	for (c = 0; c < nf; c++) {
		len = strlen(PQfname(res, c));
		if (used + len + 1 > sizeof(m->names))
			return nerr_raise(NERR_ASSERT, "column names too long");
		memcpy(m->names + used, PQfname(res, c), len + 1);
		m->col[m->n] = c;
		m->name[m->n++] = m->names + used;
		used += len + 1;
	}
	return STATUS_OK;
}

NEOERR *
db_row_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row)
{
	struct db_colmap m;
	HDF *node;
	NEOERR *err;

	err = colmap_all(&m, res);
	if (err == STATUS_OK)
		err = hdf_get_node(hdf, prefix, &node);
	if (err == STATUS_OK)
		err = db_colmap_copy(&m, node, res, row);
	return nerr_pass(err);
}

NEOERR *
db_rows_to_hdf(HDF *hdf, const char *prefix, PGresult *res)
{
	struct db_colmap m;
	HDF *list, *item;
	NEOERR *err;
	int r, nr = PQntuples(res);

	if (nr == 0)
		return STATUS_OK;
	err = colmap_all(&m, res);
	if (err == STATUS_OK)
		err = hdf_get_node(hdf, prefix, &list);
	for (r = 0; err == STATUS_OK && r < nr; r++) {
		err = db_hdf_item(list, r, &item);
		if (err == STATUS_OK)
			err = db_colmap_copy(&m, item, res, r);
	}
	return nerr_pass(err);
}

NEOERR *
db_cols_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row,
    const char *cols)
{
	struct db_colmap m;
	HDF *node;
	NEOERR *err;

	err = db_colmap_init(&m, res, cols);
	if (err == STATUS_OK)
		err = hdf_get_node(hdf, prefix, &node);
	if (err == STATUS_OK)
		err = db_colmap_copy(&m, node, res, row);
	return nerr_pass(err);
}

NEOERR *
db_change_counter(const char *topic, long long *n)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT n FROM change_counters WHERE topic = $1");
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, topic);
	if (err != STATUS_OK)
		return err;
	*n = PQntuples(res) == 1 ? atoll(PQgetvalue(res, 0, 0)) : -1;
	PQclear(res);
	return STATUS_OK;
}

const char *
db_int(char buf[24], long long v)
{
	snprintf(buf, 24, "%lld", v);
	return buf;
}
