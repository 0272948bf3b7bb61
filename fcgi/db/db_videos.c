/*
 * db_videos.c - one function per query on recordings for staff pages.
 */
#include "db/db_videos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

NEOERR *
db_videos_list(const char *day, const char *q, int limit, PGresult **res)
{
	/* The day's recordings through recordings_starts_idx, or those of
	 * the orders matching q (number, study ref, company, contact:
	 * trigram indexes) through their reservations: the rows read are
	 * the rows matching, never the whole table; total is capped.  The
	 * joins are LATERAL ... OFFSET 0, index lookups for the rows at hand
	 * (a generic plan, not knowing how many rows match, would hash whole
	 * tables). */
	static struct db_stmt st = DB_STMT(
	    "WITH m AS (SELECT o.id FROM orders o WHERE $2 <> '' AND o.id ="
	    "  CASE WHEN regexp_replace($2, '^\\s*(n°|no|#)?\\s*', '', 'i')"
	    "  ~ '^[0-9]{1,18}$' THEN regexp_replace($2,"
	    "  '^\\s*(n°|no|#)?\\s*', '', 'i')::bigint END"
	    " UNION SELECT o.id FROM orders o"
	    "  WHERE search_key(o.study_ref) LIKE contains_pattern($2)"
	    " UNION SELECT o.id FROM companies c CROSS JOIN LATERAL"
	    "  (SELECT o.id FROM orders o WHERE o.company_id = c.id OFFSET 0) o"
	    "  WHERE search_key(c.name) LIKE contains_pattern($2)"
	    " UNION SELECT o.id FROM contacts k CROSS JOIN LATERAL"
	    "  (SELECT o.id FROM orders o WHERE o.contact_id = k.id OFFSET 0) o"
	    "  WHERE search_key(coalesce(k.first_name, '') || ' ' ||"
	    "   k.last_name || ' ' || coalesce(k.first_name, ''))"
	    "   LIKE contains_pattern($2)),"
	    " rs AS (SELECT rec.id FROM recordings rec WHERE $2 = ''"
	    "  AND rec.starts_at >= $1::date AND rec.starts_at < $1::date + 1"
	    " UNION ALL SELECT rec.id FROM m"
	    "  CROSS JOIN LATERAL (SELECT r.id FROM reservations r"
	    "   WHERE r.order_id = m.id OFFSET 0) r"
	    "  CROSS JOIN LATERAL (SELECT x.id FROM recordings x"
	    "   WHERE x.reservation_id = r.id OFFSET 0) rec"
	    "  WHERE $2 <> ''),"
	    " page AS (SELECT rec.id, rec.starts_at, s.name AS site_name,"
	    "  rm.position AS room_position"
	    "  FROM rs CROSS JOIN LATERAL (SELECT * FROM recordings x"
	    "   WHERE x.id = rs.id OFFSET 0) rec"
	    "  CROSS JOIN LATERAL (SELECT v.room_id FROM reservations v"
	    "   WHERE v.id = rec.reservation_id OFFSET 0) v"
	    "  JOIN rooms rm ON rm.id = v.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    "  ORDER BY CASE WHEN $2 = '' THEN rec.starts_at END,"
	    "   rec.starts_at DESC, s.name, rm.position, rec.id"
	    "  LIMIT $3::int)"
	    "SELECT (SELECT count(*) FROM (SELECT 1 FROM rs LIMIT 1001) x)"
	    " AS total, rec.id, r.order_id, o.study_ref,"
	    " c.name AS company, btrim(coalesce(k.first_name, '') || ' ' ||"
	    "  coalesce(k.last_name, '')) AS contact,"
	    " s.name AS site, rm.name AS room,"
	    " fm_date(rec.starts_at::date) AS date,"
	    " to_char(rec.starts_at, 'HH24:MI') AS start,"
	    " to_char(rec.ends_at, 'HH24:MI') AS end,"
	    " r.rec::int AS rec, r.live::int AS live, r.trad::int AS trad,"
	    " rec.times_edited::int AS times_edited,"
	    " (SELECT count(*) FROM media_files m WHERE m.recording_id = rec.id"
	    "   AND m.on_central) AS files,"
	    " (SELECT (measured AND NOT complete)::int"
	    "  FROM reservation_coverage(r.id, rec.box_id)) AS incomplete"
	    " FROM page p"
	    " CROSS JOIN LATERAL (SELECT * FROM recordings x WHERE x.id = p.id"
	    "  OFFSET 0) rec"
	    " CROSS JOIN LATERAL (SELECT * FROM reservations x"
	    "  WHERE x.id = rec.reservation_id OFFSET 0) r"
	    " CROSS JOIN LATERAL (SELECT * FROM orders x WHERE x.id = "
	    "r.order_id"
	    "  OFFSET 0) o"
	    " CROSS JOIN LATERAL (SELECT * FROM companies x"
	    "  WHERE x.id = o.company_id OFFSET 0) c"
	    " LEFT JOIN LATERAL (SELECT * FROM contacts x"
	    "  WHERE x.id = o.contact_id OFFSET 0) k ON true"
	    " JOIN rooms rm ON rm.id = r.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    " ORDER BY CASE WHEN $2 = '' THEN p.starts_at END,"
	    "  p.starts_at DESC, p.site_name, p.room_position, p.id");
	char buf[24];

	return DBQ(&st, res, day, q, db_int(buf, limit));
}

NEOERR *
db_videos_calendar(const char *day, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH a AS (SELECT coalesce($1::date, current_date) AS d),"
	    " m AS (SELECT d, date_trunc('month', d)::date AS first FROM a),"
	    " g AS (SELECT x::date AS day, m.* FROM m, generate_series("
	    "   date_trunc('week', m.first),"
	    "   date_trunc('week', (m.first + interval '1 month' - interval '1 "
	    "day'))"
	    "    + interval '6 days', interval '1 day') x)"
	    "SELECT g.day, extract(day FROM g.day)::int AS n,"
	    " extract(isodow FROM g.day)::int AS dow,"
	    " (g.day >= g.first AND g.day < (g.first + interval '1 "
	    "month'))::int"
	    "   AS in_month,"
	    " (g.day = current_date)::int AS today, (g.day = g.d)::int AS "
	    "selected,"
	    " (SELECT count(*) FROM recordings rec WHERE rec.starts_at >= g.day"
	    "   AND rec.starts_at < g.day + 1) AS count,"
	    " fm_date(g.d) AS label, g.d AS date, g.d - 1 AS prev, g.d + 1 AS "
	    "next,"
	    " fm_date(g.d - 1) AS prev_label, fm_date(g.d + 1) AS next_label,"
	    " current_date AS current, extract(month FROM g.d)::int AS month,"
	    " extract(year FROM g.d)::int AS year,"
	    " (g.first - interval '1 month')::date AS prev_month,"
	    " (g.first + interval '1 month')::date AS next_month"
	    " FROM g ORDER BY g.day");

	return DBQ(&st, res, day);
}

NEOERR *
db_order_recordings(long long order_id, const char *site_id, const char *lang,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.id, rec.reservation_id, s.id AS site_id, s.name AS "
	    "site,"
	    " rm.name AS room, fm_date(rec.starts_at::date) AS date,"
	    " to_char(rec.starts_at, 'HH24:MI') AS start,"
	    " CASE WHEN rec.ends_at::date > rec.starts_at::date"
	    "  AND rec.ends_at::time = '00:00' THEN '24:00'"
	    "  ELSE to_char(rec.ends_at, 'HH24:MI') END AS end, rec.info,"
	    " rec.times_edited::int AS times_edited, rec.box_id,"
	    " f.mp4, fm_bytes(f.mp4_bytes, $3) AS mp4_size, f.mp3,"
	    " f.mp3_room, f.mp3_trad, f.other, rec.open::int AS recording,"
	    " (SELECT count(*) FROM media_files w WHERE w.recording_id = rec.id"
	    "   AND NOT w.on_central) AS on_box,"
	    " c.measured::int AS measured, c.complete::int AS complete,"
	    " fm_pct(c.pct, $3) AS covered_pct,"
	    " to_char(make_interval(secs => c.covered_s), 'HH24:MI:SS')"
	    "  AS covered,"
	    " to_char(make_interval(secs => c.booked_s), 'HH24:MI:SS') AS "
	    "booked"
	    " FROM recordings rec"
	    " JOIN reservations r ON r.id = rec.reservation_id"
	    " JOIN rooms rm ON rm.id = r.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    " CROSS JOIN LATERAL reservation_coverage(r.id, rec.box_id) c"
	    " LEFT JOIN LATERAL (SELECT"
	    "   max(m.id) FILTER (WHERE m.kind = 'mp4') AS mp4,"
	    "   max(m.bytes) FILTER (WHERE m.kind = 'mp4') AS mp4_bytes,"
	    "   max(m.id) FILTER (WHERE m.kind = 'mp3') AS mp3,"
	    "   max(m.id) FILTER (WHERE m.kind = 'mp3_room') AS mp3_room,"
	    "   max(m.id) FILTER (WHERE m.kind = 'mp3_trad') AS mp3_trad,"
	    "   max(m.id) FILTER (WHERE m.kind = 'other') AS other"
	    "  FROM media_files m WHERE m.recording_id = rec.id AND "
	    "m.on_central"
	    " ) f ON true"
	    " WHERE r.order_id = $1::bigint AND ($2 = '' OR s.id::text = $2)"
	    " ORDER BY rec.starts_at, rec.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id), site_id, lang);
}

NEOERR *
db_order_recording_sites(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT DISTINCT s.id, s.name FROM reservations r"
	    " JOIN rooms rm ON rm.id = r.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    " WHERE r.order_id = $1::bigint ORDER BY s.name");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_order_reservation_choices(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, s.name || ' - ' || rm.name || ' - '"
	    "  || fm_date(r.starts_at::date) || ' ' || to_char(r.starts_at, "
	    "'HH24:MI')"
	    "  || '-' || to_char(r.ends_at, 'HH24:MI') AS label"
	    " FROM reservations r JOIN rooms rm ON rm.id = r.room_id"
	    " JOIN sites s ON s.id = rm.site_id"
	    " WHERE r.order_id = $1::bigint ORDER BY r.starts_at, r.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_order_downloads(long long order_id, const char *lang, int limit,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT d.id, d.login, (d.staff_user_id IS NOT NULL)::int AS staff,"
	    " to_char(d.started_at, 'DD/MM/YYYY HH24:MI') AS started,"
	    " to_char(d.ended_at, 'DD/MM/YYYY HH24:MI') AS ended,"
	    " host(d.ip) AS ip, d.recording_label AS label, d.media_file_id,"
	    " d.media_kind, d.mode, fm_bytes(d.bytes_sent, $2) AS sent,"
	    " fm_bytes(d.bytes_total, $2) AS total, d.status, d.user_agent,"
	    " d.requests"
	    " FROM download_log d WHERE d.order_id = $1::bigint"
	    " ORDER BY d.started_at DESC, d.id DESC LIMIT $3::int");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, order_id), lang, db_int(b, limit));
}

NEOERR *
db_order_recording_events(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT to_char(at, 'DD/MM/YYYY HH24:MI') AS at, who, action, "
	    "summary"
	    " FROM recording_events WHERE order_id = $1::bigint"
	    " ORDER BY at DESC, id DESC LIMIT 100");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_recording_get(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.id, r.order_id, rec.reservation_id,"
	    " recording_label(rec.id) AS label, rec.starts_at::date AS day,"
	    " to_char(rec.starts_at, 'HH24:MI') AS start,"
	    " CASE WHEN rec.ends_at::date > rec.starts_at::date"
	    "  AND rec.ends_at::time = '00:00' THEN '24:00'"
	    "  ELSE to_char(rec.ends_at, 'HH24:MI') END AS end,"
	    " rec.info, rec.times_edited::int AS times_edited,"
	    " o.study_ref, c.name AS company"
	    " FROM recordings rec JOIN reservations r ON r.id = "
	    "rec.reservation_id"
	    " JOIN orders o ON o.id = r.order_id"
	    " JOIN companies c ON c.id = o.company_id"
	    " WHERE rec.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

static long long
first_id(PGresult *res, int col)
{
	return PQntuples(res) > 0 && !PQgetisnull(res, 0, col)
	    ? atoll(PQgetvalue(res, 0, col))
	    : 0;
}

NEOERR *
db_recording_edit(long long id, const char *day, const char *start,
    const char *end, const char *info, const char *who, long long *order_id)
{
	static struct db_stmt st = DB_STMT("SELECT recording_edit($1::bigint, "
	                                   "$2::date, $3::time, $4, $5, $6)");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id), day, start, end, info, who);
	if (err != STATUS_OK)
		return err;
	*order_id = first_id(res, 0);
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_recording_move(long long id, long long reservation_id, const char *who,
    long long *old_order, long long *new_order)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT old_order, new_order FROM"
	    " recording_move($1::bigint, $2::bigint, $3)");
	char a[24], b[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, id), db_int(b, reservation_id), who);
	if (err != STATUS_OK)
		return err;
	*old_order = first_id(res, 0);
	*new_order = first_id(res, 1);
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_recording_open(long long id, bool *open, long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.open, r.order_id FROM recordings rec"
	    " JOIN reservations r ON r.id = rec.reservation_id"
	    " WHERE rec.id = $1::bigint FOR UPDATE OF rec");
	char a[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, id));
	if (err != STATUS_OK)
		return err;
	*open = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	*order_id = PQntuples(res) == 1 ? atoll(PQgetvalue(res, 0, 1)) : 0;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_recording_unsent(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id FROM media_files WHERE recording_id = $1::bigint"
	    " AND NOT on_central ORDER BY id");
	char a[24];

	return DBQ(&st, res, db_int(a, id));
}

NEOERR *
db_recording_delete(long long id, long long scope_order, const char *who,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT order_id, path FROM recording_delete($1::bigint, "
	    "$2::bigint, $3)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, id), db_int(b, scope_order), who);
}

NEOERR *
db_move_candidates(long long recording_id, long long order_q, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH me AS (SELECT rec.reservation_id, rec.starts_at, r.order_id"
	    "  FROM recordings rec JOIN reservations r ON r.id = "
	    "rec.reservation_id"
	    "  WHERE rec.id = $1::bigint)"
	    "SELECT r.id, r.order_id, c.name AS company, o.study_ref,"
	    " s.name || ' - ' || rm.name || ' - ' || fm_date(r.starts_at::date)"
	    "  || ' ' || to_char(r.starts_at, 'HH24:MI') || '-'"
	    "  || to_char(r.ends_at, 'HH24:MI') AS label,"
	    " (r.id = me.reservation_id)::int AS current"
	    " FROM me, reservations r JOIN orders o ON o.id = r.order_id"
	    " JOIN companies c ON c.id = o.company_id"
	    " JOIN rooms rm ON rm.id = r.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    " WHERE CASE WHEN $2::bigint > 0 THEN r.order_id = $2::bigint"
	    "  ELSE r.order_id = me.order_id OR (r.starts_at < "
	    "me.starts_at::date + 1"
	    "   AND r.ends_at > me.starts_at::date) END"
	    " ORDER BY (r.order_id = me.order_id) DESC, r.starts_at, r.id"
	    " LIMIT 200");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, recording_id), db_int(b, order_q));
}
