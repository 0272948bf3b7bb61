/*
 * orders.h - the order page, shared by the handlers of its tabs
 * (reservations.c, order_options.c, disbursements.c, services.c).
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

/* Answers a write that failed on a tab: re-shows the page with the
 * status of error type `type` (http_refuse). */
NEOERR *orders_refuse(struct req *r, long long id, const char *tab,
    long long edit, NERR_TYPE type);

/* Starts the request's transaction and locks the order: FM_ERR_NOTFOUND
 * (rolled back) when it does not exist. */
NEOERR *orders_begin(struct req *r, long long id);

#endif
