/*
 * http.h - what a handler sees of a request and how it answers.
 *
 * A handler reads its input from r->hdf (Query.* for query string and
 * form fields, Cookie.*, HTTP.*, CGI.*) and answers in one of three
 * ways: name a template to render with the HDF it filled (http_page),
 * redirect after a POST (http_redirect), or write bytes itself
 * (http_send).  Errors are returned as NEOERR and rendered by dispatch.c;
 * a handler that shows its page again with the reasons of a refusal sets
 * the status with http_refuse, from an error type (errors.h).  Every
 * answer gets the security headers (nosniff, CSP, frame and referrer
 * policies, no-store unless the handler says otherwise) in http_send.
 */
#ifndef FM_HTTP_H
#define FM_HTTP_H

#include "fm.h"
#include "tmpl.h"

#include <fcgiapp.h>
#include <jansson.h>
#include <time.h>

struct route;

/* Who is calling: filled by session.c from the session cookie. */
struct session {
	long long id;       /* sessions.id, 0 when anonymous */
	long long staff_id; /* staff_users.id, 0 when not staff */
	long long
	    account_id;     /* order_accounts.id, 0 when not an order account */
	long long order_id; /* the order an account is limited to */
	long long box_id;   /* boxes.id for the box API, 0 otherwise */
	char kind[8];       /* "staff", "user", "client", "live", "box" or "" */
	char login[64];
	char name[128];
	char role[16];
	char csrf[48];
	long long directory_version; /* change counter read with the session */
	char portal_version[256];    /* portal_version() of an account's order,
				      * read with the session (portal.c) */
};

#define HTTP_MAX_HEADERS 12

struct req {
	FCGX_Request *fcgx;
	CGI *cgi;
	HDF *hdf;
	const char *method; /* GET, POST... (HEAD is served as GET) */
	const char *path;   /* decoded path, no query string */
	const struct route *route;
	long long id[3]; /* the {id} parts of the path, in order */
	/* Routes with R_ORDER (routes.h): 0 for staff (any order), else the
	 * account's order (dispatch answers 404 to an account without one);
	 * -1 on other routes, which matches no order. */
	long long order_scope;
	enum lang lang;
	struct session sess;
	int status;         /* HTTP status of the answer */
	const char *tmpl;   /* template to render, when any */
	char location[512]; /* redirect target, when any */
	bool sent;          /* the handler wrote the answer itself */
	bool common_done;   /* fill_common ran (dispatch.c) */
	bool bad_header;    /* a header with CR or LF was refused: the
			     * answer becomes a 500 (http.c) */
	int nheaders;
	char *headers[HTTP_MAX_HEADERS];
	struct timespec t0;
};

/* Answer with a page rendered from tmpl (status r->status, 200 by default). */
NEOERR *http_page(struct req *r, const char *tmpl);

/* Answer 303 See Other to a local path built like printf. */
NEOERR *http_redirect(struct req *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Refuses the request with the status of error type `type` (FM_ERR_FORM:
 * 422, FM_ERR_CONFLICT: 409...) and rolls back what it wrote; the handler
 * then shows its page again with the reasons (Errors.*, Form.*).
 */
void http_refuse(struct req *r, NERR_TYPE type);

/* The same, answered at once with an empty body: for what nginx asks
 * (auth_request), which reads only the status and the headers set. */
NEOERR *http_refuse_empty(struct req *r, NERR_TYPE type);

/* FM_ERR_NOTFOUND with the page's "not found" message. */
NEOERR *not_found(struct req *r);

/*
 * Answers doc (taken: it is freed) as JSON: 200, or the status of error
 * type `type` (after http_refuse's rollback) with http_json_refuse.
 * < > & are written \u003c \u003e \u0026, so that no JSON answer can be
 * read as HTML.
 */
NEOERR *http_json(struct req *r, json_t *doc);
NEOERR *http_json_refuse(struct req *r, NERR_TYPE type, json_t *doc);

/*
 * Adds a response header line such as "Cache-Control: no-store".  A line
 * with a CR or LF (a value that came from outside: header injection) is
 * refused and logged, and the answer becomes a 500: no caller can split
 * a header, whatever it copies into one.
 */
void http_header(struct req *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True when a header line carries no CR or LF. */
bool http_header_ok(const char *line);

/* Sets a cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS. */
void http_cookie(struct req *r, const char *name, const char *value,
    long max_age);

/* Writes status, headers and body at once (non-HTML answers). */
NEOERR *http_send(struct req *r, int status, const char *ctype,
    const char *body, size_t len);

/*
 * Writes status, headers and len bytes read from fd (a file the handler
 * made: an export), in chunks: the body never sits whole in memory.
 */
NEOERR *http_send_fd(struct req *r, int status, const char *ctype, int fd,
    size_t len);

/*
 * FM_ERR_TOOBIG saying the limit in the request's language: a file's
 * (upload: Limits.MaxBodyMB) or a form's (Limits.FormKB).
 */
NEOERR *http_too_big(struct req *r, bool upload);

/* A request parameter (query or form), NULL when absent. */
const char *http_param(struct req *r, const char *name);

/* A request parameter as a positive id, 0 when absent or not a number. */
long long http_param_id(struct req *r, const char *name);

/* A cookie's value, NULL when absent. */
const char *http_cookie_get(struct req *r, const char *name);

/* A FastCGI parameter (HTTP_ORIGIN, REMOTE_ADDR...), NULL when absent. */
const char *http_env(struct req *r, const char *name);

/* True when the request came over HTTPS. */
bool http_is_https(struct req *r);

/* Sets hdf key to a printf-formatted value. */
NEOERR *hdf_setf(HDF *hdf, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Shows a one-line notice on the next page (after a redirect). */
void http_flash(struct req *r, const char *key);

/* True when path is a local path safe to redirect to ("/x", not "//x"). */
bool http_local_path(const char *path);

/* The text of L.<key> in the request's language. */
const char *http_str(struct req *r, const char *key);

/*
 * The text of L.<key> for a count n: L.<key>_one when n takes the
 * singular in the request's language (1 in English; 0 and 1 in French),
 * L.<key> otherwise.
 */
const char *http_str_n(struct req *r, const char *key, long n);

#endif
