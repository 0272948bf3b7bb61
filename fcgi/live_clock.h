/*
 * live_clock.h - the wall clock of a live stream's picture (docs/live.md,
 * "The picture's moment").  nginx-rtmp writes no EXT-X-PROGRAM-DATE-TIME,
 * so focusd reads it from the HLS files themselves: a fragment is closed
 * (its last write, its mtime) when the keyframe that opens the next one
 * arrives, and that keyframe's PTS is in the next fragment's first
 * packets.  anchor = mtime(fragment n) - PTS(first frame of n+1): the
 * wall clock of any PTS of that push is anchor + PTS.  The live page
 * adds the PTS of the frame it shows (hls.js: its initPTS + currentTime).
 */
#ifndef FM_LIVE_CLOCK_H
#define FM_LIVE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * For reservation resv's HLS folder (Live.HLSPath/r<resv>/): *anchor_ms,
 * the Unix time in milliseconds of PTS 0 (PTS in 90 kHz / 90 = ms), and
 * *edge_ms, the wall clock of the newest fragment's end (the playlist's
 * live edge) and *edge_pts_ms, the stream time (PTS / 90) of that edge:
 * for players that do not tell the PTS.  False when the
 * folder has fewer than two fragments or cannot be read.  Kept per
 * process for a second.
 */
bool live_clock(long long resv, long long *anchor_ms, long long *edge_ms,
    long long *edge_pts_ms);

/* The first video PTS (90 kHz) of an MPEG-TS file's first len bytes in
 * buf, or -1 (exported for the unit tests). */
long long live_clock_ts_pts(const unsigned char *buf, size_t len);

#endif
