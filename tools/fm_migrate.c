/*
 * fm-migrate - applies db/migrations/NNNN_name.sql in order.
 *
 *   fm-migrate [-c CONFIG | -d CONNINFO] [--dir DIR] [--status]
 *
 * Each file runs in its own transaction and is recorded in
 * schema_migrations with the SHA-256 of its text (computed by
 * PostgreSQL).  Applied files are skipped; an applied file whose text
 * changed is refused: fix forward with a new migration.  An advisory
 * lock keeps two runs from interleaving.
 */
#include "fm.h"
#include "conf.h"
#include "errors.h"

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
#define DEFAULT_CONFIG "/etc/focusmanager/focusd.conf"
#define LOCK_KEY       "7271710001"

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

static regex_t name_re;

static int
is_migration(const struct dirent *d)
{
	return regexec(&name_re, d->d_name, 0, NULL, 0) == 0;
}

/* Applies or checks one file; *applied is set when it ran now. */
static int
one(const char *dir, const char *name, bool status_only, int *applied)
{
	const char *params[3];
	char path[4096], version[8];
	PGresult *res;
	char *sql, *sum;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	sql = read_file(path);
	if (sql == NULL) {
		fprintf(stderr, "fm-migrate: cannot read %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	params[0] = sql;
	res = PQexecParams(conn,
	    "SELECT encode(sha256(convert_to($1, "
	    "'UTF8')), 'hex')",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		free(sql);
		return fail("checksum", res);
	}
	sum = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(version, sizeof(version), "%.4s", name);
	params[0] = version;
	res = PQexecParams(conn,
	    "SELECT name, checksum FROM schema_migrations "
	    "WHERE version = $1::int",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		free(sql);
		free(sum);
		return fail("schema_migrations", res);
	}
	if (PQntuples(res) == 1) {
		if (strcmp(PQgetvalue(res, 0, 1), sum) != 0) {
			fprintf(stderr,
			    "fm-migrate: %s was changed after it was "
			    "applied (checksum %.12s... in the database, "
			    "%.12s... "
			    "on disk).\nApplied migrations must not be edited: "
			    "undo the edit and write a new migration.\n",
			    name, PQgetvalue(res, 0, 1), sum);
			rc = 1;
		} else if (strcmp(PQgetvalue(res, 0, 0), name) != 0) {
			fprintf(stderr,
			    "fm-migrate: version %s is recorded as "
			    "%s, not %s\n",
			    version, PQgetvalue(res, 0, 0), name);
			rc = 1;
		} else if (status_only)
			printf("applied  %s\n", name);
		PQclear(res);
		free(sql);
		free(sum);
		return rc;
	}
	PQclear(res);
	if (status_only) {
		printf("pending  %s\n", name);
		free(sql);
		free(sum);
		return 0;
	}
	rc = exec_ok("BEGIN");
	if (rc == 0) {
		res = PQexec(conn, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
		    PQresultStatus(res) != PGRES_TUPLES_OK) {
			char what[300];

			snprintf(what, sizeof(what),
			    "%s failed, nothing of it "
			    "was applied",
			    name);
			rc = fail(what, res);
		} else
			PQclear(res);
	}
	if (rc == 0) {
		params[0] = version;
		params[1] = name;
		params[2] = sum;
		res = PQexecParams(conn,
		    "INSERT INTO schema_migrations "
		    "(version, name, checksum) VALUES ($1::int, $2, $3)",
		    3, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = fail("recording the migration", res);
		else
			PQclear(res);
	}
	if (rc == 0)
		rc = exec_ok("COMMIT");
	else
		PQclear(PQexec(conn, "ROLLBACK"));
	if (rc == 0) {
		printf("applied  %s\n", name);
		(*applied)++;
	}
	free(sql);
	free(sum);
	return rc;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-migrate [-c CONFIG | -d CONNINFO] [--dir DIR] "
	    "[--status]\n"
	    "  -c, --config FILE  read Database.ConnInfo from FILE (default "
	    "%s)\n"
	    "  -d, --db CONNINFO  libpq connection string (overrides -c)\n"
	    "  --dir DIR          migrations folder (default %s)\n"
	    "  --status           list applied and pending files, change "
	    "nothing\n",
	    DEFAULT_CONFIG, FM_MIGRATIONS_DIR);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "dir", required_argument, NULL, 'D' },
		{ "status", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *conninfo = NULL;
	const char *dir = FM_MIGRATIONS_DIR;
	struct fm_config *cfg = NULL;
	struct dirent **files;
	bool status = false;
	int ch, n, i, rc = 0, applied = 0;
	PGresult *res;

	while ((ch = getopt_long(argc, argv, "c:d:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'd':
			conninfo = optarg;
			break;
		case 'D':
			dir = optarg;
			break;
		case 's':
			status = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (conninfo == NULL) {
		NEOERR *err = fm_errors_init();

		if (err == STATUS_OK)
			err = config_load(config ? config : DEFAULT_CONFIG,
			    &cfg);
		if (err != STATUS_OK) {
			STRING s;

			string_init(&s);
			nerr_error_string(err, &s);
			fprintf(stderr,
			    "fm-migrate: %s\n(give -d CONNINFO to "
			    "connect without a configuration file)\n",
			    s.buf);
			string_clear(&s);
			nerr_ignore(&err);
			return 1;
		}
		conninfo = cfg->conninfo;
	}
	if (regcomp(&name_re, "^[0-9]{4}_[a-z0-9_]+\\.sql$",
	        REG_EXTENDED | REG_NOSUB) != 0)
		return 1;
	n = scandir(dir, &files, is_migration, by_name);
	if (n < 0) {
		fprintf(stderr, "fm-migrate: cannot read %s: %s\n", dir,
		    strerror(errno));
		return 1;
	}
	for (i = 1; i < n; i++)
		if (!strncmp(files[i]->d_name, files[i - 1]->d_name, 4)) {
			fprintf(stderr,
			    "fm-migrate: two migrations numbered "
			    "%.4s\n",
			    files[i]->d_name);
			return 1;
		}
	conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "fm-migrate: cannot connect: %s",
		    PQerrorMessage(conn));
		return 1;
	}
	rc = exec_ok("SET client_min_messages = warning");
	if (rc == 0)
		rc = exec_ok("SELECT pg_advisory_lock(" LOCK_KEY ")");
	if (rc == 0)
		rc = exec_ok("CREATE TABLE IF NOT EXISTS schema_migrations ("
		             " version int PRIMARY KEY, name text NOT NULL,"
		             " checksum text NOT NULL,"
		             " applied_at timestamptz NOT NULL DEFAULT now())");
	for (i = 0; rc == 0 && i < n; i++)
		rc = one(dir, files[i]->d_name, status, &applied);
	if (rc == 0) {
		res = PQexec(conn,
		    "SELECT max(version) FROM schema_migrations");
		if (PQresultStatus(res) == PGRES_TUPLES_OK && n > 0 &&
		    !PQgetisnull(res, 0, 0) &&
		    atoi(PQgetvalue(res, 0, 0)) > atoi(files[n - 1]->d_name))
			fprintf(stderr,
			    "fm-migrate: warning: the database has "
			    "migrations newer than %s (a newer FocusManager "
			    "ran on it)\n",
			    files[n - 1]->d_name);
		PQclear(res);
	}
	if (rc == 0 && !status)
		printf("%d migration%s applied, database up to date\n", applied,
		    applied == 1 ? "" : "s");
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	PQfinish(conn);
	regfree(&name_re);
	config_free(cfg);
	return rc;
}
