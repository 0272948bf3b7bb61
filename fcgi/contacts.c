/*
 * contacts.c - /contacts: the list of all contacts, and each contact's
 * form (as in the product description's "Modifier un contact").
 */
#include "db/db_companies.h"
#include "db/db_contacts.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "listing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

static const struct field fields[] = FORM_FIELDS(CONTACT);
#define NFIELDS FM_ARRAY_LEN(fields)

NEOERR *
contacts_list(struct req *r)
{
	struct listing l;
	PGresult *res;
	NEOERR *err;
	long total = 0, fetched = 0;
	char first[64] = "", last[64] = "", base[600], *q = NULL;
	const char *key;

	err = listing_read(r, &l, PER_PAGE);
	if (err == STATUS_OK)
		err = listing_letters(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	key = l.after[0] ? l.after : l.before;
	if (key[0] && strspn(key, "0123456789") != strlen(key))
		l.after[0] = l.before[0] = '\0';
	err = db_contacts_page(l.letter, l.q, PER_PAGE, LISTING_COUNT_CAP + 1,
	    key[0] ? key : NULL, l.before[0] != '\0', &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) > 0) {
		fetched = atol(db_get(res, 0, "fetched"));
		total = atol(db_get(res, 0, "total"));
		snprintf(first, sizeof(first), "%s", db_get(res, 0, "key"));
		snprintf(last, sizeof(last), "%s",
		    db_get(res, PQntuples(res) - 1, "key"));
	} else if (key[0]) {
		/* A page past the end (its rows were deleted): the first. */
		PQclear(res);
		return http_redirect(r, "/contacts");
	}
	err = db_rows_to_hdf(r->hdf, "Contacts", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = cgi_url_escape(l.q, &q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(base, sizeof(base), "/contacts?%s%s%sq=%s&",
	    l.letter[0] ? "letter=" : "", l.letter, l.letter[0] ? "&" : "", q);
	free(q);
	err = listing_keyset(r, &l, base, total, fetched, first, last);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "contacts/list.cs");
}

/*
 * Fills what the form needs besides the fields: the companies to choose
 * from, the chosen company's departments, and its name for the crumbs.
 */
static NEOERR *
form_page(struct req *r, long long contact_id)
{
	long long company = atoll(
	    hdf_get_value(r->hdf, "Form.company_id", "0"));
	PGresult *res;
	NEOERR *err;

	if (contact_id > 0)
		hdf_setf(r->hdf, "Contact.id", "%lld", contact_id);
	err = db_companies_names(&res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Companies", res);
	PQclear(res);
	if (err == STATUS_OK && company > 0) {
		err = db_company_get(company, &res);
		if (err == STATUS_OK) {
			if (PQntuples(res) == 1) {
				hdf_setf(r->hdf, "Contact.company_id", "%lld",
				    company);
				err = hdf_set_value(r->hdf,
				    "Contact.company_name",
				    db_get(res, 0, "name"));
			}
			PQclear(res);
		}
		if (err == STATUS_OK)
			err = db_departments_of(company, &res);
		if (err == STATUS_OK) {
			err = db_rows_to_hdf(r->hdf, "Departments", res);
			PQclear(res);
		}
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "contacts/form.cs");
}

NEOERR *
contacts_new(struct req *r)
{
	long long company = http_param_id(r, "company_id");

	form_fill(r, "active", "1");
	if (company > 0)
		hdf_setf(r->hdf, "Form.company_id", "%lld", company);
	return form_page(r, 0);
}

/* Checks the form and that the department belongs to the company. */
static bool
read_valid(struct req *r, struct contact *v)
{
	long long owner = 0;
	int bad = FORM_READ(r, fields, v);

	if (bad == 0 && v->department_id != NULL) {
		NEOERR *err = db_department_company(atoll(v->department_id),
		    &owner);

		if (err != STATUS_OK)
			nerr_ignore(&err);
		if (owner != atoll(v->company_id)) {
			form_error(r, "department_id",
			    "err.department_company");
			bad++;
		}
	}
	return bad == 0;
}

NEOERR *
contacts_create(struct req *r)
{
	struct contact v;
	long long id;
	NEOERR *err;

	if (!read_valid(r, &v)) {
		http_refuse(r, FM_ERR_FORM);
		return form_page(r, 0);
	}
	err = db_contact_insert(&v, &id);
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		/* The company was deleted meanwhile. */
		nerr_ignore(&err);
		form_error(r, "company_id", "err.choice");
		http_refuse(r, FM_ERR_FORM);
		return form_page(r, 0);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "created");
	return http_redirect(r, "/companies/%s#contacts", v.company_id);
}

NEOERR *
contacts_show(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	size_t i;

	err = db_contact_get(r->id[0], &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	for (i = 0; err == STATUS_OK && i < NFIELDS; i++)
		err = form_fill(r, fields[i].name,
		    db_get(res, 0, fields[i].name));
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return form_page(r, r->id[0]);
}

NEOERR *
contacts_update(struct req *r)
{
	struct contact v;
	NEOERR *err;
	bool found;

	if (!read_valid(r, &v)) {
		http_refuse(r, FM_ERR_FORM);
		return form_page(r, r->id[0]);
	}
	err = db_contact_update(r->id[0], &v, &found);
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		nerr_ignore(&err);
		form_error(r, "company_id", "err.choice");
		http_refuse(r, FM_ERR_FORM);
		return form_page(r, r->id[0]);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return not_found(r);
	http_flash(r, "saved");
	return http_redirect(r, "/companies/%s#contacts", v.company_id);
}

NEOERR *
contacts_delete(struct req *r)
{
	long long company;
	NEOERR *err;

	err = db_contact_delete(r->id[0], &company);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (company == 0)
		return not_found(r);
	http_flash(r, "deleted");
	return http_redirect(r, "/companies/%lld#contacts", company);
}
