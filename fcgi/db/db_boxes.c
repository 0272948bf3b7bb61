/*
 * db_boxes.c - one function per query on boxes and recordings.
 */
#include "db/db_boxes.h"

#include <stdio.h>
#include <stdlib.h>

#define UTC(col)                               \
	"to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

NEOERR *
db_box_auth(const char *token_hex, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE boxes SET last_seen = now()"
	    " WHERE token_hash = sha256(decode($1, 'hex')) AND active"
	    " RETURNING id, room_id, name");

	return DBQ(&st, res, token_hex);
}

NEOERR *
db_box_room(long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id AS room_id, r.name AS room, s.name AS site"
	    " FROM boxes b JOIN rooms r ON r.id = b.room_id"
	    " JOIN sites s ON s.id = r.site_id WHERE b.id = $1::bigint");
	char id[24];

	return DBQ(&st, res, db_int(id, box));
}

/* The reservations a box acts on: rec or live, in its room, whose span
 * with overtime meets the next 48 hours.  A reservation lasts 24 hours
 * at most and its overtime as much: one that has not ended started less
 * than 48 hours ago, which bounds the range read in reservations_room_idx
 * (0209) whatever the room's history. */
#define SCHEDULE_WHERE                                                       \
	" WHERE b.id = $1::bigint AND (v.rec OR v.live)"                     \
	" AND v.ends_at + make_interval(mins => v.overtime_minutes) > now()" \
	" AND v.starts_at > now() - interval '48 hours'"                     \
	" AND v.starts_at < now() + interval '48 hours'"

NEOERR *
db_box_stream_keys(long long box)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO live_streams (reservation_id)"
	    " SELECT v.id FROM boxes b"
	    " JOIN reservations v ON v.room_id = b.room_id" SCHEDULE_WHERE
	    " AND v.live"
	    " ON CONFLICT (reservation_id) DO NOTHING");
	char id[24];

	return DBQ(&st, NULL, db_int(id, box));
}

NEOERR *
db_box_schedule(long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT v.id, " UTC("v.starts_at") " AS starts_at, " UTC(
	        "v.ends_at") " AS ends_at, v.overtime_minutes,"
	                     " v.rec::int AS rec, v.live::int AS live, "
	                     "v.trad::int AS trad,"
	                     " CASE WHEN v.live THEN coalesce(ls.stream_key, "
	                     "'') ELSE '' END"
	                     "   AS stream_key,"
	                     " concat_ws(' — ', o.id::text, "
	                     "nullif(o.study_ref, '')) AS label"
	                     " FROM boxes b"
	                     " JOIN reservations v ON v.room_id = b.room_id"
	                     " JOIN orders o ON o.id = v.order_id"
	                     " LEFT JOIN live_streams ls ON ls.reservation_id "
	                     "= v.id" SCHEDULE_WHERE
	                     " ORDER BY v.starts_at, v.id");
	char id[24];

	return DBQ(&st, res, db_int(id, box));
}

NEOERR *
db_box_heartbeat(long long box, const char *state, long long resv,
    const char *version, long long disk_free_mb, const char *local_url,
    const char *body, const char *key)
{
	/* The reservation is kept only if it exists (a box may report one
	 * deleted meanwhile) and must be of the box's room (box_reservation
	 * raises insufficient_privilege otherwise: 0100_box_peer); the open
	 * recording grows; the history keeps a week. */
	static struct db_stmt st = DB_STMT(
	    "WITH v AS (SELECT box_reservation($1::bigint, $3::bigint) AS id),"
	    " u AS (UPDATE boxes SET last_heartbeat = now(),"
	    "  last_seen = now(), state = $2,"
	    "  reservation_id = (SELECT id FROM v),"
	    "  version = left($4, 200), disk_free_mb = $5::bigint,"
	    "  local_url = nullif(left($6, 200), ''), heartbeat = $7::jsonb"
	    "  WHERE id = $1::bigint),"
	    " h AS (INSERT INTO box_heartbeats (box_id, state, reservation_id,"
	    "  body) SELECT $1::bigint, $2, v.id, $7::jsonb FROM v),"
	    " r AS (UPDATE recordings SET ends_at = greatest(ends_at, now())"
	    "  WHERE box_id = $1::bigint AND box_key = $8 AND open"
	    "  AND NOT times_edited AND $2 = 'recording')"
	    " DELETE FROM box_heartbeats WHERE box_id = $1::bigint"
	    "  AND at < now() - interval '7 days'");
	char id[24], rv[24], disk[24];

	return DBQ(&st, NULL, db_int(id, box), state,
	    resv > 0 ? db_int(rv, resv) : NULL, version,
	    disk_free_mb >= 0 ? db_int(disk, disk_free_mb) : NULL, local_url,
	    body, key ? key : "");
}

NEOERR *
db_recording_upsert(long long box, const char *key, long long resv,
    const char *starts_at, long long *id)
{
	/* Events are idempotent: the first one creates the recording, the
	 * others find it (the no-op update makes RETURNING answer).  Until
	 * the box says it stopped, the recording is open and its end
	 * follows the heartbeats. */
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO recordings (reservation_id, box_id, box_key,"
	    " starts_at, ends_at, open) VALUES ($3::bigint, $1::bigint, $2,"
	    " $4::timestamptz, $4::timestamptz + interval '1 second', true)"
	    " ON CONFLICT (box_id, box_key) WHERE box_key IS NOT NULL"
	    " DO UPDATE SET starts_at = least(recordings.starts_at,"
	    "  EXCLUDED.starts_at)"
	    " RETURNING id");
	char b[24], rv[24];

	return DBQ_ID(&st, id, db_int(b, box), key,
	    resv > 0 ? db_int(rv, resv) : NULL, starts_at);
}

NEOERR *
db_recording_part(long long rec, int part, const char *starts_at,
    const char *path)
{
	static struct db_stmt st = DB_STMT(
	    "WITH p AS (INSERT INTO recording_parts (recording_id, part,"
	    "  starts_at, path) VALUES ($1::bigint, $2::int, $3::timestamptz,"
	    "  $4) ON CONFLICT DO NOTHING)"
	    " UPDATE recordings SET parts = greatest(parts, $2::int)"
	    " WHERE id = $1::bigint");
	char r[24], p[24];

	return DBQ(&st, NULL, db_int(r, rec), db_int(p, part), starts_at, path);
}

NEOERR *
db_recording_stopped(long long rec, const char *ends_at, int parts)
{
	/* Times staff corrected stay as they are. */
	static struct db_stmt st = DB_STMT(
	    "UPDATE recordings SET open = false,"
	    " parts = greatest(parts, $3::int),"
	    " ends_at = CASE WHEN times_edited THEN ends_at"
	    "  ELSE greatest($2::timestamptz, starts_at + interval '1 second')"
	    "  END"
	    " WHERE id = $1::bigint");
	char r[24], p[24];

	return DBQ(&st, NULL, db_int(r, rec), ends_at, db_int(p, parts));
}

NEOERR *
db_media_file_upsert(long long rec, const char *kind, const char *path,
    long long bytes, const char *sha256, long long duration_ms)
{
	/* The box names its files by their path in its media folder
	 * (box_path; path too until the file is in the central store,
	 * 0030_uploads).  Once the central server verified a file, its size
	 * and SHA-256 are the ones it verified. */
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO media_files (recording_id, kind, path, box_path, "
	    "bytes,"
	    " sha256, duration_ms, on_box) VALUES ($1::bigint, $2, $3, $3,"
	    " $4::bigint, $5, $6::bigint, true)"
	    " ON CONFLICT (recording_id, box_path) WHERE box_path IS NOT NULL"
	    " DO UPDATE SET kind = $2, duration_ms = $6::bigint,"
	    " bytes = CASE WHEN media_files.on_central THEN media_files.bytes"
	    "  ELSE $4::bigint END,"
	    " sha256 = CASE WHEN media_files.on_central THEN media_files.sha256"
	    "  ELSE $5 END");
	char r[24], b[24], d[24];

	return DBQ(&st, NULL, db_int(r, rec), kind, path, db_int(b, bytes),
	    sha256, duration_ms > 0 ? db_int(d, duration_ms) : NULL);
}

NEOERR *
db_boxes_list(PGresult **res)
{
	/* "missing" allows a minute after the start: the box starts at
	 * the start time and reports every 30 s. */
	static struct db_stmt st = DB_STMT(
	    "SELECT b.id, b.name, s.name AS site, r.name AS room,"
	    " b.active::int AS active, coalesce(b.state, '') AS state,"
	    " to_char(b.last_heartbeat, 'DD/MM/YYYY HH24:MI:SS') AS "
	    "last_heartbeat,"
	    " extract(epoch FROM now() - b.last_heartbeat)::bigint AS "
	    "silent_secs,"
	    " b.version, b.disk_free_mb, b.local_url,"
	    " b.heartbeat->>'message' AS message,"
	    " b.heartbeat->>'live' AS live,"
	    " b.heartbeat->'ffmpeg'->>'speed' AS speed,"
	    " (b.heartbeat->>'parts')::int AS parts,"
	    " b.reservation_id,"
	    " (b.last_heartbeat IS NULL OR"
	    "  b.last_heartbeat < now() - interval '2 minutes')::int AS silent,"
	    " (b.state = 'error')::int AS failing,"
	    " cur.id AS due_reservation,"
	    " (cur.id IS NOT NULL AND b.state IS DISTINCT FROM "
	    "'recording')::int"
	    "   AS missing,"
	    /* uploads (0030_uploads): what waits on the box, the last good
	     * call, the error that blocks them (a full disk here) */
	    " up.pending_files, up.pending_bytes,"
	    " fm_bytes(up.pending_bytes, 'fr') AS pending_size,"
	    " to_char(b.upload_at, 'DD/MM/YYYY HH24:MI:SS') AS upload_at,"
	    " b.upload_error, (b.upload_error IS NOT NULL)::int AS "
	    "upload_failing,"
	    " (b.upload_error LIKE 'disk full%')::int AS upload_disk_full,"
	    " to_char(b.upload_error_at, 'DD/MM/YYYY HH24:MI:SS') AS "
	    "upload_error_at"
	    " FROM boxes b JOIN rooms r ON r.id = b.room_id"
	    " JOIN sites s ON s.id = r.site_id"
	    " LEFT JOIN LATERAL (SELECT count(*) AS pending_files,"
	    "  coalesce(sum(m.bytes), 0)::bigint AS pending_bytes"
	    "  FROM recordings rc JOIN media_files m ON m.recording_id = rc.id"
	    "  WHERE rc.box_id = b.id AND m.on_box AND NOT m.on_central) up"
	    "  ON true"
	    " LEFT JOIN LATERAL (SELECT v.id FROM reservations v"
	    "  WHERE v.room_id = b.room_id AND v.rec"
	    "  AND v.starts_at > now() - interval '48 hours'"
	    "  AND v.starts_at <= now() - interval '1 minute'"
	    "  AND v.ends_at + make_interval(mins => v.overtime_minutes) > "
	    "now()"
	    "  ORDER BY v.starts_at LIMIT 1) cur ON true"
	    " ORDER BY b.active DESC, s.name COLLATE french,"
	    " r.position, r.name COLLATE french, b.id");

	return DBQ0(&st, res);
}

NEOERR *
db_box_rooms(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, s.name AS site, r.name AS room,"
	    " EXISTS (SELECT 1 FROM boxes b WHERE b.room_id = r.id"
	    "  AND b.active)::int AS has_box"
	    " FROM rooms r JOIN sites s ON s.id = r.site_id"
	    " WHERE r.active AND s.active"
	    " ORDER BY s.name COLLATE french, r.position, r.name COLLATE "
	    "french");

	return DBQ0(&st, res);
}

NEOERR *
db_box_insert(long long room, const char *name, const char *token_hex,
    const char *link_key, long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO boxes (room_id, name, token_hash, link_key)"
	    " VALUES ($1::bigint, $2, sha256(decode($3, 'hex')), $4)"
	    " RETURNING id");
	char r[24];

	return DBQ_ID(&st, id, db_int(r, room), name, token_hex, link_key);
}

NEOERR *
db_box_set_token(long long box, const char *token_hex, const char *link_key,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE boxes SET token_hash = sha256(decode($2, 'hex')),"
	    " link_key = $3 WHERE id = $1::bigint AND active"
	    " RETURNING id, name");
	char b[24];

	return DBQ(&st, res, db_int(b, box), token_hex, link_key);
}

NEOERR *
db_box_deactivate(long long box, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE boxes SET active = false WHERE id = $1::bigint AND active"
	    " RETURNING id");
	char b[24];

	return DBQ(&st, res, db_int(b, box));
}

NEOERR *
db_media_onsite(long long media_file, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT b.local_url, b.link_key, coalesce(m.box_path, m.path)"
	    " FROM media_files m JOIN recordings r ON r.id = m.recording_id"
	    " JOIN boxes b ON b.id = r.box_id"
	    " WHERE m.id = $1::bigint AND m.on_box AND b.active"
	    " AND b.link_key IS NOT NULL"
	    " AND b.local_url IS NOT NULL");
	char m[24];

	return DBQ(&st, res, db_int(m, media_file));
}

NEOERR *
db_recent_recordings(int limit, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.id, b.name AS box, r.reservation_id, v.order_id,"
	    " o.study_ref, r.parts, r.open::int AS open,"
	    " to_char(r.starts_at, 'DD/MM/YYYY HH24:MI:SS') AS starts,"
	    " to_char(r.ends_at, 'HH24:MI:SS') AS ends,"
	    " round(extract(epoch FROM r.ends_at - r.starts_at))::bigint AS "
	    "secs, recording_covered_s(r.id) AS media_secs,"
	    " c.measured::int AS measured, c.complete::int AS complete,"
	    " fm_pct(c.pct, $2) AS covered_pct"
	    " FROM recordings r JOIN boxes b ON b.id = r.box_id"
	    " JOIN reservations v ON v.id = r.reservation_id"
	    " JOIN orders o ON o.id = v.order_id"
	    " CROSS JOIN LATERAL reservation_coverage(v.id, b.id) c"
	    " ORDER BY r.starts_at DESC, r.id DESC LIMIT $1::int");
	char n[24];

	return DBQ(&st, res, db_int(n, limit), lang);
}

NEOERR *
db_recent_media(int limit, PGresult **res)
{
	/* Each recent recording's files through their index (OFFSET 0 keeps
	 * the lateral join a loop: the generic plan does not know how many
	 * recordings LIMIT $1 keeps). */
	static struct db_stmt st = DB_STMT(
	    "SELECT m.id, m.recording_id, m.kind, m.bytes, m.on_box::int AS "
	    "on_box"
	    " FROM (SELECT id FROM recordings ORDER BY starts_at DESC, id DESC"
	    "  LIMIT $1::int) rc"
	    " JOIN LATERAL (SELECT * FROM media_files x"
	    "  WHERE x.recording_id = rc.id OFFSET 0) m ON true"
	    " ORDER BY m.recording_id, array_position(ARRAY['mp4', 'mp3',"
	    " 'mp3_room', 'mp3_trad', 'other'], m.kind), m.id");
	char n[24];

	return DBQ(&st, res, db_int(n, limit));
}
