/*
 * confread.c - see confread.h.
 */
#include "confread.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

NEOERR *
conf_read(const char *path, HDF **out)
{
	NEOERR *err;
	HDF *h = NULL;

	*out = NULL;
	err = hdf_init(&h);
	if (err == STATUS_OK)
		err = hdf_read_file(h, path);
	if (err != STATUS_OK) {
		hdf_destroy(&h);
		return nerr_pass_ctx(err, "configuration file %s", path);
	}
	*out = h;
	return STATUS_OK;
}

const char *
conf_str(HDF *h, const char *key, const char *def)
{
	const char *v = hdf_get_value(h, key, NULL);

	return v == NULL || *v == '\0' ? def : v;
}

NEOERR *
conf_num(HDF *h, const char *key, long long def, long long min, long long max,
    long long *out)
{
	const char *s = hdf_get_value(h, key, NULL);
	char *end;
	long long v;

	if (s == NULL || *s == '\0') {
		*out = def;
		return STATUS_OK;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return nerr_raise(NERR_PARSE,
		    "%s = \"%s\": expected a whole "
		    "number from %lld to %lld",
		    key, s, min, max);
	*out = v;
	return STATUS_OK;
}

static NEOERR *
read_int(HDF *h, const char *key, int def, int min, int max, int base, int *out)
{
	const char *s = hdf_get_value(h, key, NULL);
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		*out = def;
		return STATUS_OK;
	}
	errno = 0;
	v = strtol(s, &end, base);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return nerr_raise(NERR_PARSE,
		    "%s = \"%s\": expected a whole number from %d to %d", key,
		    s, min, max);
	*out = (int)v;
	return STATUS_OK;
}

NEOERR *
conf_need_dir(const char *key, const char *path)
{
	struct stat st;

	if (path == NULL || *path == '\0')
		return nerr_raise(NERR_PARSE, "%s is required", key);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return nerr_raise(NERR_PARSE, "%s = \"%s\": not a directory",
		    key, path);
	return STATUS_OK;
}

NEOERR *
conf_make_dir(const char *key, const char *path)
{
	char buf[1024];
	char *p;

	if (path == NULL || *path != '/')
		return nerr_raise(NERR_PARSE, "%s must be an absolute path",
		    key);
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return nerr_raise(NERR_PARSE, "%s is too long", key);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	mkdir(buf, 0755);
	return conf_need_dir(key, buf);
}

NEOERR *
conf_int(HDF *h, const char *key, int def, int min, int max, int *out)
{
	return read_int(h, key, def, min, max, 10, out);
}

NEOERR *
conf_mode(HDF *h, const char *key, int def, int *out)
{
	return read_int(h, key, def, 0, 0777, 8, out);
}
