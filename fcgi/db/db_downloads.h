/*
 * db_downloads.h - the download log, written when focusd lets a media
 * request through to nginx (fm-downloads completes it from nginx's log).
 */
#ifndef FM_DB_DOWNLOADS_H
#define FM_DB_DOWNLOADS_H

#include "db/db.h"

/*
 * download_begin(): the media file when the caller may have it
 * (scope_order: the account's order, 0 for staff) and the id of the
 * download log row this request counts in.  Columns download_id, path,
 * kind, bytes, file_name; no row: not found or not allowed.
 */
NEOERR *db_download_begin(long long media_id, long long scope_order,
    const char *mode, long long session_id, long long account_id,
    long long staff_id, const char *login, const char *ip, const char *agent,
    PGresult **res);

#endif
