/*
 * listing.c - index letters, search text and pagination for lists.
 */
#include "listing.h"
#include "db/db.h"

#define LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

NEOERR *
listing_read(struct req *r, struct listing *l, int per_page)
{
	const char *letter = http_param(r, "letter");
	const char *q = http_param(r, "q");
	const char *page = http_param(r, "page");
	NEOERR *err = STATUS_OK;
	size_t len;

	memset(l, 0, sizeof(*l));
	l->per_page = per_page;
	if (letter != NULL && strlen(letter) == 1 &&
	    strchr(LETTERS, letter[0]) != NULL)
		l->letter[0] = letter[0];
	if (q != NULL) {
		while (*q == ' ')
			q++;
		snprintf(l->q, sizeof(l->q), "%s", q);
		len = strlen(l->q);
		while (len > 0 && l->q[len - 1] == ' ')
			l->q[--len] = '\0';
	}
	l->page = page ? atoi(page) : 1;
	if (l->page < 1 || l->page > 100000)
		l->page = 1;
	if (l->letter[0])
		err = hdf_set_value(r->hdf, "List.letter", l->letter);
	if (err == STATUS_OK && l->q[0])
		err = hdf_set_value(r->hdf, "List.q", l->q);
	return nerr_pass(err);
}

NEOERR *
listing_letters(struct req *r)
{
	char one[2] = { 0, 0 };
	HDF *list;
	NEOERR *err;
	size_t i;

	err = hdf_get_node(r->hdf, "Letters", &list);
	for (i = 0; err == STATUS_OK && i < sizeof(LETTERS) - 1; i++) {
		char name[4];

		one[0] = LETTERS[i];
		snprintf(name, sizeof(name), "%zu", i);
		err = hdf_set_value(list, name, one);
	}
	return nerr_pass(err);
}

NEOERR *
listing_pager(struct req *r, const struct listing *l, const char *path,
    long total)
{
	char base[600];
	char *q = NULL;
	NEOERR *err;

	err = cgi_url_escape(l->q, &q);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(base, sizeof(base), "%s?%s%s%s%s%s", path,
	    l->letter[0] ? "letter=" : "", l->letter, l->letter[0] ? "&" : "",
	    l->q[0] ? "q=" : "", l->q[0] ? q : "");
	free(q);
	if (l->q[0])
		strncat(base, "&", sizeof(base) - strlen(base) - 1);
	return listing_pages(r, l, base, total);
}

NEOERR *
listing_pages(struct req *r, const struct listing *l, const char *base,
    long total)
{
	long pages = (total + l->per_page - 1) / l->per_page;
	NEOERR *err;

	err = hdf_setf(r->hdf, "List.total", "%ld", total);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Pager.base", base);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Pager.page", "%d", l->page);
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Pager.pages", "%ld", pages);
	if (err == STATUS_OK && l->page > 1)
		err = hdf_setf(r->hdf, "Pager.prev", "%d", l->page - 1);
	if (err == STATUS_OK && l->page < pages)
		err = hdf_setf(r->hdf, "Pager.next", "%d", l->page + 1);
	return nerr_pass(err);
}
