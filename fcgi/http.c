/*
 * http.c - response helpers shared by every handler.
 */
#include "http.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "form.h"
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/*
 * What every answer carries unless its handler set the same header:
 * no sniffing of types, no framing, the referrer kept on this site, a
 * policy that allows this site's own scripts, styles and media only, and
 * no caching of pages that hold personal data.
 */
static const char *const security_headers[] = {
	"X-Content-Type-Options: nosniff",
	"X-Frame-Options: DENY",
	"Referrer-Policy: same-origin",
	"Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
	"media-src 'self' blob:; worker-src 'self' blob:; "
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
	"Cache-Control: no-store",
};

NEOERR *
http_page(struct req *r, const char *tmpl)
{
	r->tmpl = tmpl;
	return STATUS_OK;
}

void
http_refuse(struct req *r, NERR_TYPE type)
{
	db_rollback();
	r->status = fm_err_type_status(type);
}

NEOERR *
http_refuse_empty(struct req *r, NERR_TYPE type)
{
	http_refuse(r, type);
	return nerr_pass(
	    http_send(r, r->status, "text/plain; charset=utf-8", "", 0));
}

NEOERR *
not_found(struct req *r)
{
	return nerr_raise(FM_ERR_NOTFOUND, "%s",
	    http_str(r, "error.not_found"));
}

NEOERR *
http_redirect(struct req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->location, sizeof(r->location), fmt, ap);
	va_end(ap);
	if (!http_local_path(r->location))
		return nerr_raise(NERR_ASSERT, "redirect to a non-local path");
	r->status = 303;
	return STATUS_OK;
}

void
http_header(struct req *r, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (r->nheaders == HTTP_MAX_HEADERS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	if (line == NULL)
		return;
	if (!http_header_ok(line)) {
		log_error("%s %s: a response header with a line break was "
		          "refused: %.40s...",
		    r->method ? r->method : "?", r->path ? r->path : "?",
		    strtok(line, "\r\n"));
		free(line);
		r->bad_header = true;
		return;
	}
	r->headers[r->nheaders++] = line;
}

bool
http_header_ok(const char *line)
{
	const unsigned char *p;

	for (p = (const unsigned char *)line; *p; p++)
		if (*p == '\r' || *p == '\n')
			return false;
	return true;
}

const char *
http_env(struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgx->envp);
}

bool
http_is_https(struct req *r)
{
	const char *h = hdf_get_value(r->hdf, "CGI.HTTPS", NULL);

	return h != NULL && (!strcmp(h, "on") || !strcmp(h, "1"));
}

void
http_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	http_header(r,
	    "Set-Cookie: %s=%s; Path=/; Max-Age=%ld; HttpOnly; "
	    "SameSite=Lax%s",
	    name, value, max_age,
	    http_is_https(r) || (g_cfg && g_cfg->secure_cookies) ? "; Secure"
	                                                         : "");
}

static const char *
reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 206:
		return "Partial Content";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Payload Too Large";
	case 422:
		return "Unprocessable Entity";
	case 429:
		return "Too Many Requests";
	case 503:
		return "Service Unavailable";
	case 507:
		return "Insufficient Storage";
	default:
		return status >= 500 ? "Internal Server Error" : "";
	}
}

/* True when the handler added a header named like line's. */
static bool
has_header(struct req *r, const char *line)
{
	size_t n = strcspn(line, ":");
	int i;

	for (i = 0; i < r->nheaders; i++)
		if (!strncasecmp(r->headers[i], line, n) &&
		    r->headers[i][n] == ':')
			return true;
	return false;
}

/* Status line and headers, then len bytes of body from body or fd. */
static NEOERR *
send_answer(struct req *r, int status, const char *ctype, const char *body,
    int fd, size_t len)
{
	/* Headers are formatted by libc: libfcgi's own printf knows no %zu. */
	char head[4096];
	size_t n = 0;
	int i, w;

	if (r->bad_header) {
		/* A header was refused (http_header): not this answer, which
		 * would go without it (a redirect without its Location...). */
		for (i = 0; i < r->nheaders; i++)
			free(r->headers[i]);
		r->nheaders = 0;
		r->bad_header = false;
		http_header(r, "Cache-Control: no-store");
		http_header(r, "X-Content-Type-Options: nosniff");
		status = 500;
		ctype = "text/plain; charset=utf-8";
		body = "Internal error\n";
		fd = -1;
		len = strlen(body);
	}
	r->status = status;
	w = snprintf(head, sizeof(head), "Status: %d %s\r\n", status,
	    reason(status));
	n += (size_t)w;
	if (ctype != NULL && !http_header_ok(ctype))
		ctype = "application/octet-stream";
	if (ctype != NULL && n < sizeof(head)) {
		w = snprintf(head + n, sizeof(head) - n, "Content-Type: %s\r\n",
		    ctype);
		n += (size_t)w;
	}
	/* A known length spares nginx the chunked encoding of the answer. */
	if (n < sizeof(head)) {
		w = snprintf(head + n, sizeof(head) - n,
		    "Content-Length: %zu\r\n", len);
		n += (size_t)w;
	}
	for (i = 0; i < r->nheaders && n < sizeof(head); i++) {
		w = snprintf(head + n, sizeof(head) - n, "%s\r\n",
		    r->headers[i]);
		n += (size_t)w;
	}
	for (i = 0; i < (int)FM_ARRAY_LEN(security_headers) && n < sizeof(head);
	     i++) {
		if (has_header(r, security_headers[i]))
			continue;
		w = snprintf(head + n, sizeof(head) - n, "%s\r\n",
		    security_headers[i]);
		n += (size_t)w;
	}
	if (n + 2 >= sizeof(head))
		return nerr_raise(NERR_ASSERT, "response headers too long");
	memcpy(head + n, "\r\n", 2);
	n += 2;
	if (FCGX_PutStr(head, (int)n, r->fcgx->out) != (int)n)
		return nerr_raise(NERR_IO, "client went away");
	r->sent = true;
	if (body != NULL) {
		if (len > 0 &&
		    FCGX_PutStr(body, (int)len, r->fcgx->out) != (int)len)
			return nerr_raise(NERR_IO, "client went away");
		return STATUS_OK;
	}
	while (len > 0) {
		char buf[65536];
		ssize_t got = read(fd, buf,
		    len < sizeof(buf) ? len : sizeof(buf));

		if (got <= 0)
			return nerr_raise_errno(NERR_IO,
			    "reading the answer's file");
		if (FCGX_PutStr(buf, (int)got, r->fcgx->out) != (int)got)
			return nerr_raise(NERR_IO, "client went away");
		len -= (size_t)got;
	}
	return STATUS_OK;
}

NEOERR *
http_send(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	return send_answer(r, status, ctype, body ? body : "", -1, len);
}

NEOERR *
http_send_fd(struct req *r, int status, const char *ctype, int fd, size_t len)
{
	return send_answer(r, status, ctype, NULL, fd, len);
}

static NEOERR *
send_json(struct req *r, int status, json_t *doc)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_ESCAPE_SLASH);
	const char *p;
	NEOERR *err = STATUS_OK;
	STRING out;

	json_decref(doc);
	if (text == NULL)
		return nerr_raise(NERR_NOMEM, "json_dumps");
	string_init(&out);
	/* Outside strings JSON has no < > &: escaping them everywhere
	 * keeps the meaning. */
	for (p = text; *p && err == STATUS_OK; p++)
		err = *p == '<' ? string_append(&out, "\\u003c")
		    : *p == '>' ? string_append(&out, "\\u003e")
		    : *p == '&' ? string_append(&out, "\\u0026")
		                : string_append_char(&out, *p);
	free(text);
	if (err == STATUS_OK)
		err = send_answer(r, status, "application/json; charset=utf-8",
		    out.buf ? out.buf : "", -1, (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}

NEOERR *
http_json(struct req *r, json_t *doc)
{
	return send_json(r, 200, doc);
}

NEOERR *
http_json_refuse(struct req *r, NERR_TYPE type, json_t *doc)
{
	http_refuse(r, type);
	return send_json(r, r->status, doc);
}

NEOERR *
http_too_big(struct req *r, bool upload)
{
	char msg[300];

	if (upload)
		format_n(msg, sizeof(msg), http_str(r, "error.too_big"),
		    g_cfg->max_body / (1024 * 1024));
	else
		format_n(msg, sizeof(msg), http_str(r, "error.form_too_big"),
		    g_cfg->form_body / 1024);
	return nerr_raise(FM_ERR_TOOBIG, "%s", msg);
}

const char *
http_param(struct req *r, const char *name)
{
	char key[128];

	snprintf(key, sizeof(key), "Query.%s", name);
	return hdf_get_value(r->hdf, key, NULL);
}

long long
http_param_id(struct req *r, const char *name)
{
	const char *v = http_param(r, name);
	char *end;
	long long n;

	if (v == NULL || *v < '1' || *v > '9' || strlen(v) > 18)
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' ? n : 0;
}

const char *
http_cookie_get(struct req *r, const char *name)
{
	char key[128];

	snprintf(key, sizeof(key), "Cookie.%s", name);
	return hdf_get_value(r->hdf, key, NULL);
}

NEOERR *
hdf_setf(HDF *hdf, const char *key, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return nerr_pass(hdf_set_value(hdf, key, buf));
}

void
http_flash(struct req *r, const char *key)
{
	http_cookie(r, "fm_flash", key, 60);
}

bool
http_local_path(const char *path)
{
	const char *p;

	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return false;
	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return false;
	return true;
}

const char *
http_str(struct req *r, const char *key)
{
	return tmpl_str(r->lang, key);
}

const char *
http_str_n(struct req *r, const char *key, long n)
{
	char one[200];
	bool singular = r->lang == LANG_FR ? (n == 0 || n == 1) : n == 1;

	if (!singular)
		return tmpl_str(r->lang, key);
	snprintf(one, sizeof(one), "%s_one", key);
	return tmpl_str(r->lang, one);
}
