/*
 * fm_upload.c - fm-upload, the box's uploader (docs/upload.md).
 *
 *   fm-upload [-c /etc/focusmanager/box.conf] [--once] [--dry-run]
 *             [--verbose]
 *
 * Run by cron (every 10 minutes) and by hand.  One at a time (uplock.h).
 * Sends every finished file (finished.h) the central server has not
 * verified yet, inside the upload windows (--once: now, whatever the
 * time), at most at the configured rate; then deletes the files verified
 * more than Upload.RetentionDays ago.
 *
 * Exit status (for cron; man fm-upload):
 *   0  nothing left to send (or outside the upload windows)
 *   1  some files wait for a later run: the central server is unreachable
 *      or its disk is full, the window closed, a file is not known there
 *      yet; nothing is lost, the next run goes on
 *   2  usage or configuration error
 *   3  another fm-upload is running (this one did nothing)
 *   4  a file needs a human: it changed on the box since it was finished,
 *      the central server knows it otherwise, or refused the box's token
 */
#include "fm.h"
#include "boxconf.h"
#include "finished.h"
#include "log.h"
#include "recinfo.h"
#include "retention.h"
#include "upclient.h"
#include "upconf.h"
#include "upload.h"
#include "uplock.h"

#include <curl/curl.h>
#include <jansson.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	EXIT_DONE = 0,
	EXIT_LATER = 1,
	EXIT_USAGE = 2,
	EXIT_RUNNING = 3,
	EXIT_ATTENTION = 4,
};

static struct {
	const struct box_config *c;
	struct upload_config u;
	bool once, dry_run, verbose;
	bool stopped; /* UP_STOP: send nothing more this run */
	bool later, attention;
	int verified, deleted, waiting;
	long long sent;
} R;

static bool
in_window(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return upconf_in_window(&R.u, tm.tm_hour * 60 + tm.tm_min);
}

/* Between chunks: the window may have closed meanwhile. */
static bool
may_go_on(void)
{
	return R.once || in_window();
}

/* Looked at before each chunk; the state files read at most every 2 s. */
static bool
recording_now(void)
{
	static struct timespec last;
	static bool now;
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (last.tv_sec == 0 || t.tv_sec - last.tv_sec >= 2) {
		now = retention_recording_now(R.c);
		last = t;
	}
	return now;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-upload [-c FILE] [--once] [--dry-run] "
	    "[--verbose]\n"
	    "  -c, --config FILE  the box's configuration "
	    "(/etc/focusmanager/box.conf)\n"
	    "  --once             one pass now, even outside Upload.Windows\n"
	    "  --dry-run          say what would be sent and deleted; change "
	    "nothing\n"
	    "  -v, --verbose      one line per chunk\n");
}

/* Sends one file; records its verification. */
static void
send_one(const struct finished *f, struct upstate *s)
{
	struct up_job j;
	enum up_result r;

	memset(&j, 0, sizeof(j));
	j.c = R.c;
	j.u = &R.u;
	j.f = f;
	j.verbose = R.verbose;
	j.may_go_on = may_go_on;
	j.recording = recording_now;
	r = upload_file(&j);
	R.sent += j.sent;
	switch (r) {
	case UP_VERIFIED:
		s->media_id = j.media_id;
		s->verified_at = time(NULL);
		snprintf(s->central_path, sizeof(s->central_path), "%s",
		    j.central_path);
		if (upstate_save(R.c->state_dir, f->path, s) != 0)
			log_error("%s: verified, but its state could not be "
			          "saved: asked again next time",
			    f->path);
		R.verified++;
		log_info("%s: verified by the central server (%lld bytes, "
		         "%lld sent now)",
		    f->path, f->bytes, j.sent);
		break;
	case UP_LATER:
		R.later = true;
		R.waiting++;
		log_warn("%s: later: %s", f->path, j.message);
		break;
	case UP_STOP:
		R.later = true;
		R.stopped = true;
		R.waiting++;
		log_warn("%s: %s", f->path, j.message);
		break;
	case UP_FAILED:
		R.attention = true;
		R.waiting++;
		log_error("%s: %s", f->path, j.message);
		break;
	}
}

static void send_one(const struct finished *f, struct upstate *s);

/* Tells the central server, then deletes the box's copy. */
static void
delete_one(const struct finished *f, struct upstate *s)
{
	char path[120], file[1200], key[64];
	struct buf b = { 0 };
	long st;

	snprintf(file, sizeof(file), "%s/%s", R.c->media_dir, f->path);
	if (R.dry_run) {
		printf("would delete %s (verified %ld days ago)\n", f->path,
		    (long)((time(NULL) - s->verified_at) / 86400));
		return;
	}
	if (R.stopped)
		return; /* the central server cannot be told now */
	snprintf(path, sizeof(path), "/box/api/uploads/%lld/removed",
	    s->media_id);
	st = s->media_id > 0 ? central_post_within(path, "{}", 60, &b) : 404;
	buf_free(&b);
	if (st != 200) {
		/* Kept: the central server must know a file is no longer on
		 * the site before it goes. */
		log_warn("%s: not deleted: the central server answered %ld%s%s",
		    f->path, st, st < 0 ? ": " : "",
		    st < 0 ? central_error() : "");
		if (st < 0)
			R.stopped = true;
		if (st == 409 || st == 404) {
			/* It has not (or no longer: restored from an older
			 * backup) verified it: the box sends it again. */
			memset(s, 0, sizeof(*s));
			upstate_save(R.c->state_dir, f->path, s);
			if (R.once || in_window())
				send_one(f, s);
		}
		return;
	}
	if (unlink(file) != 0 && errno != ENOENT) {
		log_error("cannot delete %s: %s", file, strerror(errno));
		R.attention = true;
		return;
	}
	snprintf(key, sizeof(key), "%s", f->recording);
	finished_forget(R.c->state_dir, f->path);
	retention_tidy(R.c, key);
	R.deleted++;
	log_info("%s: deleted (verified by the central server %ld days ago, "
	         "retention %d days)",
	    f->path, (long)((time(NULL) - s->verified_at) / 86400),
	    R.u.retention_days);
}

/* Retention of a verified file: deleted when due and fm-box is done. */
static void
maybe_delete(const struct finished *f, struct upstate *s)
{
	char path[1400];
	struct recinfo ri;
	bool found;

	if (!retention_due(s, R.u.retention_days, time(NULL)))
		return;
	snprintf(path, sizeof(path), "%s/recordings/%s.json", R.c->state_dir,
	    f->recording);
	found = recinfo_load(path, &ri) == 0;
	if (!found && access(path, F_OK) == 0)
		return; /* unreadable now (being written?): next time */
	if (!retention_recording_idle(&ri, found, R.c->nextra))
		return;
	delete_one(f, s);
}

static void
one_file(const char *manifest, bool window_open)
{
	struct finished f;
	struct upstate s;

	if (finished_load(manifest, &f) != 0) {
		log_warn("ignoring the unreadable manifest %s", manifest);
		return;
	}
	if (upstate_load(R.c->state_dir, f.path, &s) != 0) {
		log_warn("%s: unreadable upload state: asking the central "
		         "server again",
		    f.path);
		memset(&s, 0, sizeof(s));
	}
	if (s.verified_at > 0) {
		maybe_delete(&f, &s);
		return;
	}
	if (R.dry_run) {
		printf("would send %s (%s, %lld bytes, sha256 %s)\n", f.path,
		    f.kind, f.bytes, f.sha256);
		return;
	}
	if (!window_open || R.stopped) {
		R.waiting++;
		R.later = R.later || window_open;
		return;
	}
	send_one(&f, &s);
}

static int
run(void)
{
	struct timespec t0, t1;
	char **list;
	bool window;
	double secs;
	int n, i;

	window = R.once || in_window();
	n = finished_list(R.c->state_dir, &list);
	if (n < 0) {
		log_error("cannot read %s/files: %s", R.c->state_dir,
		    strerror(errno));
		return EXIT_ATTENTION;
	}
	if (!window && R.verbose)
		log_info("outside the upload windows: only the retention runs");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		one_file(list[i], window);
		free(list[i]);
	}
	free(list);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (R.verified || R.deleted || R.waiting || R.sent || R.verbose)
		log_info("%d verified, %d deleted, %d waiting; %lld bytes sent "
		         "in %.1f s (%.1f MB/s)",
		    R.verified, R.deleted, R.waiting, R.sent, secs,
		    secs > 0 ? R.sent / 1e6 / secs : 0.0);
	if (R.attention)
		return EXIT_ATTENTION;
	return R.later ? EXIT_LATER : EXIT_DONE;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf = "/etc/focusmanager/box.conf";
	struct box_config *c;
	NEOERR *err;
	int ch, lock = -1, rc;

	while ((ch = getopt_long(argc, argv, "c:vh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'o':
			R.once = true;
			break;
		case 'n':
			R.dry_run = true;
			break;
		case 'v':
			R.verbose = true;
			break;
		case 'V':
			printf("fm-upload %s\n", PACKAGE_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	err = boxconf_load(conf, &c);
	if (err == STATUS_OK) {
		err = upconf_load(c->hdf, &R.u);
		if (err != STATUS_OK)
			boxconf_free(c);
	}
	if (err != STATUS_OK) {
		log_neoerr_brief("fm-upload", err);
		return EXIT_USAGE;
	}
	R.c = c;
	/* By hand (a terminal), messages go to the terminal. */
	if (c->use_syslog && !isatty(STDERR_FILENO))
		log_use_syslog("fm-upload");
	if (!R.dry_run) {
		lock = uplock_take(c->state_dir);
		if (lock < 0) {
			if (errno == EWOULDBLOCK)
				log_info("another fm-upload is running: "
				         "nothing done");
			else
				log_error("cannot lock %s/fm-upload.lock: %s",
				    c->state_dir, strerror(errno));
			boxconf_free(c);
			return errno == EWOULDBLOCK ? EXIT_RUNNING
			                            : EXIT_ATTENTION;
		}
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (central_open(c, "fm-upload") != 0) {
		log_error("cannot start libcurl");
		rc = EXIT_ATTENTION;
	} else {
		rc = run();
	}
	central_close();
	curl_global_cleanup();
	if (lock >= 0)
		close(lock);
	boxconf_free(c);
	return rc;
}
