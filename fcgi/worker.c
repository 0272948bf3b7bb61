/*
 * worker.c - the worker loop.
 *
 * SIGTERM is blocked while a request is served and unblocked only
 * around accept: a worker asked to stop finishes the request in flight,
 * then the pending signal ends it before it takes another.
 */
#include "worker.h"
#include "conf.h"
#include "db.h"
#include "dispatch.h"
#include "errors.h"
#include "log.h"
#include "tmpl.h"

#include <fcgiapp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
on_term(int sig)
{
	(void)sig;
	_exit(0);
}

void
worker_run(int listen_fd)
{
	FCGX_Request req;
	struct sigaction sa;
	sigset_t term, none;
	NEOERR *err;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);  /* the master stops us with TERM */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &term, NULL);

	err = tmpl_init(g_cfg->templates);
	if (err != STATUS_OK) {
		log_neoerr("loading templates", err);
		_exit(2);
	}
	db_open(g_cfg->conninfo, "focusd",
	    config_str("Site.TimeZone", "Europe/Paris"));
	FCGX_InitRequest(&req, listen_fd, 0);
	for (;;) {
		int rc;

		sigprocmask(SIG_SETMASK, &none, NULL);
		rc = FCGX_Accept_r(&req);
		sigprocmask(SIG_SETMASK, &term, NULL);
		if (rc < 0) {
			log_error("accept failed (%d)", rc);
			break;
		}
		dispatch(&req);
		FCGX_Finish_r(&req);
	}
	db_close();
	tmpl_shutdown();
	_exit(1);
}
