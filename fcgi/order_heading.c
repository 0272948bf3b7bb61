/*
 * order_heading.c - see order_heading.h.
 */
#include "order_heading.h"
#include "db/db_accounts.h"
#include "errors.h"

NEOERR *
order_heading(struct req *r, long long id)
{
	PGresult *res;
	NEOERR *err;

	err = db_order_heading(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Order", res, 0);
	PQclear(res);
	return nerr_pass(err);
}
