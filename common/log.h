/*
 * log.h - one line per event on stderr (journald or the demo's log file
 * picks it up) or syslog when configured.
 */
#ifndef FM_LOG_H
#define FM_LOG_H

#include "fm.h"

/* Sends later lines to syslog under ident instead of stderr. */
void log_use_syslog(const char *ident);

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Logs a NEOERR traceback with a short context line, then frees it. */
void log_neoerr(const char *context, NEOERR *err);

/* The same in one line for people (a wrong configuration): the messages
 * of the chain, outermost first, without the source locations. */
void log_neoerr_brief(const char *context, NEOERR *err);

#endif
