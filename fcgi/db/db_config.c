/*
 * db_config.c - one function per query of the "Configuration" part.
 */
#include "db/db_config.h"

#include <stdlib.h>

/* Runs an UPDATE/DELETE whose $1 is the id; *found tells if a row matched. */
static NEOERR *
by_id(struct db_stmt *st, long long id, const char *const *v, int nv,
    bool *found)
{
	const char *p[16];
	char buf[24];
	PGresult *res;
	NEOERR *err;
	int i;

	p[0] = db_int(buf, id);
	for (i = 0; i < nv && i < 15; i++)
		p[i + 1] = v[i];
	err = db_query(st, &res, nv + 1, p);
	if (err != STATUS_OK)
		return err;
	*found = atoi(PQcmdTuples(res)) > 0;
	PQclear(res);
	return STATUS_OK;
}

/* --- sites ------------------------------------------------------------ */

NEOERR *
db_sites_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT s.id, s.name, s.address, s.active::int AS active,"
	    " (SELECT count(*) FROM rooms r WHERE r.site_id = s.id) AS rooms"
	    " FROM sites s ORDER BY s.active DESC, s.name COLLATE french, "
	    "s.id");

	return DBQ0(&st, res);
}

NEOERR *
db_site_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO sites (name, address, active) VALUES ($1, $2, $3)");

	return db_query(&st, NULL, 3, v);
}

NEOERR *
db_site_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE sites SET name = $2, address = $3, active = $4"
	    " WHERE id = $1::bigint");

	return by_id(&st, id, v, 3, found);
}

NEOERR *
db_site_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM sites WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- rooms ------------------------------------------------------------ */

NEOERR *
db_rooms_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.site_id, s.name AS site_name, r.name, r.capacity,"
	    " r.position, r.active::int AS active"
	    " FROM rooms r JOIN sites s ON s.id = r.site_id"
	    " ORDER BY s.name COLLATE french, r.position, r.name COLLATE "
	    "french,"
	    " r.id");

	return DBQ0(&st, res);
}

NEOERR *
db_room_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO rooms (site_id, name, capacity, position, active)"
	    " VALUES ($1::bigint, $2, $3::int, coalesce($4::int, 0), $5)");

	return db_query(&st, NULL, 5, v);
}

NEOERR *
db_room_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE rooms SET site_id = $2::bigint, name = $3, capacity = "
	    "$4::int,"
	    " position = coalesce($5::int, 0), active = $6 WHERE id = "
	    "$1::bigint");

	return by_id(&st, id, v, 5, found);
}

NEOERR *
db_room_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM rooms WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- tariffs ---------------------------------------------------------- */

NEOERR *
db_tariffs_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT t.id, t.label_fr, t.label_en, t.kind,"
	    " to_char(t.starts, 'HH24:MI') AS starts,"
	    " CASE WHEN t.ends = '24:00' THEN '24:00'"
	    "  ELSE to_char(t.ends, 'HH24:MI') END AS ends,"
	    " t.price, t.vat_rate, trim_scale(t.vat_rate) AS vat_rate_label,"
	    " t.overtime_price, t.position, t.active::int AS active"
	    " FROM tariffs t ORDER BY t.active DESC, t.position, t.starts, "
	    "t.id");

	return DBQ0(&st, res);
}

NEOERR *
db_tariff_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, "
	    "price,"
	    " vat_rate, overtime_price, position, active)"
	    " VALUES ($1, $2, $3, $4::time, $5::time, $6::numeric, $7::numeric,"
	    " coalesce($8::numeric, 0), coalesce($9::int, 0), $10)");

	return db_query(&st, NULL, 10, v);
}

NEOERR *
db_tariff_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE tariffs SET label_fr = $2, label_en = $3, kind = $4,"
	    " starts = $5::time, ends = $6::time, price = $7::numeric,"
	    " vat_rate = $8::numeric, overtime_price = coalesce($9::numeric, "
	    "0),"
	    " position = coalesce($10::int, 0), active = $11"
	    " WHERE id = $1::bigint");

	return by_id(&st, id, v, 10, found);
}

NEOERR *
db_tariff_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM tariffs WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- option categories ------------------------------------------------ */

NEOERR *
db_categories_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT c.id, c.label_fr, c.label_en, c.per_room::int AS per_room,"
	    " c.position, c.active::int AS active,"
	    " (SELECT count(*) FROM options o WHERE o.category_id = c.id)"
	    "   AS options"
	    " FROM option_categories c"
	    " ORDER BY c.active DESC, c.position, c.label_fr COLLATE french, "
	    "c.id");

	return DBQ0(&st, res);
}

NEOERR *
db_category_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO option_categories (label_fr, label_en, per_room,"
	    " position, active) VALUES ($1, $2, $3, coalesce($4::int, 0), $5)");

	return db_query(&st, NULL, 5, v);
}

NEOERR *
db_category_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE option_categories SET label_fr = $2, label_en = $3,"
	    " per_room = $4, position = coalesce($5::int, 0), active = $6"
	    " WHERE id = $1::bigint");

	return by_id(&st, id, v, 5, found);
}

NEOERR *
db_category_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM option_categories WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- options ---------------------------------------------------------- */

NEOERR *
db_options_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, o.category_id, c.label_fr AS category_fr,"
	    " c.label_en AS category_en, o.label_fr, o.label_en, o.unit_fr,"
	    " o.unit_en, o.unit_price, o.vat_rate,"
	    " trim_scale(o.vat_rate) AS vat_rate_label,"
	    " o.checkbox::int AS checkbox, o.position, o.active::int AS active"
	    " FROM options o JOIN option_categories c ON c.id = o.category_id"
	    " ORDER BY c.position, c.id, o.active DESC, o.position, o.id");

	return DBQ0(&st, res);
}

NEOERR *
db_option_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO options (category_id, label_fr, label_en, unit_fr,"
	    " unit_en, unit_price, vat_rate, checkbox, position, active)"
	    " VALUES ($1::bigint, $2, $3, coalesce($4, ''), coalesce($5, ''),"
	    " $6::numeric, $7::numeric, $8, coalesce($9::int, 0), $10)");

	return db_query(&st, NULL, 10, v);
}

NEOERR *
db_option_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE options SET category_id = $2::bigint, label_fr = $3,"
	    " label_en = $4, unit_fr = coalesce($5, ''), unit_en = "
	    "coalesce($6, ''),"
	    " unit_price = $7::numeric, vat_rate = $8::numeric, checkbox = $9,"
	    " position = coalesce($10::int, 0), active = $11"
	    " WHERE id = $1::bigint");

	return by_id(&st, id, v, 10, found);
}

NEOERR *
db_option_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM options WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- VAT rates -------------------------------------------------------- */

NEOERR *
db_vat_list(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT v.id, v.rate, trim_scale(v.rate) AS rate_label,"
	    " v.label_fr, v.label_en, v.active::int AS active"
	    " FROM vat_rates v ORDER BY v.rate DESC");

	return DBQ0(&st, res);
}

NEOERR *
db_vat_insert(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO vat_rates (rate, label_fr, label_en, active)"
	    " VALUES ($1::numeric, $2, $3, $4)");

	return db_query(&st, NULL, 4, v);
}

NEOERR *
db_vat_update(long long id, const char *const *v, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE vat_rates SET rate = $2::numeric, label_fr = $3,"
	    " label_en = $4, active = $5 WHERE id = $1::bigint");

	return by_id(&st, id, v, 4, found);
}

NEOERR *
db_vat_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM vat_rates WHERE id = $1::bigint");

	return by_id(&st, id, NULL, 0, found);
}

/* --- seller ----------------------------------------------------------- */

NEOERR *
db_seller_get(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT name, legal_form, address, postcode, city, country, phone,"
	    " email, siren, rcs, capital, vat_number, iban, bic, payment_days,"
	    " payment_terms, late_rate FROM seller");

	return DBQ0(&st, res);
}

NEOERR *
db_seller_update(const char *const *v)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE seller SET name = $1, legal_form = $2, address = $3,"
	    " postcode = $4, city = $5, country = $6, phone = $7, email = $8,"
	    " siren = $9, rcs = $10, capital = $11, vat_number = $12,"
	    " iban = $13, bic = $14, payment_days = coalesce($15::int, 30),"
	    " payment_terms = $16, late_rate = coalesce($17::numeric, 0)");

	return db_query(&st, NULL, 17, v);
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
