/*
 * db_guarantee.c - the recording report and the box outages (see
 * db_guarantee.h).  What counts is decided in SQL
 * (db/functions/guarantee.sql: recording_rate_sessions).
 */
#include "db/db_guarantee.h"

#include <stdio.h>

NEOERR *
db_rate_settings(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT coverage_pct, fm_qty(guarantee_pct, $1) AS guarantee_pct,"
	    " guarantee_pct AS guarantee_value FROM operations_settings");

	return DBQ(&st, res, lang);
}

NEOERR *
db_rate_settings_update(int coverage_pct)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE operations_settings SET coverage_pct = $1::int,"
	    " updated_at = now()");
	char c[24];

	return DBQ(&st, NULL, db_int(c, coverage_pct));
}

NEOERR *
db_rate_boxes(int year, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH s AS (SELECT * FROM recording_rate_sessions($1::int)),"
	    " x AS (SELECT b.id, b.name, si.name AS site, r.name AS room,"
	    "  b.active::int AS active, si.name AS site_key, r.position,"
	    "  count(s.box_id) FILTER (WHERE NOT s.excluded) AS scheduled,"
	    "  count(s.box_id) FILTER (WHERE NOT s.excluded AND s.recorded)"
	    "   AS recorded,"
	    "  count(s.box_id) FILTER (WHERE s.excluded) AS excluded"
	    "  FROM boxes b JOIN rooms r ON r.id = b.room_id"
	    "  JOIN sites si ON si.id = r.site_id"
	    "  LEFT JOIN s ON s.box_id = b.id"
	    "  GROUP BY b.id, si.name, r.name, r.position)"
	    " SELECT id, name, site, room, active, scheduled, recorded,"
	    " excluded, fm_pct(100.0 * recorded / nullif(scheduled, 0), $2)"
	    " AS rate, round(100.0 * recorded / nullif(scheduled, 0), 1)"
	    " AS rate_value, coalesce(100.0 * recorded / nullif(scheduled, 0)"
	    " < (SELECT guarantee_pct FROM operations_settings), false)::int"
	    " AS below FROM x"
	    " ORDER BY site_key COLLATE french, position, id");
	char y[24];

	return DBQ(&st, res, db_int(y, year), lang);
}

NEOERR *
db_rate_box_months(int year, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH s AS (SELECT * FROM recording_rate_sessions($1::int)"
	    "  WHERE NOT excluded)"
	    " SELECT b.id AS box_id, m.m AS month,"
	    " CASE WHEN count(s.box_id) > 0 THEN count(s.box_id) FILTER"
	    "  (WHERE s.recorded) || '/' || count(s.box_id) ELSE '' END AS "
	    "cell,"
	    " coalesce(100.0 * count(s.box_id) FILTER (WHERE s.recorded)"
	    "  / nullif(count(s.box_id), 0) < (SELECT guarantee_pct"
	    "  FROM operations_settings), false)::int AS below,"
	    " fm_pct(100.0 * count(s.box_id) FILTER (WHERE s.recorded)"
	    "  / nullif(count(s.box_id), 0), $2) AS rate"
	    " FROM boxes b JOIN rooms r ON r.id = b.room_id"
	    " CROSS JOIN generate_series(1, 12) m(m)"
	    " LEFT JOIN s ON s.box_id = b.id AND s.month = m.m"
	    " GROUP BY b.id, m.m ORDER BY b.id, m.m");
	char y[24];

	return DBQ(&st, res, db_int(y, year), lang);
}

NEOERR *
db_rate_months(int year, const char *lang, PGresult **res)
{
	/* The chart: 12 bars of 40 px in a 600 x 240 drawing, 2 px per
	 * percent above the axis at y = 220. */
	static struct db_stmt st = DB_STMT(
	    "WITH s AS (SELECT * FROM recording_rate_sessions($1::int)),"
	    " x AS (SELECT m.m AS month,"
	    "  count(s.box_id) FILTER (WHERE NOT s.excluded) AS scheduled,"
	    "  count(s.box_id) FILTER (WHERE NOT s.excluded AND s.recorded)"
	    "   AS recorded,"
	    "  count(s.box_id) FILTER (WHERE s.excluded) AS excluded"
	    "  FROM generate_series(1, 12) m(m)"
	    "  LEFT JOIN s ON s.month = m.m GROUP BY m.m)"
	    " SELECT month, to_char(make_date($1::int, month, 1), 'YYYY-MM')"
	    " AS ym, scheduled, recorded, excluded,"
	    " fm_pct(100.0 * recorded / nullif(scheduled, 0), $2) AS rate,"
	    " round(100.0 * recorded / nullif(scheduled, 0), 1) AS rate_value,"
	    " coalesce(100.0 * recorded / nullif(scheduled, 0)"
	    " < (SELECT guarantee_pct FROM operations_settings), false)::int"
	    " AS below, 50 + (month - 1) * 45 AS x,"
	    " 220 - round(2.0 * coalesce(100.0 * recorded"
	    "  / nullif(scheduled, 0), 0))::int AS y,"
	    " round(2.0 * coalesce(100.0 * recorded / nullif(scheduled, 0),"
	    "  0))::int AS h"
	    " FROM x ORDER BY month");
	char y[24];

	return DBQ(&st, res, db_int(y, year), lang);
}

NEOERR *
db_rate_missed(int year, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT v.id AS reservation_id, v.order_id, o.study_ref,"
	    " fm_day((v.starts_at AT TIME ZONE 'Europe/Paris')::date, $2)"
	    " AS day, to_char(v.starts_at AT TIME ZONE 'Europe/Paris',"
	    " 'HH24:MI') || '–' || to_char(v.ends_at AT TIME ZONE"
	    " 'Europe/Paris', 'HH24:MI') AS times, b.name AS box,"
	    " fm_pct(coalesce(s.pct, 0), $2) AS covered,"
	    " EXISTS (SELECT 1 FROM recordings rec WHERE"
	    "  rec.reservation_id = v.id AND rec.box_id = b.id)::int"
	    " AS has_recording"
	    " FROM recording_rate_sessions($1::int) s"
	    " JOIN reservations v ON v.id = s.reservation_id"
	    " JOIN orders o ON o.id = v.order_id"
	    " JOIN boxes b ON b.id = s.box_id"
	    " WHERE NOT s.excluded AND NOT s.recorded"
	    " ORDER BY v.starts_at, b.id");
	char y[24];

	return DBQ(&st, res, db_int(y, year), lang);
}

NEOERR *
db_outages(long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT o.id, o.box_id, b.name AS box,"
	    " to_char(o.detected_at, 'DD/MM/YYYY HH24:MI') AS detected,"
	    " to_char(o.repair_started_at, 'DD/MM/YYYY HH24:MI') AS repair,"
	    " to_char(o.restored_at, 'DD/MM/YYYY HH24:MI') AS restored,"
	    " to_char(o.detected_at, 'YYYY-MM-DD') AS detected_day,"
	    " to_char(o.detected_at, 'HH24:MI') AS detected_time,"
	    " to_char(o.repair_started_at, 'YYYY-MM-DD') AS repair_day,"
	    " to_char(o.repair_started_at, 'HH24:MI') AS repair_time,"
	    " to_char(o.restored_at, 'YYYY-MM-DD') AS restored_day,"
	    " to_char(o.restored_at, 'HH24:MI') AS restored_time,"
	    " o.status, o.reason, o.reservation_id, o.note, o.created_by,"
	    " o.decided_by, (o.restored_at IS NULL)::int AS open"
	    " FROM box_outages o JOIN boxes b ON b.id = o.box_id"
	    " WHERE ($1::bigint > 0 AND o.box_id = $1::bigint)"
	    "  OR ($1::bigint < 0 AND o.id = -$1::bigint)"
	    "  OR ($1::bigint = 0 AND (o.status = 'proposed'"
	    "   OR (o.status = 'confirmed' AND o.restored_at IS NULL)"
	    "   OR o.id IN (SELECT id FROM box_outages"
	    "    WHERE status = 'confirmed'"
	    "    ORDER BY detected_at DESC LIMIT 20)))"
	    " ORDER BY (o.status = 'proposed') DESC, o.detected_at DESC, o.id"
	    " DESC");
	char b[24];

	return DBQ(&st, res, db_int(b, box));
}

DB_NAMED(outage_insert, OUTAGE, 2,
    "INSERT INTO box_outages (box_id, detected_at, repair_started_at,"
    " restored_at, note, status, created_by, decided_at, decided_by)"
    " VALUES ($1::bigint, :detected_day::date + :detected_time::time,"
    " :repair_day::date + :repair_time::time,"
    " :restored_day::date + :restored_time::time, coalesce(:note, ''),"
    " 'confirmed', $2, now(), $2)"
    " RETURNING id")

NEOERR *
db_outage_insert(long long box, const char *who, const struct outage *o,
    long long *id)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, box), who };

	return db_named_id(&outage_insert, id, fixed, o->v);
}

DB_NAMED(outage_update, OUTAGE, 2,
    "UPDATE box_outages SET"
    " detected_at = :detected_day::date + :detected_time::time,"
    " repair_started_at = :repair_day::date + :repair_time::time,"
    " restored_at = :restored_day::date + :restored_time::time,"
    " note = coalesce(:note, ''), status = 'confirmed',"
    " decided_at = now(), decided_by = $2"
    " WHERE id = $1::bigint RETURNING box_id")

NEOERR *
db_outage_update(long long id, const char *who, const struct outage *o,
    long long *box)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id), who };

	return db_named_id(&outage_update, box, fixed, o->v);
}

NEOERR *
db_outage_dismiss(long long id, const char *who, long long *box)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE box_outages SET status = 'dismissed', decided_at = now(),"
	    " decided_by = $2 WHERE id = $1::bigint"
	    " AND status = 'proposed' RETURNING box_id");
	char b[24];

	return DBQ_ID(&st, box, db_int(b, id), who);
}

NEOERR *
db_box_show(long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT b.id, b.name, s.name AS site, r.name AS room,"
	    " b.active::int AS active, b.state,"
	    " to_char(b.last_heartbeat, 'DD/MM/YYYY HH24:MI:SS')"
	    " AS last_heartbeat"
	    " FROM boxes b LEFT JOIN rooms r ON r.id = b.room_id"
	    " LEFT JOIN sites s ON s.id = r.site_id WHERE b.id = $1::bigint");
	char b[24];

	return DBQ(&st, res, db_int(b, box));
}

NEOERR *
db_alerts_open(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, rule, subject, summary,"
	    " to_char(opened_at, 'DD/MM/YYYY HH24:MI') AS opened"
	    " FROM alerts WHERE resolved_at IS NULL"
	    " ORDER BY opened_at, id LIMIT 50");

	return DBQ0(&st, res);
}
