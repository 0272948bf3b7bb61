/*
 * db_boxes.h - queries on boxes, their heartbeats, recordings and media
 * files (the box API and the /boxes pages).
 */
#ifndef FM_DB_BOXES_H
#define FM_DB_BOXES_H

#include "db/db.h"

/* id, room_id, name of the active box whose token hashes to the stored
 * hash; records the call in last_seen.  No row: unknown token. */
NEOERR *db_box_auth(const char *token_hex, PGresult **res);

/* room_id, room, site of a box. */
NEOERR *db_box_room(long long box, PGresult **res);

/* Gives each live reservation of the schedule its stream key. */
NEOERR *db_box_stream_keys(long long box);

/* The schedule: id, starts_at, ends_at (UTC, RFC 3339), overtime_minutes,
 * rec, live, trad (as 0/1), stream_key, label. */
NEOERR *db_box_schedule(long long box, PGresult **res);

/* Stores a heartbeat (body: the JSON as sent; key: the recording the box
 * reports, whose end it moves on). */
NEOERR *db_box_heartbeat(long long box, const char *state, long long resv,
    const char *version, long long disk_free_mb, const char *local_url,
    const char *body, const char *key);

/* The recording (box, key), created (open) when unknown; its id in *id.
 * The reservation must exist (a 23503/23502 error otherwise). */
NEOERR *db_recording_upsert(long long box, const char *key, long long resv,
    const char *starts_at, long long *id);
NEOERR *db_recording_part(long long rec, int part, const char *starts_at,
    const char *path);
NEOERR *db_recording_stopped(long long rec, const char *ends_at, int parts);
NEOERR *db_media_file_upsert(long long rec, const char *kind, const char *path,
    long long bytes, const char *sha256, long long duration_ms);

/* Every box with its state and the reasons to worry (silent, failing,
 * missing: a reservation with rec runs and it is not recording). */
NEOERR *db_boxes_list(PGresult **res);
/* Rooms for the registration form: id, site, room, has_box. */
NEOERR *db_box_rooms(PGresult **res);
NEOERR *db_box_insert(long long room, const char *name, const char *token_hex,
    const char *link_key, long long *id);
NEOERR *db_box_set_token(long long box, const char *token_hex,
    const char *link_key, PGresult **res);
NEOERR *db_box_deactivate(long long box, PGresult **res);

/* Recording rate of every box for a year: box, site, room, scheduled,
 * recorded, rate. */
NEOERR *db_boxes_rate(int year, const char *lang, PGresult **res);

/* The last recordings (id, box, reservation_id, order_id, study_ref,
 * parts, open, starts, ends, secs) and their files (id, recording_id,
 * kind, bytes, on_box). */
NEOERR *db_recent_recordings(int limit, PGresult **res);
NEOERR *db_recent_media(int limit, PGresult **res);

/* local_url, link_key, path of a media file still on an active box. */
NEOERR *db_media_onsite(long long media_file, PGresult **res);

#endif
