/*
 * db_chat.c - one function per query of the live chat.
 */
#include "db/db_chat.h"

NEOERR *
db_chat_poll(long long resv, long long order_id, long long after,
    long long hafter, long long account, long long staff, PGresult **res)
{
	/* The live state is computed once (the CTE), the messages by the
	 * (reservation_id, id) and (reservation_id, hide_seq) indexes. */
	static struct db_stmt st = DB_STMT(
	    "WITH v AS (SELECT r.id,"
	    "  (SELECT to_char(min(l.started_at), 'HH24:MI') FROM "
	    "live_sessions l"
	    "   WHERE l.reservation_id = r.id AND l.ended_at IS NULL"
	    "    AND l.updated_at > now() - interval '30 seconds') AS started,"
	    "  (SELECT to_char(max(l.ended_at), 'HH24:MI') FROM live_sessions l"
	    "   WHERE l.reservation_id = r.id) AS ended,"
	    "  EXISTS (SELECT 1 FROM chat_mutes cm WHERE cm.reservation_id = "
	    "r.id"
	    "   AND cm.author_key = chat_author_key($5::bigint, "
	    "$6::bigint))::int"
	    "   AS me_muted"
	    " FROM reservations r WHERE r.id = $1::bigint AND r.live"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint))"
	    "SELECT (v.started IS NOT NULL)::int AS on_air, v.started, v.ended,"
	    " v.me_muted, m.id, m.author, m.login, m.body,"
	    " to_char(m.at, 'HH24:MI:SS') AS at,"
	    " (m.hidden_at IS NOT NULL)::int AS hidden, m.hide_seq,"
	    " (m.staff_user_id IS NOT NULL)::int AS staff,"
	    " (m.id IS NOT NULL AND EXISTS (SELECT 1 FROM chat_mutes cm"
	    "   WHERE cm.reservation_id = v.id AND cm.author_key ="
	    "   chat_author_key(m.account_id, m.staff_user_id)))::int"
	    "   AS muted"
	    " FROM v LEFT JOIN LATERAL (SELECT * FROM chat_messages c"
	    "  WHERE c.reservation_id = v.id"
	    "   AND (c.id > $3::bigint OR c.hide_seq > $4::bigint)"
	    "  ORDER BY c.id DESC LIMIT 200) m ON true"
	    " ORDER BY m.id");
	char a[24], b[24], c[24], d[24], e[24], f[24];

	return DBQ(&st, res, db_int(a, resv), db_int(b, order_id),
	    db_int(c, after), db_int(d, hafter), db_int(e, account),
	    db_int(f, staff));
}

NEOERR *
db_chat_post(long long resv, long long order_id, long long session,
    long long account, long long staff, const char *login, const char *author,
    const char *body, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT chat_post(r.id, $3::bigint, $4::bigint, $5::bigint, $6, $7,"
	    " $8) AS result FROM reservations r"
	    " WHERE r.id = $1::bigint AND r.live"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint)");
	char a[24], b[24], c[24], d[24], e[24];

	return DBQ(&st, res, db_int(a, resv), db_int(b, order_id),
	    db_int(c, session), db_int(d, account), db_int(e, staff), login,
	    author, body);
}

NEOERR *
db_chat_hide(long long message, const char *who, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE chat_messages SET hidden_at = now(), hidden_by = $2,"
	    " hide_seq = nextval('chat_hide_seq')"
	    " WHERE id = $1::bigint AND hidden_at IS NULL"
	    " RETURNING reservation_id");
	char a[24];

	return DBQ(&st, res, db_int(a, message), who);
}

NEOERR *
db_chat_mute(long long message, bool mute, const char *who, PGresult **res)
{
	/* The author is its account (or staff user), whatever its session:
	 * logging in again does not lift a mute (0103_chat_account). */
	static struct db_stmt on = DB_STMT(
	    "INSERT INTO chat_mutes (reservation_id, author_key, session_id,"
	    " login, muted_by)"
	    " SELECT reservation_id, chat_author_key(account_id, "
	    "staff_user_id),"
	    " session_id, login, $2 FROM chat_messages"
	    " WHERE id = $1::bigint"
	    "  AND chat_author_key(account_id, staff_user_id) IS NOT NULL"
	    " ON CONFLICT (reservation_id, author_key) DO UPDATE"
	    "  SET muted_by = EXCLUDED.muted_by"
	    " RETURNING reservation_id");
	static struct db_stmt off = DB_STMT(
	    "DELETE FROM chat_mutes cm USING chat_messages c"
	    " WHERE c.id = $1::bigint AND cm.reservation_id = c.reservation_id"
	    "  AND cm.author_key = chat_author_key(c.account_id, "
	    "c.staff_user_id)"
	    "  AND $2::text IS NOT NULL"
	    " RETURNING cm.reservation_id");
	char a[24];

	return DBQ(mute ? &on : &off, res, db_int(a, message), who);
}

NEOERR *
db_chat_export(long long resv, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT to_char(at, 'YYYY-MM-DD HH24:MI:SS') AS at, author, login,"
	    " body, (hidden_at IS NOT NULL)::int AS hidden,"
	    " coalesce(hidden_by, '') AS hidden_by"
	    " FROM chat_messages WHERE reservation_id = $1::bigint ORDER BY "
	    "id");
	char a[24];

	return DBQ(&st, res, db_int(a, resv));
}
