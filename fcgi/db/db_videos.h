/*
 * db_videos.h - queries on recordings and their media for the staff
 * pages (/videos, /orders/{id}/videos, a recording's edit and move
 * pages), and the download log of an order.
 */
#ifndef FM_DB_VIDEOS_H
#define FM_DB_VIDEOS_H

#include "db/db.h"

/*
 * Recordings of one day (day YYYY-MM-DD, when q is "") or matching q
 * (order number, study ref, company, contact) on any day, newest first
 * then, at most limit: id, order_id, study_ref, company, contact, site,
 * room, date, start, end, rec, live, trad, times_edited, files, total
 * (rows matching, for "more than shown").
 */
NEOERR *db_videos_list(const char *day, const char *q, int limit,
    PGresult **res);

/*
 * The month of day as a calendar: one row per day from the Monday before
 * the 1st to the Sunday after the last, with day (ISO), n (day of the
 * month), dow (1 Monday), in_month, today, selected, count (recordings);
 * and on every row: label (DD/MM/YYYY of day), prev and next (days, and
 * their labels prev_label and next_label),
 * current (today), month (1-12), year, prev_month and next_month (first
 * days).
 */
NEOERR *db_videos_calendar(const char *day, PGresult **res);

/*
 * An order's recordings in time order, site_id "" or one site: id,
 * reservation_id, site_id, site, room, date, start, end, info,
 * times_edited, box_id, and the ids and sizes (in lang) of their media
 * kept centrally: mp4, mp4_size, mp3, mp3_room, mp3_trad, other.
 */
NEOERR *db_order_recordings(long long order_id, const char *site_id,
    const char *lang, PGresult **res);

/* The sites of an order's rooms (its reservations), for the "Choisir un
 * site" selector: id, name. */
NEOERR *db_order_recording_sites(long long order_id, PGresult **res);

/* The order's reservations (for the move select): id, label. */
NEOERR *db_order_reservation_choices(long long order_id, PGresult **res);

/*
 * The order's download log, newest first: login, started, ended, ip,
 * label, media_file_id, media_kind, mode, sent, total (in lang), status,
 * user_agent.
 */
NEOERR *db_order_downloads(long long order_id, const char *lang, int limit,
    PGresult **res);

/* The order's recording events, newest first: at, who, action, summary. */
NEOERR *db_order_recording_events(long long order_id, PGresult **res);

/*
 * One recording: id, order_id, reservation_id, label, day (YYYY-MM-DD),
 * start, end (HH:MM, 24:00 for midnight after), info, times_edited, and
 * its order's study_ref and company.
 */
NEOERR *db_recording_get(long long id, PGresult **res);

/* recording_edit(): *order_id 0 when the recording is gone. */
NEOERR *db_recording_edit(long long id, const char *day, const char *start,
    const char *end, const char *info, const char *who, long long *order_id);

/* recording_move(): *old_order and *new_order 0 when either is gone. */
NEOERR *db_recording_move(long long id, long long reservation_id,
    const char *who, long long *old_order, long long *new_order);

/* Whether the recording is still being made (its box records it), and
 * its order; locks its row until the transaction ends. */
NEOERR *db_recording_open(long long id, bool *open, long long *order_id);

/* The recording's media files not yet on the central server (their
 * partial uploads go with the recording). */
NEOERR *db_recording_unsent(long long id, PGresult **res);

/*
 * recording_delete(): the first row holds the order (path NULL), the
 * others the paths of the files to unlink after commit; no row: nothing
 * the caller may delete.
 */
NEOERR *db_recording_delete(long long id, long long scope_order,
    const char *who, PGresult **res);

/*
 * Reservations a recording may move to: those of the order numbered
 * order_q when given, else its own order's and those of the recording's
 * day in any room: id, order_id, company, study_ref, label, current.
 */
NEOERR *db_move_candidates(long long recording_id, long long order_q,
    PGresult **res);

#endif
