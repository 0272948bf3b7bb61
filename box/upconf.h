/*
 * upconf.h - fm-upload's keys of the box's configuration file (Upload.*,
 * docs/upload.md): when it may send, how fast, in what chunks, and how
 * long the box keeps a file once the central server verified it.
 */
#ifndef FM_UPCONF_H
#define FM_UPCONF_H

#include "fm.h"

#include <stdbool.h>

#define UPLOAD_MAX_WINDOWS 8

struct upload_config {
	/* Upload.Windows: minutes after midnight (local time), [start, end);
	 * a window may run past midnight (end < start).  None: always. */
	int window[UPLOAD_MAX_WINDOWS][2];
	int nwindows;
	long long max_bps;     /* Upload.MaxKbps in bytes/s, 0: no cap */
	long long max_bps_rec; /* Upload.MaxKbpsWhileRecording, bytes/s */
	int retention_days;    /* Upload.RetentionDays */
	long long chunk;       /* Upload.ChunkKB in bytes */
	int stall_secs;        /* Upload.StallSeconds */
	int finish_timeout;    /* Upload.FinishTimeout, seconds */
};

/* Reads the Upload.* keys of hdf; the NEOERR names a bad key. */
NEOERR *upconf_load(HDF *hdf, struct upload_config *u);

/* Parses "always", or "HH:MM-HH:MM" windows separated by spaces or
 * commas; false with a reason in err on a bad value. */
bool upconf_parse_windows(const char *text, struct upload_config *u, char *err,
    size_t errlen);

/* True when minute (0..1439 after local midnight) is in a window. */
bool upconf_in_window(const struct upload_config *u, int minute);

/* The cap in bytes/s, recording or not (0: none). */
long long upconf_cap(const struct upload_config *u, bool recording);

#endif
