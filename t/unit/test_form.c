/*
 * test_form.c - field checks: what is accepted, how it is normalised,
 * and which message a bad value gets.
 */
#include "fm.h"
#include "form.h"
#include "units.h"

#include <string.h>

static const char *
check(enum field_type type, int max, const char *in, char *out)
{
	struct field f = { "x", type, false, max, 0, "fr en" };

	if (type == FT_INT) {
		f.min = -5;
		f.max = 100;
	}
	return form_check(&f, in, out, 256);
}

#define OK(type, max, in, expect)                                      \
	do {                                                           \
		char out[256];                                         \
		const char *msg = check(type, max, in, out);           \
		ck_assert_msg(msg == NULL, "%s refused: %s", in, msg); \
		ck_assert_str_eq(out, expect);                         \
	} while (0)

#define BAD(type, max, in, key)                                \
	do {                                                   \
		char out[256];                                 \
		const char *msg = check(type, max, in, out);   \
		ck_assert_msg(msg != NULL, "%s accepted", in); \
		ck_assert_str_eq(msg, key);                    \
	} while (0)

START_TEST(text_lengths_count_characters)
{
	/* 6 characters, 7 bytes: the limit is on characters. */
	OK(FT_TEXT, 6, "Élodie", "Élodie");
	BAD(FT_TEXT, 5, "Élodie", "err.too_long");
}
END_TEST

START_TEST(text)
{
	OK(FT_TEXT, 10, "Ça, c'est", "Ça, c'est");
	BAD(FT_TEXT, 3, "abcd", "err.too_long");
	OK(FT_TEXT, 3, "éèà", "éèà");
	BAD(FT_TEXT, 10, "a\nb", "err.chars");
	OK(FT_MULTILINE, 10, "a\nb", "a\nb");
	BAD(FT_TEXT, 10, "\xc3\x28", "err.chars");
	BAD(FT_TEXT, 10, "\xff", "err.chars");
	BAD(FT_MULTILINE, 10, "a\x01", "err.chars");
	ck_assert_int_eq(utf8_length("Œuvre €"), 7);
	ck_assert_int_eq(utf8_length("\xe2\x82"), -1);
}
END_TEST

START_TEST(email)
{
	OK(FT_EMAIL, 254, "jean.dupont@exemple.fr", "jean.dupont@exemple.fr");
	OK(FT_EMAIL, 254, "a+b@sub.example.co.uk", "a+b@sub.example.co.uk");
	BAD(FT_EMAIL, 254, "jean.dupont", "err.email");
	BAD(FT_EMAIL, 254, "jean@localhost", "err.email");
	BAD(FT_EMAIL, 254, "a b@x.fr", "err.email");
	BAD(FT_EMAIL, 254, "a@@x.fr", "err.email");
	BAD(FT_EMAIL, 254, "@x.fr", "err.email");
	BAD(FT_EMAIL, 254, "a@x..fr", "err.email");
	BAD(FT_EMAIL, 254, "<a@x.fr>", "err.email");
}
END_TEST

START_TEST(phone)
{
	OK(FT_PHONE, 40, "+33 (0)1 42.00-00/00", "+33 (0)1 42.00-00/00");
	BAD(FT_PHONE, 40, "01 42 AB", "err.phone");
	BAD(FT_PHONE, 40, "+()", "err.phone");
}
END_TEST

START_TEST(numbers)
{
	OK(FT_MONEY, 0, "1 234,50", "1234.50");
	OK(FT_MONEY, 0,
	    "1\xc2\xa0"
	    "234,5",
	    "1234.5");
	OK(FT_MONEY, 0, "-12", "-12");
	OK(FT_MONEY, 0, "+7.25", "7.25");
	BAD(FT_MONEY, 0, "1,234", "err.money");
	BAD(FT_MONEY, 0, "1,2,3", "err.number");
	BAD(FT_MONEY, 0, "12abc", "err.number");
	BAD(FT_MONEY, 0, "-", "err.number");
	OK(FT_DECIMAL, 0, "0,125", "0.125");
	OK(FT_INT, 0, "42", "42");
	OK(FT_INT, 0, "-5", "-5");
	BAD(FT_INT, 0, "101", "err.range");
	BAD(FT_INT, 0, "4.5", "err.number");
	OK(FT_ID, 0, "17", "17");
	BAD(FT_ID, 0, "0", "err.choice");
	BAD(FT_ID, 0, "017", "err.choice");
	BAD(FT_ID, 0, "1; DROP", "err.choice");
}
END_TEST

START_TEST(dates_and_times)
{
	OK(FT_DATE, 0, "2026-02-28", "2026-02-28");
	OK(FT_DATE, 0, "29/02/2028", "2028-02-29");
	BAD(FT_DATE, 0, "29/02/2027", "err.date");
	BAD(FT_DATE, 0, "2026-13-01", "err.date");
	BAD(FT_DATE, 0, "2026-1-1", "err.date");
	OK(FT_TIME, 0, "9:30", "09:30");
	OK(FT_TIME, 0, "1230", "12:30");
	OK(FT_TIME, 0, "14h05", "14:05");
	OK(FT_TIME, 0, "24:00", "24:00");
	BAD(FT_TIME, 0, "24:30", "err.time");
	BAD(FT_TIME, 0, "12:60", "err.time");
}
END_TEST

START_TEST(identifiers)
{
	OK(FT_SIREN, 11, "732 829 320", "732829320");
	BAD(FT_SIREN, 11, "732829321", "err.siren");
	BAD(FT_SIREN, 11, "12345", "err.siren");
	OK(FT_VAT, 20, "fr 40 303265045", "FR40303265045");
	BAD(FT_VAT, 20, "12345", "err.vat");
	OK(FT_POSTCODE, 20, "75011", "75011");
	BAD(FT_POSTCODE, 20, "75<11", "err.postcode");
	OK(FT_CHOICE, 0, "en", "en");
	BAD(FT_CHOICE, 0, "e", "err.choice");
	BAD(FT_CHOICE, 0, "fr en", "err.choice");
	OK(FT_BOOL, 0, "1", "1");
	OK(FT_BOOL, 0, "0", "0");
}
END_TEST

START_TEST(format_numbers_in_messages)
{
	char out[64];

	format_n(out, sizeof(out), "At most {n} characters, {n}!", 200);
	ck_assert_str_eq(out, "At most 200 characters, 200!");
	format_n(out, 8, "abcdefghij {n}", 1);
	ck_assert_str_eq(out, "abcdefg");
}
END_TEST

Suite *
suite_form(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("checks");

	tcase_add_test(tc, text_lengths_count_characters);
	tcase_add_test(tc, text);
	tcase_add_test(tc, email);
	tcase_add_test(tc, phone);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, dates_and_times);
	tcase_add_test(tc, identifiers);
	tcase_add_test(tc, format_numbers_in_messages);
	suite_add_tcase(s, tc);
	return s;
}
