/*
 * vat_number.h - the VAT number of a form, checked beyond its shape: the
 * French key against the SIREN, the format of each EU country
 * (vat_number_check() in PostgreSQL).
 */
#ifndef FM_VAT_NUMBER_H
#define FM_VAT_NUMBER_H

#include "http.h"

/*
 * Checks Form.<field> (already read, normalised by FT_VAT) against siren
 * (may be NULL); on a problem sets Errors.<field> to a message saying
 * what is wrong and returns 1, else 0.  A field the form already refused
 * is left as it is.
 */
int vat_number_form_check(struct req *r, const char *field, const char *vat,
    const char *siren, NEOERR **err);

#endif
