/*
 * db_config.c - one function per query of the "Configuration" part.
 */
#include "db/db_config.h"

#include <stdlib.h>

/* --- sites ------------------------------------------------------------ */

NEOERR *
db_sites_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT s.id, s.name, s.address, s.active::int AS active,"
	    " (SELECT count(*) FROM rooms r WHERE r.site_id = s.id) AS rooms"
	    " FROM sites s ORDER BY s.active DESC, s.name COLLATE french, "
	    "s.id");

	(void)lang;
	return DBQ0(&st, res);
}

DB_NAMED(site_insert, SITE, 0,
    "INSERT INTO sites (name, address, active) VALUES (:name, :address, "
    ":active)")

NEOERR *
db_site_insert(const char *const *v)
{
	return db_named_query(&site_insert, NULL, NULL, v);
}

DB_NAMED(site_update, SITE, 1,
    "UPDATE sites SET name = :name, address = :address, active = "
    ":active WHERE id = $1::bigint")

NEOERR *
db_site_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&site_update, found, fixed, v);
}

NEOERR *
db_site_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM sites WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- rooms ------------------------------------------------------------ */

NEOERR *
db_rooms_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.site_id, s.name AS site_name, r.name, r.capacity,"
	    " r.position, r.active::int AS active"
	    " FROM rooms r JOIN sites s ON s.id = r.site_id"
	    " ORDER BY s.name COLLATE french, r.position, r.name COLLATE "
	    "french,"
	    " r.id");

	(void)lang;
	return DBQ0(&st, res);
}

DB_NAMED(room_insert, ROOM, 0,
    "INSERT INTO rooms (site_id, name, capacity, position, active) "
    "VALUES (:site_id::bigint, :name, :capacity::int, "
    "coalesce(:position::int, 0), :active)")

NEOERR *
db_room_insert(const char *const *v)
{
	return db_named_query(&room_insert, NULL, NULL, v);
}

DB_NAMED(room_update, ROOM, 1,
    "UPDATE rooms SET site_id = :site_id::bigint, name = :name, "
    "capacity = :capacity::int, position = coalesce(:position::int, 0), "
    "active = :active WHERE id = $1::bigint")

NEOERR *
db_room_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&room_update, found, fixed, v);
}

NEOERR *
db_room_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM rooms WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- tariffs ---------------------------------------------------------- */

NEOERR *
db_tariffs_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT t.id, t.label_fr, t.label_en, t.kind,"
	    " to_char(t.starts, 'HH24:MI') AS starts,"
	    " CASE WHEN t.ends = '24:00' THEN '24:00'"
	    "  ELSE to_char(t.ends, 'HH24:MI') END AS ends,"
	    " t.price, fm_money(t.price, $1) AS price_label, t.vat_rate,"
	    " fm_qty(t.vat_rate, $1) AS vat_rate_label, t.overtime_price,"
	    " fm_money(t.overtime_price, $1) AS overtime_price_label,"
	    " t.unit_code, t.position, t.active::int AS active"
	    " FROM tariffs t ORDER BY t.active DESC, t.position, t.starts, "
	    "t.id");

	return DBQ(&st, res, lang);
}

DB_NAMED(tariff_insert, TARIFF, 0,
    "INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, "
    "price, vat_rate, overtime_price, unit_code, position, active) VALUES "
    "(:label_fr, :label_en, :kind, :starts::time, :ends::time, "
    ":price::numeric, :vat_rate::numeric, "
    "coalesce(:overtime_price::numeric, 0),"
    " coalesce(:unit_code, CASE WHEN :kind IN ('day', 'day_evening')"
    " THEN 'DAY' ELSE 'C62' END), coalesce(:position::int, "
    "0), :active)")

NEOERR *
db_tariff_insert(const char *const *v)
{
	return db_named_query(&tariff_insert, NULL, NULL, v);
}

DB_NAMED(tariff_update, TARIFF, 1,
    "UPDATE tariffs SET label_fr = :label_fr, label_en = :label_en, "
    "kind = :kind, starts = :starts::time, ends = :ends::time, price = "
    ":price::numeric, vat_rate = :vat_rate::numeric, overtime_price = "
    "coalesce(:overtime_price::numeric, 0),"
    " unit_code = coalesce(:unit_code, unit_code), position = "
    "coalesce(:position::int, 0), active = :active WHERE id = "
    "$1::bigint")

NEOERR *
db_tariff_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&tariff_update, found, fixed, v);
}

NEOERR *
db_tariff_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM tariffs WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- option categories ------------------------------------------------ */

NEOERR *
db_categories_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT c.id, c.label_fr, c.label_en, c.per_room::int AS per_room,"
	    " c.position, c.active::int AS active,"
	    " (SELECT count(*) FROM options o WHERE o.category_id = c.id)"
	    "   AS options"
	    " FROM option_categories c"
	    " ORDER BY c.active DESC, c.position, c.label_fr COLLATE french, "
	    "c.id");

	(void)lang;
	return DBQ0(&st, res);
}

DB_NAMED(category_insert, CATEGORY, 0,
    "INSERT INTO option_categories (label_fr, label_en, per_room, "
    "position, active) VALUES (:label_fr, :label_en, :per_room, "
    "coalesce(:position::int, 0), :active)")

NEOERR *
db_category_insert(const char *const *v)
{
	return db_named_query(&category_insert, NULL, NULL, v);
}

DB_NAMED(category_update, CATEGORY, 1,
    "UPDATE option_categories SET label_fr = :label_fr, label_en = "
    ":label_en, per_room = :per_room, position = "
    "coalesce(:position::int, 0), active = :active WHERE id = "
    "$1::bigint")

NEOERR *
db_category_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&category_update, found, fixed, v);
}

NEOERR *
db_category_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM option_categories WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- options ---------------------------------------------------------- */

NEOERR *
db_options_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, o.category_id, c.label_fr AS category_fr,"
	    " c.label_en AS category_en, o.label_fr, o.label_en, o.unit_fr,"
	    " o.unit_en, o.unit_code, o.unit_price,"
	    " fm_money(o.unit_price, $1) AS unit_price_label, o.vat_rate,"
	    " fm_qty(o.vat_rate, $1) AS vat_rate_label,"
	    " o.checkbox::int AS checkbox, o.position, o.active::int AS active"
	    " FROM options o JOIN option_categories c ON c.id = o.category_id"
	    " ORDER BY c.position, c.id, o.active DESC, o.position, o.id");

	return DBQ(&st, res, lang);
}

DB_NAMED(option_insert, OPTION, 0,
    "INSERT INTO options (category_id, label_fr, label_en, unit_fr, "
    "unit_en, unit_code, unit_price, vat_rate, checkbox, position,"
    " active) VALUES "
    "(:category_id::bigint, :label_fr, :label_en, coalesce(:unit_fr, "
    "''), coalesce(:unit_en, ''), coalesce(:unit_code, 'C62'),"
    " :unit_price::numeric, "
    ":vat_rate::numeric, :checkbox, coalesce(:position::int, 0), "
    ":active)")

NEOERR *
db_option_insert(const char *const *v)
{
	return db_named_query(&option_insert, NULL, NULL, v);
}

DB_NAMED(option_update, OPTION, 1,
    "UPDATE options SET category_id = :category_id::bigint, label_fr = "
    ":label_fr, label_en = :label_en, unit_fr = coalesce(:unit_fr, ''), "
    "unit_en = coalesce(:unit_en, ''),"
    " unit_code = coalesce(:unit_code, unit_code), unit_price = "
    ":unit_price::numeric, vat_rate = :vat_rate::numeric, checkbox = "
    ":checkbox, position = coalesce(:position::int, 0), active = "
    ":active WHERE id = $1::bigint")

NEOERR *
db_option_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&option_update, found, fixed, v);
}

NEOERR *
db_option_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM options WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- VAT rates -------------------------------------------------------- */

NEOERR *
db_vat_list(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT v.id, v.rate, fm_qty(v.rate, $1) AS rate_label,"
	    " v.label_fr, v.label_en, v.active::int AS active"
	    " FROM vat_rates v ORDER BY v.rate DESC");

	return DBQ(&st, res, lang);
}

DB_NAMED(vat_insert, VAT, 0,
    "INSERT INTO vat_rates (rate, label_fr, label_en, active) VALUES "
    "(:rate::numeric, :label_fr, :label_en, :active)")

NEOERR *
db_vat_insert(const char *const *v)
{
	return db_named_query(&vat_insert, NULL, NULL, v);
}

DB_NAMED(vat_update, VAT, 1,
    "UPDATE vat_rates SET rate = :rate::numeric, label_fr = :label_fr, "
    "label_en = :label_en, active = :active WHERE id = $1::bigint")

NEOERR *
db_vat_update(long long id, const char *const *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&vat_update, found, fixed, v);
}

NEOERR *
db_vat_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM vat_rates WHERE id = $1::bigint");

	return db_by_id(&st, id, NULL, 0, found);
}

/* --- seller ----------------------------------------------------------- */

NEOERR *
db_seller_get(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT name, legal_form, address, postcode, city, country_code,"
	    " phone, email, siren, rcs, capital, vat_number, iban, bic,"
	    " payment_days, payment_terms, late_rate,"
	    " payment_end_of_month::int AS payment_end_of_month,"
	    " legal_interest_rate, e_address, e_scheme,"
	    " vat_franchise::int AS vat_franchise FROM seller");

	return DBQ0(&st, res);
}

DB_NAMED(seller_update, SELLER, 0,
    "UPDATE seller SET name = :name, legal_form = :legal_form, address "
    "= :address, postcode = :postcode, city = :city,"
    " country = coalesce((SELECT name_fr FROM countries"
    "  WHERE code = :country_code), country),"
    " country_code = coalesce(:country_code, country_code),"
    " phone = :phone, email = :email, siren = :siren, rcs = "
    ":rcs, capital = :capital, vat_number = :vat_number, iban = :iban, "
    "bic = :bic, payment_days = coalesce(:payment_days::int, 30), "
    "payment_terms = :payment_terms, late_rate = "
    "coalesce(:late_rate::numeric, 0),"
    " payment_end_of_month = coalesce(:payment_end_of_month::boolean, false),"
    " legal_interest_rate = coalesce(:legal_interest_rate::numeric,"
    "  legal_interest_rate),"
    " e_address = :e_address, e_scheme = coalesce(:e_scheme, '0225'),"
    " vat_franchise = coalesce(:vat_franchise::boolean, false)")

NEOERR *
db_seller_update(const struct seller *v)
{
	return db_named_query(&seller_update, NULL, NULL, v->v);
}

/* --- choices for selects ---------------------------------------------- */

NEOERR *
db_sites_choices(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name AS label_fr, name AS label_en, active::int AS "
	    "active"
	    " FROM sites ORDER BY active DESC, name COLLATE french, id");

	return DBQ0(&st, res);
}

NEOERR *
db_rooms_choices(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, s.name || ' · ' || r.name AS label_fr,"
	    " s.name || ' · ' || r.name AS label_en, r.name,"
	    " (r.active AND s.active)::int AS active"
	    " FROM rooms r JOIN sites s ON s.id = r.site_id"
	    " ORDER BY s.name COLLATE french, r.position, r.name COLLATE "
	    "french,"
	    " r.id");

	return DBQ0(&st, res);
}

NEOERR *
db_vat_choices(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rate AS id, trim_scale(rate) || ' %' AS label_fr,"
	    " trim_scale(rate) || '%' AS label_en, active::int AS active"
	    " FROM vat_rates ORDER BY rate DESC");

	return DBQ0(&st, res);
}

NEOERR *
db_tariffs_choices(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, label_fr, label_en, active::int AS active,"
	    " to_char(starts, 'HH24:MI') AS starts,"
	    " CASE WHEN ends = '24:00' THEN '24:00'"
	    "  ELSE to_char(ends, 'HH24:MI') END AS ends"
	    " FROM tariffs ORDER BY active DESC, position, starts, id");

	return DBQ0(&st, res);
}

NEOERR *
db_categories_choices(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, label_fr, label_en, active::int AS active,"
	    " per_room::int AS per_room"
	    " FROM option_categories ORDER BY active DESC, position, id");

	return DBQ0(&st, res);
}
