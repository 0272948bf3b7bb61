/*
 * db_chat.h - queries of the live chat (chat.c).
 */
#ifndef FM_DB_CHAT_H
#define FM_DB_CHAT_H

#include "db/db.h"

/*
 * What a viewer's poll needs, in one statement: no row when reservation
 * `resv` has no Live option or is not of order_id (0: any, staff).
 * Otherwise one row per message whose id is above `after` or whose
 * hiding (hide_seq) is above `hafter` (at most the 200 latest), or one
 * row with NULL message columns.  Every row carries the live state:
 * on_air (1/0), started, ended (HH:MM or NULL), me_muted (the caller,
 * order account `account` or staff user `staff`, is muted).  Message
 * columns: id, author, login, body, at (HH:MM:SS), hidden (1/0), hide_seq,
 * staff (1 when a staff user wrote it), muted (its author is muted).
 */
NEOERR *db_chat_poll(long long resv, long long order_id, long long after,
    long long hafter, long long account, long long staff, PGresult **res);

/*
 * Posts a message through chat_post() (db/functions/chat.sql) if
 * reservation resv is a live one of order_id (0: any): no row otherwise;
 * else one column `result`: the new id, 'muted', 'rate' or 'reserved' (a
 * viewer took a staff user's name).
 */
NEOERR *db_chat_post(long long resv, long long order_id, long long session,
    long long account, long long staff, const char *login, const char *author,
    const char *body, PGresult **res);

/* Hides a message (staff): its reservation_id, no row when unknown. */
NEOERR *db_chat_hide(long long message, const char *who, PGresult **res);

/* Mutes (mute true) or lets speak again the author of a message in that
 * live, its account whatever the session: its reservation_id, no row when
 * the message is unknown. */
NEOERR *db_chat_mute(long long message, bool mute, const char *who,
    PGresult **res);

/* Every message of a live for the export: at (YYYY-MM-DD HH:MM:SS),
 * author, login, body, hidden (1/0), hidden_by. */
NEOERR *db_chat_export(long long resv, PGresult **res);

#endif
