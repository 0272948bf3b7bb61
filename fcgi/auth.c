/*
 * auth.c - sign in, sign out, home page and language switch.
 *
 * POST /login takes the fields login, password and csrf_token (names
 * fixed: scripts use them).  After Login.MaxFailures (5) failures for one
 * login from one client address within Login.WindowMinutes (15), or
 * Login.MaxFailuresPerAddress (20) failures of any login from one
 * address, attempts from that address are refused until the window has
 * passed: a stranger's failures never lock the real user out from
 * another address.  The address is nginx's REMOTE_ADDR, never a header
 * the client sent (docs/security.md).  Every attempt is recorded in
 * login_attempts.
 *
 * A login shaped like an order account's (U42, C42, L42: a letter and the
 * order number, any case) is looked up among order accounts only, other
 * logins among staff users only.  An order account logs in only inside
 * its validity period (said once the password is right) and lands on the
 * portal.
 */
#include "conf.h"
#include "db/db.h"
#include "db/db_sessions.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "password.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
home_of(struct req *r)
{
	/* An accountant's part is the documents (routes.c). */
	if (!strcmp(r->sess.kind, "staff") &&
	    !strcmp(r->sess.role, "accountant"))
		return "/documents";
	if (!strcmp(r->sess.kind, "staff"))
		return "/companies";
	if (r->sess.kind[0] != '\0')
		return "/portal";
	return "/login";
}

NEOERR *
auth_home(struct req *r)
{
	return http_redirect(r, "%s", home_of(r));
}

static NEOERR *
show_form(struct req *r)
{
	const char *next = http_param(r, "next");
	NEOERR *err = STATUS_OK;

	if (next != NULL && http_local_path(next))
		err = hdf_set_value(r->hdf, "Form.next", next);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "auth/login.cs");
}

NEOERR *
auth_login_form(struct req *r)
{
	if (r->sess.id != 0)
		return http_redirect(r, "%s", home_of(r));
	return show_form(r);
}

static NEOERR *
refuse(struct req *r, NERR_TYPE type, const char *msg)
{
	NEOERR *err = hdf_set_value(r->hdf, "Errors.form", msg);

	if (err != STATUS_OK)
		return nerr_pass(err);
	http_refuse(r, type);
	return show_form(r);
}

/* U42, c7...: the shape of an order account's login. */
static bool
account_login(const char *login)
{
	size_t n = strlen(login);

	return n >= 2 && n <= 19 && strchr("UuCcLl", login[0]) != NULL &&
	    strspn(login + 1, "0123456789") == n - 1 && login[1] != '0';
}

/* Where an order account goes after login: the page it asked for when
 * that is a portal or download page, else the portal. */
static NEOERR *
account_home(struct req *r)
{
	const char *next = http_param(r, "next");

	if (next != NULL && http_local_path(next) &&
	    (!strncmp(next, "/portal", 7) || !strncmp(next, "/download/", 10) ||
	        !strncmp(next, "/files/", 7)))
		return http_redirect(r, "%s", next);
	return http_redirect(r, "/portal");
}

static NEOERR *
failed(struct req *r, const char *login, const char *ip)
{
	NEOERR *err;

	log_warn("login %s failed (from %s)", login, ip ? ip : "?");
	err = db_login_attempt(login, ip, "failure");
	if (err != STATUS_OK)
		return nerr_pass(err);
	return refuse(r, FM_ERR_UNAUTHORIZED, http_str(r, "login.failed"));
}

static NEOERR *
login_account(struct req *r, const char *login, const char *password)
{
	const char *ip = http_env(r, "REMOTE_ADDR");
	const char *hash;
	PGresult *res;
	NEOERR *err;
	long long id;

	err = db_account_by_login(login, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	hash = PQntuples(res) == 1 ? db_get(res, 0, "password_hash") : NULL;
	if (!password_verify(password, hash)) {
		PQclear(res);
		return failed(r, login, ip);
	}
	if (atoi(db_get(res, 0, "valid")) != 1) {
		char msg[300];

		snprintf(msg, sizeof(msg), "%s %s – %s",
		    http_str(r, "login.not_valid"),
		    db_get(res, 0, "valid_from"), db_get(res, 0, "valid_to"));
		PQclear(res);
		log_warn("login %s outside its validity period (from %s)",
		    login, ip ? ip : "?");
		err = db_login_attempt(login, ip, "failure");
		if (err != STATUS_OK)
			return nerr_pass(err);
		return refuse(r, FM_ERR_FORBIDDEN, msg);
	}
	id = atoll(db_get(res, 0, "id"));
	if (password_needs_rehash(hash)) {
		char *fresh = password_hash(password);

		if (fresh != NULL)
			err = db_account_rehash(id, fresh);
		free(fresh);
	}
	PQclear(res);
	if (err == STATUS_OK)
		err = db_login_attempt(login, ip, "success");
	if (err == STATUS_OK)
		err = db_sessions_purge(g_cfg->session_idle);
	if (err == STATUS_OK)
		err = session_start_account(r, id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("login %s (from %s)", login, ip ? ip : "?");
	return account_home(r);
}

/*
 * Refuses the attempt (the form again, 429 with Retry-After) when this
 * login from this address, or this address whatever the login, failed
 * too often lately; *refused says so.
 */
static NEOERR *
throttled(struct req *r, const char *login, const char *ip, bool *refused)
{
	int max_pair = config_int("Login.MaxFailures", 5);
	int max_ip = config_int("Login.MaxFailuresPerAddress", 20);
	int window = config_int("Login.WindowMinutes", 15);
	bool pair, addr;
	char msg[300];
	PGresult *res;
	NEOERR *err;
	int wait;

	*refused = false;
	err = db_login_throttle(login, ip, max_pair, max_ip, window, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	pair = atoi(db_get(res, 0, "pair_failures")) >= max_pair;
	addr = atoi(db_get(res, 0, "ip_failures")) >= max_ip;
	wait = addr ? atoi(db_get(res, 0, "ip_wait")) : 0;
	if (pair && atoi(db_get(res, 0, "pair_wait")) > wait)
		wait = atoi(db_get(res, 0, "pair_wait"));
	PQclear(res);
	if (!pair && !addr)
		return STATUS_OK;
	if (wait < 1)
		wait = 1;
	log_warn("login %s throttled (from %s: %s)", login, ip ? ip : "?",
	    addr ? "too many failures from this address"
	         : "too many failures of this login from this address");
	err = db_login_attempt(login, ip, "throttled");
	if (err != STATUS_OK)
		return nerr_pass(err);
	format_n(msg, sizeof(msg),
	    http_str(r, addr ? "login.throttled_ip" : "login.throttled"), wait);
	http_header(r, "Retry-After: %d", wait * 60);
	*refused = true;
	return refuse(r, FM_ERR_TOOMANY, msg);
}

NEOERR *
auth_login(struct req *r)
{
	static const struct field fields[] = {
		{ "login", FT_TEXT, true, 64, 0, NULL },
		{ "password", FT_TEXT, true, 200, 0, NULL },
	};
	const char *ip = http_env(r, "REMOTE_ADDR");
	const char *login, *password, *next, *hash;
	char role[16];
	PGresult *res;
	NEOERR *err;
	long long id;
	bool ok, refused;

	if (form_read(r, fields, FM_ARRAY_LEN(fields)) > 0) {
		hdf_remove_tree(r->hdf, "Form.password");
		http_refuse(r, FM_ERR_FORM);
		return show_form(r);
	}
	hdf_remove_tree(r->hdf, "Form.password");
	login = form_value(r, "login");
	/* The password is taken as typed, spaces included. */
	password = http_param(r, "password");

	err = throttled(r, login, ip, &refused);
	if (err != STATUS_OK || refused)
		return nerr_pass(err);

	if (account_login(login))
		return login_account(r, login, password);
	err = db_staff_by_login(login, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	hash = PQntuples(res) == 1 && atoi(db_get(res, 0, "active")) == 1
	    ? db_get(res, 0, "password_hash")
	    : NULL;
	ok = password_verify(password, hash);
	if (!ok) {
		PQclear(res);
		return failed(r, login, ip);
	}
	id = atoll(db_get(res, 0, "id"));
	snprintf(role, sizeof(role), "%s", db_get(res, 0, "role"));
	if (password_needs_rehash(hash)) {
		char *fresh = password_hash(password);

		if (fresh != NULL)
			err = db_staff_set_hash(id, fresh);
		free(fresh);
		if (err != STATUS_OK) {
			PQclear(res);
			return nerr_pass(err);
		}
	}
	PQclear(res);
	err = db_login_attempt(login, ip, "success");
	if (err == STATUS_OK)
		err = db_sessions_purge(g_cfg->session_idle);
	if (err == STATUS_OK)
		err = session_start_staff(r, id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("login %s (from %s)", login, ip ? ip : "?");
	next = http_param(r, "next");
	if (next != NULL && http_local_path(next) && strncmp(next, "/login", 6))
		return http_redirect(r, "%s", next);
	/* An accountant's part is the documents (routes.c). */
	return http_redirect(r, "%s",
	    strcmp(role, "accountant") ? "/companies" : "/documents");
}

NEOERR *
auth_logout(struct req *r)
{
	NEOERR *err;

	log_info("logout %s", r->sess.login);
	err = session_end(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "logged_out");
	return http_redirect(r, "/login");
}

NEOERR *
auth_lang(struct req *r)
{
	const char *code = strrchr(r->path, '/') + 1;
	const char *next = http_param(r, "next");

	http_cookie(r, "fm_lang", lang_code(lang_from_code(code)),
	    365L * 24 * 3600);
	if (next != NULL && http_local_path(next))
		return http_redirect(r, "%s", next);
	return http_redirect(r, "/");
}
