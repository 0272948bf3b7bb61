/*
 * orders.h - the order page, shared by the handlers of its tabs
 * (reservations.c, order_options.c, disbursements.c, services.c), and
 * the steps of their writes (order_child.c).
 */
#ifndef FM_ORDERS_H
#define FM_ORDERS_H

#include "http.h"

/* What the request already put in Form.* (kept, not re-read). */
enum order_page_flags {
	OP_HEADER_POSTED = 1 << 0, /* the header form was posted */
	OP_TAB_POSTED = 1 << 1,    /* the tab's form was posted */
};

/*
 * Renders the order page with status r->status: the header form, the
 * totals and the tab `tab` ("reservations", "cat-<id>", "disbursements",
 * "services", "history"); edit is the row of the tab shown as a form (0:
 * the add form).  FM_ERR_NOTFOUND when the order does not exist.
 */
NEOERR *orders_page(struct req *r, long long id, const char *tab,
    long long edit, int flags);

/* Starts the request's transaction and locks the order: FM_ERR_NOTFOUND
 * (rolled back) when it does not exist. */
NEOERR *orders_begin(struct req *r, long long id);

/*
 * A write of a row of an order's tab (a reservation, a disbursement, a
 * service, a grid of options), in the steps every such handler takes:
 * find the order (of the URL, or of the row), check the form, begin with
 * the order locked, write, commit, back to the tab with a notice.  A form
 * with errors, or a write the database refused, shows the order page
 * again with the tab's form, what was typed and the reasons.
 */
struct order_child {
	const char *tab;    /* "reservations", "disbursements", "cat-3"... */
	const char *anchor; /* of the redirect: "#tab" when NULL */
	const char *flash;  /* the notice after the write (flash.*) */
	long long order;    /* the order; 0: found from row by find */
	long long row;      /* the row written, 0 for a new one */
	void *values;       /* the handler's values (its contract's struct) */
	/* The order of row, 0 when there is none (answered 404). */
	NEOERR *(*find)(long long row, long long *order);
	/* Reads and checks the form: how many fields are wrong (their
	 * messages on the form), < 0 out of memory.  NULL: nothing to read
	 * (a deletion). */
	int (*check)(struct req *r, struct order_child *c);
	/* The statements, inside the transaction. */
	NEOERR *(*write)(struct req *r, struct order_child *c);
	/* A write the database refused, rolled back: puts the reasons on the
	 * form and sets *type (FM_ERR_FORM, FM_ERR_CONFLICT) and returns
	 * STATUS_OK, or returns err when it is no refusal.  NULL: none. */
	NEOERR *(*refused)(struct req *r, struct order_child *c, NEOERR *err,
	    NERR_TYPE *type);
};

NEOERR *order_child_write(struct req *r, struct order_child *c);

/* Choices.units: the Rec. 20 units (UNIT_CODES) named in the page's
 * language, for the unit selects of the configuration and of an order's
 * services (config.c). */
NEOERR *config_unit_choices(struct req *r);

#endif
