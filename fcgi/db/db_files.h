/*
 * db_files.h - queries on the files shared on an order (order_files).
 */
#ifndef FM_DB_FILES_H
#define FM_DB_FILES_H

#include "db/db.h"

/* The order's files, newest first: id, name, bytes, size (in lang),
 * content_type, uploaded_by, at (DD/MM/YYYY HH:MM). */
NEOERR *db_files_of(long long order_id, const char *lang, PGresult **res);

/* Adds a file when the order's files then weigh at most quota bytes
 * (order_file_add, 0101_file_quota); *id and path (its place in the media
 * store, size len); *id is 0 when the quota would be passed. */
NEOERR *db_file_insert(long long order_id, const char *name, long long bytes,
    const char *content_type, const char *sha256, const char *uploaded_by,
    long long staff_id, long long account_id, long long quota, long long *id,
    char *path, size_t len);

/* What the order's files weigh against quota bytes (0: none): bytes,
 * files, size and quota_size (in lang), full (1 when at the quota). */
NEOERR *db_file_usage(long long order_id, long long quota, const char *lang,
    PGresult **res);

/* One file if the caller may have it (scope_order: the account's order,
 * 0 for staff): id, order_id, name, path, bytes.  No row otherwise. */
NEOERR *db_file_get(long long id, long long scope_order, PGresult **res);

/* Deletes it on the same condition: order_id, name, path; no row when
 * there was nothing the caller may delete. */
NEOERR *db_file_delete(long long id, long long scope_order, PGresult **res);

/* n bytes as the pages show sizes (fm_bytes: "1,2 Go", "1.2 GB"). */
NEOERR *db_bytes_text(long long n, const char *lang, char *out, size_t len);

#endif
