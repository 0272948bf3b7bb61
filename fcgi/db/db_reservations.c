/*
 * db_reservations.c - one function per query on reservations and the
 * planning.  Times are entered and shown in Europe/Paris, the session's
 * time zone.
 */
#include "db/db_reservations.h"

#include <stdlib.h>

NEOERR *
db_reservations_of(long long order_id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.room_id, m.name AS room, s.name AS site,"
	    " r.starts_at::date AS date, fm_date(r.starts_at::date) AS "
	    "date_label,"
	    " to_char(r.starts_at, 'TMDy') AS weekday,"
	    " to_char(r.starts_at, 'HH24:MI') AS start,"
	    " CASE WHEN r.ends_at::date > r.starts_at::date THEN '24:00'"
	    "  ELSE to_char(r.ends_at, 'HH24:MI') END AS end,"
	    " r.tariff_id, CASE WHEN $2 = 'en' THEN t.label_en ELSE t.label_fr "
	    "END"
	    "  AS tariff, r.rec::int AS rec, r.trad::int AS trad,"
	    " r.live::int AS live, fm_qty(r.overtime_minutes / 60.0, $2) AS "
	    "overtime,"
	    " r.overtime_minutes, r.info,"
	    " fm_money(r.price + round(r.overtime_minutes * r.overtime_price / "
	    "60, 2),"
	    "  $2) AS amount"
	    " FROM reservations r JOIN rooms m ON m.id = r.room_id"
	    " JOIN sites s ON s.id = m.site_id JOIN tariffs t ON t.id = "
	    "r.tariff_id"
	    " WHERE r.order_id = $1::bigint ORDER BY r.starts_at, m.position, "
	    "r.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id), lang);
}

NEOERR *
db_reservation_get(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.order_id, r.room_id, r.starts_at::date AS date,"
	    " to_char(r.starts_at, 'HH24:MI') AS start,"
	    " CASE WHEN r.ends_at::date > r.starts_at::date THEN '24:00'"
	    "  ELSE to_char(r.ends_at, 'HH24:MI') END AS end,"
	    " r.tariff_id, r.rec::int AS rec, r.trad::int AS trad,"
	    " r.live::int AS live,"
	    " CASE WHEN r.overtime_minutes > 0"
	    "  THEN fm_qty(r.overtime_minutes / 60.0, $2) END AS "
	    "overtime,"
	    " r.info, m.name AS room, s.name AS site, "
	    "fm_date(r.starts_at::date)"
	    "  AS date_label"
	    " FROM reservations r JOIN rooms m ON m.id = r.room_id"
	    " JOIN sites s ON s.id = m.site_id WHERE r.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_reservation_order(long long id, long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT order_id FROM reservations WHERE id = $1::bigint");
	char buf[24];

	return DBQ_ID(&st, order_id, db_int(buf, id));
}

DB_NAMED(reservation_insert, RESERVATION, 1,
    "INSERT INTO reservations (order_id, room_id, starts_at, ends_at,"
    " tariff_id, rec, trad, live, overtime_minutes, info)"
    " VALUES ($1::bigint, :room_id::bigint,"
    " (:date::date + :start::time)::timestamptz,"
    " (:date::date + :end::time)::timestamptz, :tariff_id::bigint, :rec,"
    " :trad, :live, round(coalesce(:overtime::numeric, 0) * 60)::int,"
    " :info)")

NEOERR *
db_reservation_insert(long long order_id, const struct reservation *v)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, order_id) };

	return db_named_query(&reservation_insert, NULL, fixed, v->v);
}

DB_NAMED(reservation_update, RESERVATION, 1,
    "UPDATE reservations SET room_id = :room_id::bigint,"
    " starts_at = (:date::date + :start::time)::timestamptz,"
    " ends_at = (:date::date + :end::time)::timestamptz,"
    " tariff_id = :tariff_id::bigint, rec = :rec, trad = :trad,"
    " live = :live,"
    " overtime_minutes = round(coalesce(:overtime::numeric, 0) * 60)::int,"
    " info = :info WHERE id = $1::bigint")

NEOERR *
db_reservation_update(long long id, const struct reservation *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&reservation_update, found, fixed, v->v);
}

NEOERR *
db_reservation_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM reservations WHERE id = $1::bigint");
	char buf[24];
	bool found;

	return DBQ_FOUND(&st, &found, db_int(buf, id));
}

NEOERR *
db_reservation_move(long long id, long long room_id, long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE reservations SET room_id = $2::bigint WHERE id = $1::bigint"
	    " RETURNING order_id");
	char a[24], b[24];

	return DBQ_ID(&st, order_id, db_int(a, id), db_int(b, room_id));
}

#define CONFLICT_COLS                                                 \
	"SELECT c.order_id, c.company, c.study_ref, m.name AS room,"  \
	" fm_date(c.starts_at::date) AS date,"                        \
	" to_char(c.starts_at, 'HH24:MI') AS start,"                  \
	" CASE WHEN c.ends_at::date > c.starts_at::date THEN '24:00'" \
	"  ELSE to_char(c.ends_at, 'HH24:MI') END AS end"

NEOERR *
db_reservation_conflict(const char *room_id, const char *date,
    const char *start, const char *end, long long except, PGresult **res)
{
	static struct db_stmt st = DB_STMT(CONFLICT_COLS
	    " FROM reservation_conflict($1::bigint,"
	    "  ($2::date + $3::time)::timestamptz,"
	    "  ($2::date + $4::time)::timestamptz, nullif($5::bigint, 0)) c"
	    " JOIN rooms m ON m.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, room_id, date, start, end, db_int(buf, except));
}

NEOERR *
db_reservation_move_conflict(long long id, long long room_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(CONFLICT_COLS
	    " FROM reservations r CROSS JOIN LATERAL reservation_conflict("
	    "  $2::bigint, r.starts_at, r.ends_at, r.id) c"
	    " JOIN rooms m ON m.id = $2::bigint WHERE r.id = $1::bigint");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, id), db_int(b, room_id));
}

NEOERR *
db_reservation_last(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.room_id, (r.starts_at::date + 1) AS date,"
	    " coalesce(to_char(t.starts, 'HH24:MI'),"
	    "  to_char(r.starts_at, 'HH24:MI')) AS start,"
	    " CASE WHEN t.ends = '24:00' THEN '24:00'"
	    "  WHEN t.ends IS NOT NULL THEN to_char(t.ends, 'HH24:MI')"
	    "  WHEN r.ends_at::date > r.starts_at::date THEN '24:00'"
	    "  ELSE to_char(r.ends_at, 'HH24:MI') END AS end, r.tariff_id"
	    " FROM reservations r LEFT JOIN tariffs t ON t.id = r.tariff_id"
	    " WHERE r.order_id = $1::bigint"
	    " ORDER BY r.starts_at DESC, r.id DESC LIMIT 1");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_planning_rooms(const char *from, const char *to, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT m.id, m.name, m.capacity, s.id AS site_id, s.name AS site"
	    " FROM rooms m JOIN sites s ON s.id = m.site_id"
	    " WHERE (m.active AND s.active) OR EXISTS (SELECT 1 FROM "
	    "reservations r"
	    "  WHERE r.room_id = m.id AND r.starts_at < $2::date::timestamptz"
	    "  AND r.ends_at > $1::date::timestamptz)"
	    " ORDER BY s.name COLLATE french, s.id, m.position,"
	    " m.name COLLATE french, m.id");

	return DBQ(&st, res, from, to);
}

NEOERR *
db_planning_reservations(const char *from, const char *to, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.room_id, r.order_id, c.name AS company, "
	    "o.study_ref,"
	    " o.vip::int AS vip, r.rec::int AS rec, r.trad::int AS trad,"
	    " r.live::int AS live, r.starts_at::date AS day,"
	    " extract(epoch FROM r.starts_at - "
	    "r.starts_at::date::timestamptz)::int"
	    "  / 60 AS start_min,"
	    " extract(epoch FROM r.ends_at - "
	    "r.starts_at::date::timestamptz)::int"
	    "  / 60 AS end_min,"
	    " to_char(r.starts_at, 'HH24:MI') AS start,"
	    " CASE WHEN r.ends_at::date > r.starts_at::date THEN '24:00'"
	    "  ELSE to_char(r.ends_at, 'HH24:MI') END AS end,"
	    " (r.live AND EXISTS (SELECT 1 FROM live_sessions l"
	    "  WHERE l.reservation_id = r.id AND l.ended_at IS NULL"
	    "   AND l.updated_at > now() - interval '30 seconds'))::int AS "
	    "on_air"
	    " FROM reservations r JOIN orders o ON o.id = r.order_id"
	    " JOIN companies c ON c.id = o.company_id"
	    " WHERE r.starts_at < $2::date::timestamptz"
	    "   AND r.ends_at > $1::date::timestamptz"
	    " ORDER BY r.room_id, r.starts_at");

	return DBQ(&st, res, from, to);
}

NEOERR *
db_planning_days(const char *day, int ndays, PGresult **res)
{
	/* For the week view the days run from the Monday of day's week. */
	static struct db_stmt st = DB_STMT(
	    "WITH a AS (SELECT coalesce($1::date, current_date) AS d),"
	    " b AS (SELECT a.d, CASE WHEN $2::int = 7"
	    "  THEN date_trunc('week', a.d)::date ELSE a.d END AS first FROM a)"
	    "SELECT g::date AS day, fm_date(g::date) AS label,"
	    " extract(isodow FROM g)::int AS dow, (g::date = current_date)::int"
	    "  AS today, b.first AS first, (b.first + $2::int) AS after,"
	    " (b.d - $2::int) AS prev, (b.d + $2::int) AS next,"
	    " current_date AS current, extract(week FROM b.d)::int AS week,"
	    " (SELECT n FROM change_counters WHERE topic = 'planning') || '.'"
	    "  || (SELECT n FROM change_counters WHERE topic = 'live') || '.'"
	    "  || live_on_air_ids() AS version"
	    " FROM b, generate_series(b.first, b.first + $2::int - 1,"
	    "  interval '1 day') g ORDER BY g");
	char buf[24];

	return DBQ(&st, res, day, db_int(buf, ndays));
}

NEOERR *
db_reservation_move_warnings(long long id, long long room, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT kind, detail FROM"
	    " reservation_move_warnings($1::bigint,"
	    " $2::bigint)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, id), db_int(b, room));
}
