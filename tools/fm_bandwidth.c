/*
 * fm-bandwidth - the bytes the central server sends and receives, per
 * 5 minutes and per class, for the 95th-percentile report
 * (docs/operations.md, "Bandwidth at the 95th percentile").
 *
 *   fm-bandwidth [-c CONFIG] import [--log FILE]
 *
 * `import` (every 5 minutes, focusmanager-bandwidth.timer) reads what
 * nginx appended to its byte log (Bandwidth.Log, the site's fm_bytes
 * format: "$msec<TAB>$request_length<TAB>$bytes_sent<TAB>$request_uri")
 * since the last run, sorts each request into a class by its URI (hls:
 * /hls/; downloads: /download/, /files/, /portal/files; box_uploads:
 * /box/api/uploads; pages: the rest) and adds its bytes to the 5-minute
 * slot of its time; then, when Bandwidth.RtmpStatURL is set, reads
 * nginx-rtmp's statistics (its total bytes_in) and adds what came in
 * since the last reading to the current slot as rtmp_in.  Where it read up
 * to is kept in bandwidth_sources (a rotated log starts again at 0).
 * All in one transaction.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "tool.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_SLOTS 4096

struct slot {
	long long at; /* Unix time, a multiple of 300 */
	int class;
	long long out, in;
};

static const char *const classes[] = { "pages", "downloads", "hls",
	"box_uploads", "rtmp_in" };

static struct slot slots[MAX_SLOTS];
static int nslots;

static int
classify(const char *uri)
{
	if (!strncmp(uri, "/hls/", 5))
		return 2;
	if (!strncmp(uri, "/download/", 10) || !strncmp(uri, "/files/", 7) ||
	    !strncmp(uri, "/portal/files/", 14))
		return 1;
	if (!strncmp(uri, "/box/api/uploads", 16))
		return 3;
	return 0;
}

static bool
add(long long t, int class, long long out, long long in)
{
	long long at = t - t % 300;
	int i;

	for (i = nslots - 1; i >= 0; i--)
		if (slots[i].at == at && slots[i].class == class) {
			slots[i].out += out;
			slots[i].in += in;
			return true;
		}
	if (nslots == MAX_SLOTS)
		return false;
	slots[nslots++] = (struct slot){ at, class, out, in };
	return true;
}

/* Stores the slots gathered so far in one statement. */
static NEOERR *
flush(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT bandwidth_add(to_timestamp(a), c, o, i) FROM"
	    " unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[])"
	    " x(a, c, o, i)");
	STRING a, c, o, in;
	NEOERR *err = STATUS_OK;
	int i;

	if (nslots == 0)
		return STATUS_OK;
	string_init(&a);
	string_init(&c);
	string_init(&o);
	string_init(&in);
	for (i = 0; err == STATUS_OK && i < nslots; i++) {
		const char *sep = i ? "," : "{";

		err = string_appendf(&a, "%s%lld", sep, slots[i].at);
		if (err == STATUS_OK)
			err = string_appendf(&c, "%s%s", sep,
			    classes[slots[i].class]);
		if (err == STATUS_OK)
			err = string_appendf(&o, "%s%lld", sep, slots[i].out);
		if (err == STATUS_OK)
			err = string_appendf(&in, "%s%lld", sep, slots[i].in);
	}
	if (err == STATUS_OK)
		err = string_append(&a, "}");
	if (err == STATUS_OK)
		err = string_append(&c, "}");
	if (err == STATUS_OK)
		err = string_append(&o, "}");
	if (err == STATUS_OK)
		err = string_append(&in, "}");
	if (err == STATUS_OK)
		err = DBQ(&st, NULL, a.buf, c.buf, o.buf, in.buf);
	string_clear(&a);
	string_clear(&c);
	string_clear(&o);
	string_clear(&in);
	nslots = 0;
	return nerr_pass(err);
}

static NEOERR *
import_log(const char *path, long long *lines)
{
	static struct db_stmt get_st = DB_STMT(
	    "SELECT coalesce(inode, -1), offset_bytes FROM bandwidth_sources"
	    " WHERE name = $1 FOR UPDATE");
	static struct db_stmt set_st = DB_STMT(
	    "INSERT INTO bandwidth_sources (name, inode, offset_bytes)"
	    " VALUES ($1, $2::bigint, $3::bigint) ON CONFLICT (name) DO UPDATE"
	    " SET inode = $2::bigint, offset_bytes = $3::bigint,"
	    " updated_at = now()");
	char name[4200], ino[24], off[24], line[8192];
	long long inode = -1, offset = 0;
	struct stat st;
	PGresult *res;
	NEOERR *err;
	FILE *f;

	*lines = 0;
	snprintf(name, sizeof(name), "log:%s", path);
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT)
			return STATUS_OK; /* nothing logged yet */
		return nerr_raise_errno(NERR_IO, "%s", path);
	}
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return nerr_raise_errno(NERR_IO, "%s", path);
	}
	err = DBQ(&get_st, &res, name);
	if (err != STATUS_OK) {
		fclose(f);
		return nerr_pass(err);
	}
	if (PQntuples(res) == 1) {
		inode = atoll(PQgetvalue(res, 0, 0));
		offset = atoll(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	if (inode != (long long)st.st_ino || offset > (long long)st.st_size)
		offset = 0; /* a new file: rotated */
	if (fseeko(f, (off_t)offset, SEEK_SET) != 0) {
		fclose(f);
		return nerr_raise_errno(NERR_IO, "%s", path);
	}
	while (err == STATUS_OK && fgets(line, sizeof(line), f) != NULL) {
		size_t len = strlen(line);
		char *p = line, *end;
		double msec;
		long long in, out;

		if (len == 0 || line[len - 1] != '\n')
			break; /* a line nginx is still writing */
		offset += (long long)len;
		line[len - 1] = '\0';
		msec = strtod(p, &end);
		if (end == p || *end != '\t')
			continue;
		in = strtoll(end + 1, &p, 10);
		if (*p != '\t')
			continue;
		out = strtoll(p + 1, &end, 10);
		if (*end != '\t' || in < 0 || out < 0)
			continue;
		if (!add((long long)msec, classify(end + 1), out, in))
			err = flush();
		if (err == STATUS_OK && nslots == 0)
			add((long long)msec, classify(end + 1), out, in);
		(*lines)++;
	}
	fclose(f);
	if (err == STATUS_OK)
		err = flush();
	if (err == STATUS_OK)
		err = DBQ(&set_st, NULL, name,
		    db_int(ino, (long long)st.st_ino), db_int(off, offset));
	return nerr_pass(err);
}

static size_t
keep(char *ptr, size_t size, size_t n, void *ctx)
{
	STRING *s = ctx;

	if (s->len < 1 << 20)
		string_appendn(s, ptr, (int)(size * n));
	return size * n;
}

/* nginx-rtmp's total bytes_in since its start, -1 when unreadable. */
static long long
rtmp_bytes_in(const char *url)
{
	STRING body;
	CURL *c = curl_easy_init();
	long long v = -1;
	const char *p;

	if (c == NULL)
		return -1;
	string_init(&body);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, (void *)&body);
	if (curl_easy_perform(c) == CURLE_OK && body.buf &&
	    (p = strstr(body.buf, "<bytes_in>")) != NULL)
		v = atoll(p + 10);
	curl_easy_cleanup(c);
	string_clear(&body);
	return v;
}

static NEOERR *
import_rtmp(const char *url, long long *got)
{
	static struct db_stmt get_st = DB_STMT(
	    "SELECT counter FROM bandwidth_sources WHERE name = 'rtmp'"
	    " FOR UPDATE");
	static struct db_stmt set_st = DB_STMT(
	    "INSERT INTO bandwidth_sources (name, counter) VALUES ('rtmp',"
	    " $1::bigint) ON CONFLICT (name) DO UPDATE SET counter = "
	    "$1::bigint,"
	    " updated_at = now()");
	long long now = rtmp_bytes_in(url), last = -1;
	char v[24];
	PGresult *res;
	NEOERR *err;

	*got = -1;
	if (now < 0)
		return nerr_raise(NERR_IO, "no bytes_in in %s", url);
	err = DBQ0(&get_st, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		last = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	/* The first reading only sets the counter; a smaller one means
	 * nginx started again from 0. */
	*got = last < 0 ? 0 : now >= last ? now - last : now;
	if (*got > 0) {
		add((long long)time(NULL), 4, 0, *got);
		err = flush();
	}
	if (err == STATUS_OK)
		err = DBQ(&set_st, NULL, db_int(v, now));
	return nerr_pass(err);
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: fm-bandwidth [-c CONFIG] import [--log FILE]\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "log", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *log = NULL, *url;
	long long lines = 0, rtmp = -1;
	NEOERR *err;
	int rc, ch;

	tool_init("fm-bandwidth", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	if (strcmp(argv[optind], "import") != 0)
		return tool_usage_error();
	argc -= optind;
	argv += optind;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'l')
			return tool_usage_error();
		log = optarg;
	}
	if (optind != argc)
		return tool_usage_error();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (tool_connect() != 0) {
		tool_end();
		return 1;
	}
	if (log == NULL)
		log = config_str("Bandwidth.Log",
		    "/var/log/nginx/focusmanager-bytes.log");
	url = config_str("Bandwidth.RtmpStatURL", "");
	err = db_begin();
	if (err == STATUS_OK)
		err = import_log(log, &lines);
	if (err == STATUS_OK && *url)
		err = import_rtmp(url, &rtmp);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK) {
		db_rollback();
		rc = tool_fail(err, "cannot import");
	} else {
		printf("%lld requests imported from %s", lines, log);
		if (rtmp >= 0)
			printf(", %lld bytes in by RTMP", rtmp);
		printf("\n");
	}
	tool_end();
	curl_global_cleanup();
	return rc < 0 ? 0 : rc;
}
