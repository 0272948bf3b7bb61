/*
 * db_outbox.c - one function per query on the mail outbox.
 */
#include "db/db_outbox.h"

#include <stdlib.h>

NEOERR *
db_outbox_insert(const char *to, const char *subject, const char *body,
    long long order_id, long long account_id, const char *secret,
    const char *created_by)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO outbox (\"to\", subject, body, order_id, account_id,"
	    " redact, created_by)"
	    " VALUES ($1, $2, $3, nullif($4::bigint, 0), nullif($5::bigint, 0),"
	    " CASE WHEN $6::text IS NULL THEN NULL ELSE ARRAY[$6::text] END, "
	    "$7)");
	char a[24], b[24];

	return DBQ(&st, NULL, to, subject, body, db_int(a, order_id),
	    db_int(b, account_id), secret, created_by);
}

#define OUTBOX_COLS                                                       \
	" m.id, m.\"to\", m.subject, m.status, m.attempts, m.last_error," \
	" to_char(m.created_at, 'DD/MM/YYYY HH24:MI') AS created,"        \
	" CASE WHEN m.status = 'pending' THEN"                            \
	"  to_char(m.next_attempt_at, 'DD/MM/YYYY HH24:MI') END AS "      \
	"next_attempt,"                                                   \
	" to_char(m.sent_at, 'DD/MM/YYYY HH24:MI') AS sent,"              \
	" a.login AS account, m.created_by, m.order_id"

NEOERR *
db_outbox_of_order(long long order_id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT" OUTBOX_COLS
	    " FROM outbox m LEFT JOIN order_accounts a ON a.id = m.account_id"
	    " WHERE m.order_id = $1::bigint ORDER BY m.id DESC LIMIT 50");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order_id));
}

NEOERR *
db_outbox_list(const char *status, int limit, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT" OUTBOX_COLS
	    " FROM outbox m LEFT JOIN order_accounts a ON a.id = m.account_id"
	    " WHERE ($1 = '' OR m.status = $1)"
	    " ORDER BY m.id DESC LIMIT $2::int");
	char buf[24];

	return DBQ(&st, res, status, db_int(buf, limit));
}

NEOERR *
db_outbox_counts(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))"
	    "  AS pending,"
	    " count(*) FILTER (WHERE status = 'failed') AS failed,"
	    " count(*) FILTER (WHERE status = 'pending' AND attempts > 0)"
	    "  AS retrying"
	    " FROM outbox WHERE status IN ('pending', 'sending', 'failed')");

	return DBQ0(&st, res);
}

NEOERR *
db_outbox_retry(long long id, bool *found)
{
	/* attempts restart: the back-off starts again from a minute. */
	static struct db_stmt st = DB_STMT(
	    "UPDATE outbox SET status = 'pending', next_attempt_at = now(),"
	    " attempts = 0 WHERE id = $1::bigint"
	    " AND status IN ('pending', 'failed')");

	return db_by_id(&st, id, NULL, 0, found);
}

NEOERR *
db_outbox_cancel(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE outbox SET status = 'cancelled',"
	    " body = outbox_redacted(body, redact), redact = NULL"
	    " WHERE id = $1::bigint AND status IN ('pending', 'failed')");

	return db_by_id(&st, id, NULL, 0, found);
}
