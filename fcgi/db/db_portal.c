/*
 * db_portal.c - one function per query of the portal.
 */
#include "db/db_portal.h"

#define LIVE_COLS                                                              \
	" r.id, fm_date(r.starts_at::date) AS date,"                           \
	" to_char(r.starts_at, 'HH24:MI') AS start,"                           \
	" to_char(r.ends_at, 'HH24:MI') AS end, rm.name AS room,"              \
	" s.name AS site, r.order_id,"                                         \
	" (now() >= r.starts_at - interval '15 minutes'"                       \
	"  AND now() < r.ends_at)::int AS now,"                                \
	" EXISTS (SELECT 1 FROM live_sessions l WHERE l.reservation_id = r.id" \
	"  AND l.ended_at IS NULL"                                             \
	"  AND l.updated_at > now() - interval '30 seconds')::int AS on_air"   \
	" FROM reservations r JOIN rooms rm ON rm.id = r.room_id"              \
	" JOIN sites s ON s.id = rm.site_id"

NEOERR *
db_portal_lives(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT" LIVE_COLS " WHERE r.order_id = $1::bigint AND r.live"
	    " ORDER BY r.starts_at, r.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_portal_recording(long long recording_id, long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.id, r.order_id, recording_label(rec.id) AS label,"
	    " rm.name AS room, fm_date(rec.starts_at::date) AS date,"
	    " to_char(rec.starts_at, 'HH24:MI') AS start,"
	    " to_char(rec.ends_at, 'HH24:MI') AS end, rec.info,"
	    " (SELECT max(m.id) FROM media_files m WHERE m.recording_id = "
	    "rec.id"
	    "   AND m.on_central AND m.kind = 'mp4') AS mp4,"
	    " (SELECT max(m.id) FROM media_files m WHERE m.recording_id = "
	    "rec.id"
	    "   AND m.on_central AND m.kind = 'mp3') AS mp3,"
	    " (SELECT max(m.id) FROM media_files m WHERE m.recording_id = "
	    "rec.id"
	    "   AND m.on_central AND m.kind = 'mp3_room') AS mp3_room,"
	    " (SELECT max(m.id) FROM media_files m WHERE m.recording_id = "
	    "rec.id"
	    "   AND m.on_central AND m.kind = 'mp3_trad') AS mp3_trad"
	    " FROM recordings rec JOIN reservations r ON r.id = "
	    "rec.reservation_id"
	    " JOIN rooms rm ON rm.id = r.room_id"
	    " WHERE rec.id = $1::bigint"
	    "  AND ($2::bigint = 0 OR r.order_id = $2::bigint)");
	char a[24], b[24];

	return DBQ(&st, res, db_int(a, recording_id), db_int(b, order_id));
}
