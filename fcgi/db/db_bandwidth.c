/*
 * db_bandwidth.c - see db_bandwidth.h.
 */
#include "db/db_bandwidth.h"

NEOERR *
db_bandwidth_month(const char *month, const char *lang, PGresult **res)
{
	/* The chart: the slots in order across 600 px, the rate up to
	 * `scale` Mbit/s over 200 px (y = 210 at 0). */
	static struct db_stmt st = DB_STMT(
	    "WITH b AS (SELECT * FROM bandwidth_month($1::date)),"
	    " s AS (SELECT row_number() OVER (ORDER BY at) - 1 AS i, mbps"
	    "  FROM bandwidth_month_slots($1::date)),"
	    " k AS (SELECT greatest(b.peak, b.floor_mbps, b.p95, 1) * 1.1 AS m,"
	    "  greatest(b.slots - 1, 1) AS n FROM b)"
	    " SELECT b.slots, fm_qty(round(b.p95, 1), $2) AS p95,"
	    " fm_qty(round(b.peak, 1), $2) AS peak,"
	    " fm_qty(b.floor_mbps, $2) AS floor_mbps,"
	    " fm_qty(round(b.overage, 1), $2) AS overage,"
	    " fm_money(b.price_per_mbps, $2) AS price_per_mbps,"
	    " fm_money(b.amount, $2) AS amount, b.p95 AS p95_value,"
	    " b.floor_mbps AS floor_value, b.overage AS overage_value,"
	    " b.amount AS amount_value,"
	    " (SELECT string_agg(round(40 + 600.0 * s.i / k.n, 1) || ','"
	    "  || round(210 - 200 * s.mbps / k.m, 1), ' ' ORDER BY s.i)"
	    "  FROM s) AS points,"
	    " round(210 - 200 * b.p95 / k.m, 1) AS p95_y,"
	    " round(210 - 200 * b.floor_mbps / k.m, 1) AS floor_y,"
	    " fm_qty(round(k.m, 1), $2) AS scale,"
	    " to_char($1::date, 'YYYY-MM') AS ym,"
	    " to_char($1::date - interval '1 month', 'YYYY-MM') AS prev,"
	    " to_char($1::date + interval '1 month', 'YYYY-MM') AS next"
	    " FROM b, k");

	return DBQ(&st, res, month, lang);
}

NEOERR *
db_bandwidth_classes(const char *month, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT c.class, fm_bytes(coalesce(sum(s.bytes_out), 0)::bigint,"
	    " $2) AS sent, fm_bytes(coalesce(sum(s.bytes_in), 0)::bigint, $2)"
	    " AS received"
	    " FROM unnest(ARRAY['pages', 'downloads', 'hls', 'box_uploads',"
	    " 'rtmp_in']) WITH ORDINALITY c(class, n)"
	    " LEFT JOIN bandwidth_samples s ON s.class = c.class"
	    " AND s.at >= date_trunc('month', $1::date)::timestamp"
	    "  AT TIME ZONE 'Europe/Paris'"
	    " AND s.at < (date_trunc('month', $1::date) + interval '1 month')"
	    "  ::timestamp AT TIME ZONE 'Europe/Paris'"
	    " GROUP BY c.class, c.n ORDER BY c.n");

	return DBQ(&st, res, month, lang);
}

NEOERR *
db_bandwidth_slots(const char *month, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT to_char(at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
	    " AS at, mbps_out, mbps_in, mbps"
	    " FROM bandwidth_month_slots($1::date) ORDER BY 1");

	return DBQ(&st, res, month);
}

NEOERR *
db_bandwidth_settings(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT trim_scale(bandwidth_floor_mbps) AS floor_mbps,"
	    " bandwidth_price AS price_per_mbps FROM operations_settings");

	return DBQ0(&st, res);
}

DB_NAMED(bandwidth_settings_update, BANDWIDTH_SETTINGS, 0,
    "UPDATE operations_settings SET"
    " bandwidth_floor_mbps = :floor_mbps::numeric,"
    " bandwidth_price = :price_per_mbps::numeric, updated_at = now()")

NEOERR *
db_bandwidth_settings_update(const struct bandwidth_settings *v)
{
	return db_named_query(&bandwidth_settings_update, NULL, NULL, v->v);
}
