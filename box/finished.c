/*
 * finished.c - see finished.h (jansson, atomic writes).
 */
#include "finished.h"
#include "schedule.h"
#include "util.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool
finished_rel_ok(const char *rel)
{
	const char *slash = rel ? strchr(rel, '/') : NULL;
	size_t n = rel ? strlen(rel) : 0;

	if (slash == NULL || slash == rel || strchr(slash + 1, '/') != NULL ||
	    slash[1] == '\0' || n >= 256 || rel[0] == '.' || slash[1] == '.')
		return false;
	return strspn(rel,
	           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	           "0123456789-_./") == n;
}

static void
state_file(const char *state_dir, const char *sub, const char *rel, char *out,
    size_t len)
{
	snprintf(out, len, "%s/%s/%s.json", state_dir, sub, rel);
}

void
finished_path(const char *state_dir, const char *rel, char *out, size_t len)
{
	state_file(state_dir, "files", rel, out, len);
}

void
upstate_path(const char *state_dir, const char *rel, char *out, size_t len)
{
	state_file(state_dir, "uploads", rel, out, len);
}

/* Writes doc to path (making its folder), atomically. */
static int
save_json(const char *path, json_t *doc)
{
	char dir[1200], *slash, *text;
	int rc;

	if (doc == NULL)
		return -1;
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (mkdir_p(dir) != 0) {
			json_decref(doc);
			return -1;
		}
	}
	text = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(doc);
	if (text == NULL)
		return -1;
	rc = write_atomic(path, text, strlen(text));
	free(text);
	return rc;
}

static json_t *
time_json(time_t t)
{
	char buf[32];

	if (t <= 0)
		return json_null();
	format_rfc3339(t, buf, sizeof(buf));
	return json_string(buf);
}

static time_t
json_time(json_t *v)
{
	time_t t = json_is_string(v) ? parse_rfc3339(json_string_value(v)) : 0;

	return t < 0 ? 0 : t;
}

static void
copy_str(char *out, size_t len, json_t *o, const char *key)
{
	snprintf(out, len, "%s",
	    json_string_value(json_object_get(o, key)) ?: "");
}

int
finished_save(const char *state_dir, const struct finished *f)
{
	char path[1200];

	if (!finished_rel_ok(f->path))
		return -1;
	finished_path(state_dir, f->path, path, sizeof(path));
	return save_json(path,
	    json_pack("{s:s, s:I, s:s, s:s, s:I, s:s, s:I, "
	              "s:o}",
	        "recording", f->recording, "reservation", (json_int_t)f->resv,
	        "kind", f->kind, "path", f->path, "bytes", (json_int_t)f->bytes,
	        "sha256", f->sha256, "duration_ms", (json_int_t)f->duration_ms,
	        "finished_at", time_json(f->finished_at)));
}

int
finished_load(const char *path, struct finished *f)
{
	json_error_t jerr;
	json_t *o;

	memset(f, 0, sizeof(*f));
	o = json_load_file(path, 0, &jerr);
	if (o == NULL)
		return -1;
	copy_str(f->recording, sizeof(f->recording), o, "recording");
	copy_str(f->kind, sizeof(f->kind), o, "kind");
	copy_str(f->path, sizeof(f->path), o, "path");
	copy_str(f->sha256, sizeof(f->sha256), o, "sha256");
	f->resv = json_integer_value(json_object_get(o, "reservation"));
	f->bytes = json_is_integer(json_object_get(o, "bytes"))
	    ? json_integer_value(json_object_get(o, "bytes"))
	    : -1;
	f->duration_ms = json_integer_value(json_object_get(o, "duration_ms"));
	f->finished_at = json_time(json_object_get(o, "finished_at"));
	json_decref(o);
	if (!finished_rel_ok(f->path) || f->bytes < 0 ||
	    strlen(f->sha256) != 64 ||
	    strspn(f->sha256, "0123456789abcdef") != 64 ||
	    f->recording[0] == '\0' ||
	    strncmp(f->path, f->recording, strlen(f->recording)) ||
	    f->path[strlen(f->recording)] != '/')
		return -1;
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the *.json files of dir to the list. */
static int
add_dir(const char *dir, char ***list, size_t *n, size_t *cap)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		size_t k = strlen(e->d_name);
		char **nl;

		if (k < 6 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + k - 5, ".json"))
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			nl = realloc(*list, *cap * sizeof(*nl));
			if (nl == NULL) {
				closedir(d);
				return -1;
			}
			*list = nl;
		}
		if (asprintf(&(*list)[*n], "%s/%s", dir, e->d_name) < 0) {
			closedir(d);
			return -1;
		}
		(*n)++;
	}
	closedir(d);
	return 0;
}

int
finished_list(const char *state_dir, char ***paths)
{
	char top[1100], sub[1400];
	struct dirent *e;
	size_t n = 0, cap = 0;
	char **list = NULL;
	DIR *d;

	*paths = NULL;
	snprintf(top, sizeof(top), "%s/files", state_dir);
	d = opendir(top);
	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", top, e->d_name);
		if (add_dir(sub, &list, &n, &cap) != 0) {
			closedir(d);
			while (n > 0)
				free(list[--n]);
			free(list);
			return -1;
		}
	}
	closedir(d);
	if (n > 0)
		qsort(list, n, sizeof(*list), by_name);
	*paths = list;
	return (int)n;
}

int
upstate_load(const char *state_dir, const char *rel, struct upstate *u)
{
	char path[1200];
	json_error_t jerr;
	json_t *o;

	memset(u, 0, sizeof(*u));
	upstate_path(state_dir, rel, path, sizeof(path));
	o = json_load_file(path, 0, &jerr);
	if (o == NULL)
		return access(path, F_OK) == 0 ? -1 : 0;
	u->media_id = json_integer_value(json_object_get(o, "media_id"));
	u->verified_at = json_time(json_object_get(o, "verified_at"));
	copy_str(u->central_path, sizeof(u->central_path), o, "central_path");
	json_decref(o);
	return 0;
}

int
upstate_save(const char *state_dir, const char *rel, const struct upstate *u)
{
	char path[1200];

	if (!finished_rel_ok(rel))
		return -1;
	upstate_path(state_dir, rel, path, sizeof(path));
	return save_json(path,
	    json_pack("{s:I, s:o, s:s}", "media_id", (json_int_t)u->media_id,
	        "verified_at", time_json(u->verified_at), "central_path",
	        u->central_path));
}

/* Removes path, then its folder when that is left empty. */
static void
remove_with_dir(const char *path)
{
	char dir[1200], *slash;

	unlink(path);
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		rmdir(dir);
	}
}

void
finished_forget(const char *state_dir, const char *rel)
{
	char path[1200];

	if (!finished_rel_ok(rel))
		return;
	upstate_path(state_dir, rel, path, sizeof(path));
	remove_with_dir(path);
	finished_path(state_dir, rel, path, sizeof(path));
	remove_with_dir(path);
}
