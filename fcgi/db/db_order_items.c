/*
 * db_order_items.c - one function per query on order options,
 * disbursements and services.
 */
#include "db/db_order_items.h"

#include <stdlib.h>

NEOERR *
db_order_categories(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT c.id, c.label_fr, c.label_en, c.per_room::int AS per_room,"
	    " (SELECT count(*) FROM order_options x JOIN options o"
	    "   ON o.id = x.option_id WHERE x.order_id = $1::bigint"
	    "   AND o.category_id = c.id) AS cells"
	    " FROM option_categories c WHERE c.active OR EXISTS ("
	    "  SELECT 1 FROM order_options x JOIN options o ON o.id = "
	    "x.option_id"
	    "  WHERE x.order_id = $1::bigint AND o.category_id = c.id)"
	    " ORDER BY c.position, c.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_grid_options(long long order_id, long long category_id, const char *lang,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, CASE WHEN $3 = 'en' THEN o.label_en ELSE o.label_fr "
	    "END"
	    "  AS label,"
	    " CASE WHEN $3 = 'en' THEN o.unit_en ELSE o.unit_fr END AS unit,"
	    " fm_money(o.unit_price, $3) AS unit_price,"
	    " o.checkbox::int AS checkbox"
	    " FROM options o WHERE o.category_id = $2::bigint AND (o.active"
	    "  OR EXISTS (SELECT 1 FROM order_options x WHERE x.option_id = "
	    "o.id"
	    "   AND x.order_id = $1::bigint))"
	    " ORDER BY o.position, o.id");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, order_id), db_int(b, category_id), lang);
}

NEOERR *
db_grid_cells(long long order_id, long long category_id, const char *lang,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT x.id, x.option_id, x.day, x.room_id, x.hours,"
	    " trim_scale(x.quantity) AS quantity,"
	    " fm_qty(x.quantity, $3) AS quantity_label"
	    " FROM order_options x JOIN options o ON o.id = x.option_id"
	    " WHERE x.order_id = $1::bigint AND o.category_id = $2::bigint"
	    " ORDER BY x.day, x.room_id NULLS FIRST, x.hours, o.position, "
	    "o.id");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, order_id), db_int(b, category_id), lang);
}

NEOERR *
db_grid_cell_insert(long long order_id, const char *option_id, const char *day,
    const char *room_id, const char *hours, const char *quantity)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO order_options (order_id, option_id, day, room_id, "
	    "hours,"
	    " quantity) VALUES ($1::bigint, $2::bigint, $3::date, $4::bigint,"
	    " coalesce($5, ''), $6::numeric)");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, order_id), option_id, day, room_id,
	    hours, quantity);
}

NEOERR *
db_grid_cell_update(const char *id, const char *quantity)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_options SET quantity = $2::numeric"
	    " WHERE id = $1::bigint AND quantity <> $2::numeric");

	return DBQ(&st, NULL, id, quantity);
}

NEOERR *
db_grid_cell_delete(const char *id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM order_options WHERE id = $1::bigint");

	return DBQ(&st, NULL, id);
}

/* --- disbursements ---------------------------------------------------- */

NEOERR *
db_disbursements_of(long long order_id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, last_name, first_name, payment_type, amount,"
	    " fm_money(amount, $2) AS amount_label, cheque_no, paid_on,"
	    " fm_date(paid_on) AS paid_on_label"
	    " FROM disbursements WHERE order_id = $1::bigint"
	    " ORDER BY paid_on, last_name COLLATE french, id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id), lang);
}

DB_NAMED(disbursement_insert, DISBURSEMENT, 1,
    "INSERT INTO disbursements (order_id, last_name, first_name,"
    " payment_type, amount, cheque_no, paid_on) VALUES ($1::bigint,"
    " :last_name, :first_name, :payment_type, :amount::numeric, :cheque_no,"
    " :paid_on::date)")

NEOERR *
db_disbursement_insert(long long order_id, const struct disbursement *d)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, order_id) };

	return db_named_query(&disbursement_insert, NULL, fixed, d->v);
}

DB_NAMED(disbursement_update, DISBURSEMENT, 1,
    "UPDATE disbursements SET last_name = :last_name,"
    " first_name = :first_name, payment_type = :payment_type,"
    " amount = :amount::numeric, cheque_no = :cheque_no,"
    " paid_on = :paid_on::date WHERE id = $1::bigint")

NEOERR *
db_disbursement_update(long long id, const struct disbursement *d)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };
	bool found;

	return db_named_found(&disbursement_update, &found, fixed, d->v);
}

NEOERR *
db_disbursement_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM disbursements WHERE id = $1::bigint");
	char buf[24];
	bool found;

	return DBQ_FOUND(&st, &found, db_int(buf, id));
}

NEOERR *
db_disbursement_order(long long id, long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT order_id FROM disbursements WHERE id = $1::bigint");
	char buf[24];

	return DBQ_ID(&st, order_id, db_int(buf, id));
}

/* --- services --------------------------------------------------------- */

NEOERR *
db_services_of(long long order_id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, label, fm_qty(quantity, $2) AS quantity, unit_price,"
	    " fm_money(unit_price, $2) AS unit_price_label, vat_rate,"
	    " fm_qty(vat_rate, $2) AS vat_rate_label, unit_code,"
	    " fm_money(round(quantity * unit_price, 2), $2) AS amount"
	    " FROM services WHERE order_id = $1::bigint ORDER BY id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id), lang);
}

DB_NAMED(service_insert, SERVICE, 1,
    "INSERT INTO services (order_id, label, quantity, unit_price, vat_rate,"
    " unit_code) VALUES ($1::bigint, :label, :quantity::numeric,"
    " :unit_price::numeric, :vat_rate::numeric, coalesce(:unit_code, 'C62'))")

NEOERR *
db_service_insert(long long order_id, const struct service *s)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, order_id) };

	return db_named_query(&service_insert, NULL, fixed, s->v);
}

DB_NAMED(service_update, SERVICE, 1,
    "UPDATE services SET label = :label, quantity = :quantity::numeric,"
    " unit_price = :unit_price::numeric, vat_rate = :vat_rate::numeric,"
    " unit_code = coalesce(:unit_code, unit_code) WHERE id = $1::bigint")

NEOERR *
db_service_update(long long id, const struct service *s)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };
	bool found;

	return db_named_found(&service_update, &found, fixed, s->v);
}

NEOERR *
db_service_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM services WHERE id = $1::bigint");
	char buf[24];
	bool found;

	return DBQ_FOUND(&st, &found, db_int(buf, id));
}

NEOERR *
db_service_order(long long id, long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT order_id FROM services WHERE id = $1::bigint");
	char buf[24];

	return DBQ_ID(&st, order_id, db_int(buf, id));
}
