/*
 * fm-migrate - brings the database to the schema of this version.
 *
 *   fm-migrate [-c CONFIG | -d CONNINFO] [--dir DIR] [--functions DIR]
 *              [--status]
 *
 * First the versioned migrations, db/migrations/NNNN_name.sql, in order:
 * each file runs once, in its own transaction, and is recorded in
 * schema_migrations with the SHA-256 of its text.  An applied file whose
 * text changed is refused (fix forward with a new migration), unless
 * DIR/rewritten.txt lists the database's checksum as an older text of
 * that file (files rewritten before the first release: that text counts
 * as applied, and the record takes the new checksum) or as a file that
 * was split (the record is replaced by the files it became).
 *
 * Then the repeatable files, db/functions/name.sql (CREATE OR REPLACE
 * FUNCTION only): a file whose SHA-256 is not the one recorded in
 * schema_functions is applied again.  All the changed files run in one
 * transaction, twice: first without checking function bodies (so that a
 * file may use functions of a file after it), then with (PostgreSQL
 * checks each SQL function's body against the finished set).
 *
 * An advisory lock keeps two runs from interleaving.  --status changes
 * nothing: it lists what is applied and what is pending.
 */
#include "fm.h"
#include "conf.h"
#include "digest.h"
#include "errors.h"
#include "tool.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FM_MIGRATIONS_DIR
#define FM_MIGRATIONS_DIR "/usr/share/focusmanager/migrations"
#endif
#ifndef FM_FUNCTIONS_DIR
#define FM_FUNCTIONS_DIR "/usr/share/focusmanager/functions"
#endif
#define LOCK_KEY     "7271710001"
#define REWRITTEN    "rewritten.txt"
#define MIGRATION_RE "^[0-9]{4}_[a-z0-9_]+\\.sql$"
#define FUNCTIONS_RE "^[a-z0-9_]+\\.sql$"

/* One .sql file of a folder, read whole. */
struct sqlfile {
	char *name;
	char *sql;
	char sum[DIGEST_HEX_LEN + 1];
};

struct sqldir {
	const char *path;
	struct sqlfile *files;
	int n;
};

static PGconn *conn;

static int
fail(const char *what, PGresult *res)
{
	fprintf(stderr, "fm-migrate: %s: %s", what,
	    res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	if (res)
		PQclear(res);
	return 1;
}

static int
exec_ok(const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType s = PQresultStatus(res);

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		return fail(sql, res);
	PQclear(res);
	return 0;
}

/* Commits the transaction when rc is 0, else rolls it back; rc. */
static int
finish(int rc)
{
	if (rc == 0)
		return exec_ok("COMMIT");
	PQclear(PQexec(conn, "ROLLBACK"));
	return rc;
}

/* A statement with text parameters; NULL (after the message) on error. */
static PGresult *
query(const char *what, const char *sql, int n, const char *const *params)
{
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType s = PQresultStatus(res);

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		fail(what, res);
		return NULL;
	}
	return res;
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)len + 1);
	if (buf != NULL && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	if (buf != NULL)
		buf[len] = '\0';
	fclose(f);
	return buf;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static regex_t *filter_re;

static int
matches(const struct dirent *d)
{
	return regexec(filter_re, d->d_name, 0, NULL, 0) == 0;
}

/* Reads every file of d->path whose name matches re, in name order. */
static int
load_dir(struct sqldir *d, regex_t *re)
{
	struct dirent **ents;
	char path[4096];
	int i, n;

	filter_re = re;
	n = scandir(d->path, &ents, matches, by_name);
	if (n < 0) {
		fprintf(stderr, "fm-migrate: cannot read %s: %s\n", d->path,
		    strerror(errno));
		return 1;
	}
	d->files = calloc((size_t)n + 1, sizeof(*d->files));
	if (d->files == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		struct sqlfile *f = &d->files[d->n];

		snprintf(path, sizeof(path), "%s/%s", d->path, ents[i]->d_name);
		f->name = strdup(ents[i]->d_name);
		f->sql = read_file(path);
		free(ents[i]);
		if (f->sql == NULL) {
			fprintf(stderr, "fm-migrate: cannot read %s: %s\n",
			    path, strerror(errno));
			free(f->name);
			continue;
		}
		sha256_hex(f->sql, strlen(f->sql), f->sum);
		d->n++;
	}
	free(ents);
	return d->n == n ? 0 : 1;
}

static void
free_dir(struct sqldir *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->files[i].name);
		free(d->files[i].sql);
	}
	free(d->files);
}

static struct sqlfile *
find(struct sqldir *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->files[i].name, name))
			return &d->files[i];
	return NULL;
}

static bool
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i]))
			return false;
	return i == DIGEST_HEX_LEN;
}

/*
 * One line of rewritten.txt: "NAME OLDSUM" (NAME was rewritten; its old
 * text counts as applied) or "NAME OLDSUM NEW..." (NAME was split into
 * the NEW files).  Within the caller's transaction.
 */
static int
reconcile_line(struct sqldir *mig, regex_t *re, char *line, int lineno)
{
	char *words[64], *save = NULL, *w;
	const char *p[4];
	char version[8];
	PGresult *res;
	int n = 0, i;

	for (w = strtok_r(line, " \t", &save); w && n < 64;
	     w = strtok_r(NULL, " \t", &save))
		words[n++] = w;
	if (n == 0 || words[0][0] == '#')
		return 0;
	if (n < 2 || regexec(re, words[0], 0, NULL, 0) || !is_hex64(words[1]))
		goto bad;
	for (i = 2; i < n; i++)
		if (find(mig, words[i]) == NULL)
			goto bad;
	if (n == 2) {
		struct sqlfile *f = find(mig, words[0]);

		if (f == NULL)
			goto bad;
		p[0] = words[0];
		p[1] = words[1];
		p[2] = f->sum;
		res = query("schema_migrations",
		    "UPDATE schema_migrations SET checksum = $3"
		    " WHERE name = $1 AND checksum = $2",
		    3, p);
		if (res == NULL)
			return 1;
		if (!strcmp(PQcmdTuples(res), "1"))
			printf("rewritten %s: its earlier text counts as "
			       "applied\n",
			    words[0]);
		PQclear(res);
		return 0;
	}
	p[0] = words[0];
	p[1] = words[1];
	res = query("schema_migrations",
	    "DELETE FROM schema_migrations WHERE name = $1 AND checksum = $2"
	    " RETURNING applied_at::text",
	    2, p);
	if (res == NULL)
		return 1;
	if (PQntuples(res) == 1) {
		char *at = strdup(PQgetvalue(res, 0, 0));

		PQclear(res);
		for (i = 2; i < n; i++) {
			snprintf(version, sizeof(version), "%.4s", words[i]);
			p[0] = version;
			p[1] = words[i];
			p[2] = find(mig, words[i])->sum;
			p[3] = at;
			res = query("recording a split migration",
			    "INSERT INTO schema_migrations"
			    " (version, name, checksum, applied_at)"
			    " VALUES ($1::int, $2, $3, $4::timestamptz)",
			    4, p);
			if (res == NULL) {
				free(at);
				return 1;
			}
			PQclear(res);
			printf("split    %s: %s counts as applied\n", words[0],
			    words[i]);
		}
		free(at);
	} else
		PQclear(res);
	return 0;
bad:
	fprintf(stderr,
	    "fm-migrate: %s/" REWRITTEN ":%d: expected NNNN_name.sql, the "
	    "SHA-256 of its earlier text, and the files it was split into "
	    "(which must exist)\n",
	    mig->path, lineno);
	return 1;
}

/* Brings the records of rewritten and split files up to date. */
static int
reconcile(struct sqldir *mig)
{
	char path[4096], *text, *line, *end;
	regex_t re;
	int rc = 0, lineno = 0;

	snprintf(path, sizeof(path), "%s/" REWRITTEN, mig->path);
	text = read_file(path);
	if (text == NULL)
		return errno == ENOENT ? 0 : 1;
	if (regcomp(&re, MIGRATION_RE, REG_EXTENDED | REG_NOSUB) != 0) {
		free(text);
		return 1;
	}
	for (line = text; rc == 0 && *line; line = end) {
		end = line + strcspn(line, "\n");
		if (*end)
			*end++ = '\0';
		rc = reconcile_line(mig, &re, line, ++lineno);
	}
	regfree(&re);
	free(text);
	return rc;
}

/* Applies or checks one migration; *applied is counted when it ran now. */
static int
migrate_one(struct sqlfile *f, bool status_only, int *applied)
{
	const char *params[3];
	char version[8];
	PGresult *res;
	int rc = 0;

	snprintf(version, sizeof(version), "%.4s", f->name);
	params[0] = version;
	res = query("schema_migrations",
	    "SELECT name, checksum FROM schema_migrations "
	    "WHERE version = $1::int",
	    1, params);
	if (res == NULL)
		return 1;
	if (PQntuples(res) == 1) {
		if (strcmp(PQgetvalue(res, 0, 1), f->sum) != 0) {
			fprintf(stderr,
			    "fm-migrate: %s was changed after it was "
			    "applied (checksum %.12s... in the database, "
			    "%.12s... on disk).\nApplied migrations must not "
			    "be edited: undo the edit and write a new "
			    "migration.\n",
			    f->name, PQgetvalue(res, 0, 1), f->sum);
			rc = 1;
		} else if (strcmp(PQgetvalue(res, 0, 0), f->name) != 0) {
			fprintf(stderr,
			    "fm-migrate: version %s is recorded as "
			    "%s, not %s\n",
			    version, PQgetvalue(res, 0, 0), f->name);
			rc = 1;
		} else if (status_only)
			printf("applied  %s\n", f->name);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	if (status_only) {
		printf("pending  %s\n", f->name);
		return 0;
	}
	rc = exec_ok("BEGIN");
	if (rc == 0) {
		res = PQexec(conn, f->sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
		    PQresultStatus(res) != PGRES_TUPLES_OK) {
			char what[300];

			snprintf(what, sizeof(what),
			    "%s failed, nothing of it was applied", f->name);
			rc = fail(what, res);
		} else
			PQclear(res);
	}
	if (rc == 0) {
		params[0] = version;
		params[1] = f->name;
		params[2] = f->sum;
		res = query("recording the migration",
		    "INSERT INTO schema_migrations "
		    "(version, name, checksum) VALUES ($1::int, $2, $3)",
		    3, params);
		rc = res == NULL;
		PQclear(res);
	}
	rc = finish(rc);
	if (rc == 0) {
		printf("applied  %s\n", f->name);
		(*applied)++;
	}
	return rc;
}

/* Runs the changed files of fn (changed[i]) once, in the transaction. */
static int
functions_pass(struct sqldir *fn, const bool *changed)
{
	for (int i = 0; i < fn->n; i++) {
		PGresult *res;

		if (!changed[i])
			continue;
		res = PQexec(conn, fn->files[i].sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
		    PQresultStatus(res) != PGRES_TUPLES_OK) {
			char what[300];

			snprintf(what, sizeof(what),
			    "functions/%s failed, no function file was "
			    "applied",
			    fn->files[i].name);
			return fail(what, res);
		}
		PQclear(res);
	}
	return 0;
}

/* Applies (or lists) the repeatable files whose checksum changed. */
static int
functions(struct sqldir *fn, bool status_only)
{
	bool *changed = calloc((size_t)fn->n + 1, sizeof(*changed));
	const char *p[2];
	PGresult *res;
	int i, rc = 0, n = 0;

	if (changed == NULL)
		return 1;
	for (i = 0; rc == 0 && i < fn->n; i++) {
		p[0] = fn->files[i].name;
		res = query("schema_functions",
		    "SELECT checksum FROM schema_functions WHERE name = $1", 1,
		    p);
		if (res == NULL) {
			rc = 1;
			break;
		}
		changed[i] = PQntuples(res) == 0 ||
		    strcmp(PQgetvalue(res, 0, 0), fn->files[i].sum) != 0;
		PQclear(res);
		n += changed[i];
		if (status_only)
			printf("%s  functions/%s\n",
			    changed[i] ? "pending" : "applied",
			    fn->files[i].name);
	}
	if (rc != 0 || status_only || n == 0) {
		free(changed);
		return rc;
	}
	rc = exec_ok("BEGIN");
	if (rc == 0)
		rc = exec_ok("SET LOCAL check_function_bodies = off");
	if (rc == 0)
		rc = functions_pass(fn, changed);
	if (rc == 0)
		rc = exec_ok("SET LOCAL check_function_bodies = on");
	if (rc == 0)
		rc = functions_pass(fn, changed);
	for (i = 0; rc == 0 && i < fn->n; i++) {
		if (!changed[i])
			continue;
		p[0] = fn->files[i].name;
		p[1] = fn->files[i].sum;
		res = query("recording the functions",
		    "INSERT INTO schema_functions (name, checksum)"
		    " VALUES ($1, $2) ON CONFLICT (name) DO UPDATE"
		    " SET checksum = EXCLUDED.checksum, applied_at = now()",
		    2, p);
		rc = res == NULL;
		PQclear(res);
	}
	rc = finish(rc);
	for (i = 0; rc == 0 && i < fn->n; i++)
		if (changed[i])
			printf("applied  functions/%s\n", fn->files[i].name);
	free(changed);
	return rc;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-migrate [-c CONFIG | -d CONNINFO] [--dir DIR] "
	    "[--functions DIR] [--status]\n"
	    "  -c, --config FILE  read Database.ConnInfo from FILE (default "
	    "%s)\n"
	    "  -d, --db CONNINFO  libpq connection string (overrides -c)\n"
	    "  --dir DIR          migrations folder (default %s)\n"
	    "  --functions DIR    repeatable functions folder (default: "
	    "DIR/../functions\n"
	    "                     with --dir, else %s)\n"
	    "  --status           list applied and pending files, change "
	    "nothing\n",
	    TOOL_DEFAULT_CONFIG, FM_MIGRATIONS_DIR, FM_FUNCTIONS_DIR);
}

/* The run itself, once connected and the folders read. */
static int
run(struct sqldir *mig, struct sqldir *fn, bool status)
{
	int i, rc, applied = 0;
	PGresult *res;

	rc = exec_ok("SET client_min_messages = warning");
	if (rc == 0)
		rc = exec_ok("SELECT pg_advisory_lock(" LOCK_KEY ")");
	if (rc == 0)
		rc = exec_ok("CREATE TABLE IF NOT EXISTS schema_migrations ("
		             " version int PRIMARY KEY, name text NOT NULL,"
		             " checksum text NOT NULL,"
		             " applied_at timestamptz NOT NULL DEFAULT now())");
	if (rc == 0)
		rc = exec_ok("CREATE TABLE IF NOT EXISTS schema_functions ("
		             " name text PRIMARY KEY, checksum text NOT NULL,"
		             " applied_at timestamptz NOT NULL DEFAULT now())");
	/* --status sees the records as a run would make them, then rolls
	 * back; a run keeps them before it applies anything. */
	if (rc == 0)
		rc = exec_ok("BEGIN");
	if (rc == 0)
		rc = reconcile(mig);
	if (rc == 0 && !status)
		rc = exec_ok("COMMIT");
	for (i = 0; rc == 0 && i < mig->n; i++)
		rc = migrate_one(&mig->files[i], status, &applied);
	if (rc == 0)
		rc = functions(fn, status);
	if (PQtransactionStatus(conn) != PQTRANS_IDLE)
		PQclear(PQexec(conn, "ROLLBACK"));
	if (rc == 0) {
		res = PQexec(conn,
		    "SELECT max(version) FROM schema_migrations");
		if (PQresultStatus(res) == PGRES_TUPLES_OK && mig->n > 0 &&
		    !PQgetisnull(res, 0, 0) &&
		    atoi(PQgetvalue(res, 0, 0)) >
		        atoi(mig->files[mig->n - 1].name))
			fprintf(stderr,
			    "fm-migrate: warning: the database has "
			    "migrations newer than %s (a newer FocusManager "
			    "ran on it)\n",
			    mig->files[mig->n - 1].name);
		PQclear(res);
	}
	if (rc == 0 && !status)
		printf("%d migration%s applied, database up to date\n", applied,
		    applied == 1 ? "" : "s");
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "dir", required_argument, NULL, 'D' },
		{ "functions", required_argument, NULL, 'F' },
		{ "status", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conninfo = NULL;
	struct sqldir mig = { FM_MIGRATIONS_DIR, NULL, 0 };
	struct sqldir fn = { NULL, NULL, 0 };
	char fndir[4096];
	bool status = false, dir_given = false;
	regex_t mig_re, fn_re;
	int ch, i, rc = 0;

	tool_init("fm-migrate", usage);
	while ((ch = getopt_long(argc, argv, "c:d:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			tool_set_config(optarg);
			break;
		case 'd':
			conninfo = optarg;
			break;
		case 'D':
			mig.path = optarg;
			dir_given = true;
			break;
		case 'F':
			fn.path = optarg;
			break;
		case 's':
			status = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return tool_usage_error();
		}
	}
	if (optind != argc)
		return tool_usage_error();
	if (fn.path == NULL && dir_given) {
		snprintf(fndir, sizeof(fndir), "%s/../functions", mig.path);
		fn.path = fndir;
	} else if (fn.path == NULL)
		fn.path = FM_FUNCTIONS_DIR;
	if (conninfo == NULL) {
		if (tool_config() != 0) {
			fprintf(stderr,
			    "(give -d CONNINFO to connect without "
			    "a configuration file)\n");
			return 1;
		}
		conninfo = g_cfg->conninfo;
	}
	if (regcomp(&mig_re, MIGRATION_RE, REG_EXTENDED | REG_NOSUB) != 0 ||
	    regcomp(&fn_re, FUNCTIONS_RE, REG_EXTENDED | REG_NOSUB) != 0)
		return 1;
	rc = load_dir(&mig, &mig_re);
	if (rc == 0)
		rc = load_dir(&fn, &fn_re);
	for (i = 1; rc == 0 && i < mig.n; i++)
		if (!strncmp(mig.files[i].name, mig.files[i - 1].name, 4)) {
			fprintf(stderr,
			    "fm-migrate: two migrations numbered %.4s\n",
			    mig.files[i].name);
			rc = 1;
		}
	if (rc == 0) {
		conn = PQconnectdb(conninfo);
		if (PQstatus(conn) != CONNECTION_OK) {
			fprintf(stderr, "fm-migrate: cannot connect: %s",
			    PQerrorMessage(conn));
			rc = 1;
		} else
			rc = run(&mig, &fn, status);
		PQfinish(conn);
	}
	free_dir(&mig);
	free_dir(&fn);
	regfree(&mig_re);
	regfree(&fn_re);
	tool_end();
	return rc;
}
