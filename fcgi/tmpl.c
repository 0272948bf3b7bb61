/*
 * tmpl.c - template cache.
 *
 * ClearSilver re-parses a template at every cgi_display; here each worker
 * parses a template the first time it is used and keeps the tree.  A
 * parse tree only reads data at render time through parse->hdf (and
 * parse->global_hdf for lookups the request HDF cannot answer), so we
 * point both at the request's HDF and at the language strings before
 * each render.  Includes are resolved at parse time; do not use linclude.
 */
#include "tmpl.h"
#include "log.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_TEMPLATES 256

struct cached {
	char *name;
	CSPARSE *cs;
};

static struct cached cache[MAX_TEMPLATES];
static int ncached;
static HDF *parse_hdf; /* load path and escaping, used at parse time */
static HDF *strings[LANG_COUNT];

static const char *codes[LANG_COUNT] = { "fr", "en" };

const char *
lang_code(enum lang lang)
{
	return lang >= 0 && lang < LANG_COUNT ? codes[lang] : codes[LANG_FR];
}

enum lang
lang_from_code(const char *code)
{
	int i;

	for (i = 0; code != NULL && i < LANG_COUNT; i++)
		if (!strcmp(code, codes[i]))
			return (enum lang)i;
	return LANG_FR;
}

static NEOERR *
load_strings(const char *dir, HDF **out, const char *code)
{
	char path[4096];
	NEOERR *err;

	snprintf(path, sizeof(path), "%s/lang/%s.hdf", dir, code);
	err = hdf_init(out);
	if (err == STATUS_OK)
		err = hdf_read_file(*out, path);
	return nerr_pass(err);
}

static NEOERR *
make_parse_hdf(const char *dir, HDF **out)
{
	NEOERR *err;

	err = hdf_init(out);
	if (err == STATUS_OK)
		err = hdf_set_value(*out, "hdf.loadpaths.0", dir);
	if (err == STATUS_OK)
		err = hdf_set_value(*out, "Config.VarEscapeMode", "html");
	return nerr_pass(err);
}

NEOERR *
tmpl_init(const char *dir)
{
	NEOERR *err;
	int i;

	tmpl_shutdown();
	err = make_parse_hdf(dir, &parse_hdf);
	for (i = 0; err == STATUS_OK && i < LANG_COUNT; i++)
		err = load_strings(dir, &strings[i], codes[i]);
	return nerr_pass(err);
}

void
tmpl_shutdown(void)
{
	int i;

	for (i = 0; i < ncached; i++) {
		cs_destroy(&cache[i].cs);
		free(cache[i].name);
	}
	ncached = 0;
	for (i = 0; i < LANG_COUNT; i++)
		if (strings[i] != NULL)
			hdf_destroy(&strings[i]);
	if (parse_hdf != NULL)
		hdf_destroy(&parse_hdf);
}

static NEOERR *
parse(HDF *hdf, const char *name, CSPARSE **out)
{
	NEOERR *err;

	*out = NULL;
	err = cs_init(out, hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(*out);
	if (err == STATUS_OK)
		err = cs_parse_file(*out, name);
	if (err != STATUS_OK && *out != NULL)
		cs_destroy(out);
	return nerr_pass(err);
}

static NEOERR *
lookup(const char *name, CSPARSE **out)
{
	NEOERR *err;
	int i;

	for (i = 0; i < ncached; i++)
		if (!strcmp(cache[i].name, name)) {
			*out = cache[i].cs;
			return STATUS_OK;
		}
	if (ncached == MAX_TEMPLATES)
		return nerr_raise(NERR_ASSERT, "too many templates");
	err = parse(parse_hdf, name, out);
	if (err != STATUS_OK)
		return nerr_pass(err);
	cache[ncached].name = strdup(name);
	cache[ncached].cs = *out;
	ncached++;
	return STATUS_OK;
}

static NEOERR *
append_cb(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

NEOERR *
tmpl_render(HDF *hdf, enum lang lang, const char *name, STRING *out)
{
	CSPARSE *cs;
	NEOERR *err;

	if (parse_hdf == NULL)
		return nerr_raise(NERR_ASSERT, "templates not initialised");
	err = lookup(name, &cs);
	if (err != STATUS_OK)
		return nerr_pass(err);
	cs->hdf = hdf;
	cs->global_hdf = strings[lang_from_code(lang_code(lang))];
	err = cs_render(cs, out, append_cb);
	cs->hdf = parse_hdf;
	cs->global_hdf = NULL;
	return nerr_pass(err);
}

const char *
tmpl_str(enum lang lang, const char *key)
{
	char full[256];
	HDF *h = strings[lang_from_code(lang_code(lang))];

	if (h == NULL)
		return key;
	snprintf(full, sizeof(full), "L.%s", key);
	return hdf_get_value(h, full, key);
}

static NEOERR *
check_dir(HDF *hdf, const char *root, const char *rel, int *count)
{
	char sub[4096], path[sizeof(sub) + 4096 + 2];
	struct dirent *de;
	struct stat st;
	NEOERR *err = STATUS_OK;
	CSPARSE *cs;
	DIR *d;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	d = opendir(path);
	if (d == NULL)
		return nerr_raise_errno(NERR_IO, "cannot open %s", path);
	while (err == STATUS_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
		    de->d_name);
		snprintf(path, sizeof(path), "%s/%s", root, sub);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (strcmp(sub, "static") && strcmp(sub, "lang"))
				err = check_dir(hdf, root, sub, count);
			continue;
		}
		/* Partials (_name.cs) are checked through the pages that
		 * include them: alone they may call macros they do not define. */
		n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 3, ".cs") ||
		    de->d_name[0] == '_')
			continue;
		err = parse(hdf, sub, &cs);
		if (err == STATUS_OK) {
			cs_destroy(&cs);
			(*count)++;
		} else
			err = nerr_pass_ctx(err, "template %s", sub);
	}
	closedir(d);
	return err;
}

NEOERR *
tmpl_check_all(const char *dir)
{
	HDF *hdf = NULL, *lang = NULL;
	NEOERR *err;
	int count = 0, i;

	err = make_parse_hdf(dir, &hdf);
	if (err == STATUS_OK)
		err = check_dir(hdf, dir, "", &count);
	for (i = 0; err == STATUS_OK && i < LANG_COUNT; i++) {
		err = load_strings(dir, &lang, codes[i]);
		if (lang != NULL)
			hdf_destroy(&lang);
	}
	if (hdf != NULL)
		hdf_destroy(&hdf);
	if (err == STATUS_OK && count == 0)
		err = nerr_raise(NERR_NOT_FOUND, "no template in %s", dir);
	return nerr_pass(err);
}
