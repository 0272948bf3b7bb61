/*
 * orders.c - /orders: the list with search and filters, a new order from
 * a company or a contact ("+commande"), and the order page: its header
 * (client, billing, study reference...), its totals, and the tabs
 * Reservations | <one per option category> | Disbursements | Services |
 * History.  The tabs' own writes are in reservations.c, order_options.c,
 * disbursements.c and services.c; they re-show this page on errors.
 */
#include "orders.h"
#include "db/db_companies.h"
#include "db/db_config.h"
#include "db/db_order_items.h"
#include "db/db_orders.h"
#include "db/db_reservations.h"
#include "documents.h"
#include "errors.h"
#include "form.h"
#include "fragcache.h"
#include "handlers.h"
#include "listing.h"
#include "tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE    50
#define HISTORY_MAX 300
#define BLANK_ROWS  3

static const struct field fields[] = FORM_FIELDS(ORDER);
#define NFIELDS FM_ARRAY_LEN(fields)

/* Copies a query's rows under prefix; NEOERR chain on the way. */
static NEOERR *
rows(struct req *r, const char *prefix, NEOERR *err, PGresult *res)
{
	if (err != STATUS_OK)
		return err;
	err = db_rows_to_hdf(r->hdf, prefix, res);
	PQclear(res);
	return nerr_pass(err);
}

static const char *
lang(struct req *r)
{
	return lang_code(r->lang);
}

/* --- list ------------------------------------------------------------- */

NEOERR *
orders_list(struct req *r)
{
	static const struct field f[] = {
		{ "from", FT_DATE, false, 0, 0, NULL },
		{ "to", FT_DATE, false, 0, 0, NULL },
		{ "vip", FT_BOOL, false, 0, 0, NULL },
	};
	struct listing l;
	char base[700], *q = NULL;
	const char *from, *to, *vip;
	PGresult *res;
	NEOERR *err;
	long total = 0, fetched = 0;
	char first[64] = "", last[64] = "";

	err = listing_read(r, &l, PER_PAGE);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* A wrong date is shown on the filter and ignored. */
	form_read(r, f, FM_ARRAY_LEN(f));
	hdf_remove_tree(r->hdf, "Errors.form");
	from = form_value(r, "from");
	to = form_value(r, "to");
	vip = form_value(r, "vip");
	{
		char day[11], id[20];

		listing_day_key(&l, day, id);
		err = db_orders_page(l.q, from, to, vip ? vip : "0", lang(r),
		    PER_PAGE, LISTING_COUNT_CAP + 1, day[0] ? day : NULL,
		    id[0] ? id : NULL, l.before[0] != '\0', &res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) > 0) {
		fetched = atol(db_get(res, 0, "fetched"));
		total = atol(db_get(res, 0, "total"));
		snprintf(first, sizeof(first), "%s", db_get(res, 0, "key"));
		snprintf(last, sizeof(last), "%s",
		    db_get(res, PQntuples(res) - 1, "key"));
	} else if (l.after[0] || l.before[0]) {
		/* A page past the end (its rows were deleted): the first. */
		PQclear(res);
		return http_redirect(r, "/orders");
	}
	err = rows(r, "Orders", err, res);
	if (err == STATUS_OK)
		err = cgi_url_escape(l.q, &q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(base, sizeof(base), "/orders?q=%s&from=%s&to=%s&vip=%s&", q,
	    from ? from : "", to ? to : "",
	    vip && !strcmp(vip, "1") ? "1" : "");
	free(q);
	err = listing_keyset(r, &l, base, total, fetched, first, last);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "orders/list.cs");
}

/* --- new order -------------------------------------------------------- */

/* What the header form needs besides its fields: the company's name and
 * contacts, the billing company's billing contacts, every company for
 * the billing company select. */
static NEOERR *
header_choices(struct req *r, bool client)
{
	long long company = atoll(
	    hdf_get_value(r->hdf, "Form.company_id", "0"));
	long long billing = atoll(
	    hdf_get_value(r->hdf, "Form.billing_company_id", "0"));
	PGresult *res;
	NEOERR *err;

	err = db_companies_names(&res);
	err = rows(r, "Companies", err, res);
	if (err == STATUS_OK && company > 0 && client) {
		err = db_company_get(company, &res);
		if (err == STATUS_OK) {
			if (PQntuples(res) == 1)
				err = db_cols_to_hdf(r->hdf, "Client", res, 0,
				    "id name phone");
			PQclear(res);
		}
	}
	if (err == STATUS_OK && company > 0) {
		err = db_order_contacts(company, &res);
		err = rows(r, "Contacts", err, res);
	}
	if (err == STATUS_OK && (billing > 0 || company > 0)) {
		err = db_order_billing_contacts(billing > 0 ? billing : company,
		    &res);
		err = rows(r, "BillingContacts", err, res);
	}
	return nerr_pass(err);
}

NEOERR *
orders_new(struct req *r)
{
	long long company = http_param_id(r, "company_id");
	long long contact = http_param_id(r, "contact_id");
	NEOERR *err;

	if (contact > 0) {
		err = db_contact_company(contact, &company);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (company == 0)
			return not_found(r);
		hdf_setf(r->hdf, "Form.contact_id", "%lld", contact);
	}
	if (company > 0)
		hdf_setf(r->hdf, "Form.company_id", "%lld", company);
	form_fill(r, "language", "fr");
	form_fill(r, "vat_mode", "normal");
	err = header_choices(r, true);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (company > 0 && !hdf_get_value(r->hdf, "Client.id", NULL))
		return not_found(r);
	return http_page(r, "orders/new.cs");
}

/*
 * Checks the header form, including that the contact works for the
 * company and that the billing contact is a billing contact of the
 * billing company (the order's company when none is chosen).
 */
static bool
read_header(struct req *r, struct order *v)
{
	int bad = FORM_READ(r, fields, v);

	if (bad == 0 && v->contact_id != NULL) {
		bool fits = false;
		NEOERR *err = db_contact_fits(atoll(v->contact_id),
		    atoll(v->company_id), false, &fits);

		nerr_ignore(&err);
		if (!fits) {
			form_error(r, "contact_id", "orders.err_contact");
			bad++;
		}
	}
	if (bad == 0 && v->billing_contact_id != NULL) {
		bool fits = false;
		NEOERR *err = db_contact_fits(atoll(v->billing_contact_id),
		    atoll(v->billing_company_id ? v->billing_company_id
		                                : v->company_id),
		    true, &fits);

		nerr_ignore(&err);
		if (!fits) {
			form_error(r, "billing_contact_id",
			    "orders.err_billing_contact");
			bad++;
		}
	}
	return bad == 0;
}

NEOERR *
orders_create(struct req *r)
{
	struct order v;
	long long id;
	NEOERR *err;

	if (!read_header(r, &v)) {
		http_refuse(r, FM_ERR_FORM);
		err = header_choices(r, true);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "orders/new.cs");
	}
	err = db_order_tx_begin(r->sess.staff_id);
	if (err == STATUS_OK)
		err = db_order_insert(&v, r->sess.staff_id, &id);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* A company or contact deleted meanwhile. */
		nerr_ignore(&err);
		db_rollback();
		form_error(r, "company_id", "err.choice");
		http_refuse(r, FM_ERR_FORM);
		err = header_choices(r, true);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "orders/new.cs");
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "order_created");
	return http_redirect(r, "/orders/%lld", id);
}

/* --- the order page --------------------------------------------------- */

/* The category id of a tab named "cat-<id>", 0 otherwise. */
static long long
tab_category(const char *tab)
{
	if (strncmp(tab, "cat-", 4) || tab[4] < '1' || tab[4] > '9' ||
	    strlen(tab) > 20 ||
	    strspn(tab + 4, "0123456789") != strlen(tab + 4))
		return 0;
	return atoll(tab + 4);
}

static NEOERR *
tab_reservations(struct req *r, long long id, long long edit, int flags)
{
	PGresult *res;
	NEOERR *err;

	err = db_reservations_of(id, lang(r), &res);
	err = rows(r, "Reservations", err, res);
	if (err == STATUS_OK) {
		err = db_rooms_choices(&res);
		err = rows(r, "Rooms", err, res);
	}
	if (err == STATUS_OK) {
		err = db_tariffs_choices(&res);
		err = rows(r, "Tariffs", err, res);
	}
	if (err != STATUS_OK || (flags & OP_TAB_POSTED))
		return nerr_pass(err);
	if (edit > 0) {
		err = db_reservation_get(edit, lang(r), &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (PQntuples(res) == 1 &&
		    atoll(db_get(res, 0, "order_id")) == id)
			err = db_cols_to_hdf(r->hdf, "Form", res, 0,
			    "room_id "
			    "date start end tariff_id rec trad live overtime "
			    "info");
		else
			hdf_remove_tree(r->hdf, "Edit");
		PQclear(res);
		return nerr_pass(err);
	}
	/* The next reservation is often the day after, in the same room with
	 * the same tariff: its times are the tariff's.  Recording,
	 * translation and live are chosen each time, never carried over. */
	err = db_reservation_last(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 1)
		err = db_cols_to_hdf(r->hdf, "Form", res, 0,
		    "room_id date start end tariff_id");
	PQclear(res);
	return nerr_pass(err);
}

/* Puts the order's cells of the category into Form.day.N, Form.room.N,
 * Form.hours.N and Form.q.N.<option>, one grid row per day/room/hours. */
static NEOERR *
grid_from_db(struct req *r, long long id, long long category, int *nrows)
{
	char key[96], prev[200] = "", cur[200];
	PGresult *res;
	NEOERR *err;
	int i, row = -1;

	err = db_grid_cells(id, category, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		const char *day = db_get(res, i, "day");
		const char *room = db_get(res, i, "room_id");
		const char *hours = db_get(res, i, "hours");

		snprintf(cur, sizeof(cur), "%s|%s|%s", day, room ? room : "",
		    hours ? hours : "");
		if (row < 0 || strcmp(cur, prev)) {
			row++;
			snprintf(prev, sizeof(prev), "%s", cur);
			snprintf(key, sizeof(key), "Form.day.%d", row);
			err = hdf_set_value(r->hdf, key, day);
			snprintf(key, sizeof(key), "Form.room.%d", row);
			if (err == STATUS_OK && room)
				err = hdf_set_value(r->hdf, key, room);
			snprintf(key, sizeof(key), "Form.hours.%d", row);
			if (err == STATUS_OK && hours)
				err = hdf_set_value(r->hdf, key, hours);
		}
		snprintf(key, sizeof(key), "Form.q.%d.%s", row,
		    db_get(res, i, "option_id"));
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key,
			    db_get(res, i, "quantity_label"));
	}
	PQclear(res);
	*nrows = row + 1;
	return nerr_pass(err);
}

static NEOERR *
tab_grid(struct req *r, long long id, long long category, int flags)
{
	PGresult *res;
	NEOERR *err;
	int n = 0, i;

	err = hdf_setf(r->hdf, "Grid.category", "%lld", category);
	if (err == STATUS_OK) {
		err = db_grid_options(id, category, lang(r), &res);
		err = rows(r, "Grid.options", err, res);
	}
	if (err == STATUS_OK) {
		err = db_rooms_choices(&res);
		err = rows(r, "Rooms", err, res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (flags & OP_TAB_POSTED)
		n = atoi(hdf_get_value(r->hdf, "Grid.posted_rows", "0"));
	else {
		err = grid_from_db(r, id, category, &n);
		n += BLANK_ROWS;
	}
	for (i = 0; err == STATUS_OK && i < n; i++) {
		char key[32];

		snprintf(key, sizeof(key), "Grid.rows.%d", i);
		err = hdf_setf(r->hdf, key, "%d", i);
	}
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Grid.n", "%d", n);
	return nerr_pass(err);
}

/* Fills Form.* from the listed row whose id is edit. */
static NEOERR *
fill_from_rows(struct req *r, PGresult *res, long long edit, const char *cols)
{
	int i;

	for (i = 0; i < PQntuples(res); i++)
		if (atoll(db_get(res, i, "id")) == edit)
			return nerr_pass(
			    db_cols_to_hdf(r->hdf, "Form", res, i, cols));
	hdf_remove_tree(r->hdf, "Edit");
	return STATUS_OK;
}

static NEOERR *
tab_disbursements(struct req *r, long long id, long long edit, int flags)
{
	PGresult *res;
	NEOERR *err;

	err = db_disbursements_of(id, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Disbursements", res);
	if (err == STATUS_OK && !(flags & OP_TAB_POSTED) && edit > 0)
		err = fill_from_rows(r, res, edit,
		    "last_name first_name "
		    "payment_type amount cheque_no paid_on");
	PQclear(res);
	if (err == STATUS_OK && !(flags & OP_TAB_POSTED) && edit == 0)
		err = form_fill(r, "payment_type", "cheque");
	return nerr_pass(err);
}

static NEOERR *
tab_services(struct req *r, long long id, long long edit, int flags)
{
	PGresult *res;
	NEOERR *err;

	err = db_services_of(id, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Services", res);
	if (err == STATUS_OK && !(flags & OP_TAB_POSTED) && edit > 0)
		err = fill_from_rows(r, res, edit,
		    "label quantity unit_price "
		    "vat_rate unit_code");
	PQclear(res);
	if (err == STATUS_OK && !(flags & OP_TAB_POSTED) && edit == 0) {
		err = form_fill(r, "quantity", "1");
		if (err == STATUS_OK)
			err = form_fill(r, "vat_rate", "20.00");
		if (err == STATUS_OK)
			err = form_fill(r, "unit_code", "C62");
	}
	if (err == STATUS_OK) {
		err = db_vat_choices(&res);
		err = rows(r, "Vat", err, res);
	}
	if (err == STATUS_OK)
		err = config_unit_choices(r);
	return nerr_pass(err);
}

/* One entry per change, its changed fields below it. */
static NEOERR *
tab_history(struct req *r, long long id)
{
	char key[96], lk[64];
	PGresult *res;
	NEOERR *err;
	const char *prev = NULL;
	int i, n = -1, k = 0;

	err = db_order_history(id, HISTORY_MAX, lang(r), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && i < PQntuples(res); i++) {
		const char *hid = db_get(res, i, "id");

		if (prev == NULL || strcmp(prev, hid)) {
			prev = hid;
			n++;
			k = 0;
			snprintf(key, sizeof(key), "History.%d", n);
			err = db_cols_to_hdf(r->hdf, key, res, i,
			    "id at who entity action summary");
			snprintf(lk, sizeof(lk), "history.%s_%s",
			    db_get(res, i, "entity"), db_get(res, i, "action"));
			snprintf(key, sizeof(key), "History.%d.what", n);
			if (err == STATUS_OK)
				err = hdf_set_value(r->hdf, key,
				    http_str(r, lk));
		}
		if (err == STATUS_OK && db_get(res, i, "field")) {
			snprintf(key, sizeof(key), "History.%d.changes.%d", n,
			    k++);
			err = db_cols_to_hdf(r->hdf, key, res, i,
			    "field old new");
		}
	}
	PQclear(res);
	return nerr_pass(err);
}

/* Totals, tab labels and the open tab: what orders/body.cs shows
 * besides the header. */
static NEOERR *
load_tab(struct req *r, long long id, const char *tab, long long edit,
    int flags)
{
	long long category = tab_category(tab);
	PGresult *res;
	NEOERR *err;

	err = db_order_totals(id, lang(r), &res);
	if (err == STATUS_OK) {
		err = db_row_to_hdf(r->hdf, "Totals", res, 0);
		PQclear(res);
	}
	if (err == STATUS_OK) {
		err = db_order_vat_totals(id, lang(r), &res);
		err = rows(r, "VatTotals", err, res);
	}
	if (err == STATUS_OK) {
		err = db_order_counts(id, &res);
		if (err == STATUS_OK) {
			err = db_row_to_hdf(r->hdf, "Counts", res, 0);
			PQclear(res);
		}
	}
	if (err == STATUS_OK) {
		err = db_order_categories(id, &res);
		err = rows(r, "Categories", err, res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (category > 0) {
		HDF *c;
		bool known = false;

		for (c = hdf_get_child(r->hdf, "Categories"); c;
		     c = hdf_obj_next(c))
			if (atoll(hdf_get_value(c, "id", "0")) == category) {
				known = true;
				err = hdf_set_value(r->hdf, "Grid.label",
				    hdf_get_value(c,
				        r->lang == LANG_EN ? "label_en"
				                           : "label_fr",
				        ""));
				if (err == STATUS_OK)
					err = hdf_set_value(r->hdf,
					    "Grid.per_room",
					    hdf_get_value(c, "per_room", "0"));
			}
		if (!known)
			return not_found(r);
		if (err == STATUS_OK)
			err = tab_grid(r, id, category, flags);
	} else if (!strcmp(tab, "reservations"))
		err = tab_reservations(r, id, edit, flags);
	else if (!strcmp(tab, "disbursements"))
		err = tab_disbursements(r, id, edit, flags);
	else if (!strcmp(tab, "services"))
		err = tab_services(r, id, edit, flags);
	else
		err = tab_history(r, id);
	return nerr_pass(err);
}

/*
 * The page's content (orders/body.cs: header form, totals, tabs and the
 * open tab) is kept in the worker's fragment cache while order_version()
 * has not moved, so that showing an order again costs one query.  A page
 * re-shown with what the user typed (flags) is never cached.
 */
NEOERR *
orders_page(struct req *r, long long id, const char *tab, long long edit,
    int flags)
{
	const char *parts[FRAG_PARTS] = { NULL, NULL }, *const *hit = NULL;
	char key[160], version[64] = "";
	STRING body;
	PGresult *res;
	NEOERR *err;
	size_t i;

	if (tab_category(tab) == 0 && strcmp(tab, "reservations") &&
	    strcmp(tab, "disbursements") && strcmp(tab, "services") &&
	    strcmp(tab, "history"))
		tab = "reservations";
	err = hdf_setf(r->hdf, "Order.id", "%lld", id);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Tab.name", tab);
	if (err == STATUS_OK && edit > 0)
		err = hdf_setf(r->hdf, "Edit.id", "%lld", edit);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* The version is read before the data (see fragcache.h). */
	snprintf(key, sizeof(key), "order|%lld|%s|%lld|%s", id, tab, edit,
	    lang_code(r->lang));
	if (flags == 0) {
		err = db_order_version(id, version, sizeof(version));
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (*version == '\0')
			return not_found(r);
		hit = frag_get(key, version);
	}
	if (hit != NULL) {
		err = hdf_set_value(r->hdf, "Order.body_html", hit[0]);
		if (err == STATUS_OK)
			err = documents_order_section(r, id);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "orders/show.cs");
	}

	err = db_order_get(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Order", res, 0);
	for (i = 0;
	     err == STATUS_OK && !(flags & OP_HEADER_POSTED) && i < NFIELDS;
	     i++)
		err = form_fill(r, fields[i].name,
		    db_get(res, 0, fields[i].name));
	PQclear(res);
	if (err == STATUS_OK)
		err = header_choices(r, false);
	if (err == STATUS_OK)
		err = load_tab(r, id, tab, edit, flags);
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&body);
	err = tmpl_render(r->hdf, r->lang, "orders/body.cs", &body);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Order.body_html",
		    body.buf ? body.buf : "");
	if (err == STATUS_OK && flags == 0 && *version) {
		parts[0] = body.buf ? body.buf : "";
		frag_put(key, version, parts);
	}
	string_clear(&body);
	/* The documents bar is read afresh: documents are not in
	 * order_version(). */
	if (err == STATUS_OK)
		err = documents_order_section(r, id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "orders/show.cs");
}

NEOERR *
orders_begin(struct req *r, long long id)
{
	NEOERR *err;
	bool found = false;

	err = db_order_tx_begin(r->sess.staff_id);
	if (err == STATUS_OK)
		err = db_order_lock(id, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found) {
		db_rollback();
		return not_found(r);
	}
	return STATUS_OK;
}

NEOERR *
orders_show(struct req *r)
{
	const char *tab = http_param(r, "tab");

	return orders_page(r, r->id[0], tab ? tab : "reservations",
	    http_param_id(r, "edit"), 0);
}

NEOERR *
orders_update(struct req *r)
{
	struct order v;
	const char *tab = http_param(r, "tab");
	NEOERR *err;
	bool found = false;

	if (tab == NULL)
		tab = "reservations";
	if (!read_header(r, &v)) {
		http_refuse(r, FM_ERR_FORM);
		return orders_page(r, r->id[0], tab, 0, OP_HEADER_POSTED);
	}
	err = orders_begin(r, r->id[0]);
	if (err == STATUS_OK)
		err = db_order_update(r->id[0], &v, &found);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		db_rollback();
		form_error(r, "billing_contact_id",
		    "orders.err_billing_contact");
		http_refuse(r, FM_ERR_FORM);
		return orders_page(r, r->id[0], tab, 0, OP_HEADER_POSTED);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/orders/%lld?tab=%s", r->id[0],
	    tab_category(tab) > 0 || !strcmp(tab, "disbursements") ||
	            !strcmp(tab, "services") || !strcmp(tab, "history")
	        ? tab
	        : "reservations");
}
