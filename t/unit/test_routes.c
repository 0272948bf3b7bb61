/*
 * test_routes.c - path patterns.
 */
#include "fm.h"
#include "routes.h"
#include "units.h"

static int
match(const char *pattern, const char *path, long long *ids)
{
	return route_pattern_match(pattern, path, ids, 3);
}

START_TEST(literal_paths)
{
	long long ids[3];

	ck_assert_int_eq(match("/", "/", ids), 0);
	ck_assert_int_eq(match("/companies", "/companies", ids), 0);
	ck_assert_int_eq(match("/companies", "/companies/", ids), -1);
	ck_assert_int_eq(match("/companies", "/companie", ids), -1);
	ck_assert_int_eq(match("/companies", "/companiesx", ids), -1);
	ck_assert_int_eq(match("/companies/new", "/companies/new", ids), 0);
	ck_assert_int_eq(match("/companies", "companies", ids), -1);
}
END_TEST

START_TEST(ids)
{
	long long ids[3];

	ck_assert_int_eq(match("/companies/{id}", "/companies/42", ids), 1);
	ck_assert_int_eq(ids[0], 42);
	ck_assert_int_eq(match("/companies/{id}", "/companies/new", ids), -1);
	ck_assert_int_eq(match("/companies/{id}", "/companies/0", ids), -1);
	ck_assert_int_eq(match("/companies/{id}", "/companies/042", ids), -1);
	ck_assert_int_eq(match("/companies/{id}", "/companies/-1", ids), -1);
	ck_assert_int_eq(match("/companies/{id}", "/companies/", ids), -1);
	ck_assert_int_eq(match("/companies/{id}",
	                     "/companies/1234567890123456789", ids),
	    -1);
	ck_assert_int_eq(match("/a/{id}/b/{id}", "/a/7/b/9", ids), 2);
	ck_assert_int_eq(ids[0], 7);
	ck_assert_int_eq(ids[1], 9);
	ck_assert_int_eq(match("/documents/{id}.pdf", "/documents/12.pdf", ids),
	    1);
	ck_assert_int_eq(ids[0], 12);
	ck_assert_int_eq(match("/documents/{id}.pdf", "/documents/12", ids),
	    -1);
	ck_assert_int_eq(match("/documents/{id}.pdf", "/documents/.pdf", ids),
	    -1);
	ck_assert_int_eq(match("/documents/{id}", "/documents/12.pdf", ids),
	    -1);
}
END_TEST

Suite *
suite_routes(void)
{
	Suite *s = suite_create("routes");
	TCase *tc = tcase_create("patterns");

	tcase_add_test(tc, literal_paths);
	tcase_add_test(tc, ids);
	suite_add_tcase(s, tc);
	return s;
}
