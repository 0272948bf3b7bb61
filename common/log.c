/*
 * log.c - timestamped lines on stderr, or syslog.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static bool use_syslog;

void
log_use_syslog(const char *ident)
{
	openlog(ident, LOG_PID, LOG_DAEMON);
	use_syslog = true;
}

static void
vlog(int prio, const char *level, const char *fmt, va_list ap)
{
	char line[2048];
	char stamp[32];
	struct timespec ts;
	struct tm tm;

	vsnprintf(line, sizeof(line), fmt, ap);
	if (use_syslog) {
		syslog(prio, "%s", line);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s.%03ldZ [%d] %s%s\n", stamp, ts.tv_nsec / 1000000L,
	    (int)getpid(), level, line);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, "", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, "warning: ", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, "error: ", fmt, ap);
	va_end(ap);
}

void
log_neoerr(const char *context, NEOERR *err)
{
	STRING str;

	if (err == STATUS_OK)
		return;
	string_init(&str);
	nerr_error_traceback(err, &str);
	log_error("%s: %s", context, str.buf ? str.buf : "(no detail)");
	string_clear(&str);
	nerr_ignore(&err);
}

void
log_neoerr_brief(const char *context, NEOERR *err)
{
	char line[1024] = "";
	size_t len = 0;
	NEOERR *e;

	if (err == STATUS_OK)
		return;
	for (e = err; e != NULL && e != INTERNAL_ERR && len < sizeof(line);
	     e = e->next) {
		if (e->desc[0] == '\0')
			continue;
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
		    len ? ": " : "", e->desc);
	}
	log_error("%s: %s", context, line[0] ? line : "(no detail)");
	nerr_ignore(&err);
}
