/*
 * session.c - session cookie, session rows and CSRF checks.
 */
#include "session.h"
#include "conf.h"
#include "db/db_sessions.h"
#include "errors.h"
#include "log.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COOKIE      "fm_session"
#define ANON_COOKIE "fm_csrf"

static bool
is_hex(const char *s, size_t len)
{
	size_t i;

	if (s == NULL || strlen(s) != len)
		return false;
	for (i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

NEOERR *
session_load(struct req *r)
{
	const char *token = http_cookie_get(r, COOKIE);
	PGresult *res;
	NEOERR *err;

	memset(&r->sess, 0, sizeof(r->sess));
	if (!is_hex(token, 64))
		return STATUS_OK;
	err = db_session_lookup(token, g_cfg->session_idle, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 1) {
		const char *staff = db_get(res, 0, "staff_user_id");
		const char *account = db_get(res, 0, "order_account_id");
		const char *order = db_get(res, 0, "order_id");

		r->sess.id = atoll(db_get(res, 0, "id"));
		r->sess.staff_id = staff ? atoll(staff) : 0;
		r->sess.account_id = account ? atoll(account) : 0;
		r->sess.order_id = order ? atoll(order) : 0;
		copy(r->sess.kind, sizeof(r->sess.kind),
		    db_get(res, 0, "kind"));
		copy(r->sess.csrf, sizeof(r->sess.csrf),
		    db_get(res, 0, "csrf_token"));
		copy(r->sess.login, sizeof(r->sess.login),
		    db_get(res, 0, "login"));
		copy(r->sess.name, sizeof(r->sess.name),
		    db_get(res, 0, "full_name"));
		copy(r->sess.role, sizeof(r->sess.role),
		    db_get(res, 0, "role"));
		r->sess.directory_version = atoll(
		    db_get(res, 0, "directory_version"));
		copy(r->sess.portal_version, sizeof(r->sess.portal_version),
		    db_get(res, 0, "portal_version"));
		if (atoi(db_get(res, 0, "stale")) == 1)
			err = db_session_touch(r->sess.id);
	}
	PQclear(res);
	return nerr_pass(err);
}

NEOERR *
session_start_staff(struct req *r, long long staff_id)
{
	char token[65], csrf[33];
	NEOERR *err;

	if (!random_hex(token, 32) || !random_hex(csrf, 16))
		return nerr_raise(NERR_SYSTEM, "no randomness available");
	err = db_session_create_staff(staff_id, token, csrf, g_cfg->session_max,
	    http_env(r, "REMOTE_ADDR"), http_env(r, "HTTP_USER_AGENT"));
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_cookie(r, COOKIE, token, g_cfg->session_max);
	copy(r->sess.csrf, sizeof(r->sess.csrf), csrf);
	return STATUS_OK;
}

NEOERR *
session_start_account(struct req *r, long long account_id)
{
	char token[65], csrf[33];
	NEOERR *err;

	if (!random_hex(token, 32) || !random_hex(csrf, 16))
		return nerr_raise(NERR_SYSTEM, "no randomness available");
	err = db_session_create_account(account_id, token, csrf,
	    g_cfg->session_max, http_env(r, "REMOTE_ADDR"),
	    http_env(r, "HTTP_USER_AGENT"));
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_cookie(r, COOKIE, token, g_cfg->session_max);
	copy(r->sess.csrf, sizeof(r->sess.csrf), csrf);
	return STATUS_OK;
}

NEOERR *
session_end(struct req *r)
{
	NEOERR *err = STATUS_OK;

	if (r->sess.id != 0)
		err = db_session_delete(r->sess.id);
	http_cookie(r, COOKIE, "", 0);
	memset(&r->sess, 0, sizeof(r->sess));
	return nerr_pass(err);
}

const char *
session_form_token(struct req *r)
{
	const char *anon;

	if (r->sess.id != 0)
		return r->sess.csrf;
	anon = http_cookie_get(r, ANON_COOKIE);
	if (is_hex(anon, 32)) {
		copy(r->sess.csrf, sizeof(r->sess.csrf), anon);
		return r->sess.csrf;
	}
	if (!random_hex(r->sess.csrf, 16))
		return "";
	http_cookie(r, ANON_COOKIE, r->sess.csrf, 24 * 3600);
	return r->sess.csrf;
}

/*
 * The Origin header, when sent, must name the host (and port) the
 * request was sent to.  nginx passes the Host header as FM_HOST
 * (Debian's fastcgi_params strips the port from HTTP_HOST).  The scheme
 * is not compared: behind a TLS proxy the browser says https while
 * nginx sees http, and a scheme is no cross-site attack.
 */
static bool
same_origin(struct req *r)
{
	const char *origin = http_env(r, "HTTP_ORIGIN");
	const char *host = http_env(r, "FM_HOST");
	const char *site = http_env(r, "HTTP_SEC_FETCH_SITE");
	const char *sep;

	if (site != NULL && strcmp(site, "same-origin") && strcmp(site, "none"))
		return false;
	if (origin == NULL)
		return true;
	if (host == NULL || *host == '\0')
		host = http_env(r, "HTTP_HOST");
	sep = strstr(origin, "://");
	if (host == NULL || sep == NULL)
		return false;
	return strcasecmp(sep + 3, host) == 0;
}

bool
session_csrf_ok(struct req *r)
{
	const char *sent = http_param(r, "csrf_token");
	const char *expected;

	if (!same_origin(r))
		return false;
	if (r->sess.id != 0)
		expected = r->sess.csrf;
	else
		expected = http_cookie_get(r, ANON_COOKIE);
	return equal_secret(sent, expected);
}
