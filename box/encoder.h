/*
 * encoder.h - the work after a recording: joining its parts into the
 * MP4 and the stereo MP3 at once, the room and translation mono MP3s
 * within the hour, then the extra formats of the configuration.  With
 * Encode.OnlyWhenIdle, mono and extra jobs wait while a recording runs
 * (and a running one is paused), unless the mono MP3s would miss
 * Encode.MonoDeadline.  When the box is idle, the three MP3s are made in
 * one pass (one decode, like a hand-written ffmpeg command).
 */
#ifndef FM_ENCODER_H
#define FM_ENCODER_H

#include "boxconf.h"
#include "boxstate.h"

#include <stdbool.h>
#include <time.h>

/* Finds the recordings whose files are not all made yet. */
void encoder_init(const struct box_config *c);

/* A recording stopped (to join) or has its MP4: queue its work. */
void encoder_add(const char *key);

/* Starts, pauses, resumes or finishes jobs; recording: a recording runs
 * or is about to. */
void encoder_tick(time_t now, bool recording);

/* Fills the encoding part of the heartbeat. */
void encoder_status(struct box_status *st);

/* Stops the running job (its outputs are redone at the next start). */
void encoder_shutdown(void);

/*
 * The MP3 work of fm-box as a one-shot command (bench/, tests):
 * in.mp4 to outdir/<base>.mp3, -room.mp3 and -trad.mp3 in one pass.
 * Returns 0 when all three were made.
 */
int encoder_run_once(const struct box_config *c, const char *in,
    const char *outdir);

/* Spools a "file" event for rel (in Paths.Media) with its size and
 * SHA-256, after writing its manifest for fm-upload (finished.h). */
void report_file(const struct box_config *c, const char *key, long long resv,
    const char *kind, const char *rel, long long duration_ms);

#endif
