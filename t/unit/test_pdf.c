/*
 * test_pdf.c - the PDF text layer: UTF-8 to Windows-1252 (every French
 * character, Œ, Ÿ, €, « », '?' for what CP1252 lacks), French spacing,
 * {name} substitution; and a document rendered with the built fonts.
 */
#include "fm.h"
#include "render/pdf.h"
#include "render/pdf_doc.h"
#include "tmpl.h"
#include "units.h"

#include <string.h>

#define TEMPLATES FM_SRCDIR "/templates"

START_TEST(cp1252_french)
{
	char out[128];

	pdf_cp1252("Œuvre été à Noël ÿ Ÿ 12 €", out, sizeof(out));
	ck_assert_str_eq(out,
	    "\x8cuvre \xe9t\xe9 \xe0 No\xebl \xff \x9f 12 \x80");
	pdf_cp1252("« Ça »", out, sizeof(out));
	/* No line break inside guillemets: no-break spaces. */
	ck_assert_str_eq(out,
	    "\xab\xa0\xc7"
	    "a\xa0\xbb");
	pdf_cp1252("Total : 5 ; ok", out, sizeof(out));
	ck_assert_str_eq(out, "Total\xa0: 5\xa0; ok");
	/* French digit groups (narrow no-break space, U+202F): a no-break
	 * space, never a breakable one. */
	pdf_cp1252("1\xe2\x80\xaf"
	           "234,50 \xe2\x82\xac",
	    out, sizeof(out));
	ck_assert_str_eq(out,
	    "1\xa0"
	    "234,50 \x80");
}
END_TEST

START_TEST(cp1252_outside)
{
	char out[64];

	pdf_cp1252("a\xe2\x87\x84"
	           "b",
	    out, sizeof(out)); /* ⇄ */
	ck_assert_str_eq(out, "a?b");
	pdf_cp1252("x\xff"
	           "y",
	    out, sizeof(out)); /* invalid UTF-8 */
	ck_assert_str_eq(out, "x?y");
	pdf_cp1252("x\x80"
	           "y",
	    out, sizeof(out)); /* a stray byte */
	ck_assert_str_eq(out, "xy");
	pdf_cp1252("abcdef", out, 4); /* truncated */
	ck_assert_str_eq(out, "abc");
}
END_TEST

START_TEST(fill)
{
	char out[64];

	pdf_fill(out, sizeof(out), "Page {n} / {total}", "n", "2", "total", "3",
	    (char *)NULL);
	ck_assert_str_eq(out, "Page 2 / 3");
	pdf_fill(out, sizeof(out), "{x} {unknown}", "x", "y", (char *)NULL);
	ck_assert_str_eq(out, "y {unknown}");
}
END_TEST

START_TEST(render)
{
	HDF *h;
	STRING out;
	NEOERR *err;

	ck_assert(tmpl_init(TEMPLATES) == STATUS_OK);
	ck_assert(hdf_init(&h) == STATUS_OK);
	hdf_set_value(h, "Doc.kind", "invoice");
	hdf_set_value(h, "Doc.status", "issued");
	hdf_set_value(h, "Doc.number", "F2030-00001");
	hdf_set_value(h, "Doc.seller_name", "Société Œil");
	hdf_set_value(h, "Lines.0.label", "Journée « salle »");
	hdf_set_value(h, "Lines.0.amount", "1 234,50");
	string_init(&out);
	err = pdf_render(h, LANG_FR, FM_BUILDDIR "/fonts", &out);
	ck_assert_msg(err == STATUS_OK, "pdf_render failed");
	ck_assert_int_gt(out.len, 4000);
	ck_assert(!memcmp(out.buf, "%PDF-", 5));
	string_clear(&out);
	/* Missing fonts: an error, not a crash. */
	string_init(&out);
	err = pdf_render(h, LANG_FR, "/nonexistent", &out);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	string_clear(&out);
	hdf_destroy(&h);
	tmpl_shutdown();
}
END_TEST

Suite *
suite_pdf(void)
{
	Suite *s = suite_create("pdf");
	TCase *tc = tcase_create("pdf");

	tcase_add_test(tc, cp1252_french);
	tcase_add_test(tc, cp1252_outside);
	tcase_add_test(tc, fill);
	tcase_add_test(tc, render);
	suite_add_tcase(s, tc);
	return s;
}
