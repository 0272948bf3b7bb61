/*
 * db_sessions.h - queries on sessions, staff_users and login_attempts.
 */
#ifndef FM_DB_SESSIONS_H
#define FM_DB_SESSIONS_H

#include "db/db.h"

/* The live session whose token hashes to the stored hash: a staff
 * user's (kind "staff", active users only) or an order account's (kind
 * user, client or live, with its order_id and its portal_version();
 * only while the account is valid).  stale is 1 when its last use was
 * recorded more than a minute ago. */
NEOERR *db_session_lookup(const char *token_hex, int idle_secs, PGresult **res);
/* Records the session's use now. */
NEOERR *db_session_touch(long long id);
NEOERR *db_session_create_staff(long long staff_id, const char *token_hex,
    const char *csrf, int max_secs, const char *ip, const char *agent);
/* The same for an order account (order_accounts.id). */
NEOERR *db_session_create_account(long long account_id, const char *token_hex,
    const char *csrf, int max_secs, const char *ip, const char *agent);
NEOERR *db_session_delete(long long id);
NEOERR *db_sessions_purge(int idle_secs);

/* id, login, full_name, role, active, password_hash of a staff login. */
NEOERR *db_staff_by_login(const char *login, PGresult **res);
NEOERR *db_staff_set_hash(long long id, const char *hash);

/* id, order_id, kind, login, password_hash, valid (1 when now is inside
 * its validity period), valid_from and valid_to (DD/MM/YYYY, inclusive)
 * of an order account's login (U42, c42...: any case). */
NEOERR *db_account_by_login(const char *login, PGresult **res);
/* Stores a fresh hash of the same password (sessions are kept). */
NEOERR *db_account_rehash(long long id, const char *hash);

/*
 * The throttle's counts in the last window_min minutes: pair_failures
 * (this login from address ip, since its last success from there; at
 * most max_pair) and pair_wait (minutes until the oldest of them is out
 * of the window), ip_failures (any login from ip, at most max_ip) and
 * ip_wait.
 */
NEOERR *db_login_throttle(const char *login, const char *ip, int max_pair,
    int max_ip, int window_min, PGresult **res);
/* outcome: success, failure or throttled. */
NEOERR *db_login_attempt(const char *login, const char *ip,
    const char *outcome);

#endif
