/*
 * master.c - prefork pool supervision.
 */
#include "master.h"
#include "bodyfile.h"
#include "conf.h"
#include "errors.h"
#include "log.h"
#include "metrics.h"
#include "scoreboard.h"
#include "tmpl.h"
#include "worker.h"

#include <errno.h>
#include <systemd/sd-daemon.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct child {
	pid_t pid;
	unsigned gen;
	time_t started;
	unsigned killed; /* scoreboard seq of the request it was killed for */
};

static struct child *children;
static int nchildren; /* slots in use or free (pid 0) */
static unsigned generation = 1;

static volatile sig_atomic_t got_chld, got_term, got_hup, got_alrm;

static void
on_signal(int sig)
{
	if (sig == SIGCHLD)
		got_chld = 1;
	else if (sig == SIGALRM)
		got_alrm = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

static int
live_count(unsigned gen)
{
	int i, n = 0;

	for (i = 0; i < nchildren; i++)
		if (children[i].pid > 0 && (gen == 0 || children[i].gen == gen))
			n++;
	return n;
}

static void
spawn(int listen_fd)
{
	struct child *c = NULL;
	sigset_t none;
	pid_t pid;
	int i;

	for (i = 0; i < nchildren; i++)
		if (children[i].pid == 0) {
			c = &children[i];
			break;
		}
	if (c == NULL && nchildren >= SCOREBOARD_SLOTS) {
		log_error("%d workers already: not starting another",
		    nchildren);
		return;
	}
	if (c == NULL) {
		struct child *grown = realloc(children,
		    (size_t)(nchildren + 1) * sizeof(*children));

		if (grown == NULL) {
			log_error("out of memory starting a worker");
			return;
		}
		children = grown;
		c = &children[nchildren++];
	}
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		c->pid = 0;
		return;
	}
	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGALRM, &sa, NULL);
		sigemptyset(&none);
		scoreboard_use((int)(c - children));
		free(children);
		worker_run(listen_fd);
	}
	c->pid = pid;
	c->killed = 0;
	c->gen = generation;
	c->started = time(NULL);
}

static void
reap(int listen_fd, bool stopping)
{
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (!stopping && bodyfile_reaped(pid))
			continue;
		for (i = 0; i < nchildren; i++) {
			if (children[i].pid != pid)
				continue;
			children[i].pid = 0;
			if (stopping || children[i].gen != generation)
				break;
			if (WIFSIGNALED(status))
				log_warn("worker %d killed by signal %d, "
				         "replacing "
				         "it",
				    (int)pid, WTERMSIG(status));
			else
				log_warn("worker %d exited with status %d, "
				         "replacing it",
				    (int)pid, WEXITSTATUS(status));
			metrics_worker_restart();
			if (time(NULL) - children[i].started < 1) {
				/* Dying at start: do not spin. */
				struct timespec ts = { 0, 500000000L };

				nanosleep(&ts, NULL);
			}
			spawn(listen_fd);
			break;
		}
	}
}

/*
 * Kills the workers whose request is past its deadline
 * (Server.RequestTimeout): reap() replaces them, the others keep
 * serving.  The request is logged with its route and client.
 */
static void
enforce_deadlines(void)
{
	long long now = scoreboard_now_ms();
	struct score s;
	int i;

	for (i = 0; i < nchildren; i++) {
		if (children[i].pid <= 0 || !scoreboard_overdue(i, now, &s))
			continue;
		if (!scoreboard_same(i, s.seq) || children[i].killed == s.seq)
			continue; /* it just finished, or is dying */
		children[i].killed = s.seq;
		log_error("worker %d: %s %s (route %s) from %s still running "
		          "after %lld s, past its deadline: killed, a new "
		          "worker replaces it",
		    (int)children[i].pid, s.method, s.path,
		    s.route[0] ? s.route : "?", s.client[0] ? s.client : "?",
		    (now - s.started_ms) / 1000);
		kill(children[i].pid, SIGKILL);
	}
}

static void
signal_all(int sig, unsigned gen)
{
	int i;

	for (i = 0; i < nchildren; i++)
		if (children[i].pid > 0 && (gen == 0 || children[i].gen == gen))
			kill(children[i].pid, sig);
}

static void
reload(int listen_fd, const char *config_path)
{
	struct fm_config *fresh;
	NEOERR *err;
	unsigned old = generation;
	int i;

	err = config_load(config_path, &fresh);
	if (err == STATUS_OK)
		err = tmpl_check_all(fresh->templates);
	if (err != STATUS_OK) {
		log_neoerr("reload refused, keeping the running configuration",
		    err);
		if (fresh != NULL)
			config_free(fresh);
		return;
	}
	if (strcmp(fresh->socket, g_cfg->socket))
		log_warn("Server.Socket changed: restart focusd to apply it");
	config_free(g_cfg);
	g_cfg = fresh;
	/* The helper opens the body folder of the new configuration. */
	bodyfile_restart();
	generation++;
	for (i = 0; i < g_cfg->workers; i++)
		spawn(listen_fd);
	signal_all(SIGTERM, old);
	log_info("configuration and templates reloaded, %d workers",
	    g_cfg->workers);
}

int
master_run(int listen_fd, const char *config_path)
{
	struct sigaction sa;
	sigset_t block, old;
	time_t deadline;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);

	if (!scoreboard_init())
		log_error("no shared memory for the scoreboard: requests have "
		          "no deadline");
	if (!metrics_init())
		log_error("no shared memory for the metrics: /metrics shows "
		          "no request counters");
	for (i = 0; i < g_cfg->workers; i++)
		spawn(listen_fd);
	{
		/* Deadlines are checked every second. */
		struct itimerval tick = { { 1, 0 }, { 1, 0 } };

		setitimer(ITIMER_REAL, &tick, NULL);
	}
	log_info("focusd %s started: %d workers on %s", PACKAGE_VERSION,
	    g_cfg->workers, g_cfg->socket);
	/* systemd (Type=notify, docs/operations.md "systemd"): ready once
	 * the workers are forked; WATCHDOG=1 at each tick while workers of
	 * the current generation live.  Without systemd these do nothing. */
	sd_notifyf(0, "READY=1\nSTATUS=%d workers", g_cfg->workers);

	while (!got_term) {
		sigsuspend(&old);
		if (got_chld) {
			got_chld = 0;
			reap(listen_fd, false);
		}
		if (got_hup) {
			got_hup = 0;
			sd_notify(0, "RELOADING=1");
			reload(listen_fd, config_path);
			sd_notify(0, "READY=1");
		}
		if (got_alrm) {
			got_alrm = 0;
			enforce_deadlines();
			if (live_count(generation) > 0)
				sd_notify(0, "WATCHDOG=1");
		}
	}

	sd_notify(0, "STOPPING=1");
	bodyfile_stop();
	log_info("stopping: letting %d workers finish", live_count(0));
	signal_all(SIGTERM, 0);
	deadline = time(NULL) + g_cfg->shutdown_timeout;
	while (live_count(0) > 0 && time(NULL) < deadline) {
		struct timespec ts = { 0, 50000000L };

		nanosleep(&ts, NULL);
		reap(listen_fd, true);
	}
	if (live_count(0) > 0) {
		log_warn("killing %d workers still busy", live_count(0));
		signal_all(SIGKILL, 0);
		while (waitpid(-1, NULL, 0) > 0)
			;
	}
	free(children);
	return 0;
}
