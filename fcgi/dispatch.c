/*
 * dispatch.c - the request pipeline, and the one place where errors
 * become HTTP answers.
 *
 *   ClearSilver CGI kit on the FastCGI streams (query string, cookies)
 *   -> route -> body size -> database ready -> session -> access
 *   -> order scope -> body (fields counted as they stream: bodyguard.h)
 *   -> CSRF -> handler -> render the template, redirect, or nothing
 *   (handler sent it) -> access log line.
 *
 * A body is read only once the caller may call the route, and only up to
 * what the route takes (Limits.FormKB, or Limits.MaxBodyMB for the routes
 * that take files); the scoreboard (scoreboard.h) gives each request its
 * deadline.
 */
#include "dispatch.h"
#include "bodyguard.h"
#include "box_api.h"
#include "conf.h"
#include "db/db.h"
#include "db/db_files.h"
#include "errors.h"
#include "form.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "routes.h"
#include "scoreboard.h"
#include "session.h"
#include "tmpl.h"
#include "upload_store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The request's FastCGI parameters, hashed once per request: ClearSilver's
 * cgi_init asks for about 150 of them, and a linear FCGX_GetParam search
 * for each was a tenth of a cached page's cost.
 */
#define ENV_SLOTS 256

static struct {
	const char *entry; /* "NAME=value" from the FastCGI request */
	size_t namelen;
} env_index[ENV_SLOTS];

static unsigned
env_hash(const char *name, size_t len)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

static void
env_index_build(FCGX_ParamArray env)
{
	int i;

	memset(env_index, 0, sizeof(env_index));
	for (i = 0; env[i] != NULL; i++) {
		const char *eq = strchr(env[i], '=');
		size_t len = eq ? (size_t)(eq - env[i]) : strlen(env[i]);
		unsigned h = env_hash(env[i], len) % ENV_SLOTS;
		int probe;

		for (probe = 0; probe < ENV_SLOTS; probe++) {
			unsigned k = (h + (unsigned)probe) % ENV_SLOTS;

			if (env_index[k].entry == NULL) {
				env_index[k].entry = env[i];
				env_index[k].namelen = len;
				break;
			}
			/* The first of two equal names wins, as in FCGX_GetParam. */
			if (env_index[k].namelen == len &&
			    !memcmp(env_index[k].entry, env[i], len))
				break;
		}
	}
}

static const char *
env_lookup(const char *name)
{
	size_t len = strlen(name);
	unsigned h = env_hash(name, len) % ENV_SLOTS;
	int probe;

	for (probe = 0; probe < ENV_SLOTS; probe++) {
		unsigned k = (h + (unsigned)probe) % ENV_SLOTS;

		if (env_index[k].entry == NULL)
			return NULL;
		if (env_index[k].namelen == len &&
		    !memcmp(env_index[k].entry, name, len))
			return env_index[k].entry[len] == '='
			    ? env_index[k].entry + len + 1
			    : "";
	}
	return NULL;
}

/* The body's field counter, on while ClearSilver parses a body. */
static struct bodyguard guard;
static bool guard_on;

/* cgiwrap callbacks: ClearSilver reads and writes through the request. */
static int
cb_read(void *data, char *buf, int len)
{
	int n = FCGX_GetStr(buf, len, ((FCGX_Request *)data)->in);

	/* Past the field cap the body "ends" there: the parser stops. */
	if (guard_on && n > 0 && !bodyguard_feed(&guard, buf, (size_t)n))
		return 0;
	return n;
}

static int
cb_writef(void *data, const char *fmt, va_list ap)
{
	return FCGX_VFPrintF(((FCGX_Request *)data)->out, fmt, ap) < 0 ? -1 : 0;
}

static int
cb_write(void *data, const char *buf, int len)
{
	return FCGX_PutStr(buf, len, ((FCGX_Request *)data)->out);
}

static char *
cb_getenv(void *data, const char *name)
{
	const char *v = env_lookup(name);

	(void)data;
	return v ? strdup(v) : NULL;
}

static int
cb_putenv(void *data, const char *name, const char *value)
{
	(void)data;
	(void)name;
	(void)value;
	return 0;
}

static int
cb_iterenv(void *data, int x, char **k, char **v)
{
	FCGX_ParamArray env = ((FCGX_Request *)data)->envp;
	const char *eq;
	int i;

	*k = *v = NULL;
	for (i = 0; env[i] != NULL && i < x; i++)
		;
	if (env[i] == NULL)
		return 0;
	eq = strchr(env[i], '=');
	if (eq == NULL) {
		*k = strdup(env[i]);
		*v = strdup("");
	} else {
		*k = strndup(env[i], (size_t)(eq - env[i]));
		*v = strdup(eq + 1);
	}
	return 0;
}

/* For best-effort steps on the way to an error page. */
static void
nerr_ignore_p(NEOERR *err)
{
	if (err != STATUS_OK)
		nerr_ignore(&err);
}

/* The route's access bits against the session's kind and staff role. */
static bool
allowed(struct req *r)
{
	return route_allows(r->route->access, r->sess.kind, r->sess.role);
}

/*
 * What a route's body may weigh: routes that take files Limits.MaxBodyMB,
 * the others Limits.FormKB; -1 when nginx wrote it to a file (its
 * location's client_max_body_size is the limit).
 */
static long
body_limit(const struct route *rt)
{
	if (rt->flags & R_BODYFILE)
		return -1;
	if (rt->flags & R_UPLOAD)
		return g_cfg->max_body;
	return g_cfg->form_body;
}

static NEOERR *
too_big(struct req *r, const char *clen)
{
	log_warn("%s %s: body of %s bytes refused (from %s)", r->method,
	    r->path, clen, http_env(r, "REMOTE_ADDR"));
	return http_too_big(r, r->route->flags & R_UPLOAD);
}

/*
 * Parses the body (urlencoded or multipart into Query.*) through the
 * field counter: a body of more than Limits.MaxFields fields is refused
 * (413) as soon as the count passes it, before ClearSilver's parser
 * spends time on it.  Nothing to parse for GET and for routes that read
 * their body themselves.
 */
static NEOERR *
parse_body(struct req *r)
{
	const char *ct;
	char msg[300];
	NEOERR *err;

	if ((r->route->flags & R_RAWBODY) || !strcmp(r->method, "GET"))
		return STATUS_OK;
	/* ClearSilver knows the urlencoded type only without parameters;
	 * fetch() and XHR add ";charset=UTF-8". */
	ct = hdf_get_value(r->hdf, "CGI.ContentType", "");
	if (!strncasecmp(ct, "application/x-www-form-urlencoded;", 34)) {
		err = hdf_set_value(r->hdf, "CGI.ContentType",
		    "application/x-www-form-urlencoded");
		if (err != STATUS_OK)
			return nerr_pass(err);
		ct = "application/x-www-form-urlencoded";
	}
	if (!bodyguard_init(&guard, ct, g_cfg->max_fields))
		return nerr_raise(FM_ERR_INVALID, "%s",
		    http_str(r, "error.bad_body"));
	guard_on = true;
	err = cgi_parse(r->cgi);
	guard_on = false;
	if (guard.over) {
		nerr_ignore(&err);
		log_warn("%s %s: body of more than %d fields refused (from %s)",
		    r->method, r->path, g_cfg->max_fields,
		    http_env(r, "REMOTE_ADDR"));
		format_n(msg, sizeof(msg), http_str(r, "error.too_many_fields"),
		    g_cfg->max_fields);
		return nerr_raise(FM_ERR_TOOBIG, "%s", msg);
	}
	return nerr_pass(err);
}

/* An empty answer with a status: all nginx reads of an auth_request. */
static NEOERR *
status_only(struct req *r, int status)
{
	http_header(r, "Cache-Control: no-store");
	return nerr_pass(
	    http_send(r, status, "text/plain; charset=utf-8", "", 0));
}

/*
 * nginx's auth_request before it accepts the body of an upload: the
 * request is FM_REQUEST's method ("POST /portal/files HTTP/1.1") on the
 * path its location matched (FM_UPLOAD_PATH), with FM_BODY_LENGTH bytes.
 * A POST must be to a route that takes files (R_UPLOAD), within its body
 * limit, from a session that may call it: else 401 (no session) or 403,
 * and nginx never reads the body but sends the browser to X-FM-Location
 * (the login page, or the form saying why).  Then the check route's
 * handler weighs the body against quota and free space.  Other methods
 * have no body to stop: 204, the request is answered as usual.
 */
static NEOERR *resolve_order_scope(struct req *r);

static NEOERR *
precheck(struct req *r)
{
	static char path[256];
	const struct route *check = r->route;
	const char *method = r->method, *orig = r->path;
	const char *line = http_env(r, "FM_REQUEST");
	const char *p = http_env(r, "FM_UPLOAD_PATH");
	const char *len = http_env(r, "FM_BODY_LENGTH");
	int status = 0;
	NEOERR *err;

	if (line == NULL || strncmp(line, "POST ", 5) != 0)
		return status_only(r, 204);
	if (p == NULL || *p != '/' || strlen(p) >= sizeof(path) ||
	    !http_local_path(p))
		return status_only(r, 403);
	snprintf(path, sizeof(path), "%s", p);
	r->method = "POST";
	r->path = path;
	err = routes_match(r);
	r->method = method;
	r->path = orig;
	if (err != STATUS_OK || !(r->route->flags & R_UPLOAD)) {
		nerr_ignore(&err);
		r->route = check;
		return status_only(r, 403);
	}
	err = session_load(r);
	if (err == STATUS_OK && !allowed(r))
		status = r->sess.id == 0 ? 401 : 403;
	else if (err == STATUS_OK && len != NULL &&
	    atol(len) > body_limit(r->route))
		status = 403;
	/* The check handler weighs the body against the upload route's
	 * order, as the upload itself will. */
	if (err == STATUS_OK && status == 0)
		err = resolve_order_scope(r);
	r->route = check;
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (status == 401)
		http_header(r, "X-FM-Location: /login?next=%s", path);
	else if (status == 403)
		http_header(r, "X-FM-Location: %s?refused=%s", path,
		    len != NULL && atol(len) > g_cfg->max_body ? "size"
		                                               : "denied");
	if (status != 0)
		return status_only(r, status);
	return r->route->handler(r);
}

/*
 * R_ORDER routes: staff may see any order (scope 0), an order account its
 * own; an account without an order finds nothing.  Handlers and their SQL
 * filter by r->order_scope.
 */
static NEOERR *
resolve_order_scope(struct req *r)
{
	if (!(r->route->flags & R_ORDER))
		return STATUS_OK;
	if (!strcmp(r->sess.kind, "staff"))
		r->order_scope = 0;
	else if (r->sess.order_id > 0)
		r->order_scope = r->sess.order_id;
	else
		return not_found(r);
	return STATUS_OK;
}

/* Values every page template may use. */
static NEOERR *
fill_common(struct req *r)
{
	HDF *h = r->hdf;
	const char *flash = http_cookie_get(r, "fm_flash");
	const char *query = http_env(r, "QUERY_STRING");
	char uri[1024];
	NEOERR *err;

	r->common_done = true;
	err = hdf_set_value(h, "Lang", lang_code(r->lang));
	if (err == STATUS_OK)
		err = hdf_set_value(h, "OtherLang",
		    lang_code(r->lang == LANG_FR ? LANG_EN : LANG_FR));
	snprintf(uri, sizeof(uri), "%s%s%s", r->path,
	    query && *query ? "?" : "", query ? query : "");
	if (err == STATUS_OK)
		err = hdf_set_value(h, "Page.path", r->path);
	if (err == STATUS_OK)
		err = hdf_set_value(h, "Page.uri", uri);
	if (err == STATUS_OK && r->sess.kind[0] != '\0') {
		err = hdf_set_value(h, "Session.kind", r->sess.kind);
		if (err == STATUS_OK)
			err = hdf_set_value(h, "Session.login", r->sess.login);
		if (err == STATUS_OK)
			err = hdf_set_value(h, "Session.name", r->sess.name);
		if (err == STATUS_OK)
			err = hdf_set_value(h, "Session.role", r->sess.role);
	}
	if (err == STATUS_OK && !strcmp(r->sess.kind, "staff")) {
		/* Staff pages say when uploads are refused for want of
		 * disk space (a statvfs or two; the text only then). */
		long long free_mb;
		char size[64];

		if (store_disk_low(&free_mb)) {
			err = db_bytes_text(free_mb * 1024 * 1024,
			    lang_code(r->lang), size, sizeof(size));
			if (err == STATUS_OK)
				err = hdf_set_value(h, "Disk.low", "1");
			if (err == STATUS_OK)
				err = hdf_setf(h, "Disk.free", "%s %s", size,
				    http_str(r, "disk.free"));
		}
	}
	if (err == STATUS_OK && flash != NULL && *flash != '\0') {
		char key[80];

		snprintf(key, sizeof(key), "flash.%s", flash);
		if (strspn(flash, "abcdefghijklmnopqrstuvwxyz_") ==
		    strlen(flash))
			err = hdf_set_value(h, "Flash", http_str(r, key));
		http_cookie(r, "fm_flash", "", 0);
	}
	return nerr_pass(err);
}

/*
 * Runs the handler; a deadlock or serialization failure (FM_ERR_BUSY:
 * two bookings of one room at the same instant make one) rolls back and
 * runs it again, up to twice, from a clean slate: the second run sees
 * the other transaction's outcome (often a clean conflict to report).
 */
static NEOERR *
run_handler(struct req *r)
{
	int headers = r->nheaders, attempt, i;
	NEOERR *err;

	err = r->route->handler(r);
	for (attempt = 0; attempt < 2 && err != STATUS_OK && !r->sent &&
	     nerr_match(err, FM_ERR_BUSY);
	     attempt++) {
		log_warn("%s %s: %s; running it again", r->method, r->path,
		    fm_err_message(err));
		nerr_ignore(&err);
		db_rollback();
		for (i = headers; i < r->nheaders; i++)
			free(r->headers[i]);
		r->nheaders = headers;
		r->location[0] = '\0';
		r->tmpl = NULL;
		r->status = 200;
		hdf_remove_tree(r->hdf, "Form");
		hdf_remove_tree(r->hdf, "Errors");
		hdf_remove_tree(r->hdf, "Clean");
		err = r->route->handler(r);
	}
	return err;
}

static NEOERR *
run(struct req *r)
{
	const char *clen;
	long limit;
	NEOERR *err;

	err = routes_match(r);
	if (err != STATUS_OK)
		return err;
	scoreboard_route(r->route->pattern,
	    (r->route->flags & R_SLOW) ? g_cfg->long_request_timeout
	                               : g_cfg->request_timeout);
	clen = hdf_get_value(r->hdf, "CGI.ContentLength", NULL);
	limit = body_limit(r->route);
	if (clen != NULL && limit >= 0 && atol(clen) > limit)
		return too_big(r, clen);
	err = db_ready();
	if (err != STATUS_OK)
		return err;
	if (r->route->access & A_BOX) {
		/* The box API: a box token and nothing else (no cookie, and
		 * so no CSRF token either: R_NOCSRF); JSON answers. */
		err = box_auth(r);
		if (err != STATUS_OK)
			return err;
		return r->route->handler(r);
	}
	if (r->route->access & A_NGINX) {
		/* nginx itself: the FastCGI parameter FM_NGINX_INTERNAL is set
		 * only by its internal auth_request location and its loopback
		 * server for nginx-rtmp (no client can send a FastCGI
		 * parameter); the handler authenticates what the request
		 * carries, in one query, without a session. */
		if (http_env(r, "FM_NGINX_INTERNAL") == NULL)
			return nerr_raise(FM_ERR_NOTFOUND, "%s",
			    http_str(r, "error.no_page"));
		if (r->route->flags & R_PRECHECK)
			return precheck(r);
		err = parse_body(r);
		if (err != STATUS_OK)
			return err;
		return r->route->handler(r);
	}
	err = session_load(r);
	if (err != STATUS_OK)
		return err;
	if (!allowed(r)) {
		if (r->sess.id == 0 && !strcmp(r->method, "GET") &&
		    !(r->route->access & A_BOX)) {
			char next[600];
			const char *q = http_env(r, "QUERY_STRING");
			char *esc = NULL;

			snprintf(next, sizeof(next), "%s%s%s", r->path,
			    q && *q ? "?" : "", q ? q : "");
			err = cgi_url_escape(next, &esc);
			if (err != STATUS_OK)
				return nerr_pass(err);
			err = http_redirect(r, "/login?next=%s", esc);
			free(esc);
			return err;
		}
		return nerr_raise(FM_ERR_FORBIDDEN, "%s",
		    http_str(r, "error.not_allowed"));
	}
	err = resolve_order_scope(r);
	/* Only now is the body read: a caller the route refuses never
	 * makes focusd parse one. */
	if (err == STATUS_OK)
		err = parse_body(r);
	if (err != STATUS_OK)
		return err;
	if (strcmp(r->method, "GET") && !(r->route->flags & R_NOCSRF) &&
	    !session_csrf_ok(r))
		return nerr_raise(FM_ERR_FORBIDDEN, "%s",
		    http_str(r, "error.csrf"));
	err = fill_common(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return run_handler(r);
}

static NEOERR *
render(struct req *r)
{
	/* One output buffer per worker, reused: pages are tens of KB. */
	static STRING out;
	NEOERR *err;

	/* Forms need the CSRF token; anonymous pages get theirs (and its
	 * cookie) only when a page is actually rendered. */
	err = hdf_set_value(r->hdf, "Session.csrf", session_form_token(r));
	if (err != STATUS_OK)
		return nerr_pass(err);
	out.len = 0;
	if (out.buf != NULL)
		out.buf[0] = '\0';
	err = tmpl_render(r->hdf, r->lang, r->tmpl, &out);
	if (err == STATUS_OK)
		err = http_send(r, r->status, "text/html; charset=utf-8",
		    out.buf ? out.buf : "", (size_t)out.len);
	if (out.max > 4 * 1024 * 1024)
		string_clear(&out);
	return nerr_pass(err);
}

/* Turns an error into a status and the error page; logs what matters. */
static void
render_error(struct req *r, NEOERR *err)
{
	int status = fm_err_status(err);
	NERR_TYPE type = fm_err_type(err);
	const char *title = fm_err_title(err);
	NEOERR *e2;

	if (status >= 500 &&
	    (type == FM_ERR_DBDOWN || type == FM_ERR_BUSY ||
	        db_last_error.sqlstate[0] != '\0'))
		metrics_db_error();
	if (status >= 500) {
		log_neoerr(r->path, err);
	} else {
		hdf_set_value(r->hdf, "Error.message", fm_err_message(err));
		nerr_ignore(&err);
	}
	if (r->sent)
		return;
	db_rollback();
	if (r->route != NULL && (r->route->access & A_NGINX)) {
		/* nginx reads the status only. */
		r->status = status;
		nerr_ignore_p(
		    http_send(r, status, "text/plain; charset=utf-8", "", 0));
		return;
	}
	if (r->route != NULL && (r->route->access & A_BOX)) {
		/* Boxes read JSON, never the HTML error page. */
		r->status = status;
		box_api_error(r, type,
		    hdf_get_value(r->hdf, "Error.message",
		        status >= 500 ? "internal error" : ""));
		return;
	}
	if (!r->common_done) {
		/* Failed before the session was read (404, 405...): show the
		 * page as the caller would see any other. */
		if (r->sess.id == 0 && status != 503 && db_ready() == STATUS_OK)
			nerr_ignore_p(session_load(r));
		nerr_ignore_p(fill_common(r));
	}
	r->status = status;
	r->location[0] = '\0';
	hdf_setf(r->hdf, "Error.status", "%d", status);
	hdf_setf(r->hdf, "Error.title", "%s", http_str(r, title));
	if (status == 503)
		http_header(r, "Retry-After: 5");
	r->tmpl = "error.cs";
	e2 = render(r);
	if (e2 != STATUS_OK) {
		log_neoerr("rendering the error page", e2);
		http_send(r, status, "text/plain; charset=utf-8", "Error\n", 6);
	}
}

static double
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 +
	    (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

void
dispatch(FCGX_Request *fr)
{
	struct req r;
	HDF *hdf = NULL;
	NEOERR *err;
	const char *m, *lang;
	int i;

	memset(&r, 0, sizeof(r));
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	r.fcgx = fr;
	r.status = 200;
	r.order_scope = -1;
	env_index_build(fr->envp);
	scoreboard_begin(env_lookup("REQUEST_METHOD"), env_lookup("PATH_INFO"),
	    env_lookup("REMOTE_ADDR"), g_cfg->request_timeout);
	cgiwrap_init_emu(fr, cb_read, cb_writef, cb_write, cb_getenv, cb_putenv,
	    cb_iterenv);
	err = hdf_init(&hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.Upload.TmpDir",
		    g_cfg->upload_tmp);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = cgi_init(&r.cgi, hdf); /* owns hdf, even on failure */
	else if (hdf != NULL)
		hdf_destroy(&hdf);
	if (err != STATUS_OK) {
		log_neoerr("cgi_init", err);
		FCGX_FPrintF(fr->out,
		    "Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain\r\n\r\nError\n");
		scoreboard_end();
		return;
	}
	r.hdf = r.cgi->hdf;
	m = hdf_get_value(r.hdf, "CGI.RequestMethod", "GET");
	r.method = !strcmp(m, "HEAD") ? "GET" : m;
	r.path = FCGX_GetParam("PATH_INFO", fr->envp);
	if (r.path == NULL || *r.path == '\0')
		r.path = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	if (r.path == NULL || *r.path == '\0')
		r.path = "/";
	lang = http_cookie_get(&r, "fm_lang");
	r.lang = lang_from_code(lang);

	err = run(&r);
	if (err != STATUS_OK)
		render_error(&r, err);
	else if (r.sent)
		;
	else if (r.location[0] != '\0') {
		http_header(&r, "Location: %s", r.location);
		err = http_send(&r, 303, "text/plain; charset=utf-8", "", 0);
	} else if (r.tmpl != NULL) {
		err = render(&r);
		if (err != STATUS_OK)
			render_error(&r, err);
	} else {
		render_error(&r,
		    nerr_raise(NERR_ASSERT, "handler for %s gave no answer",
		        r.path));
	}
	if (db_in_transaction()) {
		log_error("%s %s left a transaction open", r.method, r.path);
		db_rollback();
	}
	{
		size_t n;
		const struct route *t = routes_table(&n);

		metrics_request(r.route >= t && r.route < t + n
		        ? (int)(r.route - t)
		        : -1,
		    r.status, elapsed_ms(&r.t0));
	}
	if (g_cfg->access_log)
		log_info("%s %s %d %.2fms%s%s", m, r.path, r.status,
		    elapsed_ms(&r.t0), r.sess.login[0] ? " " : "",
		    r.sess.login);
	for (i = 0; i < r.nheaders; i++)
		free(r.headers[i]);
	cgi_destroy(&r.cgi);
	scoreboard_end();
}
