/*
 * errors.c - registration and HTTP mapping of the project's error types:
 * the one table from error type to status and error page title.
 */
#include "errors.h"

NERR_TYPE FM_ERR_NOTFOUND;
NERR_TYPE FM_ERR_FORBIDDEN;
NERR_TYPE FM_ERR_UNAUTHORIZED;
NERR_TYPE FM_ERR_METHOD;
NERR_TYPE FM_ERR_CONFLICT;
NERR_TYPE FM_ERR_INVALID;
NERR_TYPE FM_ERR_FORM;
NERR_TYPE FM_ERR_TOOBIG;
NERR_TYPE FM_ERR_TOOMANY;
NERR_TYPE FM_ERR_NOSPACE;
NERR_TYPE FM_ERR_DBDOWN;
NERR_TYPE FM_ERR_BUSY;

static const struct {
	NERR_TYPE *type;
	const char *name;
	int status;
	const char *title; /* L.* key of the error page's title */
} kinds[] = {
	{ &FM_ERR_NOTFOUND, "NotFound", 404, "error.404" },
	{ &FM_ERR_FORBIDDEN, "Forbidden", 403, "error.403" },
	{ &FM_ERR_UNAUTHORIZED, "Unauthorized", 401, "error.400" },
	{ &FM_ERR_METHOD, "MethodNotAllowed", 405, "error.405" },
	{ &FM_ERR_CONFLICT, "Conflict", 409, "error.409" },
	{ &FM_ERR_INVALID, "InvalidInput", 400, "error.400" },
	{ &FM_ERR_FORM, "Unprocessable", 422, "error.400" },
	{ &FM_ERR_TOOBIG, "TooBig", 413, "error.413" },
	{ &FM_ERR_TOOMANY, "TooMany", 429, "error.429" },
	{ &FM_ERR_NOSPACE, "NoSpace", 507, "error.500" },
	{ &FM_ERR_DBDOWN, "DatabaseDown", 503, "error.503" },
	{ &FM_ERR_BUSY, "Busy", 503, "error.503" },
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

/* The table's row for an error chain, -1 for an internal error. */
static int
kind_of(NEOERR *err)
{
	size_t i;

	for (i = 0; i < FM_ARRAY_LEN(kinds); i++)
		if (nerr_match(err, *kinds[i].type))
			return (int)i;
	return -1;
}

int
fm_err_status(NEOERR *err)
{
	int k;

	if (err == STATUS_OK)
		return 200;
	k = kind_of(err);
	return k < 0 ? 500 : kinds[k].status;
}

int
fm_err_type_status(NERR_TYPE type)
{
	size_t i;

	for (i = 0; i < FM_ARRAY_LEN(kinds); i++)
		if (*kinds[i].type == type)
			return kinds[i].status;
	return 500;
}

NERR_TYPE
fm_err_type(NEOERR *err)
{
	int k = err == STATUS_OK ? -1 : kind_of(err);

	return k < 0 ? NERR_ASSERT : *kinds[k].type;
}

const char *
fm_err_title(NEOERR *err)
{
	int k = err == STATUS_OK ? -1 : kind_of(err);

	return k < 0 ? "error.500" : kinds[k].title;
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
