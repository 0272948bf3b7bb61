/*
 * db_live.h - queries of live viewing (live.c): nginx-rtmp's callbacks,
 * the HLS authorisation, the live page and its state.
 */
#ifndef FM_DB_LIVE_H
#define FM_DB_LIVE_H

#include "db/db.h"

/*
 * The boxes that may push stream key `key` now (live_publish_candidates()
 * of db/functions/live.sql): reservation_id, box_id, link_key, window_end
 * (Unix time: the reservation's end, overtime and 5 minutes); no row when the
 * key is unknown, its reservation has no Live option, or it is outside
 * its time slot.
 */
NEOERR *db_live_candidates(const char *key, PGresult **res);

/* Records a push that on_publish accepted, with its signature's expiry
 * (Unix time): id of the new live session. */
NEOERR *db_live_start(long long reservation, long long box, const char *name,
    const char *client_id, const char *addr, long long sig_expires,
    PGresult **res);

/* on_publish_done: ends the open push of key by nginx-rtmp's client id. */
NEOERR *db_live_done(const char *key, const char *client_id);

/*
 * on_update: the push of key by client id goes on (updated_at); no row
 * when it is not open, its reservation lost the Live option or its time
 * slot, its box is inactive or of another room, or its signature
 * expired: the push is then cut.
 */
NEOERR *db_live_update(const char *key, const char *client_id, PGresult **res);

/*
 * The HLS authorisation, in one statement: a row when the session whose
 * cookie token is token_hex (valid, not idle for idle_secs) is a staff
 * user's or an account's of the order of reservation `resv` (live
 * option), inside the account's validity.
 */
NEOERR *db_live_may_watch(const char *token_hex, int idle_secs, long long resv,
    PGresult **res);

/*
 * One live reservation for its page, if it belongs to order_id (0: any,
 * staff): id, order_id, date, start, end, room, site, study_ref,
 * now (1 from 15 minutes before its start to its end), on_air (1 while a
 * push is reported), started (HH:MM of the push on air), ended (HH:MM of
 * the last push's end).
 */
NEOERR *db_live_get(long long resv, long long order_id, PGresult **res);

/* The reservations on air now with their room: reservation_id, room_id,
 * room, site, order_id, since (HH:MM). */
NEOERR *db_live_on_air(PGresult **res);

#endif
