/*
 * accounts.c - an order's three accounts (DESIGN.md section 5):
 *
 *   /orders/{id}/access          the accounts: validity, password state,
 *                                open sessions, new password (shown
 *                                once), disable; the order's mail
 *   /orders/{id}/access/fr|en    "send the access codes": per account a
 *                                new password, a subject and a message in
 *                                that language, queued in the outbox
 *
 * A password is random, shown once (on the page that made it, or in the
 * message), stored hashed.  Setting one ends the account's sessions (a
 * trigger in the database).  The messages go through the outbox table;
 * fm-mail sends them.
 */
#include "conf.h"
#include "db/db_accounts.h"
#include "db/db_orders.h"
#include "db/db_outbox.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "order_heading.h"
#include "password.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define PASSWORD_LEN 10
#define PASSWORD_MIN 8

static const char *const kinds[] = { "user", "client", "live" };

/* PASSWORD_LEN characters without look-alikes (0/O, 1/l/I): about 58
 * bits.  false when the system has no randomness to give. */
static bool
new_password(char out[PASSWORD_LEN + 1])
{
	static const char alphabet[] =
	    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	const unsigned n = sizeof(alphabet) - 1;
	unsigned char b;
	int i = 0;

	while (i < PASSWORD_LEN) {
		if (getrandom(&b, 1, 0) != 1)
			return false;
		if (b >= 256 - 256 % n)
			continue; /* no bias towards the first letters */
		out[i++] = alphabet[b % n];
	}
	out[i] = '\0';
	return true;
}

static NEOERR *
rows(struct req *r, const char *prefix, NEOERR *err, PGresult *res)
{
	if (err != STATUS_OK)
		return err;
	err = db_rows_to_hdf(r->hdf, prefix, res);
	PQclear(res);
	return nerr_pass(err);
}

/* --- the accounts page ------------------------------------------------ */

/* The page; with fill, Form.* takes the accounts' validity. */
static NEOERR *
show(struct req *r, long long id, bool fill)
{
	PGresult *res;
	NEOERR *err;
	int i;

	err = order_heading(r, id);
	if (err == STATUS_OK)
		err = db_accounts_of(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; fill && err == STATUS_OK && i < PQntuples(res); i++) {
		char key[64];
		const char *k = db_get(res, i, "kind");

		snprintf(key, sizeof(key), "from_%s", k);
		err = form_fill(r, key, db_get(res, i, "valid_from"));
		snprintf(key, sizeof(key), "to_%s", k);
		if (err == STATUS_OK)
			err = form_fill(r, key, db_get(res, i, "valid_to"));
	}
	err = rows(r, "Accounts", err, res);
	if (err == STATUS_OK) {
		err = db_outbox_of_order(id, &res);
		err = rows(r, "Mail", err, res);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "accounts/show.cs");
}

NEOERR *
accounts_show(struct req *r)
{
	return show(r, r->id[0], true);
}

/* POST /orders/{id}/access: the validity of the three accounts. */
NEOERR *
accounts_update(struct req *r)
{
	static const struct field fields[] = {
		{ "from_user", FT_DATE, true, 0, 0, NULL },
		{ "to_user", FT_DATE, true, 0, 0, NULL },
		{ "from_client", FT_DATE, true, 0, 0, NULL },
		{ "to_client", FT_DATE, true, 0, 0, NULL },
		{ "from_live", FT_DATE, true, 0, 0, NULL },
		{ "to_live", FT_DATE, true, 0, 0, NULL },
	};
	long long id = r->id[0];
	NEOERR *err;
	int bad;
	size_t i;

	bad = form_read(r, fields, FM_ARRAY_LEN(fields));
	for (i = 0; i < FM_ARRAY_LEN(kinds); i++) {
		const char *from = form_value(r, fields[2 * i].name);
		const char *to = form_value(r, fields[2 * i + 1].name);

		/* ISO dates compare as text. */
		if (from && to && strcmp(to, from) < 0) {
			form_error(r, fields[2 * i + 1].name,
			    "access.err_period");
			bad++;
		}
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		return show(r, id, false);
	}
	err = db_order_tx_begin(r->sess.staff_id);
	if (err == STATUS_OK) {
		bool found = false;

		err = db_order_lock(id, &found);
		if (err == STATUS_OK && !found) {
			db_rollback();
			return not_found(r);
		}
	}
	for (i = 0; err == STATUS_OK && i < FM_ARRAY_LEN(kinds); i++)
		err = db_account_set_validity(id, kinds[i],
		    form_value(r, fields[2 * i].name),
		    form_value(r, fields[2 * i + 1].name));
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	log_info("order %lld: accounts' validity set by %s", id, r->sess.login);
	http_flash(r, "saved");
	return http_redirect(r, "/orders/%lld/access", id);
}

/*
 * POST /orders/{id}/accounts/{id}/password: a new random password, shown
 * on the page this answers with (never stored in clear, never in a URL).
 */
NEOERR *
accounts_password(struct req *r)
{
	char pw[PASSWORD_LEN + 1], login[64];
	char *hash;
	NEOERR *err;

	if (!new_password(pw))
		return nerr_raise(NERR_SYSTEM, "no randomness available");
	hash = password_hash(pw);
	if (hash == NULL)
		return nerr_raise(NERR_SYSTEM, "password hashing failed");
	err = db_account_set_password(r->id[1], r->id[0], hash, login,
	    sizeof(login));
	free(hash);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (*login == '\0')
		return not_found(r);
	log_info("order %lld: new password for %s by %s", r->id[0], login,
	    r->sess.login);
	err = hdf_set_value(r->hdf, "NewPassword.login", login);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "NewPassword.password", pw);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return show(r, r->id[0], true);
}

/* POST /orders/{id}/accounts/{id}/disable: no password, no session. */
NEOERR *
accounts_disable(struct req *r)
{
	bool found = false;
	NEOERR *err;

	err = db_account_disable(r->id[1], r->id[0], &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return not_found(r);
	log_info("order %lld: account %lld disabled by %s", r->id[0], r->id[1],
	    r->sess.login);
	http_flash(r, "account_disabled");
	return http_redirect(r, "/orders/%lld/access", r->id[0]);
}

/* --- sending the access codes ----------------------------------------- */

/* The language of the messages: the last part of the path. */
static enum lang
mail_lang(struct req *r)
{
	const char *code = strrchr(r->path, '/');

	return lang_from_code(code ? code + 1 : "fr");
}

/* Copies text into out replacing each {name} by its value in vars
 * (name, value pairs, NULL-terminated). */
static NEOERR *
expand(STRING *out, const char *text, const char *const *vars)
{
	const char *p = text;
	NEOERR *err = STATUS_OK;

	while (err == STATUS_OK && *p) {
		const char *const *v;
		bool done = false;

		if (*p == '{') {
			for (v = vars; *v != NULL; v += 2) {
				size_t n = strlen(v[0]);

				if (!strncmp(p + 1, v[0], n) &&
				    p[1 + n] == '}') {
					err = string_append(out,
					    v[1] ? v[1] : "");
					p += n + 2;
					done = true;
					break;
				}
			}
		}
		if (!done)
			err = string_append_char(out, *p++);
	}
	return nerr_pass(err);
}

/*
 * Form.subject_<kind> and Form.message_<kind> for an account whose
 * password is pw, in the messages' language.
 */
static NEOERR *
fill_message(struct req *r, enum lang lang, HDF *account, const char *pw)
{
	const char *kind = hdf_get_value(account, "kind", "user");
	char key[64], order[24], rights[64];
	const char *vars[] = {
		"name",
		hdf_get_value(r->hdf, "Order.contact_name", ""),
		"study",
		hdf_get_value(r->hdf, "Order.study_ref", ""),
		"order",
		order,
		"company",
		hdf_get_value(r->hdf, "Order.company", ""),
		"url",
		g_cfg->base_url,
		"login",
		hdf_get_value(account, "login", ""),
		"password",
		pw,
		"from",
		hdf_get_value(account, "valid_from_label", ""),
		"to",
		hdf_get_value(account, "valid_to_label", ""),
		"rights",
		NULL,
		"seller",
		hdf_get_value(r->hdf, "Order.seller", ""),
		NULL,
		NULL,
	};
	STRING s;
	NEOERR *err;

	snprintf(order, sizeof(order), "%s",
	    hdf_get_value(r->hdf, "Order.id", ""));
	snprintf(rights, sizeof(rights), "mail.rights_%s", kind);
	vars[19] = tmpl_str(lang, rights);
	string_init(&s);
	err = expand(&s, tmpl_str(lang, "mail.subject"), vars);
	snprintf(key, sizeof(key), "subject_%s", kind);
	if (err == STATUS_OK)
		err = form_fill(r, key, s.buf ? s.buf : "");
	string_clear(&s);
	if (err == STATUS_OK)
		err = expand(&s, tmpl_str(lang, "mail.body"), vars);
	snprintf(key, sizeof(key), "message_%s", kind);
	if (err == STATUS_OK)
		err = form_fill(r, key, s.buf ? s.buf : "");
	string_clear(&s);
	snprintf(key, sizeof(key), "password_%s", kind);
	if (err == STATUS_OK)
		err = form_fill(r, key, pw);
	return nerr_pass(err);
}

/* The send page (accounts/send.cs); with fill, new passwords and
 * messages are proposed. */
static NEOERR *
send_page(struct req *r, bool fill)
{
	enum lang lang = mail_lang(r);
	PGresult *res;
	NEOERR *err;
	HDF *a;

	err = order_heading(r, r->id[0]);
	if (err == STATUS_OK)
		err = db_accounts_of(r->id[0], &res);
	err = rows(r, "Accounts", err, res);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Mail.lang", lang_code(lang));
	if (err != STATUS_OK || !fill)
		return nerr_pass(err);
	err = form_fill(r, "to",
	    hdf_get_value(r->hdf, "Order.contact_email", ""));
	if (err == STATUS_OK)
		err = form_fill(r, "send_user", "1");
	for (a = hdf_get_child(r->hdf, "Accounts"); err == STATUS_OK && a;
	     a = hdf_obj_next(a)) {
		char pw[PASSWORD_LEN + 1];

		if (!new_password(pw))
			return nerr_raise(NERR_SYSTEM, "no randomness");
		err = fill_message(r, lang, a, pw);
	}
	return nerr_pass(err);
}

NEOERR *
accounts_send_form(struct req *r)
{
	NEOERR *err = send_page(r, true);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "accounts/send.cs");
}

static NEOERR *
send_refused(struct req *r)
{
	NEOERR *err;

	http_refuse(r, FM_ERR_FORM);
	err = send_page(r, false);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "accounts/send.cs");
}

/*
 * POST /orders/{id}/access/fr|en: for each ticked account, sets the
 * password typed (or proposed) and queues its message, in one
 * transaction.  The message must carry the login and that password.
 */
NEOERR *
accounts_send(struct req *r)
{
	static const struct field to_field[] = {
		{ "to", FT_EMAIL, true, 254, 0, NULL },
	};
	long long id = r->id[0];
	struct {
		struct field f[4];
	} per[3];
	char names[3][4][32];
	const char *to;
	PGresult *res;
	NEOERR *err;
	int bad, nsend = 0, queued = 0, i;
	char login[64];

	bad = form_read(r, to_field, 1);
	for (i = 0; i < 3; i++) {
		snprintf(names[i][0], 32, "send_%s", kinds[i]);
		snprintf(names[i][1], 32, "password_%s", kinds[i]);
		snprintf(names[i][2], 32, "subject_%s", kinds[i]);
		snprintf(names[i][3], 32, "message_%s", kinds[i]);
		per[i].f[0] = (struct field){ names[i][0], FT_BOOL, false, 0, 0,
			NULL };
		per[i].f[1] = (struct field){ names[i][1], FT_TEXT, false, 100,
			0, NULL };
		per[i].f[2] = (struct field){ names[i][2], FT_TEXT, false, 300,
			0, NULL };
		per[i].f[3] = (struct field){ names[i][3], FT_MULTILINE, false,
			2000, 0, NULL };
		bad += form_read(r, per[i].f, 4);
	}
	err = order_heading(r, id);
	if (err == STATUS_OK)
		err = db_accounts_of(id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 3) {
		PQclear(res);
		return not_found(r);
	}
	for (i = 0; i < 3; i++) {
		const char *send = form_value(r, names[i][0]);
		const char *pw = form_value(r, names[i][1]);
		const char *msg = form_value(r, names[i][3]);
		const char *acc_login = db_get(res, i, "login");

		if (send == NULL || strcmp(send, "1"))
			continue;
		nsend++;
		if (pw == NULL || strlen(pw) < PASSWORD_MIN) {
			form_error(r, names[i][1], "access.err_password");
			bad++;
		}
		if (form_value(r, names[i][2]) == NULL) {
			form_error(r, names[i][2], "err.required");
			bad++;
		}
		if (msg == NULL || strstr(msg, acc_login) == NULL ||
		    (pw != NULL && strstr(msg, pw) == NULL)) {
			form_error(r, names[i][3], "access.err_message");
			bad++;
		}
	}
	if (nsend == 0) {
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, "access.err_none"));
		bad++;
	}
	if (bad > 0) {
		PQclear(res);
		return send_refused(r);
	}
	to = form_value(r, "to");
	err = db_order_tx_begin(r->sess.staff_id);
	for (i = 0; err == STATUS_OK && i < 3; i++) {
		const char *send = form_value(r, names[i][0]);
		const char *pw = form_value(r, names[i][1]);
		long long account = atoll(db_get(res, i, "id"));
		char *hash;

		if (send == NULL || strcmp(send, "1"))
			continue;
		hash = password_hash(pw);
		if (hash == NULL) {
			err = nerr_raise(NERR_SYSTEM,
			    "password hashing failed");
			break;
		}
		err = db_account_set_password(account, id, hash, login,
		    sizeof(login));
		free(hash);
		if (err == STATUS_OK)
			err = db_outbox_insert(to, form_value(r, names[i][2]),
			    form_value(r, names[i][3]), id, account, pw,
			    r->sess.login);
		if (err == STATUS_OK) {
			queued++;
			log_info("order %lld: access codes of %s queued for %s "
			         "by %s",
			    id, login, to, r->sess.login);
		}
	}
	PQclear(res);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* An address PostgreSQL's check refuses (the form's passed). */
		nerr_ignore(&err);
		form_error(r, "to", "err.email");
		return send_refused(r);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, queued > 1 ? "codes_queued_n" : "codes_queued");
	return http_redirect(r, "/orders/%lld/access", id);
}
