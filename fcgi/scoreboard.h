/*
 * scoreboard.h - what each worker is doing, in memory shared with the
 * master: the request in flight (method, path, route, client) and the
 * time by which it must be over.  The master checks it every second and
 * kills a worker past its deadline (master.c); the one that replaces it
 * serves the next requests, the others never stopped.
 */
#ifndef FM_SCOREBOARD_H
#define FM_SCOREBOARD_H

#include <stdbool.h>
#include <sys/types.h>

#define SCOREBOARD_SLOTS 600 /* workers of two generations, with room */

struct score {
	unsigned seq;         /* odd while a request is in flight */
	long long started_ms; /* CLOCK_MONOTONIC */
	long long deadline_ms;
	char method[8];
	char path[160];
	char route[64];
	char client[48];
};

/* In the master, before the first fork: false when no memory. */
bool scoreboard_init(void);

/* The slot of this process (the child of spawn sets it). */
void scoreboard_use(int slot);

/* Worker: a request starts (deadline_s from now), names its route and
 * deadline once known, ends.  Values are copied, cut to fit and made
 * printable. */
void scoreboard_begin(const char *method, const char *path, const char *client,
    int deadline_s);
void scoreboard_route(const char *pattern, int deadline_s);
void scoreboard_end(void);

/* Master: the slot's request when it is past its deadline at now_ms
 * (copied to out, with its seq), false otherwise. */
bool scoreboard_overdue(int slot, long long now_ms, struct score *out);

/* Master: true while slot still runs the request seq (not finished). */
bool scoreboard_same(int slot, unsigned seq);

/* Milliseconds of CLOCK_MONOTONIC. */
long long scoreboard_now_ms(void);

#endif
