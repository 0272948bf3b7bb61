/*
 * schedule.h - the reservations a box must record, as the central server
 * sends them (GET /box/api/schedule, docs/box-api.md) and as the box keeps
 * them on disk, so that it records on time when the server or the network
 * is down.
 */
#ifndef FM_SCHEDULE_H
#define FM_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct resv {
	long long id;
	time_t start, end; /* booked times */
	int overtime_min;  /* recording goes on until end + overtime */
	bool rec, live, trad;
	char stream_key[96]; /* for live: the RTMP stream name */
	char live_url[256];  /* rtmp://host/app, "" to use Live.URL */
	char label[160];     /* order reference, for logs and file names */
};

struct schedule {
	struct resv *v;
	size_t n;
	long long box_id;
	char etag[128];
};

/*
 * Parses the JSON body of a schedule answer.  Returns 0 on success;
 * -1 with a reason in err when the document is not a schedule (the old
 * copy must then be kept).
 */
int schedule_parse(const char *json, size_t len, struct schedule *out,
    char *err, size_t errlen);

void schedule_free(struct schedule *s);

/* Moves src into dst (freeing what dst held); src is left empty. */
void schedule_move(struct schedule *dst, struct schedule *src);

/*
 * The cache: path holds the body exactly as received, path.etag its
 * ETag.  save writes both atomically (temporary file, fsync, rename),
 * load reads and parses them; both return 0 on success.
 */
int schedule_save(const char *path, const char *json, size_t len,
    const char *etag);
int schedule_load(const char *path, struct schedule *out);

/* The time recording stops for r: end + overtime. */
time_t resv_stop_time(const struct resv *r);

/*
 * The reservation to encode at now: rec or live set and
 * start - preroll <= now < end + overtime; the earliest when two
 * overlap (the next one starts when the previous one stops).
 */
const struct resv *schedule_due(const struct schedule *s, time_t now,
    int preroll);

/*
 * True when a reservation with rec or live is due at some time between
 * now and now + secs (pre-roll included): the box is not idle for work
 * that takes that long.
 */
bool schedule_busy_within(const struct schedule *s, time_t now, int secs,
    int preroll);

/* The reservation with this id, or NULL. */
const struct resv *schedule_find(const struct schedule *s, long long id);

/* Parses "2026-11-26T10:00:00Z" or with a +hh:mm offset; -1 when bad. */
time_t parse_rfc3339(const char *s);

/* Formats t as "2026-11-26T10:00:00Z" into out (at least 21 bytes). */
void format_rfc3339(time_t t, char *out, size_t len);

#endif
