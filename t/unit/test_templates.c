/*
 * test_templates.c - every template parses, both languages have the
 * same keys, and var: escapes HTML.
 */
#include "fm.h"
#include "tmpl.h"
#include "units.h"

#include <stdio.h>
#include <string.h>

#define DIR FM_SRCDIR "/templates"

START_TEST(all_templates_parse)
{
	NEOERR *err = tmpl_check_all(DIR);

	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		ck_abort_msg("%s", s.buf);
	}
}
END_TEST

/* Every key of a has a value in b. */
static int
missing(HDF *a, HDF *b, const char *prefix, char *first, size_t len)
{
	HDF *c;
	char key[512];
	int n = 0;

	for (c = hdf_obj_child(a); c != NULL; c = hdf_obj_next(c)) {
		snprintf(key, sizeof(key), "%s%s%s", prefix, *prefix ? "." : "",
		    hdf_obj_name(c));
		if (hdf_obj_value(c) != NULL &&
		    hdf_get_value(b, key, NULL) == NULL) {
			if (n++ == 0)
				snprintf(first, len, "%s", key);
		}
		n += missing(c, b, key, first, len);
	}
	return n;
}

START_TEST(languages_have_the_same_keys)
{
	HDF *fr, *en;
	char first[512] = "";

	ck_assert(hdf_init(&fr) == STATUS_OK);
	ck_assert(hdf_init(&en) == STATUS_OK);
	ck_assert(hdf_read_file(fr, DIR "/lang/fr.hdf") == STATUS_OK);
	ck_assert(hdf_read_file(en, DIR "/lang/en.hdf") == STATUS_OK);
	ck_assert_msg(missing(fr, en, "", first, sizeof(first)) == 0,
	    "%s is in fr.hdf, not in en.hdf", first);
	ck_assert_msg(missing(en, fr, "", first, sizeof(first)) == 0,
	    "%s is in en.hdf, not in fr.hdf", first);
	hdf_destroy(&fr);
	hdf_destroy(&en);
}
END_TEST

START_TEST(rendering_escapes_html)
{
	HDF *hdf;
	STRING out;

	ck_assert(tmpl_init(DIR) == STATUS_OK);
	ck_assert(hdf_init(&hdf) == STATUS_OK);
	hdf_set_value(hdf, "Error.status", "404");
	hdf_set_value(hdf, "Error.title", "<script>alert(1)</script>");
	hdf_set_value(hdf, "Error.message", "\"quoted\" & 'single'");
	string_init(&out);
	ck_assert(tmpl_render(hdf, LANG_EN, "error.cs", &out) == STATUS_OK);
	ck_assert(strstr(out.buf, "<script>alert") == NULL);
	ck_assert(strstr(out.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert(strstr(out.buf, "&quot;quoted&quot; &amp; &#39;single&#39;"));
	ck_assert(strstr(out.buf, "Back to the home page"));
	string_clear(&out);
	/* Rendering again with another language reuses the parsed tree. */
	string_init(&out);
	ck_assert(tmpl_render(hdf, LANG_FR, "error.cs", &out) == STATUS_OK);
	ck_assert(strstr(out.buf, "Retour à l'accueil") ||
	    strstr(out.buf, "Retour à l&#39;accueil"));
	string_clear(&out);
	hdf_destroy(&hdf);
	tmpl_shutdown();
}
END_TEST

Suite *
suite_templates(void)
{
	Suite *s = suite_create("templates");
	TCase *tc = tcase_create("templates");

	tcase_add_test(tc, all_templates_parse);
	tcase_add_test(tc, languages_have_the_same_keys);
	tcase_add_test(tc, rendering_escapes_html);
	suite_add_tcase(s, tc);
	return s;
}
