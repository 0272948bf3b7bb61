/*
 * disbursements.c - an order's disbursements (débours): sums paid on the
 * client's behalf (participants' fees...), outside the VAT base.
 */
#include "orders.h"
#include "db/db_order_items.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"

#include <string.h>

static const struct field fields[] = FORM_FIELDS(DISBURSEMENT);

static int
check(struct req *r, struct order_child *c)
{
	struct disbursement *d = c->values;
	int bad = FORM_READ(r, fields, d);

	if (d->amount &&
	    (d->amount[0] == '-' ||
	        strspn(d->amount, "0.") == strlen(d->amount))) {
		form_error(r, "amount", "disbursements.err_amount");
		bad++;
	}
	if (d->payment_type && !strcmp(d->payment_type, "cheque") &&
	    d->cheque_no == NULL) {
		form_error(r, "cheque_no", "disbursements.err_cheque_no");
		bad++;
	}
	if (d->payment_type && strcmp(d->payment_type, "cheque") &&
	    d->cheque_no != NULL) {
		form_error(r, "cheque_no", "disbursements.err_not_cheque");
		bad++;
	}
	return bad;
}

static NEOERR *
insert(struct req *r, struct order_child *c)
{
	(void)r;
	return db_disbursement_insert(c->order, c->values);
}

static NEOERR *
update(struct req *r, struct order_child *c)
{
	(void)r;
	return db_disbursement_update(c->row, c->values);
}

static NEOERR *
erase(struct req *r, struct order_child *c)
{
	(void)r;
	return db_disbursement_delete(c->row);
}

NEOERR *
disbursements_create(struct req *r)
{
	struct disbursement d;
	struct order_child c = { .tab = "disbursements",
		.flash = "created",
		.order = r->id[0],
		.values = &d,
		.check = check,
		.write = insert };

	return order_child_write(r, &c);
}

NEOERR *
disbursements_update(struct req *r)
{
	struct disbursement d;
	struct order_child c = { .tab = "disbursements",
		.flash = "saved",
		.row = r->id[0],
		.values = &d,
		.find = db_disbursement_order,
		.check = check,
		.write = update };

	return order_child_write(r, &c);
}

NEOERR *
disbursements_delete(struct req *r)
{
	struct order_child c = { .tab = "disbursements",
		.flash = "deleted",
		.row = r->id[0],
		.find = db_disbursement_order,
		.write = erase };

	return order_child_write(r, &c);
}
