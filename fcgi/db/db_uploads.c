/*
 * db_uploads.c - one function per query of the box uploads.
 */
#include "db/db_uploads.h"

NEOERR *
db_upload_find(long long box, const char *key, const char *box_path,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT m.id, m.bytes, m.sha256, m.on_central::int AS on_central,"
	    " m.path FROM media_files m"
	    " JOIN recordings r ON r.id = m.recording_id"
	    " WHERE r.box_id = $1::bigint AND r.box_key = $2"
	    " AND m.box_path = $3");
	char b[24];

	return DBQ(&st, res, db_int(b, box), key, box_path);
}

NEOERR *
db_upload_lock(long long media, long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT m.bytes, m.sha256, m.on_central::int AS on_central, m.kind,"
	    " coalesce(m.box_path, m.path) AS box_path,"
	    /* the stored name's extension comes from the kind, never
	     * from the box's path (0100_box_peer) */
	    " media_file_ext(m.kind, coalesce(m.box_path, m.path)) AS ext,"
	    " to_char(r.starts_at, 'YYYY/MM/DD') AS day, r.id AS recording_id"
	    " FROM media_files m JOIN recordings r ON r.id = m.recording_id"
	    " WHERE m.id = $1::bigint AND r.box_id = $2::bigint"
	    " FOR UPDATE OF m");
	char m[24], b[24];

	return DBQ(&st, res, db_int(m, media), db_int(b, box));
}

NEOERR *
db_upload_chunk(long long media, long long box, long long received,
    long long len, bool appended)
{
	static struct db_stmt st = DB_STMT(
	    "WITH u AS (INSERT INTO media_uploads (media_file_id, box_id,"
	    "  received, bytes_in, chunks) VALUES ($1::bigint, $2::bigint,"
	    "  $3::bigint, $4::bigint, $5::int)"
	    "  ON CONFLICT (media_file_id) DO UPDATE SET"
	    "  received = EXCLUDED.received,"
	    "  bytes_in = media_uploads.bytes_in + EXCLUDED.bytes_in,"
	    "  chunks = media_uploads.chunks + EXCLUDED.chunks,"
	    "  updated_at = now(),"
	    "  last_error = CASE WHEN $5::int > 0 THEN NULL"
	    "   ELSE media_uploads.last_error END)"
	    " UPDATE boxes SET upload_at = now(),"
	    " upload_error = CASE WHEN $5::int > 0 THEN NULL ELSE upload_error "
	    "END,"
	    " upload_error_at = CASE WHEN $5::int > 0 THEN NULL"
	    "  ELSE upload_error_at END"
	    " WHERE id = $2::bigint");
	char m[24], b[24], r[24], l[24];

	return DBQ(&st, NULL, db_int(m, media), db_int(b, box),
	    db_int(r, received), db_int(l, len), appended ? "1" : "0");
}

NEOERR *
db_upload_error(long long media, long long box, long long len,
    const char *message)
{
	static struct db_stmt st = DB_STMT(
	    "WITH u AS (INSERT INTO media_uploads (media_file_id, box_id,"
	    "  bytes_in, last_error)"
	    "  SELECT $1::bigint, $2::bigint, $3::bigint, left($4, 500)"
	    "  WHERE $1::bigint > 0"
	    "  ON CONFLICT (media_file_id) DO UPDATE SET"
	    "  bytes_in = media_uploads.bytes_in + EXCLUDED.bytes_in,"
	    "  last_error = EXCLUDED.last_error, updated_at = now())"
	    " UPDATE boxes SET upload_error = left($4, 500),"
	    " upload_error_at = now() WHERE id = $2::bigint");
	char m[24], b[24], l[24];

	return DBQ(&st, NULL, db_int(m, media), db_int(b, box), db_int(l, len),
	    message);
}

NEOERR *
db_upload_restart(long long media, long long box, const char *message)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO media_uploads (media_file_id, box_id, restarts,"
	    " last_error) VALUES ($1::bigint, $2::bigint, 1, left($3, 500))"
	    " ON CONFLICT (media_file_id) DO UPDATE SET received = 0,"
	    " restarts = media_uploads.restarts + 1,"
	    " last_error = EXCLUDED.last_error, updated_at = now()");
	char m[24], b[24];

	return DBQ(&st, NULL, db_int(m, media), db_int(b, box), message);
}

NEOERR *
db_upload_done(long long media, long long box, const char *path)
{
	static struct db_stmt st = DB_STMT(
	    "WITH f AS (UPDATE media_files SET"
	    "  box_path = coalesce(box_path, path), path = $3,"
	    "  on_central = true, verified_at = now()"
	    "  WHERE id = $1::bigint RETURNING bytes),"
	    " u AS (INSERT INTO media_uploads (media_file_id, box_id, received,"
	    "  finished_at) SELECT $1::bigint, $2::bigint, f.bytes, now() FROM "
	    "f"
	    "  ON CONFLICT (media_file_id) DO UPDATE SET"
	    "  received = EXCLUDED.received, finished_at = now(),"
	    "  updated_at = now(), last_error = NULL)"
	    " UPDATE boxes SET upload_at = now(), upload_error = NULL,"
	    " upload_error_at = NULL WHERE id = $2::bigint");
	char m[24], b[24];

	return DBQ(&st, NULL, db_int(m, media), db_int(b, box), path);
}

NEOERR *
db_upload_removed(long long media, long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE media_files m SET on_box = false FROM recordings r"
	    " WHERE m.id = $1::bigint AND r.id = m.recording_id"
	    " AND r.box_id = $2::bigint AND m.on_central RETURNING m.id");
	char m[24], b[24];

	return DBQ(&st, res, db_int(m, media), db_int(b, box));
}
