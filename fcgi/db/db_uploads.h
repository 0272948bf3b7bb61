/*
 * db_uploads.h - queries of the box uploads (box_uploads.c): every one
 * names the calling box, so that a box only ever reaches the media files
 * of its own recordings.
 */
#ifndef FM_DB_UPLOADS_H
#define FM_DB_UPLOADS_H

#include "db/db.h"

/*
 * The media file a box names by its recording's key and its own path:
 * id, bytes, sha256, on_central (0/1), path (the store's, once there).
 * No row: unknown to the central server (its event has not arrived) or
 * another box's.
 */
NEOERR *db_upload_find(long long box, const char *key, const char *box_path,
    PGresult **res);

/*
 * Locks a media file of the box's recordings for one upload step (in the
 * caller's transaction): bytes, sha256, on_central (0/1), kind, box_path,
 * ext (the box file's extension with its dot, or ""), day (YYYY/MM/DD of
 * the recording's start), recording_id.  No row: not this box's file.
 */
NEOERR *db_upload_lock(long long media, long long box, PGresult **res);

/*
 * One chunk handed to focusd: bytes_in grows by len; when appended the
 * offset becomes received and the box's upload error is cleared.
 */
NEOERR *db_upload_chunk(long long media, long long box, long long received,
    long long len, bool appended);

/* An upload step failed on the central side: the error goes on the
 * upload row (when media > 0) and on the box, for /boxes. */
NEOERR *db_upload_error(long long media, long long box, long long len,
    const char *message);

/* The partial file was thrown away (SHA-256 mismatch): offset 0. */
NEOERR *db_upload_restart(long long media, long long box, const char *message);

/* The file is verified and in the store under path. */
NEOERR *db_upload_done(long long media, long long box, const char *path);

/* The box deleted its copy of a verified file (on_box false); no row
 * when the file is not verified on the central server. */
NEOERR *db_upload_removed(long long media, long long box, PGresult **res);

#endif
