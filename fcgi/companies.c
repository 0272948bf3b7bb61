/*
 * companies.c - /companies: list with index and search, create, edit,
 * delete (with its contacts, after confirmation).
 */
#include "companies.h"
#include "db/db_companies.h"
#include "db/db_contacts.h"
#include "db/db_orders.h"
#include "errors.h"
#include "form.h"
#include "fragcache.h"
#include "handlers.h"
#include "listing.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

static const struct field fields[] = FORM_FIELDS(COMPANY);
#define NFIELDS FM_ARRAY_LEN(fields)

/* Fills Companies.* (with their contacts) and the pager from the database. */
static NEOERR *
list_data(struct req *r, const struct listing *l)
{
	struct db_colmap company_cols, contact_cols;
	HDF *list = NULL, *company = NULL, *contacts = NULL, *item;
	PGresult *res;
	NEOERR *err;
	long long prev = 0;
	long total = 0;
	int i, n = -1, k = 0, c_id, c_total, c_contact;

	err = listing_letters(r);
	if (err == STATUS_OK)
		err = db_companies_page(l->letter, l->q, PER_PAGE,
		    (l->page - 1) * PER_PAGE, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_colmap_init(&company_cols, res,
	    "id name phone fax address "
	    "postcode city country preferences");
	if (err == STATUS_OK)
		err = db_colmap_init(&contact_cols, res,
		    "contact_id>id title "
		    "first_name last_name function active is_billing");
	if (err == STATUS_OK && PQntuples(res) > 0)
		err = hdf_get_node(r->hdf, "Companies", &list);
	c_id = PQfnumber(res, "id");
	c_total = PQfnumber(res, "total");
	c_contact = PQfnumber(res, "contact_id");
	/* One row per contact: group them under their company. */
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		long long id = atoll(PQgetvalue(res, i, c_id));

		if (id != prev) {
			prev = id;
			k = 0;
			total = atol(PQgetvalue(res, i, c_total));
			err = db_hdf_item(list, ++n, &company);
			if (err == STATUS_OK)
				err = db_colmap_copy(&company_cols, company,
				    res, i);
			if (err == STATUS_OK)
				err = hdf_get_node(company, "contacts",
				    &contacts);
		}
		if (err == STATUS_OK && !PQgetisnull(res, i, c_contact)) {
			err = db_hdf_item(contacts, k++, &item);
			if (err == STATUS_OK)
				err = db_colmap_copy(&contact_cols, item, res,
				    i);
		}
	}
	PQclear(res);
	if (err == STATUS_OK)
		err = listing_pager(r, l, "/companies", total);
	return nerr_pass(err);
}

/*
 * The list is the busiest page: its HTML (which says nothing of who is
 * looking) is kept per worker for each letter, search, page and language,
 * and rendered again only when the directory's change counter moved.
 */
NEOERR *
companies_list(struct req *r)
{
	const char *const *parts;
	struct listing l;
	char key[300], version[24];
	STRING out;
	NEOERR *err;

	err = listing_read(r, &l, PER_PAGE);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(key, sizeof(key), "companies|%s|%s|%d|%s", lang_code(r->lang),
	    l.letter, l.page, l.q);
	snprintf(version, sizeof(version), "%lld", r->sess.directory_version);
	parts = frag_get(key, version);
	if (parts == NULL) {
		const char *fresh[FRAG_PARTS] = { NULL, NULL };

		string_init(&out);
		err = list_data(r, &l);
		if (err == STATUS_OK)
			err = tmpl_render(r->hdf, r->lang,
			    "companies/list_table.cs", &out);
		fresh[0] = out.buf ? out.buf : "";
		if (err == STATUS_OK)
			frag_put(key, version, fresh);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, "Fragment", fresh[0]);
		string_clear(&out);
	} else
		err = hdf_set_value(r->hdf, "Fragment", parts[0]);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "companies/list.cs");
}

NEOERR *
companies_new(struct req *r)
{
	return http_page(r, "companies/new.cs");
}

NEOERR *
companies_create(struct req *r)
{
	struct company v;
	long long id;
	NEOERR *err;

	if (FORM_READ(r, fields, &v) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return http_page(r, "companies/new.cs");
	}
	err = db_company_insert(&v, &id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "created");
	return http_redirect(r, "/companies/%lld", id);
}

NEOERR *
companies_page(struct req *r, long long id, bool fill_form)
{
	PGresult *res;
	NEOERR *err;
	size_t i;

	err = db_company_get(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_cols_to_hdf(r->hdf, "Company", res, 0, "id name");
	for (i = 0; fill_form && err == STATUS_OK && i < NFIELDS; i++)
		err = form_fill(r, fields[i].name,
		    db_get(res, 0, fields[i].name));
	PQclear(res);
	if (err == STATUS_OK)
		err = db_contacts_of(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Contacts", res);
	PQclear(res);
	if (err == STATUS_OK)
		err = db_departments_of(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Departments", res);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "companies/edit.cs");
}

NEOERR *
companies_show(struct req *r)
{
	return companies_page(r, r->id[0], true);
}

NEOERR *
companies_update(struct req *r)
{
	struct company v;
	NEOERR *err;
	bool found;

	if (FORM_READ(r, fields, &v) > 0) {
		http_refuse(r, FM_ERR_FORM);
		return companies_page(r, r->id[0], false);
	}
	err = db_company_update(r->id[0], &v, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return not_found(r);
	http_flash(r, "saved");
	return http_redirect(r, "/companies/%lld", r->id[0]);
}

/* The confirmation page, listing the contacts that would go too. */
static NEOERR *
confirm_page(struct req *r, long long id, int contacts)
{
	char msg[400];
	PGresult *res;
	NEOERR *err;
	int orders = 0;

	db_rollback();
	err = db_company_orders(id, &orders);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_company_get(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_cols_to_hdf(r->hdf, "Company", res, 0, "id name");
	PQclear(res);
	if (err == STATUS_OK && contacts > 0) {
		err = db_contacts_of(id, &res);
		if (err == STATUS_OK) {
			err = db_rows_to_hdf(r->hdf, "Contacts", res);
			PQclear(res);
		}
	}
	if (orders > 0)
		format_n(msg, sizeof(msg),
		    http_str_n(r, "companies.delete_has_orders", orders),
		    orders);
	else if (contacts > 0)
		format_n(msg, sizeof(msg),
		    http_str_n(r, "companies.delete_confirm", contacts),
		    contacts);
	else
		snprintf(msg, sizeof(msg), "%s",
		    http_str(r, "companies.delete_simple"));
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Confirm.message", msg);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Confirm.contacts", "%d", contacts);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Confirm.orders", "%d", orders);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "companies/delete.cs");
}

NEOERR *
companies_confirm_delete(struct req *r)
{
	NEOERR *err;
	int contacts;

	err = db_company_lock_count(r->id[0], &contacts);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (contacts < 0)
		return not_found(r);
	return confirm_page(r, r->id[0], contacts);
}

NEOERR *
companies_delete(struct req *r)
{
	long long id = r->id[0];
	const char *confirm = http_param(r, "confirm");
	const char *seen = http_param(r, "contacts");
	NEOERR *err;
	int contacts;

	err = db_begin();
	if (err == STATUS_OK)
		err = db_company_lock_count(id, &contacts);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (contacts < 0) {
		db_rollback();
		return not_found(r);
	}
	/* Ask first; ask again if contacts were added since the question. */
	if (confirm == NULL || strcmp(confirm, "1") || seen == NULL ||
	    atoi(seen) != contacts)
		return confirm_page(r, id, contacts);
	err = db_company_delete(id);
	if (err != STATUS_OK && !strcmp(db_last_error.sqlstate, "23503")) {
		/* Still referenced (by orders): refuse, keep everything. */
		nerr_ignore(&err);
		http_refuse(r, FM_ERR_CONFLICT);
		err = hdf_set_value(r->hdf, "Company.delete_refused", "1");
		if (err != STATUS_OK)
			return nerr_pass(err);
		return companies_page(r, id, true);
	}
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "deleted");
	return http_redirect(r, "/companies");
}

/* [{id, name}] of rows (the active ones when the rows say). */
static json_t *
id_names(PGresult *res)
{
	json_t *a = json_array();
	int i, active = PQfnumber(res, "active");

	for (i = 0; a != NULL && i < PQntuples(res); i++) {
		if (active >= 0 && !strcmp(PQgetvalue(res, i, active), "0"))
			continue;
		json_array_append_new(a,
		    json_pack("{s:I,s:s}", "id",
		        (json_int_t)atoll(db_get(res, i, "id")), "name",
		        db_get(res, i, "name")));
	}
	PQclear(res);
	return a;
}

/*
 * GET /companies/{id}/choices: the lists that follow the company in the
 * other forms (templates/static/app.js): the order form's contacts and
 * billing contacts, the contact form's departments.  Without the script
 * the forms still work: the server checks the pairs when they are sent.
 */
NEOERR *
companies_choices(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	json_t *doc;
	int found;

	err = db_company_get(r->id[0], &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	found = PQntuples(res);
	PQclear(res);
	if (found != 1)
		return not_found(r);
	doc = json_object();
	if (doc == NULL)
		return nerr_raise(NERR_NOMEM, "choices");
	err = db_order_contacts(r->id[0], &res);
	if (err == STATUS_OK) {
		json_object_set_new(doc, "contacts", id_names(res));
		err = db_order_billing_contacts(r->id[0], &res);
	}
	if (err == STATUS_OK) {
		json_object_set_new(doc, "billing_contacts", id_names(res));
		err = db_departments_of(r->id[0], &res);
	}
	if (err == STATUS_OK)
		json_object_set_new(doc, "departments", id_names(res));
	if (err != STATUS_OK) {
		json_decref(doc);
		return nerr_pass(err);
	}
	http_header(r, "Cache-Control: no-store");
	return http_json(r, doc);
}
