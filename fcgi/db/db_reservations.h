/*
 * db_reservations.h - queries on room reservations and the planning.
 */
#ifndef FM_DB_RESERVATIONS_H
#define FM_DB_RESERVATIONS_H

#include "db/db.h"

/* A reservation, as its form gives it and its statements take it: times
 * HH:MM (end 24:00 allowed), overtime in hours. */
#define RESERVATION(X)                             \
	X(room_id, FT_ID, true, 0, 0, NULL)        \
	X(date, FT_DATE, true, 0, 0, NULL)         \
	X(start, FT_TIME, true, 0, 0, NULL)        \
	X(end, FT_TIME, true, 0, 0, NULL)          \
	X(tariff_id, FT_ID, true, 0, 0, NULL)      \
	X(rec, FT_BOOL, false, 0, 0, NULL)         \
	X(trad, FT_BOOL, false, 0, 0, NULL)        \
	X(live, FT_BOOL, false, 0, 0, NULL)        \
	X(overtime, FT_DECIMAL, false, 0, 0, NULL) \
	X(info, FT_TEXT, false, 200, 0, NULL)
DB_VALUES(reservation, RESERVATION);

/* The order's reservations in time order, with room and tariff names
 * (label in lang) and amounts formatted for lang. */
NEOERR *db_reservations_of(long long order_id, const char *lang,
    PGresult **res);

/* One reservation as its form shows it: order_id, room_id, date, start,
 * end, tariff_id, rec, trad, live, overtime (hours), info. */
NEOERR *db_reservation_get(long long id, const char *lang, PGresult **res);

/* The order of reservation id, 0 when there is none. */
NEOERR *db_reservation_order(long long id, long long *order_id);

/* FM_ERR_CONFLICT when the room is taken. */
NEOERR *db_reservation_insert(long long order_id, const struct reservation *v);
NEOERR *db_reservation_update(long long id, const struct reservation *v,
    bool *found);
NEOERR *db_reservation_delete(long long id);

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

/* What to ask before moving the reservation to room (kind, detail rows;
 * none: nothing to ask): reservation_move_warnings(). */
NEOERR *db_reservation_move_warnings(long long id, long long room,
    PGresult **res);

#endif
