/*
 * upconf.c - see upconf.h.
 */
#include "upconf.h"
#include "confread.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "HH:MM" at *p: minutes, or -1. */
static int
clock_minutes(const char **p)
{
	const char *s = *p;
	int h, m;

	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != ':' || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	*p = s + 5;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

bool
upconf_parse_windows(const char *text, struct upload_config *u, char *err,
    size_t errlen)
{
	const char *p = text ? text : "";
	int a, b;

	u->nwindows = 0;
	while (*p == ' ' || *p == ',' || *p == '\t')
		p++;
	if (*p == '\0' || !strcmp(p, "always"))
		return true;
	while (*p) {
		a = clock_minutes(&p);
		if (a < 0 || *p++ != '-' || (b = clock_minutes(&p)) < 0 ||
		    (*p && *p != ' ' && *p != ',' && *p != '\t')) {
			snprintf(err, errlen,
			    "\"%s\": windows look like "
			    "20:00-07:00 (several separated by spaces), or "
			    "always",
			    text);
			return false;
		}
		if (a == b || (a == 0 && b == 1440)) {
			snprintf(err, errlen,
			    "\"%s\": a window of no time or "
			    "of the whole day: write always",
			    text);
			return false;
		}
		if (u->nwindows == UPLOAD_MAX_WINDOWS) {
			snprintf(err, errlen, "at most %d windows",
			    UPLOAD_MAX_WINDOWS);
			return false;
		}
		u->window[u->nwindows][0] = a % 1440;
		u->window[u->nwindows][1] = b % 1440;
		u->nwindows++;
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
	}
	return true;
}

bool
upconf_in_window(const struct upload_config *u, int minute)
{
	int i, a, b;

	if (u->nwindows == 0)
		return true;
	for (i = 0; i < u->nwindows; i++) {
		a = u->window[i][0];
		b = u->window[i][1];
		if (a < b ? (minute >= a && minute < b)
		          : (minute >= a || minute < b))
			return true;
	}
	return false;
}

long long
upconf_cap(const struct upload_config *u, bool recording)
{
	if (recording && u->max_bps_rec > 0 &&
	    (u->max_bps == 0 || u->max_bps_rec < u->max_bps))
		return u->max_bps_rec;
	return u->max_bps;
}

NEOERR *
upconf_load(HDF *h, struct upload_config *u)
{
	char err[200];
	long long v;
	NEOERR *e;

	memset(u, 0, sizeof(*u));
	if (!upconf_parse_windows(hdf_get_value(h, "Upload.Windows", NULL), u,
	        err, sizeof(err)))
		return nerr_raise(NERR_PARSE, "Upload.Windows = %s", err);
	/* kbit/s as network people count, to bytes/s for libcurl */
	if ((e = conf_num(h, "Upload.MaxKbps", 0, 0, 100000000, &v)))
		return nerr_pass(e);
	u->max_bps = v * 1000 / 8;
	if ((e = conf_num(h, "Upload.MaxKbpsWhileRecording", 2000, 0, 100000000,
	         &v)))
		return nerr_pass(e);
	u->max_bps_rec = v * 1000 / 8;
	if ((e = conf_num(h, "Upload.RetentionDays", 7, 0, 3650, &v)))
		return nerr_pass(e);
	u->retention_days = (int)v;
	if ((e = conf_num(h, "Upload.ChunkKB", 16384, 16, 65536, &v)))
		return nerr_pass(e);
	u->chunk = v * 1024;
	if ((e = conf_num(h, "Upload.StallSeconds", 60, 5, 3600, &v)))
		return nerr_pass(e);
	u->stall_secs = (int)v;
	if ((e = conf_num(h, "Upload.FinishTimeout", 600, 10, 86400, &v)))
		return nerr_pass(e);
	u->finish_timeout = (int)v;
	return STATUS_OK;
}
