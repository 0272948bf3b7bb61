/*
 * boxconf.h - fm-box's configuration file (HDF syntax like focusd.conf;
 * every key is described in docs/box.md and box/fm-box.conf.example).
 */
#ifndef FM_BOXCONF_H
#define FM_BOXCONF_H

#include "fm.h"

#define BOX_MAX_EXTRA 4

/* One extra output format made after a recording (Encode.Extra.N). */
struct box_extra {
	const char *name; /* a word: also the file suffix before the dot */
	const char *ext;  /* file extension, "webm" */
	const char *args; /* ffmpeg output options, split on spaces */
};

struct box_config {
	HDF *hdf;
	char *path;
	/* the central server */
	const char *central_url; /* Central.URL, no trailing slash */
	char *token;         /* Box.Token or the first line of Box.TokenFile */
	int central_timeout; /* Central.Timeout, seconds */
	const char *room;    /* Box.Room: for the logs; central knows it */
	const char *version; /* reported in heartbeats */
	/* folders */
	const char *
	    state_dir; /* Paths.State (Paths.Data/state): cache, spool, recordings */
	const char *media_dir; /* Paths.Media (Paths.Data/media): the files */
	char state_buf[512], media_buf[512];
	const char *ffmpeg; /* FFmpeg.Path */
	/* input */
	const char
	    *input_kind; /* Input.Kind: lavfi, v4l2, dv, decklink, custom */
	const char *input_video; /* Input.Video: /dev/video0, a DeckLink name */
	const char *input_audio; /* Input.Audio: ALSA device, "" for none */
	const char *input_args;  /* Input.Args for Kind = custom */
	const char *input_size;  /* Input.Size, lavfi and v4l2: 720x576 */
	int input_rate;          /* Input.Rate, frames per second */
	int tone_left, tone_right; /* Input.ToneLeft/Right, lavfi: Hz */
	/* preset */
	const char *preset;        /* Recording.Preset: SD or HD */
	const char *video_bitrate; /* Presets.<P>.VideoBitrate: 1500k */
	const char *video_size;    /* Presets.<P>.Size, "" keeps the input's */
	const char *audio_bitrate; /* Presets.<P>.AudioBitrate: 128k */
	const char *x264_preset;   /* Presets.<P>.X264Preset: veryfast */
	/* recording */
	int preroll;       /* Recording.PreRoll, seconds before start */
	int keyframe_secs; /* Recording.KeyframeSeconds = HLS fragment */
	int restart_delay; /* Recording.RestartDelay, seconds */
	int sync_secs;     /* Recording.SyncSeconds: fdatasync period */
	int min_free_mb;   /* Recording.MinFreeMB: warn (state error) below */
	/* live */
	const char *
	    live_url; /* Live.URL: rtmp://central/live (schedule may override) */
	int relay_port; /* Live.RelayPort: loopback UDP between the encoder and the relay */
	/* timers */
	int schedule_every;  /* Schedule.Interval, seconds */
	int heartbeat_every; /* Heartbeat.Interval, seconds */
	/* after a recording */
	int only_when_idle; /* Encode.OnlyWhenIdle */
	int mono_deadline;  /* Encode.MonoDeadline, seconds after the end */
	const char *mp3_bitrate; /* Encode.Mp3Bitrate: 128k */
	int nice;                /* Encode.Nice */
	struct box_extra extra[BOX_MAX_EXTRA];
	int nextra;
	/* local downloads */
	const char *http_listen; /* Http.Listen: address:port, "" = off */
	const char *http_allow;  /* Http.Allow: CIDR list of client networks */
	const char
	    *http_public;  /* Http.PublicURL: as browsers on site reach it */
	int http_max_days; /* Http.MaxAgeDays: files older are refused */
	char link_key[65]; /* derived from the token (fcgi/linksign.h) */
	int use_syslog;    /* Log.Syslog */
};

/*
 * Reads and checks the file at path; on error nothing is allocated and
 * the NEOERR names the bad key.  Folders are created when missing.
 */
NEOERR *boxconf_load(const char *path, struct box_config **out);

/*
 * The same checks on the text of a configuration, touching no file: no
 * folder is made, Box.TokenFile is not read (t/fuzz/boxconf.c fuzzes
 * the parser through it).
 */
NEOERR *boxconf_parse(const char *text, struct box_config **out);
void boxconf_free(struct box_config *c);

#endif
