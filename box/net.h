/*
 * net.h - the network thread: fetches the schedule every
 * Schedule.Interval (with its ETag, and into the disk cache), sends a
 * heartbeat every Heartbeat.Interval, and delivers the spooled events in
 * order.  The main thread never waits on the network, so recordings
 * start and stop on time whatever the server or the network does.
 */
#ifndef FM_NET_H
#define FM_NET_H

#include "boxconf.h"
#include "boxstate.h"
#include "schedule.h"

#include <time.h>

/* Starts the thread; the cached schedule is loaded first. */
int net_start(const struct box_config *c);

/* Asks the thread to stop and waits for it (at most Central.Timeout). */
void net_stop(void);

/*
 * Copies the latest schedule into dst when it changed since *version;
 * returns true when it did.
 */
bool net_schedule(struct schedule *dst, unsigned *version);

/* Publishes what the next heartbeat reports. */
void net_set_status(const struct box_status *st);

/* The last status set, and when the central server last answered (0:
 * never): for the local /metrics (httpd.c). */
void net_get_status(struct box_status *st, time_t *last_ok);

#endif
