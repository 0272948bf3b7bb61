/*
 * order_heading.h - the heading an order's videos, files and access
 * pages share (templates/layout/order_heading.cs): the order's number,
 * company, study and contact, and links between those pages.
 */
#ifndef FM_ORDER_HEADING_H
#define FM_ORDER_HEADING_H

#include "http.h"

/* Fills Order.* for order id; FM_ERR_NOTFOUND when there is none. */
NEOERR *order_heading(struct req *r, long long id);

#endif
