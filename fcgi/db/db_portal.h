/*
 * db_portal.h - what the sponsors' portal shows of its order: live
 * sessions, one recording to watch.  (The recordings list is
 * db_order_recordings, shared with the staff page.)
 */
#ifndef FM_DB_PORTAL_H
#define FM_DB_PORTAL_H

#include "db/db.h"

/*
 * The order's reservations with the live option, in time order: id,
 * date, start, end, room, site, now (1 while it runs: from 15 minutes
 * before its start to its end), on_air (1 while its box pushes).
 */
NEOERR *db_portal_lives(long long order_id, PGresult **res);

/*
 * A recording with its media (for the player), if it belongs to order_id
 * (0: any): id, order_id, label, room, date, start, end, info, mp4, mp3,
 * mp3_room, mp3_trad (media ids kept centrally).
 */
NEOERR *db_portal_recording(long long recording_id, long long order_id,
    PGresult **res);

#endif
