/*
 * db_notes.h - the queries of observers' notes (db/functions/notes.sql).
 * Every query carries the session's order (0: staff, any order).
 */
#ifndef FM_DB_NOTES_H
#define FM_DB_NOTES_H

#include "db/db.h"

/* Adds a note (note_add()): one row "result" (the id, 'tag', 'moment'),
 * none when the reservation is not the order's. */
NEOERR *db_note_add(long long resv, long long order_id, long long account,
    long long staff, const char *login, const char *author,
    const char *moment_ms, const char *tag, const char *body, bool private_,
    const char *source, PGresult **res);

/* Edits or deletes its author's note (note_change()): one row "result"
 * ('ok', 'deleted', 'tag'), none when not the author's. */
NEOERR *db_note_change(long long note, long long order_id, long long account,
    long long staff, bool del, const char *tag, const char *body, bool private_,
    PGresult **res);

/* The notes of a reservation changed after cursor nseq, visible to the
 * viewer: id, seq, moment_ms, at (HH24:MI:SS), tag, body, author, private,
 * mine, deleted; the first row (also without notes) carries "tags" (the
 * order's list, one a line) and "top" (the highest seq). */
NEOERR *db_notes_poll(long long resv, long long order_id, long long nseq,
    long long account, long long staff, PGresult **res);

/* The reservation of a recording of the order, and the recording's start
 * in Unix milliseconds (start_ms), end (end_ms), order_id. */
NEOERR *db_notes_recording(long long rec, long long order_id, PGresult **res);

/* The order's notes for the list and exports (notes_of_order()). */
NEOERR *db_notes_list(long long order_id, long long account, long long staff,
    long long resv, const char *tag, const char *q, PGresult **res);

/* The order's sessions that have notes (for the filter), and its tags. */
NEOERR *db_notes_facets(long long order_id, PGresult **res);

/* Sets an order's tags (note_tags_set()): one row "tags", NULL refused. */
NEOERR *db_note_tags_set(long long order_id, const char *lines, const char *who,
    PGresult **res);

#endif
