/*
 * db_outbox.h - queries on the mail outbox (focusd writes messages,
 * fm-mail sends them).
 */
#ifndef FM_DB_OUTBOX_H
#define FM_DB_OUTBOX_H

#include "db/db.h"

/* Queues a message.  secret (may be NULL) is blanked out of the stored
 * body once the message is sent or cancelled. */
NEOERR *db_outbox_insert(const char *to, const char *subject, const char *body,
    long long order_id, long long account_id, const char *secret,
    const char *created_by);

/* The order's messages, newest first: id, to, subject, status, attempts,
 * last_error, created (DD/MM/YYYY HH:MM), next_attempt, sent, account. */
NEOERR *db_outbox_of_order(long long order_id, PGresult **res);

/* Messages with the given status ("" for all), newest first, at most
 * limit: the columns of db_outbox_of_order plus order_id, body. */
NEOERR *db_outbox_list(const char *status, int limit, PGresult **res);

/* Counts of messages per status: pending, failed. */
NEOERR *db_outbox_counts(PGresult **res);

/* Sends a failed or pending message again now; cancels one not yet sent.
 * *found false when there is no such message in a state that allows it. */
NEOERR *db_outbox_retry(long long id, bool *found);
NEOERR *db_outbox_cancel(long long id, bool *found);

#endif
