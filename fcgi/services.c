/*
 * services.c - an order's services: free lines (label, quantity, unit
 * price excl. VAT, VAT rate) for anything the catalogue does not cover.
 * A negative unit price is allowed (a discount or a credit).
 */
#include "orders.h"
#include "db/db_order_items.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <string.h>

/* In the order of db_service_insert's values. */
static const struct field fields[] = {
	{ "label", FT_TEXT, true, 200, 0, NULL },
	{ "quantity", FT_DECIMAL, true, 0, 0, NULL },
	{ "unit_price", FT_MONEY, true, 0, 0, NULL },
	{ "vat_rate", FT_DECIMAL, true, 0, 0, NULL },
};
#define NFIELDS FM_ARRAY_LEN(fields)

static bool
read_valid(struct req *r, const char *v[NFIELDS])
{
	int bad = form_read(r, fields, NFIELDS);
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		v[i] = form_value(r, fields[i].name);
	if (v[1] && (v[1][0] == '-' || strspn(v[1], "0.") == strlen(v[1]))) {
		form_error(r, "quantity", "services.err_quantity");
		bad++;
	}
	return bad == 0;
}

/* A VAT rate that is not in the table is refused by its foreign key. */
static NEOERR *
refused(struct req *r, NEOERR *err, long long order, long long edit)
{
	if (nerr_match(err, FM_ERR_INVALID)) {
		nerr_ignore(&err);
		form_error(r, "vat_rate", "err.choice");
		return orders_refuse(r, order, "services", edit, FM_ERR_FORM);
	}
	return nerr_pass(err);
}

NEOERR *
services_create(struct req *r)
{
	long long order = r->id[0];
	const char *v[NFIELDS];
	NEOERR *err;

	if (!read_valid(r, v))
		return orders_refuse(r, order, "services", 0, FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err != STATUS_OK)
		return err;
	err = db_service_insert(order, v);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return refused(r, err, order, 0);
	http_flash(r, "created");
	return http_redirect(r, "/orders/%lld?tab=services#tab", order);
}

static NEOERR *
order_of(struct req *r, long long id, long long *order)
{
	NEOERR *err = db_service_order(id, order);

	if (err == STATUS_OK && *order == 0)
		return not_found(r);
	return nerr_pass(err);
}

NEOERR *
services_update(struct req *r)
{
	long long id = r->id[0], order, same;
	const char *v[NFIELDS];
	NEOERR *err;

	err = order_of(r, id, &order);
	if (err != STATUS_OK)
		return err;
	if (!read_valid(r, v))
		return orders_refuse(r, order, "services", id, FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err == STATUS_OK)
		err = db_service_update(id, v, &same);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return refused(r, err, order, id);
	http_flash(r, "saved");
	return http_redirect(r, "/orders/%lld?tab=services#tab", order);
}

NEOERR *
services_delete(struct req *r)
{
	long long id = r->id[0], order, same;
	NEOERR *err;

	err = order_of(r, id, &order);
	if (err == STATUS_OK)
		err = orders_begin(r, order);
	if (err == STATUS_OK)
		err = db_service_delete(id, &same);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "deleted");
	return http_redirect(r, "/orders/%lld?tab=services#tab", order);
}
