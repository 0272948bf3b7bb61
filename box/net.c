/*
 * net.c - schedule, heartbeats and events over the box API (see net.h).
 */
#include "net.h"
#include "central.h"
#include "log.h"
#include "spool.h"
#include "util.h"

#include <curl/curl.h>
#include <jansson.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	const struct box_config *c;
	pthread_t thread;
	bool started;
	pthread_mutex_t lock;
	_Atomic bool stop;
	struct schedule sched; /* the latest good schedule */
	unsigned version;      /* bumped when sched changes */
	struct box_status st;
	time_t last_ok; /* last answer from the server */
	bool down;      /* for logging transitions only */
	char cache[1100];
} N = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void
server_down(const char *what)
{
	if (!N.down)
		log_warn("central server unreachable (%s): %s; working from "
		         "the cached schedule",
		    what, central_error());
	N.down = true;
}

static void
server_up(void)
{
	if (N.down)
		log_info("central server reachable again");
	N.down = false;
	N.last_ok = time(NULL);
}

static void
fetch_schedule(void)
{
	struct buf body = { NULL, 0 };
	struct schedule s;
	char have[128], etag[128], err[200];
	long st;

	pthread_mutex_lock(&N.lock);
	snprintf(have, sizeof(have), "%s", N.sched.etag);
	pthread_mutex_unlock(&N.lock);
	st = central_get("/box/api/schedule", have, &body, etag, sizeof(etag));
	if (st < 0) {
		server_down("schedule");
	} else if (st == 304) {
		server_up();
	} else if (st == 200) {
		server_up();
		if (schedule_parse(body.data, body.len, &s, err, sizeof(err)) !=
		    0) {
			log_error("schedule refused: %s (keeping the last "
			          "good one)",
			    err);
		} else {
			snprintf(s.etag, sizeof(s.etag), "%s", etag);
			if (schedule_save(N.cache, body.data, body.len, etag) !=
			    0)
				log_error("cannot write the schedule cache %s",
				    N.cache);
			log_info("schedule: %zu reservation(s)", s.n);
			pthread_mutex_lock(&N.lock);
			schedule_move(&N.sched, &s);
			N.version++;
			pthread_mutex_unlock(&N.lock);
		}
	} else {
		server_up();
		log_error("schedule: the server answered %ld%s", st,
		    st == 401 || st == 403 ? " (is Box.Token right?)" : "");
	}
	buf_free(&body);
}

static void
send_heartbeat(void)
{
	struct box_status st;
	struct buf body = { NULL, 0 };
	json_t *o;
	char *text;
	long rc;

	pthread_mutex_lock(&N.lock);
	st = N.st;
	pthread_mutex_unlock(&N.lock);
	o = json_pack("{s:s, s:I, s:s, s:i, s:{s:I, s:s, s:s}, s:s, s:s, "
	              "s:s, s:s, s:I, s:i, s:s}",
	    "state", st.state, "disk_free_mb",
	    (json_int_t)disk_free_mb(N.c->media_dir), "recording", st.key,
	    "parts", st.parts, "ffmpeg", "frame", (json_int_t)st.frame,
	    "bitrate", st.bitrate, "speed", st.speed, "live", st.live,
	    "encoding", st.encoding, "message", st.message, "version",
	    N.c->version, "schedule_age",
	    (json_int_t)(N.last_ok ? time(NULL) - N.last_ok : -1),
	    "spooled_events", spool_count(), "local_url", N.c->http_public);
	if (o == NULL)
		return;
	json_object_set_new(o, "reservation",
	    st.resv ? json_integer(st.resv) : json_null());
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL)
		return;
	rc = central_post("/box/api/heartbeat", text, &body);
	free(text);
	buf_free(&body);
	if (rc < 0)
		server_down("heartbeat");
	else if (rc >= 200 && rc < 300)
		server_up();
	else
		log_error("heartbeat: the server answered %ld", rc);
}

/* Sends waiting events, oldest first; stops at the first failure. */
static bool
flush_spool(void)
{
	struct buf body = { NULL, 0 };
	char path[1200];
	char *text;
	long rc;
	int sent = 0;

	while (!N.stop && spool_oldest(path, sizeof(path)) == 0) {
		text = slurp(path, NULL);
		if (text == NULL) {
			spool_reject(path);
			continue;
		}
		rc = central_post("/box/api/events", text, &body);
		free(text);
		buf_free(&body);
		if (rc >= 200 && rc < 300) {
			unlink(path);
			sent++;
			continue;
		}
		if (rc >= 400 && rc < 500 && rc != 401 && rc != 403 &&
		    rc != 408 && rc != 429) {
			log_error("event %s refused by the server (%ld): set "
			          "aside in spool/rejected",
			    path, rc);
			spool_reject(path);
			continue;
		}
		if (rc < 0)
			server_down("events");
		else
			log_warn("events: the server answered %ld, retrying "
			         "later",
			    rc);
		return false;
	}
	if (sent > 0) {
		server_up();
		log_info("events: %d delivered", sent);
	}
	return true;
}

static void *
net_main(void *arg)
{
	time_t now, next_sched = 0, next_hb = 0, next_flush = 0;
	int backoff = 2;

	(void)arg;
	while (!N.stop) {
		now = time(NULL);
		if (now >= next_sched) {
			fetch_schedule();
			next_sched = time(NULL) + N.c->schedule_every;
		}
		if (now >= next_hb) {
			send_heartbeat();
			next_hb = time(NULL) + N.c->heartbeat_every;
		}
		if (now >= next_flush) {
			if (flush_spool()) {
				backoff = 2;
				next_flush = now + 1;
			} else {
				next_flush = now + backoff;
				backoff = backoff < 30 ? backoff * 2 : 60;
			}
		}
		usleep(250000);
	}
	return NULL;
}

int
net_start(const struct box_config *c)
{
	N.c = c;
	snprintf(N.cache, sizeof(N.cache), "%s/schedule.json", c->state_dir);
	if (schedule_load(N.cache, &N.sched) == 0) {
		N.version++;
		log_info("schedule: %zu reservation(s) from the cache",
		    N.sched.n);
	}
	if (central_open(c, "fm-box") != 0)
		return -1;
	if (pthread_create(&N.thread, NULL, net_main, NULL) != 0)
		return -1;
	N.started = true;
	return 0;
}

void
net_stop(void)
{
	if (!N.started)
		return;
	N.stop = true;
	pthread_join(N.thread, NULL);
	N.started = false;
	central_close();
	schedule_free(&N.sched);
}

bool
net_schedule(struct schedule *dst, unsigned *version)
{
	bool changed = false;

	pthread_mutex_lock(&N.lock);
	if (*version != N.version) {
		schedule_free(dst);
		dst->v = calloc(N.sched.n ? N.sched.n : 1, sizeof(*dst->v));
		if (dst->v != NULL) {
			if (N.sched.n)
				memcpy(dst->v, N.sched.v,
				    N.sched.n * sizeof(*dst->v));
			dst->n = N.sched.n;
			dst->box_id = N.sched.box_id;
			memcpy(dst->etag, N.sched.etag, sizeof(dst->etag));
			*version = N.version;
			changed = true;
		}
	}
	pthread_mutex_unlock(&N.lock);
	return changed;
}

void
net_get_status(struct box_status *st, time_t *last_ok)
{
	pthread_mutex_lock(&N.lock);
	*st = N.st;
	*last_ok = N.last_ok;
	pthread_mutex_unlock(&N.lock);
}

void
net_set_status(const struct box_status *st)
{
	pthread_mutex_lock(&N.lock);
	N.st = *st;
	pthread_mutex_unlock(&N.lock);
}
