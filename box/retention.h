/*
 * retention.h - when the box deletes its copy of a file (docs/upload.md):
 * only once the central server verified it, Upload.RetentionDays after
 * that (kept for downloads on the site meanwhile), and never while
 * fm-box still has work on its recording (an MP3 or an extra format to
 * make from the MP4).
 */
#ifndef FM_RETENTION_H
#define FM_RETENTION_H

#include "boxconf.h"
#include "finished.h"
#include "recinfo.h"

#include <stdbool.h>
#include <time.h>

/* True when a file with this upload state may be deleted at now. */
bool retention_due(const struct upstate *s, int days, time_t now);

/* True when fm-box has nothing left to do on the recording (its state
 * file says done, every output made, or failed; or it is gone). */
bool retention_recording_idle(const struct recinfo *ri, bool found, int nextra);

/* True when any recording is being recorded now (state "recording"). */
bool retention_recording_now(const struct box_config *c);

/*
 * Once a recording's media folder is empty: removes the folder, fm-box's
 * state file of the recording and its logs.
 */
void retention_tidy(const struct box_config *c, const char *key);

#endif
