/*
 * db_clips.c - one function per query of clips and reels.
 */
#include "db/db_clips.h"

NEOERR *
db_clip_request(long long rec, long long order_id, long long account,
    long long staff, const char *author, const char *name, long long start_ms,
    long long end_ms, long long note, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT result FROM clip_request($1::bigint, $2::bigint,"
	    " $3::bigint, $4::bigint, $5, $6, $7::bigint, $8::bigint,"
	    " nullif($9::bigint, 0))");
	char a[24], b[24], c[24], d[24], e[24], f[24], g[24];

	return DBQ(&st, res, db_int(a, rec), db_int(b, order_id),
	    db_int(c, account), db_int(d, staff), author, name,
	    db_int(e, start_ms), db_int(f, end_ms), db_int(g, note));
}

NEOERR *
db_clip_note_window(long long note, long long order_id, long long account,
    long long staff, int before, int after, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT recording_id, start_ms, end_ms FROM clip_note_window("
	    "$1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::integer,"
	    " $6::integer)");
	char a[24], b[24], c[24], d[24], e[24], f[24];

	return DBQ(&st, res, db_int(a, note), db_int(b, order_id),
	    db_int(c, account), db_int(d, staff), db_int(e, before),
	    db_int(f, after));
}

NEOERR *
db_reel_request(long long order_id, long long account, long long staff,
    const char *author, const char *name, const char *clip_ids, PGresult **res)
{
	/* clip_ids: "12,15,13", checked by the handler (digits and commas) */
	static struct db_stmt st = DB_STMT(
	    "SELECT result FROM reel_request($1::bigint, $2::bigint,"
	    " $3::bigint, $4, $5, string_to_array($6, ',')::bigint[])");
	char a[24], b[24], c[24];

	return DBQ(&st, res, db_int(a, order_id), db_int(b, account),
	    db_int(c, staff), author, name, clip_ids);
}

NEOERR *
db_clips_of_recording(long long rec, long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT c.id, c.kind, c.name, c.status, c.last_error AS error,"
	    " c.media_file_id, c.duration_ms, c.start_ms, c.end_ms,"
	    " c.recording_id, c.author, c.attempts"
	    " FROM recordings r JOIN reservations v ON v.id = r.reservation_id"
	    " JOIN clips c ON c.order_id = v.order_id"
	    " WHERE r.id = $1::bigint"
	    "  AND ($2::bigint = 0 OR v.order_id = $2::bigint)"
	    " ORDER BY c.id");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, rec), db_int(b, order_id));
}
