/*
 * db_guarantee.h - the recording guarantee: the recording report (per
 * box, per month, the sessions not recorded), its settings, and the box
 * outages staff declare or confirm (docs/operations.md).
 */
#ifndef FM_DB_GUARANTEE_H
#define FM_DB_GUARANTEE_H

#include "db/db.h"

/* An outage as staff declare or correct it: each moment a day and a time
 * (the site's time zone); the repair's start and the restoration may
 * wait. */
#define OUTAGE(X)                                    \
	X(detected_day, FT_DATE, true, 0, 0, NULL)   \
	X(detected_time, FT_TIME, true, 0, 0, NULL)  \
	X(repair_day, FT_DATE, false, 0, 0, NULL)    \
	X(repair_time, FT_TIME, false, 0, 0, NULL)   \
	X(restored_day, FT_DATE, false, 0, 0, NULL)  \
	X(restored_time, FT_TIME, false, 0, 0, NULL) \
	X(note, FT_TEXT, false, 200, 0, NULL)
DB_VALUES(outage, OUTAGE);

/* coverage_pct, guarantee_pct (as people read it in lang). */
NEOERR *db_rate_settings(const char *lang, PGresult **res);
NEOERR *db_rate_settings_update(int coverage_pct);

/* Every box with a room: id, name, site, room, active, scheduled,
 * recorded, excluded, rate (text in lang), rate_value, below. */
NEOERR *db_rate_boxes(int year, const char *lang, PGresult **res);
/* box_id, month (1-12), cell ("recorded/scheduled" or empty), below:
 * every box times every month, by box then month. */
NEOERR *db_rate_box_months(int year, const char *lang, PGresult **res);
/* The site per month: month, scheduled, recorded, excluded, rate (text),
 * rate_value, below, and the chart's bar (x, y, h). */
NEOERR *db_rate_months(int year, const char *lang, PGresult **res);
/* The counted sessions not recorded: reservation_id, order_id, study_ref,
 * day, times, box, covered (text), measured. */
NEOERR *db_rate_missed(int year, const char *lang, PGresult **res);

/* Outages of a box (box > 0, all of them), the one outage -box (box <
 * 0) or, box 0, those open or
 * proposed and the last 20 others of every box: id, box_id, box,
 * detected, repair, restored (text), the form's values (detected_day...),
 * status, reason, reservation_id, note, open. */
NEOERR *db_outages(long long box, PGresult **res);
/* A declaration by staff who (a login: confirmed); its id in *id. */
NEOERR *db_outage_insert(long long box, const char *who, const struct outage *o,
    long long *id);
/* Corrects an outage and confirms it; *box its box (0: no such row). */
NEOERR *db_outage_update(long long id, const char *who, const struct outage *o,
    long long *box);
/* Dismisses a proposal; *box its box (0: no such proposal). */
NEOERR *db_outage_dismiss(long long id, const char *who, long long *box);

/* id, name, site, room, active, state, last_heartbeat of one box. */
NEOERR *db_box_show(long long box, PGresult **res);

/* The open alerts (fm-alerts): id, rule, subject, summary, opened. */
NEOERR *db_alerts_open(PGresult **res);

#endif
