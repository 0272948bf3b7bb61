/*
 * db_sessions.c - one function per query on sessions and logins.
 *
 * A session's last use is written at most once a minute (when the
 * lookup says it is stale), not at every request.  The session lookup
 * also returns the directory's change counter: every
 * staff page that shows companies can then tell whether its kept HTML is
 * current without another round trip (fragcache.c).
 */
#include "db/db_sessions.h"

#include <stdio.h>

NEOERR *
db_session_lookup(const char *token_hex, int idle_secs, PGresult **res)
{
	/* A staff session needs an active user; an order account's, an
	 * account inside its validity period (checked at every request:
	 * an account that expires ends its sessions there and then). */
	static struct db_stmt st = DB_STMT(
	    "SELECT s.id, s.staff_user_id, s.order_account_id, s.csrf_token,"
	    " coalesce(u.login, a.login) AS login,"
	    " coalesce(u.full_name, a.login) AS full_name,"
	    " coalesce(u.role, '') AS role,"
	    " CASE WHEN u.id IS NOT NULL THEN 'staff' ELSE a.kind END AS kind,"
	    " a.order_id, (s.last_seen < now() - interval '60 seconds')::int"
	    "   AS stale,"
	    " (SELECT n FROM change_counters WHERE topic = 'directory')"
	    "   AS directory_version,"
	    " CASE WHEN a.id IS NOT NULL THEN portal_version(a.order_id) END"
	    "   AS portal_version"
	    " FROM sessions s"
	    " LEFT JOIN staff_users u ON u.id = s.staff_user_id AND u.active"
	    " LEFT JOIN order_accounts a ON a.id = s.order_account_id"
	    "   AND a.valid_from <= now() AND a.valid_until > now()"
	    " WHERE s.token_hash = sha256(decode($1, 'hex'))"
	    "   AND s.expires_at > now()"
	    "   AND s.last_seen > now() - make_interval(secs => $2::int)"
	    "   AND (u.id IS NOT NULL OR a.id IS NOT NULL)");
	char idle[24];

	return DBQ(&st, res, token_hex, db_int(idle, idle_secs));
}

NEOERR *
db_session_touch(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE sessions SET last_seen = now() WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id));
}

NEOERR *
db_session_create_staff(long long staff_id, const char *token_hex,
    const char *csrf, int max_secs, const char *ip, const char *agent)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO sessions (token_hash, staff_user_id, csrf_token,"
	    " expires_at, ip, user_agent)"
	    " VALUES (sha256(decode($1, 'hex')), $2::bigint, $3,"
	    " now() + make_interval(secs => $4::int), $5::inet, left($6, "
	    "500))");
	char id[24], secs[24];

	return DBQ(&st, NULL, token_hex, db_int(id, staff_id), csrf,
	    db_int(secs, max_secs), ip, agent);
}

NEOERR *
db_session_create_account(long long account_id, const char *token_hex,
    const char *csrf, int max_secs, const char *ip, const char *agent)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO sessions (token_hash, order_account_id, csrf_token,"
	    " expires_at, ip, user_agent)"
	    " VALUES (sha256(decode($1, 'hex')), $2::bigint, $3,"
	    " now() + make_interval(secs => $4::int), $5::inet, left($6, "
	    "500))");
	char id[24], secs[24];

	return DBQ(&st, NULL, token_hex, db_int(id, account_id), csrf,
	    db_int(secs, max_secs), ip, agent);
}

NEOERR *
db_session_delete(long long id)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM sessions WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id));
}

NEOERR *
db_sessions_purge(int idle_secs)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM sessions WHERE expires_at < now()"
	    " OR last_seen < now() - make_interval(secs => $1::int)");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, idle_secs));
}

NEOERR *
db_staff_by_login(const char *login, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, login, full_name, role, active::int AS active,"
	    " password_hash FROM staff_users WHERE lower(login) = lower($1)");

	return DBQ(&st, res, login);
}

NEOERR *
db_staff_set_hash(long long id, const char *hash)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE staff_users SET password_hash = $2,"
	    " password_changed_at = now() WHERE id = $1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), hash);
}

NEOERR *
db_account_by_login(const char *login, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, order_id, kind, login, password_hash,"
	    " (valid_from <= now() AND valid_until > now())::int AS valid,"
	    " fm_date(valid_from::date) AS valid_from,"
	    " fm_date((valid_until - interval '1 day')::date) AS valid_to"
	    " FROM order_accounts WHERE login = upper($1)");

	return DBQ(&st, res, login);
}

NEOERR *
db_account_rehash(long long id, const char *hash)
{
	/* Same password, newer parameters: password_changed_at stays, and
	 * so do the account's other sessions. */
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET password_hash = $2 WHERE id = "
	    "$1::bigint");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), hash);
}

NEOERR *
db_login_throttle(const char *login, const char *ip, int max_pair, int max_ip,
    int window_min, PGresult **res)
{
	/* The last failures of this login from this address since its last
	 * success from there, and of any login from this address, inside the
	 * window; how long until the oldest of them leaves it. */
	static struct db_stmt st = DB_STMT(
	    "WITH p AS (SELECT at FROM login_attempts"
	    "  WHERE lower(login) = lower($1) AND ip IS NOT DISTINCT FROM "
	    "$2::inet"
	    "  AND outcome = 'failure'"
	    "  AND at > now() - make_interval(mins => $5::int)"
	    "  AND at > coalesce((SELECT max(at) FROM login_attempts"
	    "   WHERE lower(login) = lower($1)"
	    "   AND ip IS NOT DISTINCT FROM $2::inet AND outcome = 'success'),"
	    "   '-infinity')"
	    "  ORDER BY at DESC LIMIT $3::int),"
	    " a AS (SELECT at FROM login_attempts"
	    "  WHERE ip = $2::inet AND outcome = 'failure'"
	    "  AND at > now() - make_interval(mins => $5::int)"
	    "  ORDER BY at DESC LIMIT $4::int)"
	    "SELECT (SELECT count(*) FROM p) AS pair_failures,"
	    " coalesce((SELECT ceil(extract(epoch FROM min(at)"
	    "  + make_interval(mins => $5::int) - now()) / 60) FROM p), 0)::int"
	    "  AS pair_wait,"
	    " (SELECT count(*) FROM a) AS ip_failures,"
	    " coalesce((SELECT ceil(extract(epoch FROM min(at)"
	    "  + make_interval(mins => $5::int) - now()) / 60) FROM a), 0)::int"
	    "  AS ip_wait");
	char a[24], b[24], c[24];

	return DBQ(&st, res, login, ip, db_int(a, max_pair), db_int(b, max_ip),
	    db_int(c, window_min));
}

NEOERR *
db_login_attempt(const char *login, const char *ip, const char *outcome)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO login_attempts (login, ip, outcome)"
	    " VALUES (left($1, 200), $2::inet, $3)");

	return DBQ(&st, NULL, login, ip, outcome);
}
