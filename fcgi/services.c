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

static const struct field fields[] = FORM_FIELDS(SERVICE);

static int
check(struct req *r, struct order_child *c)
{
	struct service *s = c->values;
	int bad = FORM_READ(r, fields, s);

	if (s->quantity &&
	    (s->quantity[0] == '-' ||
	        strspn(s->quantity, "0.") == strlen(s->quantity))) {
		form_error(r, "quantity", "services.err_quantity");
		bad++;
	}
	return bad;
}

/* A VAT rate that is not in the table is refused by its foreign key. */
static NEOERR *
refused(struct req *r, struct order_child *c, NEOERR *err, NERR_TYPE *type)
{
	(void)c;
	if (!nerr_match(err, FM_ERR_INVALID))
		return err;
	nerr_ignore(&err);
	form_error(r, "vat_rate", "err.choice");
	*type = FM_ERR_FORM;
	return STATUS_OK;
}

static NEOERR *
insert(struct req *r, struct order_child *c)
{
	(void)r;
	return db_service_insert(c->order, c->values);
}

static NEOERR *
update(struct req *r, struct order_child *c)
{
	(void)r;
	return db_service_update(c->row, c->values);
}

static NEOERR *
erase(struct req *r, struct order_child *c)
{
	(void)r;
	return db_service_delete(c->row);
}

NEOERR *
services_create(struct req *r)
{
	struct service s;
	struct order_child c = { .tab = "services",
		.flash = "created",
		.order = r->id[0],
		.values = &s,
		.check = check,
		.write = insert,
		.refused = refused };

	return order_child_write(r, &c);
}

NEOERR *
services_update(struct req *r)
{
	struct service s;
	struct order_child c = { .tab = "services",
		.flash = "saved",
		.row = r->id[0],
		.values = &s,
		.find = db_service_order,
		.check = check,
		.write = update,
		.refused = refused };

	return order_child_write(r, &c);
}

NEOERR *
services_delete(struct req *r)
{
	struct order_child c = { .tab = "services",
		.flash = "deleted",
		.row = r->id[0],
		.find = db_service_order,
		.write = erase };

	return order_child_write(r, &c);
}
