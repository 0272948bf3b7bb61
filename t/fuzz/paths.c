/*
 * paths.c - the media store's and the boxes' relative path checks
 * (fcgi/media.c, common/linksign.c) and the local redirect check
 * (fcgi/http.c): an accepted path has no ".." segment, is not absolute,
 * and its encoded URI stays under its prefix.
 */
#include "fuzz.h"
#include "conf.h"
#include "http.h"
#include "linksign.h"
#include "media.h"

static bool
has_dotdot(const char *p)
{
	const char *s;

	for (s = p; (s = strstr(s, "..")) != NULL; s++)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fm_config cfg;
	char *rel = fuzz_string(data, size), out[8192];

	if (g_cfg == NULL) {
		cfg.media_dir = (char *)"/srv/media";
		g_cfg = &cfg;
	}
	if (media_rel_ok(rel)) {
		FUZZ_ASSERT(*rel != '/' && !has_dotdot(rel));
		if (media_path(out, sizeof(out), rel))
			FUZZ_ASSERT(strncmp(out, "/srv/media/", 11) == 0);
		if (media_uri(out, sizeof(out), "/_media/", rel)) {
			FUZZ_ASSERT(strncmp(out, "/_media/", 8) == 0);
			FUZZ_ASSERT(strpbrk(out, "?#\r\n ") == NULL);
		}
	}
	if (link_path_safe(rel))
		FUZZ_ASSERT(*rel != '/' && !has_dotdot(rel));
	if (http_local_path(rel))
		FUZZ_ASSERT(rel[0] == '/' && rel[1] != '/' && rel[1] != '\\' &&
		    strpbrk(rel, "\r\n") == NULL);
	free(rel);
	return 0;
}
