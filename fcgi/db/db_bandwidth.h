/*
 * db_bandwidth.h - the 95th-percentile bandwidth report (bandwidth.c;
 * what counts is SQL's: db/functions/bandwidth.sql).
 */
#ifndef FM_DB_BANDWIDTH_H
#define FM_DB_BANDWIDTH_H

#include "db/db.h"

/* The contract's settings, as the form shows them. */
#define BANDWIDTH_SETTINGS(X)                       \
	X(floor_mbps, FT_DECIMAL, true, 0, 0, NULL) \
	X(price_per_mbps, FT_MONEY, true, 0, 0, NULL)
DB_VALUES(bandwidth_settings, BANDWIDTH_SETTINGS);

/* month (YYYY-MM-01): slots, p95, peak, floor_mbps, overage (in lang),
 * price_per_mbps, amount (money in lang), p95_value, floor_value; the
 * chart: points (an SVG polyline in 600 x 200), p95_y, floor_y, scale. */
NEOERR *db_bandwidth_month(const char *month, const char *lang, PGresult **res);
/* Per class: class, sent, received (in lang). */
NEOERR *db_bandwidth_classes(const char *month, const char *lang,
    PGresult **res);
/* Every slot: at (ISO 8601, UTC), mbps_out, mbps_in, mbps. */
NEOERR *db_bandwidth_slots(const char *month, PGresult **res);
/* floor_mbps, price_per_mbps as stored (for the form). */
NEOERR *db_bandwidth_settings(PGresult **res);
NEOERR *db_bandwidth_settings_update(const struct bandwidth_settings *v);

#endif
