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

/* In the order of db_disbursement_insert's values. */
static const struct field fields[] = {
	{ "last_name", FT_TEXT, true, 100, 0, NULL },
	{ "first_name", FT_TEXT, false, 100, 0, NULL },
	{ "payment_type", FT_CHOICE, true, 0, 0,
	    "cash cheque transfer card other" },
	{ "amount", FT_MONEY, true, 0, 0, NULL },
	{ "cheque_no", FT_TEXT, false, 40, 0, NULL },
	{ "paid_on", FT_DATE, true, 0, 0, NULL },
};
#define NFIELDS FM_ARRAY_LEN(fields)

static bool
read_valid(struct req *r, const char *v[NFIELDS])
{
	int bad = form_read(r, fields, NFIELDS);
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		v[i] = form_value(r, fields[i].name);
	if (v[3] && (v[3][0] == '-' || strspn(v[3], "0.") == strlen(v[3]))) {
		form_error(r, "amount", "disbursements.err_amount");
		bad++;
	}
	if (v[2] && !strcmp(v[2], "cheque") && v[4] == NULL) {
		form_error(r, "cheque_no", "disbursements.err_cheque_no");
		bad++;
	}
	if (v[2] && strcmp(v[2], "cheque") && v[4] != NULL) {
		form_error(r, "cheque_no", "disbursements.err_not_cheque");
		bad++;
	}
	return bad == 0;
}

NEOERR *
disbursements_create(struct req *r)
{
	long long order = r->id[0];
	const char *v[NFIELDS];
	NEOERR *err;

	if (!read_valid(r, v))
		return orders_refuse(r, order, "disbursements", 0, FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err != STATUS_OK)
		return err;
	err = db_disbursement_insert(order, v);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "created");
	return http_redirect(r, "/orders/%lld?tab=disbursements#tab", order);
}

/* The order of a disbursement, or FM_ERR_NOTFOUND. */
static NEOERR *
order_of(struct req *r, long long id, long long *order)
{
	NEOERR *err = db_disbursement_order(id, order);

	if (err == STATUS_OK && *order == 0)
		return not_found(r);
	return nerr_pass(err);
}

NEOERR *
disbursements_update(struct req *r)
{
	long long id = r->id[0], order, same;
	const char *v[NFIELDS];
	NEOERR *err;

	err = order_of(r, id, &order);
	if (err != STATUS_OK)
		return err;
	if (!read_valid(r, v))
		return orders_refuse(r, order, "disbursements", id,
		    FM_ERR_FORM);
	err = orders_begin(r, order);
	if (err == STATUS_OK)
		err = db_disbursement_update(id, v, &same);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/orders/%lld?tab=disbursements#tab", order);
}

NEOERR *
disbursements_delete(struct req *r)
{
	long long id = r->id[0], order, same;
	NEOERR *err;

	err = order_of(r, id, &order);
	if (err == STATUS_OK)
		err = orders_begin(r, order);
	if (err == STATUS_OK)
		err = db_disbursement_delete(id, &same);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "deleted");
	return http_redirect(r, "/orders/%lld?tab=disbursements#tab", order);
}
