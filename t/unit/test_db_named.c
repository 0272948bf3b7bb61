/*
 * test_db_named.c - the contracts between forms and statements (db.h):
 * every declared statement's :names are its contract's values, all of
 * them; and the checker refuses a statement that is not.
 */
#include "fm.h"
#include "db/db.h"
#include "errors.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

#define PAIR(X)           \
	X(first, FT_TEXT) \
	X(second, FT_TEXT)

START_TEST(every_statement_is_bound)
{
	char *report;
	int total, bad = db_named_check(&report, &total);

	/* The handlers' statements are linked in (through the route
	 * table): there are many of them. */
	ck_assert_int_gt(total, 15);
	ck_assert_msg(bad == 0, "%s", report);
	free(report);
}
END_TEST

static const char *const pair_names[] = { PAIR(DB_NAME_) };

static struct db_named
named(const char *sql, int nfixed)
{
	struct db_named st = { DB_STMT(NULL), sql, pair_names, 2, nfixed,
		"test", NULL };

	return st;
}

START_TEST(names_become_positions)
{
	struct db_named st = named("UPDATE t SET a = :first::int, b = "
	                           ":second, c = ':first' WHERE id = $1 AND "
	                           "x = :first",
	    1);

	ck_assert_ptr_eq(db_named_prepare(&st), STATUS_OK);
	ck_assert_str_eq(st.st.sql,
	    "UPDATE t SET a = $2::int, b = $3, c = ':first' WHERE id = $1 "
	    "AND x = $2");
	free((char *)st.st.sql); /* a declared statement keeps it */
}
END_TEST

START_TEST(unknown_or_unbound_are_refused)
{
	struct db_named unknown = named("SELECT :first, :second, :third", 0);
	struct db_named unbound = named("SELECT :first", 0);
	NEOERR *err;
	STRING s;

	err = db_named_prepare(&unknown);
	ck_assert(nerr_match(err, NERR_ASSERT));
	string_init(&s);
	nerr_error_string(err, &s);
	ck_assert_msg(strstr(s.buf, ":third is not a value") != NULL, "%s",
	    s.buf);
	string_clear(&s);
	nerr_ignore(&err);
	ck_assert_ptr_null(unknown.st.sql);

	err = db_named_prepare(&unbound);
	ck_assert(nerr_match(err, NERR_ASSERT));
	string_init(&s);
	nerr_error_string(err, &s);
	ck_assert_msg(strstr(s.buf, "second of its contract is not bound") !=
	        NULL,
	    "%s", s.buf);
	string_clear(&s);
	nerr_ignore(&err);
}
END_TEST

Suite *
suite_db_named(void)
{
	Suite *s = suite_create("db_named");
	TCase *tc = tcase_create("db_named");

	tcase_add_test(tc, every_statement_is_bound);
	tcase_add_test(tc, names_become_positions);
	tcase_add_test(tc, unknown_or_unbound_are_refused);
	suite_add_tcase(s, tc);
	return s;
}
