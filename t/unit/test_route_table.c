/*
 * test_route_table.c - the route table itself (routes.c): every row
 * reachable and callable, box routes recognised as such, CSRF on every
 * write a session makes.  The checks run on the real table and on small
 * broken tables, so that each of them is seen to fail.
 */
#include "fm.h"
#include "routes.h"
#include "units.h"

#include <stdio.h>
#include <string.h>

static void
say(char *out, size_t len, const struct route *r, const char *what)
{
	size_t n = strlen(out);

	snprintf(out + n, len - n, "%s %s: %s\n", r->method, r->pattern, what);
}

/* A path the pattern matches: each {id} made 1. */
static void
example(const char *pattern, char *out, size_t len)
{
	size_t o = 0;

	for (; *pattern && o + 2 < len; pattern++) {
		if (!strncmp(pattern, "{id}", 4)) {
			out[o++] = '1';
			pattern += 3;
		} else
			out[o++] = *pattern;
	}
	out[o] = '\0';
}

/* What is wrong with a table, one line a problem; how many problems. */
static int
problems(const struct route *t, size_t n, char *out, size_t len)
{
	unsigned session = A_ANON | A_LOGGED | A_ADMIN;
	size_t i, j;
	int bad = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct route *r = &t[i];
		bool box = !strncmp(r->pattern, "/box/api/", 9);
		char path[300];
		long long ids[3];

		if (r->handler == NULL)
			bad++, say(out, len, r, "no handler");
		if (strcmp(r->method, "GET") && strcmp(r->method, "POST") &&
		    strcmp(r->method, "PUT"))
			bad++, say(out, len, r, "unknown method");
		if (r->pattern[0] != '/' || r->access == 0)
			bad++, say(out, len, r, "no path or no access kind");
		if (box != (r->access == A_BOX))
			bad++,
			    say(out, len, r,
			        box ? "a /box/api/ route without the box "
			              "access "
			              "kind alone"
			            : "the box access kind outside /box/api/");
		if ((r->access & A_NGINX) && r->access != A_NGINX)
			bad++,
			    say(out, len, r,
			        "nginx's routes admit no session as well");
		if ((r->flags & R_NOCSRF) && !(r->access & (A_BOX | A_NGINX)))
			bad++,
			    say(out, len, r,
			        "R_NOCSRF on a route that sessions call");
		if (strcmp(r->method, "GET") && (r->access & session) &&
		    (r->flags & R_NOCSRF))
			bad++, say(out, len, r, "a write without CSRF check");
		if ((r->flags & R_ORDER) &&
		    (r->access & (A_ANON | A_BOX | A_NGINX)))
			bad++,
			    say(out, len, r,
			        "an order scope without a staff or account "
			        "session");
		/* The first row of its method that takes its paths is
		 * itself: no earlier row shadows it. */
		example(r->pattern, path, sizeof(path));
		for (j = 0; j < n; j++)
			if (!strcmp(t[j].method, r->method) &&
			    route_pattern_match(t[j].pattern, path, ids, 3) >=
			        0)
				break;
		if (j != i) {
			char why[400];

			snprintf(why, sizeof(why), "%s %s",
			    j < i ? "shadowed by"
			          : "does not take its own path;"
			            " first taken by",
			    j < n ? t[j].pattern : "no row");
			bad++, say(out, len, r, why);
		}
	}
	return bad;
}

static NEOERR *
fake(struct req *r)
{
	(void)r;
	return STATUS_OK;
}

START_TEST(table_is_sound)
{
	static char out[8192];
	size_t n;
	const struct route *t = routes_table(&n);

	ck_assert_int_gt(n, 100);
	ck_assert_msg(problems(t, n, out, sizeof(out)) == 0, "%s", out);
}
END_TEST

START_TEST(problems_are_found)
{
	static const struct route bad[] = {
		{ "GET", "/a/{id}", fake, A_STAFF, 0 },
		{ "GET", "/a/{id}", fake, A_STAFF, 0 },     /* shadowed */
		{ "POST", "/b", NULL, A_STAFF, 0 },         /* no handler */
		{ "POST", "/box/api/x", fake, A_STAFF, 0 }, /* box kind */
		{ "GET", "/c", fake, A_BOX, 0 },            /* box kind */
		{ "POST", "/d", fake, A_STAFF, R_NOCSRF },  /* CSRF */
		{ "GET", "/e", fake, A_NGINX | A_STAFF,
		    0 },                                /* nginx + session */
		{ "GET", "/f", fake, A_ANON, R_ORDER }, /* scope */
	};
	static const char *const expect[] = { "/a/{id}: shadowed by /a/{id}",
		"/b: no handler", "/box/api/x: a /box/api/ route without",
		"/c: the box access kind outside", "/d: R_NOCSRF on a route",
		"POST /d: a write without CSRF", "/e: nginx's routes admit",
		"/f: an order scope" };
	static char out[4096];
	size_t i;

	ck_assert_int_eq(problems(bad, FM_ARRAY_LEN(bad), out, sizeof(out)),
	    (int)FM_ARRAY_LEN(expect));
	for (i = 0; i < FM_ARRAY_LEN(expect); i++)
		ck_assert_msg(strstr(out, expect[i]) != NULL,
		    "missing: %s in\n%s", expect[i], out);
}
END_TEST

Suite *
suite_route_table(void)
{
	Suite *s = suite_create("route_table");
	TCase *tc = tcase_create("route_table");

	tcase_add_test(tc, table_is_sound);
	tcase_add_test(tc, problems_are_found);
	suite_add_tcase(s, tc);
	return s;
}
