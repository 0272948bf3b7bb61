/*
 * tool.h - what the central server's command-line programs (tools/fm_*.c)
 * do alike: their name in messages, the options before the verb
 * (-c/--config FILE, -h/--help), the configuration file, the database
 * connection, and how an error is reported ("fm-mail: what: why" on
 * stderr).  Exit statuses: 0 done, 1 failed, 2 usage error.
 */
#ifndef FM_TOOL_H
#define FM_TOOL_H

#include "fm.h"

#include <stdio.h>

#define TOOL_DEFAULT_CONFIG "/etc/focusmanager/focusd.conf"

/* The program's name ("fm-mail") and its usage text, for every message. */
void tool_init(const char *name, void (*usage)(FILE *));

/* The program's name given to tool_init. */
const char *tool_name(void);

/*
 * Parses the options before the verb (-c FILE, -h) and leaves optind at
 * the verb.  Returns -1 to go on, or the exit status: 0 after -h (usage
 * on stdout), 2 after a bad option or no verb (usage on stderr).
 */
int tool_start(int argc, char **argv);

/* The file given with -c (or set by the program), or the default. */
const char *tool_config_path(void);
void tool_set_config(const char *path);

/* Prints the usage on stderr; returns 2, the usage error's status. */
int tool_usage_error(void);

/*
 * Reads the configuration file into g_cfg.  0, or 1 after saying which
 * key is wrong.
 */
int tool_config(void);

/*
 * tool_config, then the database connection (application_name: the
 * program's name; the site's time zone).  0, or 1 after the message.
 */
int tool_connect(void);

/* Closes the connection and frees the configuration. */
void tool_end(void);

/*
 * Reports err, the database's own message first when there is one, as
 * "name: what: message"; frees err.  Returns 1 (0 when err is
 * STATUS_OK).
 */
int tool_fail(NEOERR *err, const char *what);

#endif
