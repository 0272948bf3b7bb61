/*
 * config.c - the "Configuration" part: sites, rooms, tariffs, option
 * categories, options, VAT rates (one table page each, rows edited in
 * place) and the seller's identity.
 *
 * Each kind is described once (fields with their checks, how each column
 * is shown, its queries); the handlers below are the same for all kinds.
 * Staff add categories and options here without any change to the code:
 * each active category becomes a tab of the order form.
 */
#include "db/db_companies.h"
#include "db/db_config.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "orders.h"
#include "vat_number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a column is shown and typed. */
enum show {
	S_TEXT,   /* as is */
	S_BOOL,   /* tick */
	S_SELECT, /* a select over Choices.<choices>; shown from column `show` */
	S_MONEY,  /* amount in euros */
	S_LONG,   /* text area */
};

struct col {
	const char *label; /* L key */
	enum show show;
	const char *choices; /* S_SELECT: Choices.<name> */
	const char *display; /* column holding the displayed value */
};

struct kind {
	const char *name; /* URL /config/<name>, L.config.<name> */
	const struct field *fields;
	const struct col *cols;
	size_t n;
	NEOERR *(*list)(const char *, PGresult **);
	NEOERR *(*insert)(const char *const *);
	NEOERR *(*update)(long long, const char *const *, bool *);
	NEOERR *(*delete)(long long, bool *);
};

#define KIND(name, f, c, list, ins, upd, del)                    \
	{                                                        \
		name, f, c, FM_ARRAY_LEN(f), list, ins, upd, del \
	}

static const struct field site_f[] = FORM_FIELDS(SITE);
static const struct col site_c[] = {
	{ "config.name", S_TEXT, NULL, NULL },
	{ "config.address", S_LONG, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct field room_f[] = FORM_FIELDS(ROOM);
static const struct col room_c[] = {
	{ "config.site", S_SELECT, "sites", "site_name" },
	{ "config.name", S_TEXT, NULL, NULL },
	{ "config.capacity", S_TEXT, NULL, NULL },
	{ "config.position", S_TEXT, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct field tariff_f[] = FORM_FIELDS(TARIFF);
static const struct col tariff_c[] = {
	{ "config.label_fr", S_TEXT, NULL, NULL },
	{ "config.label_en", S_TEXT, NULL, NULL },
	{ "config.kind", S_SELECT, "kinds", "kind_label" },
	{ "config.starts", S_TEXT, NULL, NULL },
	{ "config.ends", S_TEXT, NULL, NULL },
	{ "config.price", S_MONEY, NULL, "price_label" },
	{ "config.vat_rate", S_SELECT, "vat", "vat_rate_label" },
	{ "config.overtime_price", S_MONEY, NULL, "overtime_price_label" },
	{ "config.unit_code", S_SELECT, "units", "unit_code_label" },
	{ "config.position", S_TEXT, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct field category_f[] = FORM_FIELDS(CATEGORY);
static const struct col category_c[] = {
	{ "config.label_fr", S_TEXT, NULL, NULL },
	{ "config.label_en", S_TEXT, NULL, NULL },
	{ "config.per_room", S_BOOL, NULL, NULL },
	{ "config.position", S_TEXT, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct field option_f[] = FORM_FIELDS(OPTION);
static const struct col option_c[] = {
	{ "config.category", S_SELECT, "categories", "category_label" },
	{ "config.label_fr", S_TEXT, NULL, NULL },
	{ "config.label_en", S_TEXT, NULL, NULL },
	{ "config.unit_fr", S_TEXT, NULL, NULL },
	{ "config.unit_en", S_TEXT, NULL, NULL },
	{ "config.unit_code", S_SELECT, "units", "unit_code_label" },
	{ "config.unit_price", S_MONEY, NULL, "unit_price_label" },
	{ "config.vat_rate", S_SELECT, "vat", "vat_rate_label" },
	{ "config.checkbox", S_BOOL, NULL, NULL },
	{ "config.position", S_TEXT, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct field vat_f[] = FORM_FIELDS(VAT);
static const struct col vat_c[] = {
	{ "config.rate", S_TEXT, NULL, "rate_label" },
	{ "config.label_fr", S_TEXT, NULL, NULL },
	{ "config.label_en", S_TEXT, NULL, NULL },
	{ "common.active", S_BOOL, NULL, NULL },
};

static const struct kind kinds[] = {
	KIND("sites", site_f, site_c, db_sites_list, db_site_insert,
	    db_site_update, db_site_delete),
	KIND("rooms", room_f, room_c, db_rooms_list, db_room_insert,
	    db_room_update, db_room_delete),
	KIND("tariffs", tariff_f, tariff_c, db_tariffs_list, db_tariff_insert,
	    db_tariff_update, db_tariff_delete),
	KIND("categories", category_f, category_c, db_categories_list,
	    db_category_insert, db_category_update, db_category_delete),
	KIND("options", option_f, option_c, db_options_list, db_option_insert,
	    db_option_update, db_option_delete),
	KIND("vat", vat_f, vat_c, db_vat_list, db_vat_insert, db_vat_update,
	    db_vat_delete),
};

NEOERR *
config_unit_choices(struct req *r)
{
	const char *w = UNIT_CODES;
	NEOERR *err = STATUS_OK;
	char key[64], word[8], lk[24];
	int n = 0;

	while (err == STATUS_OK && *w) {
		size_t len = strcspn(w, " ");

		snprintf(word, sizeof(word), "%.*s", (int)len, w);
		w += len + (w[len] == ' ');
		snprintf(lk, sizeof(lk), "unit.%s", word);
		snprintf(key, sizeof(key), "Choices.units.%d.id", n);
		err = hdf_set_value(r->hdf, key, word);
		snprintf(key, sizeof(key), "Choices.units.%d.label_fr", n);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key, http_str(r, lk));
		snprintf(key, sizeof(key), "Choices.units.%d.label_en", n);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key, http_str(r, lk));
		snprintf(key, sizeof(key), "Choices.units.%d.active", n++);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key, "1");
	}
	return nerr_pass(err);
}

/* The kind named by the path's second segment (/config/<name>...). */
static const struct kind *
kind_of(struct req *r)
{
	const char *p = r->path + strlen("/config/");
	size_t i, n = strcspn(p, "/");

	for (i = 0; i < FM_ARRAY_LEN(kinds); i++)
		if (strlen(kinds[i].name) == n && !strncmp(kinds[i].name, p, n))
			return &kinds[i];
	return NULL;
}

static NEOERR *
choices(struct req *r, const char *name, NEOERR *(*q)(PGresult **))
{
	char key[64];
	PGresult *res;
	NEOERR *err;

	err = q(&res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(key, sizeof(key), "Choices.%s", name);
	err = db_rows_to_hdf(r->hdf, key, res);
	PQclear(res);
	return nerr_pass(err);
}

/* Renders the kind's page with status r->status; edit: the row shown as
 * a form (0: none, the add form is shown instead). */
static NEOERR *
page(struct req *r, const struct kind *k, long long edit)
{
	char key[96];
	PGresult *res;
	NEOERR *err;
	size_t i;
	int row;

	err = hdf_set_value(r->hdf, "Kind.name", k->name);
	if (err == STATUS_OK && edit > 0)
		err = hdf_setf(r->hdf, "Edit.id", "%lld", edit);
	for (i = 0; err == STATUS_OK && i < k->n; i++) {
		snprintf(key, sizeof(key), "Cols.%zu.name", i);
		err = hdf_set_value(r->hdf, key, k->fields[i].name);
		snprintf(key, sizeof(key), "Cols.%zu.label", i);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key,
			    http_str(r, k->cols[i].label));
		snprintf(key, sizeof(key), "Cols.%zu.show", i);
		if (err == STATUS_OK)
			err = hdf_setf(r->hdf, key, "%d", (int)k->cols[i].show);
		snprintf(key, sizeof(key), "Cols.%zu.display", i);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key,
			    k->cols[i].display ? k->cols[i].display
			                       : k->fields[i].name);
		snprintf(key, sizeof(key), "Cols.%zu.required", i);
		if (err == STATUS_OK && k->fields[i].required)
			err = hdf_set_value(r->hdf, key, "1");
		snprintf(key, sizeof(key), "Cols.%zu.type", i);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key,
			    k->fields[i].type == FT_TIME      ? "time"
			        : k->fields[i].type == FT_INT ? "int"
			        : k->fields[i].type == FT_MONEY ||
			            k->fields[i].type == FT_DECIMAL
			        ? "number"
			        : "text");
		snprintf(key, sizeof(key), "Cols.%zu.choices", i);
		if (err == STATUS_OK && k->cols[i].choices)
			err = hdf_set_value(r->hdf, key, k->cols[i].choices);
	}
	if (err == STATUS_OK && !strcmp(k->name, "rooms"))
		err = choices(r, "sites", db_sites_choices);
	if (err == STATUS_OK &&
	    (!strcmp(k->name, "tariffs") || !strcmp(k->name, "options")))
		err = choices(r, "vat", db_vat_choices);
	if (err == STATUS_OK && !strcmp(k->name, "options"))
		err = choices(r, "categories", db_categories_choices);
	if (err == STATUS_OK &&
	    (!strcmp(k->name, "tariffs") || !strcmp(k->name, "options")))
		err = config_unit_choices(r);
	if (err == STATUS_OK && !strcmp(k->name, "tariffs")) {
		const char *w = TARIFF_KINDS;
		int n = 0;

		while (err == STATUS_OK && *w) {
			size_t len = strcspn(w, " ");
			char word[40], lk[64];

			snprintf(word, sizeof(word), "%.*s", (int)len, w);
			w += len + (w[len] == ' ');
			snprintf(lk, sizeof(lk), "kind.%s", word);
			snprintf(key, sizeof(key), "Choices.kinds.%d.id", n);
			err = hdf_set_value(r->hdf, key, word);
			snprintf(key, sizeof(key), "Choices.kinds.%d.label_fr",
			    n);
			if (err == STATUS_OK)
				err = hdf_set_value(r->hdf, key,
				    http_str(r, lk));
			snprintf(key, sizeof(key), "Choices.kinds.%d.label_en",
			    n);
			if (err == STATUS_OK)
				err = hdf_set_value(r->hdf, key,
				    http_str(r, lk));
			snprintf(key, sizeof(key), "Choices.kinds.%d.active",
			    n++);
			if (err == STATUS_OK)
				err = hdf_set_value(r->hdf, key, "1");
		}
	}
	if (err == STATUS_OK)
		err = k->list(lang_code(r->lang), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (row = 0; err == STATUS_OK && row < PQntuples(res); row++) {
		const char *id = db_get(res, row, "id");

		snprintf(key, sizeof(key), "Rows.%d", row);
		err = db_row_to_hdf(r->hdf, key, res, row);
		/* Display columns that need the language. */
		if (err == STATUS_OK && db_get(res, row, "kind")) {
			char lk[64];

			snprintf(lk, sizeof(lk), "kind.%s",
			    db_get(res, row, "kind"));
			snprintf(key, sizeof(key), "Rows.%d.kind_label", row);
			err = hdf_set_value(r->hdf, key, http_str(r, lk));
		}
		if (err == STATUS_OK && db_get(res, row, "unit_code")) {
			char lk[64];

			snprintf(lk, sizeof(lk), "unit.%s",
			    db_get(res, row, "unit_code"));
			snprintf(key, sizeof(key), "Rows.%d.unit_code_label",
			    row);
			err = hdf_set_value(r->hdf, key, http_str(r, lk));
		}
		if (err == STATUS_OK && db_get(res, row, "category_fr")) {
			snprintf(key, sizeof(key), "Rows.%d.category_label",
			    row);
			err = hdf_set_value(r->hdf, key,
			    db_get(res, row,
			        r->lang == LANG_EN ? "category_en"
			                           : "category_fr"));
		}
		/* The row being edited fills the form, unless the form
		 * already holds what the user typed. */
		if (err == STATUS_OK && edit > 0 && id && atoll(id) == edit &&
		    !hdf_get_value(r->hdf, "Form.posted", NULL)) {
			for (i = 0; err == STATUS_OK && i < k->n; i++)
				err = form_fill(r, k->fields[i].name,
				    db_get(res, row, k->fields[i].name));
		}
	}
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "config/table.cs");
}

NEOERR *
config_index(struct req *r)
{
	return http_redirect(r, "/config/rooms");
}

NEOERR *
config_list(struct req *r)
{
	const struct kind *k = kind_of(r);

	if (k == NULL)
		return nerr_raise(FM_ERR_NOTFOUND, "%s",
		    http_str(r, "error.no_page"));
	if (http_param(r, "edit") == NULL)
		form_fill(r, "active", "1");
	return page(r, k, http_param_id(r, "edit"));
}

/* Re-shows the page after a refused write, keeping what was typed. */
static NEOERR *
refuse(struct req *r, const struct kind *k, long long id, NERR_TYPE type,
    const char *field, const char *msg)
{
	if (msg != NULL && !strcmp(field, "form"))
		hdf_set_value(r->hdf, "Errors.form", http_str(r, msg));
	else if (msg != NULL)
		form_error(r, field, msg);
	hdf_set_value(r->hdf, "Form.posted", "1");
	http_refuse(r, type);
	return page(r, k, id);
}

/* Maps a refused statement to a message on the form. */
static NEOERR *
refused_write(struct req *r, const struct kind *k, long long id, NEOERR *err)
{
	if (nerr_match(err, FM_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return refuse(r, k, id, FM_ERR_CONFLICT, k->fields[0].name,
		    "err.duplicate");
	}
	if (nerr_match(err, FM_ERR_INVALID)) {
		/* A check failed, or a referenced row (site, category, VAT
		 * rate) does not exist. */
		nerr_ignore(&err);
		return refuse(r, k, id, FM_ERR_FORM, "form",
		    "err.inconsistent");
	}
	return nerr_pass(err);
}

static NEOERR *
save(struct req *r, long long id)
{
	const struct kind *k = kind_of(r);
	const char *v[16];
	NEOERR *err;
	bool found = true;
	size_t i;

	if (k == NULL)
		return nerr_raise(FM_ERR_NOTFOUND, "%s",
		    http_str(r, "error.no_page"));
	if (form_read(r, k->fields, k->n) > 0)
		return refuse(r, k, id, FM_ERR_FORM, NULL, NULL);
	for (i = 0; i < k->n; i++)
		v[i] = form_value(r, k->fields[i].name);
	if (id > 0)
		err = k->update(id, v, &found);
	else
		err = k->insert(v);
	if (err != STATUS_OK)
		return refused_write(r, k, id, err);
	if (!found)
		return not_found(r);
	http_flash(r, id > 0 ? "saved" : "created");
	return http_redirect(r, "/config/%s", k->name);
}

NEOERR *
config_create(struct req *r)
{
	return save(r, 0);
}

NEOERR *
config_update(struct req *r)
{
	return save(r, r->id[0]);
}

NEOERR *
config_delete(struct req *r)
{
	const struct kind *k = kind_of(r);
	NEOERR *err;
	bool found;

	if (k == NULL)
		return nerr_raise(FM_ERR_NOTFOUND, "%s",
		    http_str(r, "error.no_page"));
	err = k->delete (r->id[0], &found);
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID) &&
	    !strcmp(db_last_error.sqlstate, "23503")) {
		nerr_ignore(&err);
		hdf_set_value(r->hdf, "Config.refused", "1");
		http_refuse(r, FM_ERR_CONFLICT);
		form_fill(r, "active", "1");
		return page(r, k, 0);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return not_found(r);
	http_flash(r, "deleted");
	return http_redirect(r, "/config/%s", k->name);
}

/* --- the seller's identity ------------------------------------------- */

/* Countries.* for the seller's country select. */
static NEOERR *
seller_countries(struct req *r)
{
	PGresult *res;
	NEOERR *err = db_countries(lang_code(r->lang), &res);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_rows_to_hdf(r->hdf, "Countries", res);
	PQclear(res);
	return nerr_pass(err);
}

static const struct field seller_f[] = FORM_FIELDS(SELLER);
#define NSELLER FM_ARRAY_LEN(seller_f)

NEOERR *
config_seller(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	size_t i;

	err = db_seller_get(&res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; err == STATUS_OK && i < NSELLER && PQntuples(res) == 1; i++)
		err = form_fill(r, seller_f[i].name,
		    db_get(res, 0, seller_f[i].name));
	PQclear(res);
	if (err == STATUS_OK)
		err = seller_countries(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "config/seller.cs");
}

/* The rules of the seller row (0120_einvoicing.sql), by the field they
 * are about. */
static const struct {
	const char *constraint, *field, *message;
} seller_rules[] = {
	{ "seller_payment_cap", "payment_days", "seller.err_payment_cap" },
	{ "seller_late_rate_floor", "late_rate", "seller.err_late_rate" },
	{ "seller_vat_siren", "vat_number", "companies.err_vat_key" },
	{ "seller_siren_key", "siren", "err.siren" },
};

/* IBAN and BIC are stored without spaces, in capitals. */
static void
compact_upper(char *out, size_t len, const char *in)
{
	size_t o = 0;

	for (; in && *in && o + 1 < len; in++)
		if (*in != ' ')
			out[o++] = (*in >= 'a' && *in <= 'z')
			    ? (char)(*in - 'a' + 'A')
			    : *in;
	out[o] = '\0';
}

NEOERR *
config_seller_update(struct req *r)
{
	struct seller v;
	char iban[48], bic[16];
	NEOERR *err;
	int bad;

	bad = FORM_READ(r, seller_f, &v);
	compact_upper(iban, sizeof(iban), v.iban);
	compact_upper(bic, sizeof(bic), v.bic);
	if (*iban &&
	    (strlen(iban) < 14 ||
	        strspn(iban, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
	            strlen(iban))) {
		form_error(r, "iban", "err.iban");
		bad++;
	}
	if (*bic && (strlen(bic) != 8 && strlen(bic) != 11)) {
		form_error(r, "bic", "err.bic");
		bad++;
	}
	bad += vat_number_form_check(r, "vat_number", v.vat_number, v.siren,
	    &err);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (v.e_address &&
	    strspn(v.e_address,
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	        "0123456789+-_.") != strlen(v.e_address)) {
		form_error(r, "e_address", "companies.err_e_address");
		bad++;
	}
	if (bad > 0) {
		http_refuse(r, FM_ERR_FORM);
		err = seller_countries(r);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "config/seller.cs");
	}
	v.iban = *iban ? iban : NULL;
	v.bic = *bic ? bic : NULL;
	err = db_seller_update(&v);
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		size_t i;
		bool named = false;

		nerr_ignore(&err);
		for (i = 0; i < FM_ARRAY_LEN(seller_rules); i++)
			if (!strcmp(db_last_error.constraint,
			        seller_rules[i].constraint)) {
				form_error(r, seller_rules[i].field,
				    seller_rules[i].message);
				named = true;
			}
		hdf_set_value(r->hdf, "Errors.form",
		    http_str(r, named ? "err.form" : "err.inconsistent"));
		http_refuse(r, FM_ERR_FORM);
		err = seller_countries(r);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "config/seller.cs");
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	http_flash(r, "saved");
	return http_redirect(r, "/config/seller");
}
