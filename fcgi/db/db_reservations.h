/*
 * db_reservations.h - queries on room reservations and the planning.
 */
#ifndef FM_DB_RESERVATIONS_H
#define FM_DB_RESERVATIONS_H

#include "db/db.h"

#define RES_VALUES 10

/* The order's reservations in time order, with room and tariff names
 * (label in lang) and amounts formatted for lang. */
NEOERR *db_reservations_of(long long order_id, const char *lang,
    PGresult **res);

/* One reservation as its form shows it: order_id, room_id, date, start,
 * end, tariff_id, rec, trad, live, overtime (hours), info. */
NEOERR *db_reservation_get(long long id, PGresult **res);

/* v: room_id, date, start, end (HH:MM, 24:00 allowed), tariff_id, rec,
 * trad, live, overtime (hours), info.  FM_ERR_CONFLICT when the room is
 * taken. */
NEOERR *db_reservation_insert(long long order_id,
    const char *const v[RES_VALUES], long long *id);
NEOERR *db_reservation_update(long long id, const char *const v[RES_VALUES],
    bool *found);
/* Deletes; *order_id is the order it belonged to (0: not found). */
NEOERR *db_reservation_delete(long long id, long long *order_id);

/* Moves to another room, same times; *order_id 0 when not found. */
NEOERR *db_reservation_move(long long id, long long room_id,
    long long *order_id);

/* What holds room_id on date between start and end (except reservation
 * `except`): order_id, company, study_ref, room, date, start, end. */
NEOERR *db_reservation_conflict(const char *room_id, const char *date,
    const char *start, const char *end, long long except, PGresult **res);
/* The same for an existing reservation moved to room_id. */
NEOERR *db_reservation_move_conflict(long long id, long long room_id,
    PGresult **res);

/* The order's last reservation (to propose the next one). */
NEOERR *db_reservation_last(long long order_id, PGresult **res);

/* Rooms (active, or holding a reservation between from and to) grouped
 * by site. */
NEOERR *db_planning_rooms(const char *from, const char *to, PGresult **res);

/* Reservations meeting [from, to) (dates) with their order, company,
 * options and position in minutes from midnight. */
NEOERR *db_planning_reservations(const char *from, const char *to,
    PGresult **res);

/* Dates around a day: monday of its week, previous/next day and week,
 * today (ISO), and the week's days; with the planning's version (read
 * before any reservation, see fragcache.h). */
NEOERR *db_planning_days(const char *day, int ndays, PGresult **res);

#endif
