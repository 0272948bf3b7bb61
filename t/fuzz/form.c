/*
 * form.c - the form field checks (fcgi/form.c: lengths, UTF-8, dates,
 * times, amounts, numbers, identifiers...): every field type on the
 * input; an accepted value fits its buffer and is valid UTF-8.
 */
#include "fuzz.h"
#include "form.h"

static const struct field fields[] = {
	{ "t", FT_TEXT, false, 100, 0, NULL },
	{ "m", FT_MULTILINE, false, 2000, 0, NULL },
	{ "e", FT_EMAIL, false, 200, 0, NULL },
	{ "p", FT_PHONE, false, 40, 0, NULL },
	{ "z", FT_POSTCODE, false, 20, 0, NULL },
	{ "b", FT_BOOL, false, 0, 0, NULL },
	{ "i", FT_ID, false, 0, 0, NULL },
	{ "n", FT_INT, false, 100000, -100000, NULL },
	{ "a", FT_MONEY, false, 0, 0, NULL },
	{ "d", FT_DECIMAL, false, 0, 0, NULL },
	{ "dt", FT_DATE, false, 0, 0, NULL },
	{ "tm", FT_TIME, false, 0, 0, NULL },
	{ "s", FT_SIREN, false, 0, 0, NULL },
	{ "v", FT_VAT, false, 0, 0, NULL },
	{ "c", FT_CHOICE, false, 0, 0, "fr en de" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_string(data, size), out[4096], small[16];
	char fmt[256];
	size_t i;

	for (i = 0; i < FM_ARRAY_LEN(fields); i++) {
		if (form_check(&fields[i], in, out, sizeof(out)) == NULL) {
			FUZZ_ASSERT(memchr(out, '\0', sizeof(out)) != NULL);
			FUZZ_ASSERT(utf8_length(out) >= 0);
		}
		(void)form_check(&fields[i], in, small, sizeof(small));
	}
	(void)utf8_length(in);
	format_n(fmt, sizeof(fmt), in, (long)size);
	FUZZ_ASSERT(strlen(fmt) < sizeof(fmt));
	free(in);
	return 0;
}
