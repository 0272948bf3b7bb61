/*
 * errors.c - registration and HTTP mapping of the project's error types.
 */
#include "errors.h"

NERR_TYPE FM_ERR_NOTFOUND;
NERR_TYPE FM_ERR_FORBIDDEN;
NERR_TYPE FM_ERR_UNAUTHORIZED;
NERR_TYPE FM_ERR_METHOD;
NERR_TYPE FM_ERR_CONFLICT;
NERR_TYPE FM_ERR_INVALID;
NERR_TYPE FM_ERR_TOOBIG;
NERR_TYPE FM_ERR_TOOMANY;
NERR_TYPE FM_ERR_DBDOWN;
NERR_TYPE FM_ERR_BUSY;

static const struct {
	NERR_TYPE *type;
	const char *name;
	int status;
} kinds[] = {
	{ &FM_ERR_NOTFOUND, "NotFound", 404 },
	{ &FM_ERR_FORBIDDEN, "Forbidden", 403 },
	{ &FM_ERR_UNAUTHORIZED, "Unauthorized", 401 },
	{ &FM_ERR_METHOD, "MethodNotAllowed", 405 },
	{ &FM_ERR_CONFLICT, "Conflict", 409 },
	{ &FM_ERR_INVALID, "InvalidInput", 400 },
	{ &FM_ERR_TOOBIG, "TooBig", 413 },
	{ &FM_ERR_TOOMANY, "TooMany", 429 },
	{ &FM_ERR_DBDOWN, "DatabaseDown", 503 },
	{ &FM_ERR_BUSY, "Busy", 503 },
};

NEOERR *
fm_errors_init(void)
{
	NEOERR *err;
	size_t i;

	err = nerr_init();
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < FM_ARRAY_LEN(kinds); i++) {
		if (*kinds[i].type != 0)
			continue;
		err = nerr_register(kinds[i].type, kinds[i].name);
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

int
fm_err_status(NEOERR *err)
{
	size_t i;

	if (err == STATUS_OK)
		return 200;
	for (i = 0; i < FM_ARRAY_LEN(kinds); i++)
		if (nerr_match(err, *kinds[i].type))
			return kinds[i].status;
	return 500;
}

const char *
fm_err_message(NEOERR *err)
{
	while (
	    err != STATUS_OK && err != INTERNAL_ERR && err->next != STATUS_OK)
		err = err->next;
	if (err == STATUS_OK || err == INTERNAL_ERR)
		return "";
	return err->desc;
}
