/*
 * db_clips.h - the queries of clips and reels (db/functions/clips.sql).
 * Every query carries the session's order (0: staff, any order).
 */
#ifndef FM_DB_CLIPS_H
#define FM_DB_CLIPS_H

#include "db/db.h"

/* clip_request(): one row "result" (the job's id, 'range', 'nomp4'),
 * none when the recording is not the order's. */
NEOERR *db_clip_request(long long rec, long long order_id, long long account,
    long long staff, const char *author, const char *name, long long start_ms,
    long long end_ms, long long note, PGresult **res);

/* clip_note_window(): recording_id, start_ms, end_ms; none when the note
 * is not visible or no recording covers it. */
NEOERR *db_clip_note_window(long long note, long long order_id,
    long long account, long long staff, int before, int after, PGresult **res);

/* reel_request(): one row "result" (the id, or 'clips'). */
NEOERR *db_reel_request(long long order_id, long long account, long long staff,
    const char *author, const char *name, const char *clip_ids, PGresult **res);

/* The clips and reels of the order of recording rec (the viewer's order):
 * id, kind, name, status, error, media_file_id, duration_ms, start_ms,
 * end_ms, recording_id, author; no row when none (or not the order's). */
NEOERR *db_clips_of_recording(long long rec, long long order_id,
    PGresult **res);

#endif
