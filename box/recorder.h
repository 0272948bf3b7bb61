/*
 * recorder.h - records the reservations of the schedule: starts ffmpeg
 * at start - pre-roll, restarts it within seconds if it dies while the
 * reservation runs (each run writes one part), stops it at end +
 * overtime, joins the parts, reports to the central server through the
 * spool, and hands the recording to the encoder for the MP3s.
 *
 * State lives in <Paths.State>/recordings/<key>.json, so that fm-box
 * restarted after a crash resumes a running recording (as a new part)
 * or finishes one whose reservation has ended.
 */
#ifndef FM_RECORDER_H
#define FM_RECORDER_H

#include "boxconf.h"
#include "boxstate.h"
#include "schedule.h"

#include <stdbool.h>
#include <time.h>

/* Picks up any recording a previous run left unfinished. */
void recorder_init(const struct box_config *c);

/* Does what the schedule asks at now; call a few times a second. */
void recorder_tick(const struct schedule *s, time_t now);

/* True while a recording runs (the encoder then waits, when told to). */
bool recorder_busy(void);

/* Fills the recording part of the heartbeat. */
void recorder_status(struct box_status *st);

/*
 * fm-box is stopping: ffmpeg closes its part; the recording stays
 * "recording" so the next start resumes it.
 */
void recorder_shutdown(void);

#endif
