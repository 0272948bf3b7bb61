/*
 * worker.c - the worker loop.
 *
 * SIGTERM is blocked while a request is served and unblocked only
 * around accept: a worker asked to stop finishes the request in flight,
 * then the pending signal ends it before it takes another.
 */
#include "worker.h"
#include "bodyfile.h"
#include "conf.h"
#include "db/db.h"
#include "dispatch.h"
#include "errors.h"
#include "log.h"
#include "tmpl.h"

#include <fastcgi.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void
on_term(int sig)
{
	(void)sig;
	_exit(0);
}

/*
 * libfcgi writes its output in 8 KB records, so a 40 KB page took five
 * writes and as many wakeups of nginx.  A writer with a buffer of one
 * full FastCGI record (64 KB) sends most pages in one.  FCGX_Finish_r
 * flushes, closes and frees it like the one it replaces.
 */
static void
wide_output(FCGX_Request *req)
{
	FCGX_Stream *wide;

	wide = FCGX_CreateWriter(req->ipcFd, req->requestId, 65536,
	    FCGI_STDOUT);
	if (wide == NULL)
		return;
	FCGX_FreeStream(&req->out);
	req->out = wide;
}

/*
 * libfcgi closes a connection "lingering": it shuts down its side and
 * waits in poll() until nginx closes too, so that unread input cannot
 * make a TCP stack answer with a reset that loses the response.  On a
 * Unix socket the response is in nginx's queue once written, and the
 * wait only kept the worker from the next request (about a tenth of a
 * worker's time on the companies list, bench/http.sh).  When the
 * request's input was read to its end there is nothing to reset: close
 * at once.  A body left unread (a refused upload) keeps the lingering
 * close, which drains it.
 */
static bool
input_read_to_end(FCGX_Request *req)
{
	const char *len = FCGX_GetParam("CONTENT_LENGTH", req->envp);
	char c;

	if (FCGX_HasSeenEOF(req->in))
		return true;
	if (len != NULL && *len != '\0' && strcmp(len, "0") != 0)
		return false;
	/* No body: the empty stdin record came with the parameters. */
	return FCGX_GetStr(&c, 1, req->in) == 0 && FCGX_HasSeenEOF(req->in);
}

static bool
is_unix_socket(int fd)
{
	struct sockaddr_storage sa;
	socklen_t n = sizeof(sa);

	return getsockname(fd, (struct sockaddr *)&sa, &n) == 0 &&
	    sa.ss_family == AF_UNIX;
}

void
worker_run(int listen_fd)
{
	bool quick_close = is_unix_socket(listen_fd);
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
	sigaction(SIGINT, &sa, NULL); /* the master stops us with TERM */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	/* A worker parses what the internet sends: no capability, ever
	 * (nginx's body files are opened by the helper, bodyfile.h). */
	bodyfile_worker();
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &term, NULL);

	/*
	 * Each request builds and frees its HDF tree and page: with glibc's
	 * defaults the freed top of the heap went back to the kernel and the
	 * next request faulted it in again, and pages over 128 KB (the
	 * planning) were mapped and unmapped each time.  A worker keeps up to
	 * 32 MB; only buffers of 8 MB or more (exports) get their own maps.
	 */
	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 8 * 1024 * 1024);
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
		wide_output(&req);
		dispatch(&req);
		if (quick_close && input_read_to_end(&req))
			FCGX_Detach(&req);
		FCGX_Finish_r(&req);
	}
	db_close();
	tmpl_shutdown();
	_exit(1);
}
