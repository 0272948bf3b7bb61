/*
 * routes.h - the route table: method, path pattern, handler and who may
 * call it.  Access is checked in dispatch.c before any handler runs.
 */
#ifndef FM_ROUTES_H
#define FM_ROUTES_H

#include "http.h"

enum access {
	A_ANON = 1 << 0,   /* anyone, logged in or not */
	A_STAFF = 1 << 1,  /* staff user of role staff (or admin): the back
			    * office's daily work, DESIGN.md section 8 */
	A_USER = 1 << 2,   /* order account of kind user */
	A_CLIENT = 1 << 3, /* order account of kind client */
	A_LIVE = 1 << 4,   /* order account of kind live */
	A_BOX = 1 << 5,    /* recording box (token in Authorization) */
	A_ADMIN = 1 << 6,  /* staff user of role admin: boxes, configuration,
			    * seller identity (admin may call every route
			    * that any staff role may) */
	A_NGINX = 1 << 7,  /* nginx itself (FM_NGINX_INTERNAL: auth_request,
			     * nginx-rtmp's callbacks); no session */
	A_ACCOUNTANT = 1 << 8, /* staff user of role accountant: documents,
				* exports (or admin) */
};
#define A_OFFICE  (A_ADMIN | A_STAFF | A_ACCOUNTANT) /* any staff user */
#define A_ACCOUNT (A_USER | A_CLIENT | A_LIVE)
#define A_LOGGED  (A_OFFICE | A_ACCOUNT)

enum route_flags {
	R_NOCSRF = 1 << 0,   /* authenticated another way (box token, nginx) */
	R_RAWBODY = 1 << 1,  /* the handler reads the body itself */
	R_BODYFILE = 1 << 2, /* nginx wrote the body to a file (FM_BODY_FILE):
			      * Limits.MaxBodyMB does not apply, the nginx
			      * location's client_max_body_size does */
	R_ORDER = 1 << 3,    /* about one order's data: dispatch sets
			      * r->order_scope (http.h) before the handler */
	R_UPLOAD = 1 << 4,   /* takes files: a multipart body up to
			      * Limits.MaxBodyMB (other bodies: Limits.FormKB),
			      * read only once the session may call it */
	R_SLOW = 1 << 5,     /* may run past Server.RequestTimeout, up to
			      * Server.LongRequestTimeout (exports, hashing
			      * a whole upload) */
	R_PRECHECK = 1 << 6, /* nginx's auth_request before it accepts the
			      * body of the R_UPLOAD request in FM_REQUEST:
			      * dispatch.c checks its session and access */
};

typedef NEOERR *(*handler_fn)(struct req *r);

struct route {
	const char *method;  /* "GET" or "POST"... */
	const char *pattern; /* "/companies/{id}", "/documents/{id}.pdf" */
	handler_fn handler;
	unsigned access; /* enum access bits */
	unsigned flags;  /* enum route_flags bits */
};

/*
 * True when a session of kind ("staff", "user", "client", "live", "" for
 * anonymous) and staff role ("admin", "staff", "accountant") may call a
 * route of these access bits: the one rule dispatch.c applies.
 */
bool route_allows(unsigned access, const char *kind, const char *role);

/* The whole table (focusd --routes prints it; the tests read it). */
const struct route *routes_table(size_t *n);

/*
 * Finds the route for r->method and r->path, sets r->route and r->id[].
 * FM_ERR_NOTFOUND when no pattern matches, FM_ERR_METHOD when one
 * matches with another method (an Allow header is added; r->route is
 * then a row of that path, whose access kind says how to answer).
 */
NEOERR *routes_match(struct req *r);

/* The table itself (its rows in order, *n of them): for its unit test. */
const struct route *routes_table(size_t *n);

/*
 * Matches one pattern against a path: literal segments must be equal,
 * "{id}" takes a positive decimal number (optionally followed by a
 * literal suffix in the same segment).  Returns the number of ids
 * captured, or -1 when the path does not match.
 */
int route_pattern_match(const char *pattern, const char *path, long long *ids,
    int maxids);

#endif
