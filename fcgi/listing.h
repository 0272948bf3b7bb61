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
	/* Keyset pages: the key of the row the page starts after (or ends
	 * before), as the list wrote it in its links ("2024-05-03.1234"):
	 * letters, digits, '.', '-', '_' only, else empty. */
	char after[64];
	char before[64];
};

/* The count a list shows is capped: "1000+" beyond. */
#define LISTING_COUNT_CAP 1000

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

/*
 * The page key "YYYY-MM-DD.ID" (after= or before=) split into day and id;
 * false (and both empty, l's keys cleared) when there is none or it is
 * not one: the first page.
 */
bool listing_day_key(struct listing *l, char day[11], char id[20]);

/* The same for a key "NUMBER.ID" (both of digits, as a list's own rank
 * column and id): false, and no key, when it is not one. */
bool listing_num_key(struct listing *l, char num[20], char id[20]);

/*
 * Sets Pager.* for a keyset list: links to the rows after the page's
 * last key (when more) and before its first (when not the first page),
 * and List.total from a count capped at LISTING_COUNT_CAP (read as
 * LISTING_COUNT_CAP + 1 rows at most).  fetched: the rows the query read
 * in its direction (the page + 1 when there are more).
 */
NEOERR *listing_keyset(struct req *r, const struct listing *l, const char *base,
    long total, long fetched, const char *first_key, const char *last_key);

#endif
