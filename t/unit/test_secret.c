/*
 * test_secret.c - tokens and password hashing.
 */
#include "fm.h"
#include "password.h"
#include "secret.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

START_TEST(random_tokens)
{
	char a[65], b[65];

	ck_assert(random_hex(a, 32));
	ck_assert(random_hex(b, 32));
	ck_assert_int_eq(strlen(a), 64);
	ck_assert_int_eq(strspn(a, "0123456789abcdef"), 64);
	ck_assert_str_ne(a, b);
	ck_assert(!random_hex(a, 65));
}
END_TEST

START_TEST(comparison)
{
	ck_assert(equal_secret("abc", "abc"));
	ck_assert(!equal_secret("abc", "abd"));
	ck_assert(!equal_secret("abc", "abcd"));
	ck_assert(!equal_secret("", ""));
	ck_assert(!equal_secret(NULL, "a"));
}
END_TEST

START_TEST(passwords)
{
	char *h = password_hash("correct horse «battery» staple");

	ck_assert_ptr_nonnull(h);
	ck_assert(strncmp(h, "$y$", 3) == 0);
	ck_assert(strstr(h, "correct") == NULL);
	ck_assert(password_verify("correct horse «battery» staple", h));
	ck_assert(!password_verify("correct horse «battery» staplE", h));
	ck_assert(!password_verify("", h));
	ck_assert(!password_verify("x", NULL));
	ck_assert(!password_needs_rehash(h));
	ck_assert(password_needs_rehash("$1$abc$def"));
	free(h);
}
END_TEST

Suite *
suite_secret(void)
{
	Suite *s = suite_create("secret");
	TCase *tc = tcase_create("secrets");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, random_tokens);
	tcase_add_test(tc, comparison);
	tcase_add_test(tc, passwords);
	suite_add_tcase(s, tc);
	return s;
}
