/*
 * db_live.c - one function per query of live viewing.
 */
#include "db/db_live.h"

/* A push is on air while open and reported within 30 seconds. */
#define ON_AIR \
	"l.ended_at IS NULL AND l.updated_at > now() - interval '30 seconds'"

NEOERR *
db_live_candidates(const char *key, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT reservation_id, box_id, link_key, window_end"
	    " FROM live_publish_candidates($1)");

	return DBQ(&st, res, key);
}

NEOERR *
db_live_start(long long reservation, long long box, const char *name,
    const char *client_id, const char *addr, long long sig_expires,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO live_sessions (reservation_id, box_id, name,"
	    " client_id, addr, sig_expires) VALUES ($1::bigint, $2::bigint, $3,"
	    " left($4, 40), left($5, 100), to_timestamp($6::bigint))"
	    " RETURNING id");
	char a[24], b[24], e[24];

	return DBQ(&st, res, db_int(a, reservation), db_int(b, box), name,
	    client_id, addr, db_int(e, sig_expires));
}

NEOERR *
db_live_done(const char *key, const char *client_id)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE live_sessions SET ended_at = now()"
	    " WHERE ended_at IS NULL AND client_id = $2"
	    " AND reservation_id = (SELECT reservation_id FROM live_streams"
	    "  WHERE stream_key = $1)");

	return DBQ(&st, NULL, key, client_id);
}

NEOERR *
db_live_update(const char *key, const char *client_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE live_sessions l SET updated_at = now()"
	    " FROM reservations v, boxes b"
	    " WHERE v.id = l.reservation_id AND v.live"
	    "  AND b.id = l.box_id AND b.active AND b.room_id = v.room_id"
	    "  AND (l.sig_expires IS NULL OR l.sig_expires > now())"
	    "  AND now() < v.ends_at + make_interval(mins => "
	    "v.overtime_minutes)"
	    "   + interval '5 minutes'"
	    "  AND l.ended_at IS NULL AND l.client_id = $2"
	    "  AND l.reservation_id = (SELECT reservation_id FROM live_streams"
	    "   WHERE stream_key = $1)"
	    " RETURNING l.id");

	return DBQ(&st, res, key, client_id);
}

NEOERR *
db_live_may_watch(const char *token_hex, int idle_secs, long long resv,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT 1 FROM sessions s"
	    " JOIN reservations v ON v.id = $3::bigint AND v.live"
	    " LEFT JOIN staff_users u ON u.id = s.staff_user_id AND u.active"
	    " LEFT JOIN order_accounts a ON a.id = s.order_account_id"
	    "  AND a.valid_from <= now() AND a.valid_until > now()"
	    " WHERE s.token_hash = sha256(decode($1, 'hex'))"
	    "  AND s.expires_at > now()"
	    "  AND s.last_seen > now() - make_interval(secs => $2::int)"
	    "  AND (u.id IS NOT NULL OR a.order_id = v.order_id)");
	char idle[24], id[24];

	return DBQ(&st, res, token_hex, db_int(idle, idle_secs),
	    db_int(id, resv));
}

NEOERR *
db_live_get(long long resv, long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, r.order_id, fm_date(r.starts_at::date) AS date,"
	    " to_char(r.starts_at, 'HH24:MI') AS start,"
	    " to_char(r.ends_at, 'HH24:MI') AS end, rm.name AS room,"
	    " s.name AS site, o.study_ref,"
	    " (now() >= r.starts_at - interval '15 minutes'"
	    "  AND now() < r.ends_at)::int AS now,"
	    " (SELECT to_char(min(l.started_at), 'HH24:MI') FROM live_sessions "
	    "l"
	    "  WHERE l.reservation_id = r.id AND " ON_AIR ") AS started,"
	    " (SELECT to_char(max(l.ended_at), 'HH24:MI') FROM live_sessions l"
	    "  WHERE l.reservation_id = r.id) AS ended"
	    " FROM reservations r JOIN rooms rm ON rm.id = r.room_id"
	    " JOIN sites s ON s.id = rm.site_id"
	    " JOIN orders o ON o.id = r.order_id"
	    " WHERE r.id = $1::bigint AND r.live"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, resv), db_int(b, order_id));
}

NEOERR *
db_live_on_air(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT l.reservation_id, r.room_id, rm.name AS room,"
	    " s.name AS site, r.order_id,"
	    " to_char(min(l.started_at), 'HH24:MI') AS since"
	    " FROM live_sessions l JOIN reservations r ON r.id = "
	    "l.reservation_id"
	    " JOIN rooms rm ON rm.id = r.room_id JOIN sites s ON s.id = "
	    "rm.site_id"
	    " WHERE " ON_AIR
	    " GROUP BY l.reservation_id, r.room_id, rm.name, s.name, r.order_id"
	    " ORDER BY s.name, rm.name");

	return DBQ0(&st, res);
}
