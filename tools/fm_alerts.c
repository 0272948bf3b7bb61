/*
 * fm-alerts - watches what the contract needs watched and tells the staff
 * recipients once per incident, then once more when it is resolved
 * (docs/operations.md, "Alerts").
 *
 *   fm-alerts [-c CONFIG] check
 *   fm-alerts [-c CONFIG] list
 *
 * `check` (every minute, from focusmanager-alerts.timer or cron) gathers
 * what is wrong now: from the database (alert_conditions(): a
 * reservation with recording whose box is not recording after 2 minutes,
 * a box silent for 2 minutes, a box below Alerts.BoxDiskFloorMB, files
 * waiting on a box 24 hours after their session, a live session not on
 * air 2 minutes after its start) and from what it measures itself: the
 * free disk of the media store against Alerts.DiskFloorMB, the last
 * backup (Alerts.BackupStatus, written by fm-backup: failed, or older
 * than Alerts.BackupMaxHours), and focusd's health check
 * (Alerts.HealthURL: the database or the media store unavailable, or no
 * answer).  alerts_run() opens an alert for each new condition and queues
 * a message to each of Alerts.Recipients in the outbox (fm-mail sends
 * it), and resolves the alerts whose condition is gone with a second
 * message.  It prints what changed.  Exit 0, or 1 when it could not run.
 *
 * `list` prints the open alerts.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "tool.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

struct found {
	json_t *extra;   /* [{rule, subject, summary}] */
	json_t *checked; /* the rules measured here */
};

static void
add(struct found *f, const char *rule, const char *subject, const char *summary)
{
	json_array_append_new(f->extra,
	    json_pack("{s:s, s:s, s:s}", "rule", rule, "subject", subject,
	        "summary", summary));
}

static void
checked(struct found *f, const char *rule)
{
	json_array_append_new(f->checked, json_string(rule));
}

/* The media store's free space against Alerts.DiskFloorMB. */
static void
central_disk(struct found *f)
{
	long long floor_mb = config_int("Alerts.DiskFloorMB", 5120);
	struct statvfs sv;
	char msg[300];
	long long free_mb;

	checked(f, "central_disk");
	if (statvfs(g_cfg->media_dir, &sv) != 0) {
		snprintf(msg, sizeof(msg),
		    "Serveur central : le stock de médias %s est illisible "
		    "(%s)",
		    g_cfg->media_dir, strerror(errno));
		add(f, "central_disk", "central", msg);
		return;
	}
	free_mb = (long long)(sv.f_bavail * (unsigned long long)sv.f_frsize /
	    (1024 * 1024));
	if (free_mb < floor_mb) {
		snprintf(msg, sizeof(msg),
		    "Serveur central : %lld Mo libres dans le stock de médias "
		    "(seuil %lld Mo)",
		    free_mb, floor_mb);
		add(f, "central_disk", "central", msg);
	}
}

/* The last backup: "ok|failed UNIX-TIME what" in Alerts.BackupStatus. */
static void
backup(struct found *f)
{
	char def[4096], line[1024], msg[300], when[32], state[16];
	const char *path;
	long long at = 0;
	int hours = config_int("Alerts.BackupMaxHours", 26), n = 0;
	FILE *in;
	time_t t;
	struct tm tm;

	if (config_int("Alerts.Backup", 1) == 0)
		return;
	checked(f, "backup");
	snprintf(def, sizeof(def), "%s/backup.status", g_cfg->data_dir);
	path = config_str("Alerts.BackupStatus", def);
	in = fopen(path, "r");
	if (in == NULL) {
		add(f, "backup", "central",
		    "Aucune sauvegarde enregistrée sur le serveur central");
		return;
	}
	if (fgets(line, sizeof(line), in) == NULL)
		line[0] = '\0';
	fclose(in);
	line[strcspn(line, "\r\n")] = '\0';
	if (sscanf(line, "%15s %lld %n", state, &at, &n) < 2) {
		add(f, "backup", "central",
		    "État de la dernière sauvegarde illisible");
		return;
	}
	t = (time_t)at;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%d/%m/%Y %H:%M", &tm);
	if (strcmp(state, "ok") != 0) {
		snprintf(msg, sizeof(msg),
		    "La dernière sauvegarde a échoué (%s) : %.200s", when,
		    line + n);
		add(f, "backup", "central", msg);
	} else if (time(NULL) - t > (time_t)hours * 3600) {
		snprintf(msg, sizeof(msg),
		    "Dernière sauvegarde réussie le %s : plus de %d heures",
		    when, hours);
		add(f, "backup", "central", msg);
	}
}

static size_t
keep_body(char *ptr, size_t size, size_t n, void *ctx)
{
	char *buf = ctx;
	size_t have = strlen(buf), room = 255 - have, len = size * n;

	memcpy(buf + have, ptr, len < room ? len : room);
	buf[have + (len < room ? len : room)] = '\0';
	return len;
}

/* focusd's health check (Alerts.HealthURL, GET /healthz). */
static void
health(struct found *f)
{
	const char *url = config_str("Alerts.HealthURL", "");
	char body[256] = "", msg[300];
	long status = 0;
	CURLcode rc;
	CURL *c;

	if (*url == '\0')
		return;
	checked(f, "health_db");
	checked(f, "health_media");
	checked(f, "health_down");
	c = curl_easy_init();
	if (c == NULL)
		return;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, (void *)body);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK || status == 502 || status == 504) {
		snprintf(msg, sizeof(msg), "focusd ne répond pas (%s : %s)",
		    url, rc != CURLE_OK ? curl_easy_strerror(rc) : "502/504");
		add(f, "health_down", "central", msg);
	} else if (status == 503 && strstr(body, "media") != NULL)
		add(f, "health_media", "central",
		    "focusd ne peut pas lire ou écrire le stock de médias");
	else if (status == 503)
		add(f, "health_db", "central",
		    "focusd ne joint pas la base de données");
	else if (status != 200) {
		snprintf(msg, sizeof(msg), "focusd répond %ld à %s", status,
		    url);
		add(f, "health_down", "central", msg);
	}
}

/* Alerts.Recipients: addresses separated by commas or spaces, as a
 * PostgreSQL array literal. */
static void
recipients(char *out, size_t len)
{
	const char *s = config_str("Alerts.Recipients", "");
	size_t o = 0;
	bool open = false;

	out[o++] = '{';
	for (; *s && o + 4 < len; s++) {
		if (*s == ',' || *s == ' ' || *s == '\t' || *s == ';') {
			if (open)
				out[o++] = '"';
			open = false;
			continue;
		}
		if (*s == '"' || *s == '\\' || *s == '{' || *s == '}')
			continue;
		if (!open) {
			if (o > 1)
				out[o++] = ',';
			out[o++] = '"';
			open = true;
		}
		out[o++] = *s;
	}
	if (open)
		out[o++] = '"';
	out[o++] = '}';
	out[o] = '\0';
}

static int
check(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT action, alert_id, rule, subject, summary FROM"
	    " alerts_run($1::bigint, $2::jsonb, ARRAY(SELECT"
	    " jsonb_array_elements_text($3::jsonb)), $4::text[], $5)");
	struct found f = { json_array(), json_array() };
	char floor[24], to[4096], *extra, *rules;
	PGresult *res;
	NEOERR *err;
	int i;

	central_disk(&f);
	backup(&f);
	health(&f);
	recipients(to, sizeof(to));
	extra = json_dumps(f.extra, JSON_COMPACT);
	rules = json_dumps(f.checked, JSON_COMPACT);
	json_decref(f.extra);
	json_decref(f.checked);
	err = db_begin();
	if (err == STATUS_OK)
		err = DBQ(&st, &res,
		    db_int(floor, config_int("Alerts.BoxDiskFloorMB", 2048)),
		    extra, rules, to, config_str("Site.BaseURL", ""));
	free(extra);
	free(rules);
	if (err == STATUS_OK) {
		for (i = 0; i < PQntuples(res); i++)
			printf("%s %s %s %s: %s\n", PQgetvalue(res, i, 0),
			    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
			    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
		PQclear(res);
		err = db_commit();
	}
	if (err != STATUS_OK) {
		db_rollback();
		return tool_fail(err, "cannot run the alert rules");
	}
	return 0;
}

static int
list(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, rule, subject, to_char(opened_at,"
	    " 'YYYY-MM-DD HH24:MI'), summary FROM alerts"
	    " WHERE resolved_at IS NULL ORDER BY opened_at, id");
	PGresult *res;
	NEOERR *err;
	int i;

	err = DBQ0(&st, &res);
	if (err != STATUS_OK)
		return tool_fail(err, "cannot list the alerts");
	for (i = 0; i < PQntuples(res); i++)
		printf("%s\t%s\t%s\t%s\t%s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
	PQclear(res);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-alerts [-c CONFIG] check\n"
	    "       fm-alerts [-c CONFIG] list\n");
}

int
main(int argc, char **argv)
{
	const char *verb;
	int rc;

	tool_init("fm-alerts", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	verb = argv[optind];
	if (optind + 1 != argc ||
	    (strcmp(verb, "check") != 0 && strcmp(verb, "list") != 0))
		return tool_usage_error();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (tool_connect() != 0) {
		tool_end();
		return 1;
	}
	rc = !strcmp(verb, "check") ? check() : list();
	tool_end();
	curl_global_cleanup();
	return rc;
}
