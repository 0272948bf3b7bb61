/*
 * db_vat_number.c - one function per query on VAT numbers.
 */
#include "db/db_vat_number.h"

NEOERR *
db_vat_number_check(const char *vat, const char *siren, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT coalesce(problem, '') AS problem,"
	    " coalesce(expected, '') AS expected, coalesce(example, '') AS "
	    "example FROM vat_number_check($1, $2)");

	return DBQ(&st, res, vat, siren);
}
