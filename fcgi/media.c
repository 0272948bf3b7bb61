/*
 * media.c - paths in the media store.
 */
#include "media.h"
#include "conf.h"
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

bool
media_rel_ok(const char *rel)
{
	const char *p = rel, *seg;

	if (rel == NULL || *rel == '\0' || *rel == '/')
		return false;
	for (seg = p;; p++) {
		if (*p == '/' || *p == '\0') {
			size_t n = (size_t)(p - seg);

			if (n == 0 || (n == 1 && seg[0] == '.') ||
			    (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return false;
			if (*p == '\0')
				return true;
			seg = p + 1;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f ||
		    strchr("\\?%#", *p) != NULL)
			return false;
	}
}

bool
media_path(char *out, size_t len, const char *rel)
{
	int n;

	if (!media_rel_ok(rel) || g_cfg == NULL)
		return false;
	n = snprintf(out, len, "%s/%s", g_cfg->media_dir, rel);
	return n > 0 && (size_t)n < len;
}

bool
media_mkdirs(const char *rel)
{
	char path[4096];
	char *p;

	if (!media_path(path, sizeof(path), rel))
		return false;
	for (p = path + strlen(g_cfg->media_dir) + 1;
	     (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0750) != 0 && errno != EEXIST) {
			log_error("cannot make %s: %s", path, strerror(errno));
			return false;
		}
		*p = '/';
	}
	return true;
}

void
media_unlink(const char *rel, const char *why)
{
	char path[4096];

	if (!media_path(path, sizeof(path), rel)) {
		log_error("not removing %s: not a media store path", rel);
		return;
	}
	if (unlink(path) == 0)
		log_info("removed %s (%s)", path, why);
	else if (errno == ENOENT)
		log_warn("%s was already gone (%s)", path, why);
	else
		log_error("cannot remove %s (%s): %s", path, why,
		    strerror(errno));
}

bool
media_uri(char *out, size_t len, const char *prefix, const char *rel)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o;
	const unsigned char *p;

	if (!media_rel_ok(rel))
		return false;
	o = (size_t)snprintf(out, len, "%s", prefix);
	for (p = (const unsigned char *)rel; *p && o + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			out[o++] = (char)*p;
		else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	if (*p != '\0')
		return false;
	out[o] = '\0';
	return true;
}

long long
media_free_mb(void)
{
	struct statvfs sv;

	if (g_cfg == NULL || statvfs(g_cfg->media_dir, &sv) != 0)
		return -1;
	return (long long)sv.f_bavail * (long long)sv.f_frsize / (1024 * 1024);
}
