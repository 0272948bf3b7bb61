/*
 * vat_number.c - the VAT number of the company and seller forms, checked
 * by PostgreSQL (vat_number_check(), db/functions/vat_number.sql): a
 * French number is FR, a key of two digits and the SIREN, the key being
 * the SIREN's; another EU country's follows that country's format.  The
 * message names what is wrong and what was expected.
 */
#include "vat_number.h"
#include "db/db_vat_number.h"
#include "form.h"

#include <stdio.h>
#include <string.h>

/* text with {expected} and {example} replaced. */
static NEOERR *
message(STRING *out, const char *text, const char *expected,
    const char *example)
{
	NEOERR *err = STATUS_OK;
	const char *p = text;

	while (err == STATUS_OK && *p) {
		if (!strncmp(p, "{expected}", 10)) {
			err = string_append(out, expected);
			p += 10;
		} else if (!strncmp(p, "{example}", 9)) {
			err = string_append(out, example);
			p += 9;
		} else
			err = string_append_char(out, *p++);
	}
	return nerr_pass(err);
}

int
vat_number_form_check(struct req *r, const char *field, const char *vat,
    const char *siren, NEOERR **err)
{
	char key[64], errkey[64];
	PGresult *res;
	STRING s;
	int bad = 0;

	*err = STATUS_OK;
	snprintf(errkey, sizeof(errkey), "Errors.%s", field);
	if (vat == NULL || *vat == '\0' ||
	    hdf_get_value(r->hdf, errkey, NULL) != NULL)
		return 0;
	*err = db_vat_number_check(vat, siren, &res);
	if (*err != STATUS_OK)
		return 0;
	if (PQntuples(res) == 1 && *db_get(res, 0, "problem")) {
		snprintf(key, sizeof(key), "vat.err_%s",
		    db_get(res, 0, "problem"));
		string_init(&s);
		*err = message(&s, http_str(r, key), db_get(res, 0, "expected"),
		    db_get(res, 0, "example"));
		if (*err == STATUS_OK)
			*err = hdf_set_value(r->hdf, errkey,
			    s.buf ? s.buf : "");
		string_clear(&s);
		bad = 1;
	}
	PQclear(res);
	return bad;
}
