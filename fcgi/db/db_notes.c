/*
 * db_notes.c - one function per query of observers' notes.
 */
#include "db/db_notes.h"

NEOERR *
db_note_add(long long resv, long long order_id, long long account,
    long long staff, const char *login, const char *author,
    const char *moment_ms, const char *tag, const char *body, bool private_,
    const char *source, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT result FROM note_add($1::bigint, $2::bigint, $3::bigint,"
	    " $4::bigint, $5, $6, $7::bigint, $8, $9, $10::boolean, $11)");
	char a[24], b[24], c[24], d[24];

	return DBQ(&st, res, db_int(a, resv), db_int(b, order_id),
	    db_int(c, account), db_int(d, staff), login, author, moment_ms, tag,
	    body, private_ ? "true" : "false", source);
}

NEOERR *
db_note_change(long long note, long long order_id, long long account,
    long long staff, bool del, const char *tag, const char *body, bool private_,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT result FROM note_change($1::bigint, $2::bigint, $3::bigint,"
	    " $4::bigint, $5::boolean, $6, $7, $8::boolean)");
	char a[24], b[24], c[24], d[24];

	return DBQ(&st, res, db_int(a, note), db_int(b, order_id),
	    db_int(c, account), db_int(d, staff), del ? "true" : "false", tag,
	    body, private_ ? "true" : "false");
}

NEOERR *
db_notes_poll(long long resv, long long order_id, long long nseq,
    long long account, long long staff, PGresult **res)
{
	/* By the (reservation_id, seq) index; a deleted note comes once
	 * more as a tombstone so that every screen drops it. */
	static struct db_stmt st = DB_STMT(
	    "WITH v AS (SELECT r.id, r.order_id,"
	    "  array_to_string(note_tags_of(r.order_id), E'\\n') AS tags,"
	    "  (SELECT coalesce(max(seq), 0) FROM notes x"
	    "   WHERE x.reservation_id = r.id) AS top"
	    " FROM reservations r WHERE r.id = $1::bigint"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint))"
	    "SELECT v.tags, v.top, n.id, n.seq,"
	    " (extract(epoch FROM n.moment) * 1000)::bigint AS moment_ms,"
	    " to_char(n.moment, 'HH24:MI:SS') AS at, n.tag, n.body, n.author,"
	    " n.private::int AS private,"
	    " (note_author_key(n.account_id, n.staff_user_id)"
	    "  = note_author_key($4::bigint, $5::bigint))::int AS mine,"
	    " (n.deleted_at IS NOT NULL OR NOT note_visible(n, $4::bigint,"
	    "  $5::bigint))::int AS deleted"
	    " FROM v LEFT JOIN LATERAL (SELECT * FROM notes c"
	    "  WHERE c.reservation_id = v.id AND c.seq > $3::bigint"
	    "  ORDER BY c.seq LIMIT 500) n ON true"
	    " ORDER BY n.moment, n.id");
	char a[24], b[24], c[24], d[24], e[24];

	return DBQ(&st, res, db_int(a, resv), db_int(b, order_id),
	    db_int(c, nseq), db_int(d, account), db_int(e, staff));
}

NEOERR *
db_notes_recording(long long rec, long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.reservation_id, r.order_id,"
	    " (extract(epoch FROM rec.starts_at) * 1000)::bigint AS start_ms,"
	    " (extract(epoch FROM rec.ends_at) * 1000)::bigint AS end_ms"
	    " FROM recordings rec JOIN reservations r ON r.id = "
	    "rec.reservation_id"
	    " WHERE rec.id = $1::bigint"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, rec), db_int(b, order_id));
}

NEOERR *
db_notes_list(long long order_id, long long account, long long staff,
    long long resv, const char *tag, const char *q, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT n.id, n.reservation_id, n.room, fm_date(n.session_day) AS "
	    "day,"
	    " n.session_start, to_char(n.moment, 'HH24:MI:SS') AS at,"
	    " to_char(n.moment, 'YYYY-MM-DD HH24:MI:SS') AS wall,"
	    " n.recording_id, trunc(greatest(n.offset_s, 0), 1) AS offset_s,"
	    " to_char(make_interval(secs => floor(greatest(n.offset_s, 0))),"
	    "  'HH24:MI:SS') AS offset, n.tag, n.body, n.author, n.login,"
	    " n.private::int AS private, n.mine::int AS mine"
	    " FROM notes_of_order($1::bigint, $2::bigint, $3::bigint,"
	    " $4::bigint, $5, $6) n");
	char a[24], b[24], c[24], d[24];

	return DBQ(&st, res, db_int(a, order_id), db_int(b, account),
	    db_int(c, staff), db_int(d, resv), tag ? tag : "", q ? q : "");
}

NEOERR *
db_notes_facets(long long order_id, PGresult **res)
{
	/* kind 'session': its reservations with notes; 'tag': the list. */
	static struct db_stmt st = DB_STMT(
	    "SELECT 'session' AS kind, v.id::text AS value,"
	    " fm_date(v.starts_at::date) || ' ' || to_char(v.starts_at, "
	    "'HH24:MI')"
	    "  || ' · ' || rm.name AS label"
	    " FROM reservations v JOIN rooms rm ON rm.id = v.room_id"
	    " WHERE v.order_id = $1::bigint AND EXISTS (SELECT 1 FROM notes n"
	    "  WHERE n.reservation_id = v.id AND n.deleted_at IS NULL)"
	    " UNION ALL SELECT 'tag', t, t FROM "
	    "unnest(note_tags_of($1::bigint))"
	    " t");
	char a[24];

	return DBQ(&st, res, db_int(a, order_id));
}

NEOERR *
db_note_tags_set(long long order_id, const char *lines, const char *who,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT array_to_string(note_tags_set($1::bigint,"
	    " regexp_split_to_array($2, E'\\r?\\n'), $3), E'\\n') AS tags");
	char a[24];

	return DBQ(&st, res, db_int(a, order_id), lines, who);
}
