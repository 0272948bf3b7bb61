/*
 * companies.c - /companies: list with index and search, create, edit,
 * delete (with its contacts, after confirmation).
 */
#include "companies.h"
#include "db/db_companies.h"
#include "db/db_contacts.h"
#include "db/db_guarantee.h"
#include "db/db_orders.h"
#include "errors.h"
#include "form.h"
#include "fragcache.h"
#include "handlers.h"
#include "listing.h"
#include "vat_number.h"

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
	long total = 0, fetched = 0;
	int i, n = -1, k = 0, c_id, c_total, c_contact;
	const char *key = l->after[0] ? l->after : l->before;
	char first[24] = "", last[24] = "", base[600], *q = NULL;

	err = listing_letters(r);
	if (err == STATUS_OK)
		err = db_companies_page(l->letter, l->q, PER_PAGE,
		    LISTING_COUNT_CAP + 1, key[0] ? key : NULL,
		    l->before[0] != '\0', &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) > 0) {
		fetched = atol(db_get(res, 0, "fetched"));
		snprintf(first, sizeof(first), "%s", db_get(res, 0, "key"));
		snprintf(last, sizeof(last), "%s",
		    db_get(res, PQntuples(res) - 1, "key"));
	}
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
		err = cgi_url_escape(l->q, &q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(base, sizeof(base), "/companies?%s%s%sq=%s&",
	    l->letter[0] ? "letter=" : "", l->letter, l->letter[0] ? "&" : "",
	    q);
	free(q);
	return nerr_pass(
	    listing_keyset(r, l, base, total, fetched, first, last));
}

/*
 * The list is the busiest page: its HTML (which says nothing of who is
 * looking) is kept per worker for each letter, search, page and language,
 * and rendered again only when the directory's change counter moved.
 */
/* Alerts.*: the open alerts, shown on the staff's home page (fm-alerts
 * opens and resolves them). */
static NEOERR *
open_alerts(struct req *r)
{
	PGresult *res;
	NEOERR *err;

	err = db_alerts_open(&res);
	if (err == STATUS_OK)
		err = db_rows_to_hdf(r->hdf, "Alerts", res);
	PQclear(res);
	return nerr_pass(err);
}

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
	/* A key is a company's id. */
	if (strspn(l.after, "0123456789") != strlen(l.after) ||
	    strspn(l.before, "0123456789") != strlen(l.before))
		l.after[0] = l.before[0] = '\0';
	snprintf(key, sizeof(key), "companies|%s|%s|%s|%s|%s",
	    lang_code(r->lang), l.letter, l.after, l.before, l.q);
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
	if (err == STATUS_OK)
		err = open_alerts(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "companies/list.cs");
}

/* Countries.* for the select lists, in the page's language. */
static NEOERR *
countries(struct req *r)
{
	PGresult *res;
	NEOERR *err = db_countries(lang_code(r->lang), &res);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Countries", res);
	PQclear(res);
	return nerr_pass(err);
}

static bool
only(const char *s, const char *allowed)
{
	return s == NULL || strspn(s, allowed) == strlen(s);
}

/*
 * What the field types cannot say: an electronic invoicing address of
 * the characters the French platforms accept, a scheme of four digits, an
 * ISO country code (the VAT number: vat_number_form_check).  Returns the
 * number of refused fields.
 */
static int
check(struct req *r, const struct company *v)
{
	int bad = 0;

	if (!only(v->e_address,
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	        "0123456789+-_.")) {
		form_error(r, "e_address", "companies.err_e_address");
		bad++;
	}
	if (v->e_scheme &&
	    (strlen(v->e_scheme) != 4 || !only(v->e_scheme, "0123456789"))) {
		form_error(r, "e_scheme", "companies.err_e_scheme");
		bad++;
	}
	if (v->country_code &&
	    (strlen(v->country_code) != 2 ||
	        !only(v->country_code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))) {
		form_error(r, "country_code", "companies.err_country");
		bad++;
	}
	return bad;
}

NEOERR *
companies_new(struct req *r)
{
	NEOERR *err = countries(r);

	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Form.country_code", "FR");
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Form.is_b2b", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Form.e_scheme", "0225");
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "companies/new.cs");
}

NEOERR *
companies_create(struct req *r)
{
	struct company v;
	long long id;
	NEOERR *err;
	int bad;

	bad = FORM_READ(r, fields, &v) + check(r, &v);
	bad += vat_number_form_check(r, "vat_number", v.vat_number, v.siren,
	    &err);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		err = countries(r);
		if (err != STATUS_OK)
			return nerr_pass(err);
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
	err = db_cols_to_hdf(r->hdf, "Company", res, 0, "id name country");
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
	if (err == STATUS_OK)
		err = countries(r);
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
	int bad;

	bad = FORM_READ(r, fields, &v) + check(r, &v);
	bad += vat_number_form_check(r, "vat_number", v.vat_number, v.siren,
	    &err);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (bad > 0) {
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
