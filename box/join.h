/*
 * join.h - turning a recording's parts into its MP4, once it stopped:
 * concat without re-encoding, a sanity check on the length, the parts
 * removed, the file reported.  Run by the encoder's first slot, apart
 * from the recorder, so that the next reservation starts on time even
 * while a long recording is being joined.
 */
#ifndef FM_JOIN_H
#define FM_JOIN_H

#include "boxconf.h"
#include "proc.h"
#include "recinfo.h"

/*
 * Starts ffmpeg joining ri's parts into p.  Returns -1 when there is no
 * part worth joining or ffmpeg could not start: ri is then marked
 * failed (and saved).
 */
int join_start(const struct box_config *c, struct recinfo *ri, struct proc *p);

/*
 * After p ended: puts the MP4 in place and reports it (ri done), or
 * keeps the parts and reports them (ri failed).  Saves ri.  Returns true
 * when the MP4 is there.
 */
bool join_finish(const struct box_config *c, struct recinfo *ri,
    struct proc *p);

/* Removes the parts of ri (a live-only recording, or once joined). */
void join_remove_parts(const struct box_config *c, const struct recinfo *ri);

/* Seconds ri's parts ran by the clock: what the join should give back. */
double join_parts_seconds(const struct recinfo *ri);

#endif
