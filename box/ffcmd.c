/*
 * ffcmd.c - ffmpeg command lines (see ffcmd.h for the design).
 */
#include "ffcmd.h"

#include <string.h>

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

/* Options every run shares: quiet log, progress as key=value on stdout. */
static void
common(const struct box_config *c, struct argv *a)
{
	argv_add(a, c->ffmpeg, "-hide_banner", "-nostdin", "-loglevel",
	    "warning", "-nostats", "-progress", "pipe:1", NULL);
}

/* The input part of the command; *amap is the audio stream to map. */
static void
input(const struct box_config *c, struct argv *a, const char **amap)
{
	const char *k = c->input_kind;
	const char *size = *c->input_size ? c->input_size
	    : *c->video_size              ? c->video_size
	                                  : "720x576";

	*amap = "0:a:0";
	if (!strcmp(k, "lavfi")) {
		/* A test card with a burnt-in clock, and a tone of its own
		 * pitch on each channel: left = room, right = translation. */
		argv_add(a, "-re", "-f", "lavfi", "-i", NULL);
		argv_addf(a,
		    "testsrc2=size=%s:rate=%d,"
		    "drawtext=fontfile=" FONT ":text='%%{localtime}':"
		    "x=10:y=10:fontsize=h/12:fontcolor=white:box=1:"
		    "boxcolor=black@0.6[out0];"
		    "sine=f=%d:sample_rate=48000[l];"
		    "sine=f=%d:sample_rate=48000[r];"
		    "[l][r]join=inputs=2:channel_layout=stereo[out1]",
		    size, c->input_rate, c->tone_left, c->tone_right);
		return;
	}
	if (!strcmp(k, "custom")) {
		argv_split(a, c->input_args);
		*amap = hdf_get_value(c->hdf, "Input.AudioMap", "0:a:0");
		return;
	}
	argv_add(a, "-thread_queue_size", "1024", NULL);
	if (!strcmp(k, "v4l2")) {
		argv_add(a, "-f", "v4l2", NULL);
		argv_addf(a, "-framerate");
		argv_addf(a, "%d", c->input_rate);
		if (*c->input_size)
			argv_add(a, "-video_size", c->input_size, NULL);
		argv_add(a, "-i", c->input_video, NULL);
	} else if (!strcmp(k, "dv")) {
		/* FireWire DV: the converter box sends picture and sound. */
		argv_add(a, "-f", "iec61883", "-i", c->input_video, NULL);
	} else { /* decklink */
		argv_add(a, "-f", "decklink", "-channels", "2", "-i",
		    c->input_video, NULL);
	}
	if (*c->input_audio) {
		/* Separate sound card: a stereo pair, room left and
		 * translation right. */
		argv_add(a, "-thread_queue_size", "1024", "-f", "alsa",
		    "-channels", "2", "-sample_rate", "48000", "-i",
		    c->input_audio, NULL);
		*amap = "1:a:0";
	}
}

void
ffcmd_record(const struct box_config *c, const char *part_path, int udp_port,
    struct argv *a)
{
	const char *amap;
	int gop = c->input_rate * c->keyframe_secs;
	const char *mp4_flags = "+frag_keyframe+empty_moov+default_base_moof";
	char vf[256] = "";
	unsigned w, h;

	common(c, a);
	input(c, a, &amap);
	if (hdf_get_int_value(c->hdf, "Input.Deinterlace", 0))
		strcat(vf, "yadif,");
	if (*c->video_size && sscanf(c->video_size, "%ux%u", &w, &h) == 2)
		snprintf(vf + strlen(vf), sizeof(vf) - strlen(vf),
		    "scale=%u:%u,", w, h);
	argv_add(a, "-map", "0:v:0", "-map", amap, NULL);
	if (*vf) {
		vf[strlen(vf) - 1] = '\0';
		argv_add(a, "-vf", vf, NULL);
	}
	/* Constant keyframe interval = the HLS fragment length, so the live
	 * server cuts fragments on time; also the granularity of a join. */
	argv_add(a, "-c:v", "libx264", "-preset", c->x264_preset, "-pix_fmt",
	    "yuv420p", "-b:v", c->video_bitrate, "-maxrate", c->video_bitrate,
	    NULL);
	argv_addf(a, "-bufsize");
	argv_addf(a, "%s", c->video_bitrate);
	argv_addf(a, "-g");
	argv_addf(a, "%d", gop);
	argv_addf(a, "-keyint_min");
	argv_addf(a, "%d", gop);
	argv_add(a, "-sc_threshold", "0", NULL);
	/* ... and by the clock too: -g counts frames, and a source that
	 * gives fewer frames than its rate (a loaded machine, a capture that
	 * drops) would stretch the GOP, so the live's fragments and delay. */
	argv_addf(a, "-force_key_frames");
	argv_addf(a, "expr:gte(t,n_forced*%d)", c->keyframe_secs);
	argv_add(a, "-c:a", "aac", "-b:a", c->audio_bitrate, "-ar", "48000",
	    "-ac", "2", NULL);
	if (udp_port <= 0) {
		argv_add(a, "-f", "mp4", "-movflags", mp4_flags,
		    "-frag_duration", "1000000", "-flush_packets", "1", "-y",
		    part_path, NULL);
		return;
	}
	/* The tee needs global headers for MP4; repeat-headers keeps
	 * SPS/PPS in the stream too, so the relay can start anywhere. */
	argv_add(a, "-x264-params", "repeat-headers=1", "-flags",
	    "+global_header", "-f", "tee", NULL);
	argv_addf(a,
	    "[f=mp4:movflags=%s:frag_duration=1000000:flush_packets=1]%s|"
	    "[f=mpegts:onfail=ignore]udp://127.0.0.1:%d?pkt_size=1316",
	    mp4_flags, part_path, udp_port);
}

void
ffcmd_relay(const struct box_config *c, int udp_port, const char *rtmp_url,
    struct argv *a)
{
	common(c, a);
	argv_add(a, "-probesize", "1000000", "-analyzeduration", "2000000",
	    "-f", "mpegts", "-i", NULL);
	/* timeout: exit when the encoder stops feeding (microseconds). */
	argv_addf(a,
	    "udp://127.0.0.1:%d?fifo_size=262144&overrun_nonfatal=1"
	    "&timeout=10000000",
	    udp_port);
	argv_add(a, "-map", "0", "-c", "copy", "-f", "flv", rtmp_url, NULL);
}

void
ffcmd_join(const struct box_config *c, const char *list_path, const char *out,
    struct argv *a)
{
	common(c, a);
	/* A power cut can leave half a fragment at the end of a part: drop
	 * that packet (discardcorrupt) instead of letting the H.264 filter
	 * that auto_convert inserts fail on it and end the join early. */
	argv_add(a, "-fflags", "+discardcorrupt", "-f", "concat", "-safe", "0",
	    "-auto_convert", "0", "-i", list_path, "-map", "0", "-c", "copy",
	    "-movflags", "+faststart", "-f", "mp4", "-y", out, NULL);
}

void
ffcmd_mp3(const struct box_config *c, const char *in, const char *stereo,
    const char *room, const char *trad, struct argv *a)
{
	const char *mono = hdf_get_value(c->hdf, "Encode.Mp3MonoBitrate",
	    "64k");

	common(c, a);
	argv_add(a, "-i", in, NULL);
	if (room != NULL && trad != NULL) {
		/* pan, not channelsplit: libmp3lame refuses channelsplit's
		 * layouts and would silently write two-channel files. */
		argv_add(a, "-filter_complex",
		    stereo != NULL
		        ? "[0:a:0]asplit=3[s][a][b];[a]pan=mono|c0=c0[l];"
		          "[b]pan=mono|c0=c1[r]"
		        : "[0:a:0]asplit=2[a][b];[a]pan=mono|c0=c0[l];"
		          "[b]pan=mono|c0=c1[r]",
		    NULL);
		if (stereo != NULL)
			argv_add(a, "-map", "[s]", "-c:a", "libmp3lame", "-b:a",
			    c->mp3_bitrate, "-f", "mp3", "-y", stereo, NULL);
		argv_add(a, "-map", "[l]", "-c:a", "libmp3lame", "-b:a", mono,
		    "-f", "mp3", "-y", room, NULL);
		argv_add(a, "-map", "[r]", "-c:a", "libmp3lame", "-b:a", mono,
		    "-f", "mp3", "-y", trad, NULL);
		return;
	}
	argv_add(a, "-map", "0:a:0", "-c:a", "libmp3lame", "-b:a",
	    c->mp3_bitrate, "-ac", "2", "-f", "mp3", "-y", stereo, NULL);
}

void
ffcmd_extra(const struct box_config *c, const struct box_extra *x,
    const char *in, const char *out, struct argv *a)
{
	common(c, a);
	argv_add(a, "-i", in, NULL);
	argv_split(a, x->args);
	argv_add(a, "-y", out, NULL);
}
