/*
 * db_vat_number.h - what the database says of a VAT number
 * (db/functions/vat_number.sql).
 */
#ifndef FM_DB_VAT_NUMBER_H
#define FM_DB_VAT_NUMBER_H

#include "db/db.h"

/* vat_number_check(vat, siren): one row, problem (NULL when none),
 * expected, example.  siren may be NULL. */
NEOERR *db_vat_number_check(const char *vat, const char *siren, PGresult **res);

#endif
