/*
 * fm_media_clips.h - `fm-media clips`: the job runner of clips and reels.
 */
#ifndef FM_MEDIA_CLIPS_H
#define FM_MEDIA_CLIPS_H

#include <stdbool.h>

/* Works through the due jobs; with once, returns when none is left
 * (0), else runs until SIGTERM.  1 when the database fails with once. */
int clips_run(bool once);

#endif
