/*
 * listing.c - index letters, search text and pagination for lists.
 */
#include "listing.h"
#include "db/db.h"
#include "form.h"

#define LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies a page key when it is made of the characters keys use. */
static void
listing_key(char *out, size_t len, const char *in)
{
	out[0] = '\0';
	if (in == NULL || in[0] == '\0' || strlen(in) >= len ||
	    strspn(in,
	        "0123456789abcdefghijklmnopqrstuvwxyz"
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_") != strlen(in))
		return;
	snprintf(out, len, "%s", in);
}

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
	listing_key(l->after, sizeof(l->after), http_param(r, "after"));
	listing_key(l->before, sizeof(l->before), http_param(r, "before"));
	if (l->after[0])
		l->before[0] = '\0';
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

NEOERR *
listing_keyset(struct req *r, const struct listing *l, const char *base,
    long total, long fetched, const char *first_key, const char *last_key)
{
	bool more = fetched > l->per_page;
	bool has_next, has_prev;
	NEOERR *err;

	/* Read going up (before=): there are rows before when it read more
	 * than a page; there are rows after (the key's own row). */
	if (l->before[0]) {
		has_prev = more;
		has_next = true;
	} else {
		has_next = more;
		has_prev = l->after[0] != '\0';
	}
	if (total > LISTING_COUNT_CAP)
		err = hdf_setf(r->hdf, "List.total", "%d+", LISTING_COUNT_CAP);
	else
		err = hdf_setf(r->hdf, "List.total", "%ld", total);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Pager.base", base);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Pager.keyset", "1");
	if (err == STATUS_OK && has_prev && first_key && first_key[0])
		err = hdf_set_value(r->hdf, "Pager.before", first_key);
	if (err == STATUS_OK && has_next && last_key && last_key[0])
		err = hdf_set_value(r->hdf, "Pager.after", last_key);
	return nerr_pass(err);
}

bool
listing_day_key(struct listing *l, char day[11], char id[20])
{
	static const struct field kd = { "key", FT_DATE, false, 0, 0, NULL };
	const char *key = l->after[0] ? l->after : l->before;
	const char *dot = strchr(key, '.');
	char in[11] = "";

	day[0] = id[0] = '\0';
	if (dot != NULL && dot - key == 10)
		memcpy(in, key, 10);
	if (in[0] && strlen(dot + 1) > 0 && strlen(dot + 1) < 20 &&
	    strspn(dot + 1, "0123456789") == strlen(dot + 1) &&
	    form_check(&kd, in, day, 11) == NULL) {
		snprintf(id, 20, "%s", dot + 1);
		return true;
	}
	day[0] = '\0';
	l->after[0] = l->before[0] = '\0';
	return false;
}

bool
listing_num_key(struct listing *l, char num[20], char id[20])
{
	const char *key = l->after[0] ? l->after : l->before;
	const char *dot = strchr(key, '.');
	size_t n = dot != NULL ? (size_t)(dot - key) : 0;

	num[0] = id[0] = '\0';
	if (n > 0 && n < 20 && strspn(key, "0123456789") == n &&
	    strlen(dot + 1) > 0 && strlen(dot + 1) < 20 &&
	    strspn(dot + 1, "0123456789") == strlen(dot + 1)) {
		memcpy(num, key, n);
		num[n] = '\0';
		snprintf(id, 20, "%s", dot + 1);
		return true;
	}
	l->after[0] = l->before[0] = '\0';
	return false;
}
