/*
 * order_child.c - the write of a row of an order's tab, once for the
 * reservations, disbursements, services and option grids (orders.h).
 */
#include "orders.h"
#include "db/db.h"
#include "errors.h"

/* The order page again, with the tab's form as posted and the reasons. */
static NEOERR *
refuse(struct req *r, struct order_child *c, NERR_TYPE type)
{
	http_refuse(r, type);
	return orders_page(r, c->order, c->tab, c->row, OP_TAB_POSTED);
}

NEOERR *
order_child_write(struct req *r, struct order_child *c)
{
	NERR_TYPE type = FM_ERR_FORM;
	NEOERR *err;
	int bad;

	if (c->order == 0) {
		err = c->find(c->row, &c->order);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (c->order == 0)
			return not_found(r);
	}
	if (c->check != NULL && (bad = c->check(r, c)) != 0) {
		if (bad < 0)
			return nerr_raise(NERR_NOMEM, "reading the form");
		return refuse(r, c, FM_ERR_FORM);
	}
	err = orders_begin(r, c->order);
	if (err != STATUS_OK)
		return err;
	err = c->write(r, c);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK) {
		if (c->refused == NULL)
			return nerr_pass(err);
		db_rollback();
		err = c->refused(r, c, err, &type);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return refuse(r, c, type);
	}
	http_flash(r, c->flash);
	return http_redirect(r, "/orders/%lld?tab=%s%s", c->order, c->tab,
	    c->anchor ? c->anchor : "#tab");
}
