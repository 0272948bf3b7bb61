/*
 * departments.c - a company's departments, edited on the company page.
 */
#include "companies.h"
#include "db/db_companies.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <string.h>

/* Re-shows the company page with the department field's message. */
static NEOERR *
refuse(struct req *r, long long company, NERR_TYPE type, const char *field,
    const char *msg)
{
	if (msg != NULL)
		form_error(r, field, msg);
	http_refuse(r, type);
	return companies_page(r, company, true);
}

NEOERR *
departments_create(struct req *r)
{
	static const struct field f[] = {
		{ "department", FT_TEXT, true, 200, 0, NULL },
	};
	long long company = r->id[0];
	NEOERR *err;

	/* The company's own fields are re-read from the database; what was
	 * typed in the department field stays in Form.department. */
	if (form_read(r, f, 1) > 0)
		return refuse(r, company, FM_ERR_FORM, "department", NULL);
	err = db_department_insert(company, form_value(r, "department"));
	if (err != STATUS_OK && nerr_match(err, FM_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return refuse(r, company, FM_ERR_CONFLICT, "department",
		    "err.duplicate_department");
	}
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		nerr_ignore(&err);
		return not_found(r);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "department_added");
	return http_redirect(r, "/companies/%lld#departments", company);
}

NEOERR *
departments_update(struct req *r)
{
	static const struct field f[] = {
		{ "name", FT_TEXT, true, 200, 0, NULL },
	};
	long long company;
	NEOERR *err;

	err = db_department_company(r->id[0], &company);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (company == 0)
		return not_found(r);
	if (form_read(r, f, 1) > 0) {
		const char *msg = hdf_get_value(r->hdf, "Errors.name", NULL);

		hdf_set_value(r->hdf, "Errors.department", msg);
		return refuse(r, company, FM_ERR_FORM, "department", NULL);
	}
	err = db_department_rename(r->id[0], form_value(r, "name"));
	if (err != STATUS_OK && nerr_match(err, FM_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return refuse(r, company, FM_ERR_CONFLICT, "department",
		    "err.duplicate_department");
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "department_saved");
	return http_redirect(r, "/companies/%lld#departments", company);
}

NEOERR *
departments_delete(struct req *r)
{
	long long company;
	NEOERR *err;

	err = db_department_company(r->id[0], &company);
	if (err == STATUS_OK && company != 0)
		err = db_department_delete(r->id[0]);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (company == 0)
		return not_found(r);
	http_flash(r, "department_deleted");
	return http_redirect(r, "/companies/%lld#departments", company);
}
