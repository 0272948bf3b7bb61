/*
 * boxconf.c - load and check fm-box's configuration.
 */
#include "boxconf.h"
#include "confread.h"
#include "linksign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* dry: no file system at all (boxconf_parse): no token file is read and
 * no folder made, their names only are checked. */
static NEOERR *
read_token(struct box_config *c, bool dry)
{
	const char *t = conf_str(c->hdf, "Box.Token", NULL);
	const char *file = conf_str(c->hdf, "Box.TokenFile", NULL);
	char line[256];
	FILE *f;

	if (t == NULL && file != NULL && dry) {
		if (*file != '/')
			return nerr_raise(NERR_PARSE,
			    "Box.TokenFile must be an absolute path");
		t = "dry-run-token-not-read";
	} else if (t == NULL && file != NULL) {
		f = fopen(file, "r");
		if (f == NULL)
			return nerr_raise(NERR_PARSE,
			    "Box.TokenFile = \"%s\": %s", file,
			    strerror(errno));
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		fclose(f);
		line[strcspn(line, "\r\n")] = '\0';
		t = line;
	}
	if (t == NULL || strlen(t) < 16)
		return nerr_raise(NERR_PARSE,
		    "Box.Token (or Box.TokenFile) "
		    "is required: the token shown when the box was registered "
		    "on /boxes");
	if (strspn(t,
	        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "0123456789-_.") != strlen(t))
		return nerr_raise(NERR_PARSE,
		    "Box.Token has characters a "
		    "token never has");
	c->token = strdup(t);
	if (c->token == NULL || !link_key_from_token(c->token, c->link_key))
		return nerr_raise(NERR_NOMEM, "cannot derive the link key");
	return STATUS_OK;
}

static NEOERR *
check_preset(struct box_config *c)
{
	HDF *h = c->hdf;
	char key[96];
	bool hd;

	c->preset = conf_str(h, "Recording.Preset", "SD");
	if (strcmp(c->preset, "SD") && strcmp(c->preset, "HD") &&
	    hdf_get_obj(h, "Presets") == NULL)
		return nerr_raise(NERR_PARSE,
		    "Recording.Preset = \"%s\": SD, HD or a Presets.* block",
		    c->preset);
	hd = !strcmp(c->preset, "HD");
	snprintf(key, sizeof(key), "Presets.%s.VideoBitrate", c->preset);
	c->video_bitrate = conf_str(h, key, hd ? "3000k" : "1500k");
	snprintf(key, sizeof(key), "Presets.%s.Size", c->preset);
	c->video_size = conf_str(h, key, hd ? "1280x720" : "720x576");
	snprintf(key, sizeof(key), "Presets.%s.AudioBitrate", c->preset);
	c->audio_bitrate = conf_str(h, key, "128k");
	snprintf(key, sizeof(key), "Presets.%s.X264Preset", c->preset);
	c->x264_preset = conf_str(h, key, "veryfast");
	if (strspn(c->video_bitrate, "0123456789kM") !=
	        strlen(c->video_bitrate) ||
	    strspn(c->audio_bitrate, "0123456789k") != strlen(c->audio_bitrate))
		return nerr_raise(NERR_PARSE,
		    "preset %s: bitrates look like "
		    "1500k",
		    c->preset);
	if (*c->video_size &&
	    strspn(c->video_size, "0123456789x") != strlen(c->video_size))
		return nerr_raise(NERR_PARSE,
		    "preset %s: Size looks like "
		    "1280x720",
		    c->preset);
	return STATUS_OK;
}

static NEOERR *
check_extra(struct box_config *c)
{
	HDF *node;
	struct box_extra *x;

	for (node = hdf_get_child(c->hdf, "Encode.Extra"); node != NULL;
	     node = hdf_obj_next(node)) {
		if (c->nextra == BOX_MAX_EXTRA)
			return nerr_raise(NERR_PARSE,
			    "Encode.Extra: at most %d formats", BOX_MAX_EXTRA);
		x = &c->extra[c->nextra++];
		x->name = hdf_get_value(node, "Name", NULL);
		x->ext = hdf_get_value(node, "Ext", NULL);
		x->args = hdf_get_value(node, "Args", NULL);
		if (x->name == NULL || x->ext == NULL || x->args == NULL ||
		    strspn(x->name, "abcdefghijklmnopqrstuvwxyz0123456789") !=
		        strlen(x->name) ||
		    *x->name == '\0' ||
		    strspn(x->ext, "abcdefghijklmnopqrstuvwxyz0123456789") !=
		        strlen(x->ext) ||
		    *x->ext == '\0')
			return nerr_raise(NERR_PARSE,
			    "Encode.Extra.%s needs "
			    "Name and Ext (lower-case words) and Args",
			    hdf_obj_name(node));
	}
	return STATUS_OK;
}

/* A folder of the configuration: made when missing, or (dry) only
 * required to be an absolute path. */
static NEOERR *
folder(const char *key, const char *path, bool dry)
{
	if (!dry)
		return nerr_pass(conf_make_dir(key, path));
	if (path == NULL || *path != '/')
		return nerr_raise(NERR_PARSE, "%s must be an absolute path",
		    key);
	return STATUS_OK;
}

static NEOERR *
check(struct box_config *c, bool dry)
{
	HDF *h = c->hdf;
	const char *data;
	NEOERR *err;
	size_t n;

	c->central_url = conf_str(h, "Central.URL", NULL);
	if (c->central_url == NULL ||
	    (strncmp(c->central_url, "http://", 7) &&
	        strncmp(c->central_url, "https://", 8)))
		return nerr_raise(NERR_PARSE,
		    "Central.URL must be an http:// or https:// address");
	n = strlen(c->central_url);
	if (c->central_url[n - 1] == '/')
		return nerr_raise(NERR_PARSE,
		    "Central.URL must not end with a slash");
	if ((err = read_token(c, dry)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Central.Timeout", 15, 1, 300,
	         &c->central_timeout)))
		return nerr_pass(err);
	c->room = conf_str(h, "Box.Room", "");
	c->version = conf_str(h, "Box.Version", PACKAGE_VERSION);
	/* Paths.Data holds both unless they are set apart (the package
	 * gives /var/lib/focusmanager-box to the focusbox user). */
	data = conf_str(h, "Paths.Data", NULL);
	if (data != NULL) {
		snprintf(c->state_buf, sizeof(c->state_buf), "%s/state", data);
		snprintf(c->media_buf, sizeof(c->media_buf), "%s/media", data);
	}
	c->state_dir = conf_str(h, "Paths.State", data ? c->state_buf : NULL);
	if ((err = folder("Paths.State", c->state_dir, dry)))
		return nerr_pass(err);
	c->media_dir = conf_str(h, "Paths.Media", data ? c->media_buf : NULL);
	if ((err = folder("Paths.Media", c->media_dir, dry)))
		return nerr_pass(err);
	if (strpbrk(c->media_dir, "|[]\\:'") != NULL)
		return nerr_raise(NERR_PARSE,
		    "Paths.Media must not contain "
		    "| [ ] \\ : or ' (ffmpeg's tee and concat lists)");
	c->ffmpeg = conf_str(h, "FFmpeg.Path", "ffmpeg");

	c->input_kind = conf_str(h, "Input.Kind", NULL);
	if (c->input_kind == NULL ||
	    (strcmp(c->input_kind, "lavfi") && strcmp(c->input_kind, "v4l2") &&
	        strcmp(c->input_kind, "dv") &&
	        strcmp(c->input_kind, "decklink") &&
	        strcmp(c->input_kind, "custom")))
		return nerr_raise(NERR_PARSE,
		    "Input.Kind must be lavfi, "
		    "v4l2, dv, decklink or custom");
	c->input_video = conf_str(h, "Input.Video", "/dev/video0");
	c->input_audio = conf_str(h, "Input.Audio", "");
	c->input_args = conf_str(h, "Input.Args", NULL);
	if (!strcmp(c->input_kind, "custom") && c->input_args == NULL)
		return nerr_raise(NERR_PARSE,
		    "Input.Kind = custom needs Input.Args");
	c->input_size = conf_str(h, "Input.Size", "");
	if (*c->input_size &&
	    strspn(c->input_size, "0123456789x") != strlen(c->input_size))
		return nerr_raise(NERR_PARSE, "Input.Size looks like 720x576");
	if ((err = conf_int(h, "Input.Rate", 25, 1, 120, &c->input_rate)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Input.ToneLeft", 440, 20, 20000,
	         &c->tone_left)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Input.ToneRight", 1000, 20, 20000,
	         &c->tone_right)))
		return nerr_pass(err);
	if ((err = check_preset(c)))
		return nerr_pass(err);

	if ((err = conf_int(h, "Recording.PreRoll", 60, 0, 3600, &c->preroll)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Recording.KeyframeSeconds", 1, 1, 10,
	         &c->keyframe_secs)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Recording.RestartDelay", 1, 0, 60,
	         &c->restart_delay)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Recording.SyncSeconds", 2, 0, 60,
	         &c->sync_secs)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Recording.MinFreeMB", 2048, 0, 1 << 30,
	         &c->min_free_mb)))
		return nerr_pass(err);
	c->live_url = conf_str(h, "Live.URL", "");
	if ((err = conf_int(h, "Live.RelayPort", 17935, 1024, 65535,
	         &c->relay_port)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Schedule.Interval", 60, 1, 3600,
	         &c->schedule_every)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Heartbeat.Interval", 30, 1, 3600,
	         &c->heartbeat_every)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Encode.OnlyWhenIdle", 1, 0, 1,
	         &c->only_when_idle)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Encode.MonoDeadline", 2700, 0, 86400,
	         &c->mono_deadline)))
		return nerr_pass(err);
	c->mp3_bitrate = conf_str(h, "Encode.Mp3Bitrate", "128k");
	if (strspn(c->mp3_bitrate, "0123456789k") != strlen(c->mp3_bitrate))
		return nerr_raise(NERR_PARSE,
		    "Encode.Mp3Bitrate looks like 128k");
	if ((err = conf_int(h, "Encode.Nice", 10, 0, 19, &c->nice)))
		return nerr_pass(err);
	if ((err = check_extra(c)))
		return nerr_pass(err);

	c->http_listen = conf_str(h, "Http.Listen", "");
	c->http_allow = conf_str(h, "Http.Allow",
	    "127.0.0.0/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 ::1/128 "
	    "fc00::/7 fe80::/10");
	c->http_public = conf_str(h, "Http.PublicURL", "");
	if ((err = conf_int(h, "Http.MaxAgeDays", 14, 1, 3650,
	         &c->http_max_days)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Log.Syslog", 0, 0, 1, &c->use_syslog)))
		return nerr_pass(err);
	return STATUS_OK;
}

NEOERR *
boxconf_load(const char *path, struct box_config **out)
{
	struct box_config *c;
	NEOERR *err;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return nerr_raise(NERR_NOMEM, "out of memory");
	c->path = strdup(path);
	if ((err = conf_read(path, &c->hdf)) != STATUS_OK) {
		boxconf_free(c);
		return nerr_pass(err);
	}
	if ((err = check(c, false)) != STATUS_OK) {
		boxconf_free(c);
		return nerr_pass_ctx(err, "configuration file %s", path);
	}
	*out = c;
	return STATUS_OK;
}

NEOERR *
boxconf_parse(const char *text, struct box_config **out)
{
	struct box_config *c;
	NEOERR *err;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return nerr_raise(NERR_NOMEM, "out of memory");
	c->path = strdup("(text)");
	err = hdf_init(&c->hdf);
	if (err == STATUS_OK)
		err = hdf_read_string(c->hdf, text);
	if (err == STATUS_OK)
		err = check(c, true);
	if (err != STATUS_OK) {
		boxconf_free(c);
		return nerr_pass(err);
	}
	*out = c;
	return STATUS_OK;
}

void
boxconf_free(struct box_config *c)
{
	if (c == NULL)
		return;
	if (c->token != NULL)
		memset(c->token, 0, strlen(c->token));
	free(c->token);
	hdf_destroy(&c->hdf);
	free(c->path);
	free(c);
}
