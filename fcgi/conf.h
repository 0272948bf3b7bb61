/*
 * conf.h - focusd's configuration file (HDF syntax, see
 * docs/configuration.md), loaded once by the master and inherited by the
 * workers it forks.
 */
#ifndef FM_CONF_H
#define FM_CONF_H

#include "fm.h"

struct fm_config {
	HDF *hdf;                 /* the whole file, for modules' own keys */
	char *path;               /* where it was read from */
	const char *conninfo;     /* Database.ConnInfo */
	const char *socket;       /* Server.Socket */
	int socket_mode;          /* Server.SocketMode (octal) */
	int workers;              /* Server.Workers */
	int shutdown_timeout;     /* Server.ShutdownTimeout, seconds */
	int request_timeout;      /* Server.RequestTimeout: a worker busy on
				 * one request longer is killed, seconds */
	int long_request_timeout; /* Server.LongRequestTimeout: the same for
				   * routes flagged R_SLOW (exports...) */
	const char *templates;    /* Paths.Templates */
	const char *data_dir;     /* Paths.Data */
	const char *upload_tmp;   /* Paths.UploadTmp */
	char *media_dir;          /* Paths.Media (default Paths.Data/media) */
	const char *base_url;     /* Site.BaseURL, used in mails and links */
	int session_idle;         /* Session.IdleMinutes, in seconds */
	int session_max;          /* Session.MaxHours, in seconds */
	int secure_cookies; /* Session.SecureCookies: 1 always, 0 on HTTPS only */
	long max_body;      /* Limits.MaxBodyMB, in bytes: routes that take
			     * files (R_UPLOAD) */
	long max_upload;    /* Files.MaxUploadMB, in bytes (<= max_body) */
	long form_body;     /* Limits.FormKB, in bytes: bodies of routes that
			     * take no file */
	int max_fields;     /* Limits.MaxFields: fields in one body */
	int use_syslog;     /* Log.Syslog */
	int access_log;     /* Log.Access */
};

/* The configuration in force in this process (set by config_load). */
extern struct fm_config *g_cfg;

/*
 * Reads and checks the file at path.  On success *out holds a new
 * configuration; on error nothing is allocated and the NEOERR says which
 * key is wrong and why.
 */
NEOERR *config_load(const char *path, struct fm_config **out);

void config_free(struct fm_config *cfg);

/* A key of the file, or def when missing or empty. */
const char *config_str(const char *key, const char *def);
int config_int(const char *key, int def);

#endif
