/*
 * fm-downloads - completes the download log from nginx's own log.
 *
 *   fm-downloads [-c CONFIG] import [--log FILE]
 *
 * focusd writes a download_log row when it lets a media request through
 * (X-Accel-Redirect) and gives nginx the row's id (X-Download-Id); nginx
 * logs each transfer in the fm_download format (nginx/site.conf.in):
 *
 *   msec  download-id  status  body-bytes-sent  request-time
 *   request-completion  request-id  range            (tab separated)
 *
 * `import` (every 5 minutes from focusmanager-downloads.timer or cron,
 * and whenever wanted) reads the lines added since its last run
 * (Downloads.Log, default /var/log/nginx/focusmanager-downloads.log;
 * across a rotation it finishes the rotated file, FILE.1, first), stores
 * each transfer once (by nginx's request id: reading a line twice does no
 * harm), and recomputes the bytes sent, end time and status of the
 * downloads they belong to, and of downloads left "in progress" for 6
 * hours.  Lines of downloads that no longer exist are skipped, and so
 * are lines older than the download they name: after a restore or a new
 * database, ids come again, and a line written before the download began
 * was another's (5 seconds are allowed for clocks apart).
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "download_line.h"
#include "errors.h"
#include "tool.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_LOG "/var/log/nginx/focusmanager-downloads.log"
#define BATCH       500
#define MAX_TOUCHED 4096

struct run {
	long lines, stored, skipped;
	long long touched[MAX_TOUCHED];
	int ntouched;
};

static void
touch(struct run *run, long long id)
{
	int i;

	for (i = 0; i < run->ntouched; i++)
		if (run->touched[i] == id)
			return;
	if (run->ntouched < MAX_TOUCHED)
		run->touched[run->ntouched++] = id;
}

/* Stores one log line (in place: split at tabs). */
static NEOERR *
store_line(struct run *run, char *line)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO download_transfers (request_id, download_id, at, "
	    "status,"
	    " bytes_sent, seconds, completed, range)"
	    " SELECT $7, $2::bigint, to_timestamp($1::double precision),"
	    "  $3::smallint, $4::bigint, $5::numeric, $6 = 'OK', nullif($8, "
	    "'-')"
	    " WHERE EXISTS (SELECT 1 FROM download_log WHERE id = $2::bigint"
	    "  AND started_at <= to_timestamp($1::double precision)"
	    "   + interval '5 seconds')"
	    " ON CONFLICT (request_id) DO NOTHING");
	struct download_line d;
	PGresult *res;
	NEOERR *err;

	run->lines++;
	if (!download_line_parse(line, &d)) {
		run->skipped++; /* not a media transfer (no download id) */
		return STATUS_OK;
	}
	err = DBQ(&st, &res, d.msec, d.id, d.status, d.bytes, d.seconds,
	    d.completion, d.request_id, d.range);
	if (err != STATUS_OK)
		return err;
	if (atoi(PQcmdTuples(res)) == 1) {
		run->stored++;
		touch(run, atoll(d.id));
	} else
		run->skipped++;
	PQclear(res);
	return STATUS_OK;
}

static NEOERR *
refresh(struct run *run)
{
	static struct db_stmt one = DB_STMT(
	    "SELECT download_log_refresh($1::bigint)");
	static struct db_stmt stale = DB_STMT(
	    "SELECT download_log_refresh(id) FROM download_log"
	    " WHERE status = 'in_progress'"
	    "  AND last_request_at < now() - interval '6 hours'");
	char buf[24];
	NEOERR *err = STATUS_OK;
	int i;

	for (i = 0; err == STATUS_OK && i < run->ntouched; i++)
		err = DBQ(&one, NULL, db_int(buf, run->touched[i]));
	run->ntouched = 0;
	if (err == STATUS_OK)
		err = DBQ0(&stale, NULL);
	return err;
}

static NEOERR *
save_state(const char *log, long long inode, long long pos)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO download_import_state (log_path, inode, position)"
	    " VALUES ($1, $2::bigint, $3::bigint) ON CONFLICT (log_path) DO"
	    " UPDATE SET inode = $2::bigint, position = $3::bigint,"
	    " updated_at = now()");
	char a[24], b[24];

	return DBQ(&st, NULL, log, db_int(a, inode), db_int(b, pos));
}

/*
 * Reads path from pos to its last complete line, a transaction per
 * BATCH lines, recording (state_path, inode, position) with each.
 */
static NEOERR *
read_file(struct run *run, const char *path, const char *state_path,
    long long inode, long long pos, bool save)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	NEOERR *err = STATUS_OK;
	int inbatch = 0;

	if (fp == NULL)
		return nerr_raise(NERR_IO, "%s: %s", path, strerror(errno));
	if (fseeko(fp, (off_t)pos, SEEK_SET) != 0) {
		fclose(fp);
		return nerr_raise(NERR_IO, "%s: %s", path, strerror(errno));
	}
	err = db_begin();
	while (err == STATUS_OK && (n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] != '\n')
			break; /* nginx is still writing it: next time */
		line[n - 1] = '\0';
		err = store_line(run, line);
		pos += n;
		if (err == STATUS_OK && ++inbatch == BATCH) {
			err = refresh(run);
			if (err == STATUS_OK && save)
				err = save_state(state_path, inode, pos);
			if (err == STATUS_OK)
				err = db_commit();
			if (err == STATUS_OK)
				err = db_begin();
			inbatch = 0;
		}
	}
	free(line);
	fclose(fp);
	if (err == STATUS_OK)
		err = refresh(run);
	if (err == STATUS_OK && save)
		err = save_state(state_path, inode, pos);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		db_rollback();
	return err;
}

static int
import(const char *log)
{
	static struct db_stmt lock = DB_STMT(
	    "SELECT pg_try_advisory_lock(hashtext('fm-downloads'))::int");
	static struct db_stmt state = DB_STMT(
	    "SELECT inode, position FROM download_import_state"
	    " WHERE log_path = $1");
	struct run run;
	struct stat cur, old;
	long long inode = -1, pos = 0;
	char rotated[4200];
	PGresult *res;
	NEOERR *err;

	memset(&run, 0, sizeof(run));
	err = DBQ0(&lock, &res);
	if (err != STATUS_OK)
		return tool_fail(err, "database");
	if (atoi(PQgetvalue(res, 0, 0)) != 1) {
		PQclear(res);
		printf("another import is running\n");
		return 0;
	}
	PQclear(res);
	err = DBQ(&state, &res, log);
	if (err != STATUS_OK)
		return tool_fail(err, "database");
	if (PQntuples(res) == 1) {
		inode = atoll(PQgetvalue(res, 0, 0));
		pos = atoll(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	if (stat(log, &cur) != 0) {
		if (errno != ENOENT) {
			fprintf(stderr, "fm-downloads: %s: %s\n", log,
			    strerror(errno));
			return 1;
		}
		/* No download yet since the last rotation: statuses only. */
		err = db_begin();
		if (err == STATUS_OK)
			err = refresh(&run);
		if (err == STATUS_OK)
			err = db_commit();
		if (err != STATUS_OK)
			return tool_fail(err, "database");
		printf("%s: no log yet\n", log);
		return 0;
	}
	if (inode >= 0 && (long long)cur.st_ino != inode) {
		/* Rotated since the last run: the rest of the old file first. */
		snprintf(rotated, sizeof(rotated), "%s.1", log);
		if (stat(rotated, &old) == 0 &&
		    (long long)old.st_ino == inode && old.st_size > pos) {
			err = read_file(&run, rotated, log, inode, pos, false);
			if (err != STATUS_OK)
				return tool_fail(err, "import");
		}
		pos = 0;
	} else if (cur.st_size < pos)
		pos = 0; /* truncated (copytruncate) */
	err = read_file(&run, log, log, (long long)cur.st_ino, pos, true);
	if (err != STATUS_OK)
		return tool_fail(err, "import");
	printf("%ld lines read, %ld transfers recorded, %ld skipped\n",
	    run.lines, run.stored, run.skipped);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: fm-downloads [-c CONFIG] import [--log FILE]\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "log", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *log = NULL;
	int ch, rc;

	tool_init("fm-downloads", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	if (strcmp(argv[optind++], "import"))
		return tool_usage_error();
	while ((ch = getopt_long(argc, argv, "l:", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			log = optarg;
			break;
		default:
			return tool_usage_error();
		}
	}
	if (optind < argc)
		return tool_usage_error();
	if (tool_config() != 0)
		return 1;
	if (log == NULL)
		log = config_str("Downloads.Log", DEFAULT_LOG);
	rc = tool_connect() != 0 ? 1 : import(log);
	tool_end();
	return rc;
}
