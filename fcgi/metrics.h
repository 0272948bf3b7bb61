/*
 * metrics.h - focusd's counters for GET /metrics (Prometheus' text
 * format, docs/operations.md "Metrics"): requests per route and status
 * with their duration, worker restarts, database errors.  They live in
 * memory shared by the master and every worker (made before the first
 * fork, like the scoreboard) and only grow while focusd runs.
 */
#ifndef FM_METRICS_H
#define FM_METRICS_H

#include "fm.h"

#include <stdbool.h>

/* In the master, before the first fork: false when no memory. */
bool metrics_init(void);

/* Worker: a request of route number route (its row in routes_table(),
 * -1: none matched) ended with status after ms milliseconds. */
void metrics_request(int route, int status, double ms);

/* Worker: a request failed on the database. */
void metrics_db_error(void);

/* Master: a worker died and was replaced. */
void metrics_worker_restart(void);

/* Appends the counters in the text format to out. */
NEOERR *metrics_write(STRING *out);

#endif
