/*
 * db_sessions.h - queries on sessions, staff_users and login_attempts.
 */
#ifndef FM_DB_SESSIONS_H
#define FM_DB_SESSIONS_H

#include "db.h"

/* The live session whose token hashes to the stored hash; stale is 1
 * when its last use was recorded more than a minute ago. */
NEOERR *db_session_lookup(const char *token_hex, int idle_secs,
    PGresult **res);
/* Records the session's use now. */
NEOERR *db_session_touch(long long id);
NEOERR *db_session_create_staff(long long staff_id, const char *token_hex,
    const char *csrf, int max_secs, const char *ip, const char *agent);
NEOERR *db_session_delete(long long id);
NEOERR *db_sessions_purge(int idle_secs);

/* id, login, full_name, role, active, password_hash of a staff login. */
NEOERR *db_staff_by_login(const char *login, PGresult **res);
NEOERR *db_staff_set_hash(long long id, const char *hash);

/* failures and wait_minutes for a login in the throttling window. */
NEOERR *db_login_failures(const char *login, PGresult **res);
/* outcome: success, failure or throttled. */
NEOERR *db_login_attempt(const char *login, const char *ip,
    const char *outcome);

#endif
