/*
 * conf.c - load and validate focusd's HDF configuration file.
 */
#include "conf.h"
#include "confread.h"
#include "errors.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct fm_config *g_cfg;

static NEOERR *
check(struct fm_config *c)
{
	NEOERR *err;
	HDF *h = c->hdf;
	int minutes, hours, mb;

	c->conninfo = hdf_get_value(h, "Database.ConnInfo", NULL);
	if (c->conninfo == NULL || *c->conninfo == '\0')
		return nerr_raise(NERR_PARSE, "Database.ConnInfo is required");
	c->socket = hdf_get_value(h, "Server.Socket", NULL);
	if (c->socket == NULL || *c->socket != '/')
		return nerr_raise(NERR_PARSE,
		    "Server.Socket must be an absolute path");
	if (strlen(c->socket) >= 100)
		return nerr_raise(NERR_PARSE,
		    "Server.Socket is too long for a unix socket (100 bytes)");
	if ((err = conf_mode(h, "Server.SocketMode", 0660, &c->socket_mode)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Server.Workers", 4, 1, 256, &c->workers)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Server.ShutdownTimeout", 30, 1, 3600,
	         &c->shutdown_timeout)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Server.RequestTimeout", 30, 2, 3600,
	         &c->request_timeout)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Server.LongRequestTimeout", 600,
	         c->request_timeout, 86400, &c->long_request_timeout)))
		return nerr_pass(err);
	c->templates = hdf_get_value(h, "Paths.Templates", NULL);
	if ((err = conf_need_dir("Paths.Templates", c->templates)))
		return nerr_pass(err);
	c->data_dir = hdf_get_value(h, "Paths.Data", NULL);
	if ((err = conf_need_dir("Paths.Data", c->data_dir)))
		return nerr_pass(err);
	c->upload_tmp = hdf_get_value(h, "Paths.UploadTmp", c->data_dir);
	if ((err = conf_need_dir("Paths.UploadTmp", c->upload_tmp)))
		return nerr_pass(err);
	/* The media store: recordings and the files shared on orders, read
	 * by nginx (X-Accel-Redirect) after focusd said yes. */
	{
		const char *m = hdf_get_value(h, "Paths.Media", NULL);

		if (m != NULL && *m != '\0')
			c->media_dir = strdup(m);
		else if (asprintf(&c->media_dir, "%s/media", c->data_dir) < 0)
			c->media_dir = NULL;
		if (c->media_dir == NULL)
			return nerr_raise(NERR_NOMEM, "out of memory");
		if ((err = conf_need_dir("Paths.Media", c->media_dir)))
			return nerr_pass(err);
	}
	c->base_url = hdf_get_value(h, "Site.BaseURL", "http://127.0.0.1:8080");
	if ((err = conf_int(h, "Session.IdleMinutes", 120, 1, 7 * 24 * 60,
	         &minutes)))
		return nerr_pass(err);
	c->session_idle = minutes * 60;
	if ((err = conf_int(h, "Session.MaxHours", 12, 1, 24 * 31, &hours)))
		return nerr_pass(err);
	c->session_max = hours * 3600;
	if ((err = conf_int(h, "Session.SecureCookies", 0, 0, 1,
	         &c->secure_cookies)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Limits.MaxBodyMB", 20, 1, 16384, &mb)))
		return nerr_pass(err);
	c->max_body = (long)mb * 1024 * 1024;
	/* A file and its form must fit in one body: by default a file may
	 * take all of it but one MB (multipart headers, other fields). */
	if ((err = conf_int(h, "Files.MaxUploadMB", mb > 1 ? mb - 1 : 1, 1, mb,
	         &mb)))
		return nerr_pass(err);
	c->max_upload = (long)mb * 1024 * 1024;
	/* Forms: what nginx's server-wide client_max_body_size allows
	 * (nginx/site.conf.in), and fields enough for the biggest form. */
	if ((err = conf_int(h, "Limits.FormKB", 256, 1, 64 * 1024, &mb)))
		return nerr_pass(err);
	c->form_body = (long)mb * 1024;
	if ((err = conf_int(h, "Limits.MaxFields", 1000, 10, 100000,
	         &c->max_fields)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Log.Syslog", 0, 0, 1, &c->use_syslog)))
		return nerr_pass(err);
	if ((err = conf_int(h, "Log.Access", 1, 0, 1, &c->access_log)))
		return nerr_pass(err);
	return STATUS_OK;
}

NEOERR *
config_load(const char *path, struct fm_config **out)
{
	struct fm_config *c;
	NEOERR *err;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return nerr_raise(NERR_NOMEM, "out of memory");
	c->path = strdup(path);
	if ((err = conf_read(path, &c->hdf)) != STATUS_OK) {
		config_free(c);
		return nerr_pass(err);
	}
	if ((err = check(c)) != STATUS_OK) {
		config_free(c);
		return nerr_pass_ctx(err, "configuration file %s", path);
	}
	*out = c;
	return STATUS_OK;
}

void
config_free(struct fm_config *c)
{
	if (c == NULL)
		return;
	hdf_destroy(&c->hdf);
	free(c->media_dir);
	free(c->path);
	free(c);
}

const char *
config_str(const char *key, const char *def)
{
	return g_cfg == NULL ? def : conf_str(g_cfg->hdf, key, def);
}

int
config_int(const char *key, int def)
{
	const char *v = config_str(key, NULL);
	char *end;
	long n;

	if (v == NULL)
		return def;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < INT_MIN || n > INT_MAX)
		return def;
	return (int)n;
}
