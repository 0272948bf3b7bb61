/*
 * test_secret.c - tokens and password hashing.
 */
#include "fm.h"
#include "linksign.h"
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

/* The live push's signature (docs/live.md), as t/lib/fmlive.py computes
 * it from the documentation: box and central must agree. */
START_TEST(live_signatures)
{
	char key[LINK_HEX_LEN + 1], sig[LINK_HEX_LEN + 1];

	ck_assert(link_key_from_token("test-box-token-0123456789abcdef", key));
	ck_assert_str_eq(key,
	    "4e5965d5cd03ce6443aecf1f1bace977f4251b783056a7e78e4da51cc75b807f");
	ck_assert(live_signature(key, 17, "r0123456789abcdef0123456789abcdef",
	    1800000000LL, sig));
	ck_assert_str_eq(sig,
	    "05ac314cfaa702f0b8a2bff92ed10df287e504c15758b22e172634f2a51521d0");
	ck_assert(live_check(key, 17, "r0123456789abcdef0123456789abcdef",
	    "1800000000", sig, 1799999999));
	/* expired, another reservation, another expiry, not digits */
	ck_assert(!live_check(key, 17, "r0123456789abcdef0123456789abcdef",
	    "1800000000", sig, 1800000001));
	ck_assert(!live_check(key, 18, "r0123456789abcdef0123456789abcdef",
	    "1800000000", sig, 1799999999));
	ck_assert(!live_check(key, 17, "r0123456789abcdef0123456789abcdef",
	    "1800000001", sig, 1799999999));
	ck_assert(!live_check(key, 17, "r0123456789abcdef0123456789abcdef",
	    " 1800000000", sig, 1799999999));
	ck_assert(!live_signature("short", 17, "r0123456789abcdef", 1, sig));
	ck_assert(!live_signature(key, 17, NULL, 1, sig));
	ck_assert(!live_signature(key, 0, "r0123456789abcdef", 1, sig));
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
	tcase_add_test(tc, live_signatures);
	tcase_add_test(tc, passwords);
	suite_add_tcase(s, tc);
	return s;
}
