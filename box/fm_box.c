/*
 * fm_box.c - fm-box, the recording box agent (docs/box.md).
 *
 *   fm-box [-c /etc/focusmanager/box.conf]          run (foreground)
 *   fm-box -c FILE --check-config                   check the file
 *   fm-box -c FILE --encode IN.mp4 OUTDIR           the MP3 work, once
 *
 * One main thread ticks the recorder and the encoder a few times a
 * second; a network thread talks to the central server; libmicrohttpd's
 * thread serves local downloads.  SIGTERM stops ffmpeg cleanly and keeps
 * the recording's state, so the next start resumes it.
 */
#include "fm.h"
#include "boxconf.h"
#include "encoder.h"
#include "httpd.h"
#include "log.h"
#include "net.h"
#include "recorder.h"
#include "spool.h"
#include "uplock.h"

#include <curl/curl.h>
#include <systemd/sd-daemon.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: fm-box [-c FILE] [--check-config | "
	    "--encode IN.mp4 OUTDIR]\n");
	exit(2);
}

static int
encode_once(const struct box_config *c, const char *in, const char *out)
{
	struct timespec t0, t1;
	double secs;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = encoder_run_once(c, in, out);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%s %.3f s\n", rc == 0 ? "ok" : "FAILED", secs);
	return rc == 0 ? 0 : 1;
}

/*
 * systemd (docs/operations.md, "The box"): STATUS= a one-line state when
 * it changes, WATCHDOG=1 from the loop at half the watchdog period.
 * Without systemd, sd_notify does nothing.
 */
static void
notify_status(const struct box_status *st, uint64_t wd_usec)
{
	static char last[400];
	static struct timespec last_wd;
	struct timespec now;
	char line[400];

	if (!strcmp(st->state, "recording") ||
	    (!strcmp(st->state, "error") && st->resv))
		snprintf(line, sizeof(line), "STATUS=%s reservation %lld%s%s",
		    st->state, st->resv, st->message[0] ? ": " : "",
		    st->message);
	else
		snprintf(line, sizeof(line), "STATUS=%s%s%s", st->state,
		    st->message[0]        ? ": "
		        : st->encoding[0] ? " "
		                          : "",
		    st->message[0] ? st->message : st->encoding);
	if (strcmp(line, last) != 0) {
		sd_notify(0, line);
		snprintf(last, sizeof(last), "%s", line);
	}
	if (wd_usec == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((uint64_t)(now.tv_sec - last_wd.tv_sec) * 1000000 +
	        (uint64_t)((now.tv_nsec - last_wd.tv_nsec) / 1000) >=
	    wd_usec / 2) {
		sd_notify(0, "WATCHDOG=1");
		last_wd = now;
	}
}

/* fm-upload runs (it holds its lock): looked at every 5 s. */
static bool
uploading(const struct box_config *c, time_t now)
{
	static time_t checked;
	static bool held;

	if (now - checked >= 5) {
		checked = now;
		held = uplock_held(c->state_dir);
	}
	return held;
}

static void
run(const struct box_config *c)
{
	struct schedule sched = { 0 };
	struct box_status st;
	unsigned version = 0;
	struct sigaction sa;
	uint64_t wd_usec = 0;
	time_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (spool_init(c->state_dir) != 0)
		log_error("cannot open the event spool in %s", c->state_dir);
	recorder_init(c);
	encoder_init(c);
	if (httpd_start(c) != 0)
		log_error("local downloads are off (Http.Listen = %s)",
		    c->http_listen);
	if (net_start(c) != 0)
		log_error("cannot start the network thread");
	log_info("fm-box %s started (room %s, input %s, preset %s)", c->version,
	    c->room, c->input_kind, c->preset);
	/* Ready once the configuration and the cached schedule are loaded:
	 * the central server may well be down. */
	if (sd_watchdog_enabled(0, &wd_usec) <= 0)
		wd_usec = 0;
	sd_notify(0, "READY=1");
	while (!stop_requested) {
		now = time(NULL);
		net_schedule(&sched, &version);
		recorder_tick(&sched, now);
		/* Busy: recording, or about to (the encoder's idle-only work
		 * should not be caught by a reservation starting). */
		encoder_tick(now,
		    recorder_busy() ||
		        schedule_busy_within(&sched, now, 300, c->preroll));
		memset(&st, 0, sizeof(st));
		recorder_status(&st);
		encoder_status(&st);
		if (!strcmp(st.state, "idle") && uploading(c, now))
			snprintf(st.state, sizeof(st.state), "uploading");
		net_set_status(&st);
		notify_status(&st, wd_usec);
		usleep(200000);
	}
	sd_notify(0, "STOPPING=1");
	log_info("fm-box stopping");
	recorder_shutdown();
	encoder_shutdown();
	httpd_stop();
	net_stop();
	schedule_free(&sched);
	log_info("fm-box stopped");
}

int
main(int argc, char **argv)
{
	const char *conf = "/etc/focusmanager/box.conf";
	struct box_config *c;
	NEOERR *err;
	int i, check = 0;
	const char *enc_in = NULL, *enc_out = NULL;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc)
			conf = argv[++i];
		else if (!strcmp(argv[i], "--check-config"))
			check = 1;
		else if (!strcmp(argv[i], "--encode") && i + 2 < argc) {
			enc_in = argv[++i];
			enc_out = argv[++i];
		} else if (!strcmp(argv[i], "--version")) {
			printf("fm-box %s\n", PACKAGE_VERSION);
			return 0;
		} else
			usage();
	}
	err = boxconf_load(conf, &c);
	if (err != STATUS_OK) {
		log_neoerr_brief("fm-box", err);
		return 1;
	}
	if (check) {
		printf("%s: ok\n", conf);
		boxconf_free(c);
		return 0;
	}
	if (enc_in != NULL) {
		i = encode_once(c, enc_in, enc_out);
		boxconf_free(c);
		return i;
	}
	if (c->use_syslog)
		log_use_syslog("fm-box");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	run(c);
	curl_global_cleanup();
	boxconf_free(c);
	return 0;
}
