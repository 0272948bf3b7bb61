/*
 * ffcmd.h - the ffmpeg command lines fm-box runs, built from the
 * configuration (pure functions: the unit tests check them).
 *
 * Recording: one encode; the MP4 is written as fragmented MP4 (a
 * fragment per second) so that whatever kills ffmpeg or the box leaves a
 * playable file up to the last fragment.  With live, the tee muxer also
 * sends the same packets as MPEG-TS to a loopback UDP port, where a
 * second ffmpeg (the relay, -c copy) pushes them to the RTMP server: the
 * encoder never waits on the network, so a live failure cannot stall or
 * damage the recording (docs/box.md explains why not tee + RTMP).
 */
#ifndef FM_FFCMD_H
#define FM_FFCMD_H

#include "argv.h"
#include "boxconf.h"

/* Records to part_path; udp_port > 0 adds the live feed to the relay. */
void ffcmd_record(const struct box_config *c, const char *part_path,
    int udp_port, struct argv *a);

/* Relays the loopback feed on udp_port to rtmp_url (".../app/key"). */
void ffcmd_relay(const struct box_config *c, int udp_port, const char *rtmp_url,
    struct argv *a);

/* Joins the parts listed in list_path (concat demuxer) into out. */
void ffcmd_join(const struct box_config *c, const char *list_path,
    const char *out, struct argv *a);

/*
 * MP3s of a recording: stereo (NULL to skip), room (left) and
 * translation (right) mono files (both NULL to skip), in one pass.
 */
void ffcmd_mp3(const struct box_config *c, const char *in, const char *stereo,
    const char *room, const char *trad, struct argv *a);

/* An extra format: Encode.Extra.N.Args applied to in, written to out. */
void ffcmd_extra(const struct box_config *c, const struct box_extra *x,
    const char *in, const char *out, struct argv *a);

#endif
