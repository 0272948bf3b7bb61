/*
 * listing.h - what long lists share: the A-Z/0-9 index, the search text
 * and the page links.
 */
#ifndef FM_LISTING_H
#define FM_LISTING_H

#include "http.h"

struct listing {
	char letter[2]; /* "" or one of A-Z, 0-9 */
	char q[201];    /* search text, trimmed */
	int page;       /* from 1 */
	int per_page;
};

/* Reads letter, q and page from the request; sets List.*. */
NEOERR *listing_read(struct req *r, struct listing *l, int per_page);

/* Sets Letters.* (A-Z, 0-9) for the index bar. */
NEOERR *listing_letters(struct req *r);

/* Sets Pager.* for total rows, with links back to path keeping the filters. */
NEOERR *listing_pager(struct req *r, const struct listing *l, const char *path,
    long total);

/* The same for a list with its own filters: base is the link without the
 * page ("/orders?q=x&vip=1&"), its values escaped by the caller. */
NEOERR *listing_pages(struct req *r, const struct listing *l, const char *base,
    long total);

#endif
