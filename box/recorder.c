/*
 * recorder.c - the recording state machine (see recorder.h).
 */
#include "recorder.h"
#include "encoder.h"
#include "ffcmd.h"
#include "finished.h"
#include "join.h"
#include "linksign.h"
#include "log.h"
#include "proc.h"
#include "recinfo.h"
#include "spool.h"
#include "util.h"
#include "digest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define STOP_GRACE  10 /* seconds ffmpeg gets to close its file */
#define RELAY_RETRY 3  /* seconds between live push attempts */
#define RELAY_STALL 20 /* seconds without progress: restart the push */

static struct {
	const struct box_config *c;
	bool active;
	struct recinfo ri;
	struct proc enc, relay;
	bool stopping;     /* the encoder was asked to stop for good */
	time_t next_start; /* when to (re)start the encoder */
	time_t relay_next;
	time_t last_sync;
	int fails; /* encoder runs that ended early, in a row */
	char live_url
	    [512]; /* rtmp://host/app/key?r=…&e=…&sig=…, "" without live */
	char error[200];
} R;

static void
abs_path(const char *rel, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", R.c->media_dir, rel);
}

static void
save(void)
{
	if (recinfo_save(R.c->state_dir, &R.ri) != 0)
		log_error("recorder: cannot save the state of %s", R.ri.key);
}

static json_t *
event(void)
{
	return json_pack("{s:s, s:I}", "recording", R.ri.key, "reservation",
	    (json_int_t)R.ri.resv);
}

/* How long after its reservation's end (and overtime) a push's
 * signature stays good: the central server refuses an hour more. */
#define LIVE_SIG_MARGIN (30 * 60)

static void
set_live(const struct resv *r)
{
	const char *base = r->live_url[0] ? r->live_url : R.c->live_url;
	long long expires = (long long)r->end + r->overtime_min * 60LL +
	    LIVE_SIG_MARGIN;
	char sig[LINK_HEX_LEN + 1];

	R.live_url[0] = '\0';
	/* The push carries the box's signature of its reservation's stream
	 * key until an expiry, which the central server's on_publish checks
	 * (docs/live.md): never the token itself (RTMP has no TLS). */
	if (r->live && r->stream_key[0] && base[0] &&
	    live_signature(R.c->link_key, r->id, r->stream_key, expires, sig))
		snprintf(R.live_url, sizeof(R.live_url),
		    "%s/%s?r=%lld&e=%lld&sig=%s", base, r->stream_key, r->id,
		    expires, sig);
}

static void
start_part(time_t now)
{
	char rel[256], path[1200], logp[1200];
	struct argv a;
	int i = R.ri.nparts;
	char at[32];
	json_t *ev;

	if (i >= REC_MAX_PARTS) {
		snprintf(R.error, sizeof(R.error),
		    "too many restarts of "
		    "ffmpeg: recording given up");
		R.next_start = now + 3600;
		return;
	}
	rec_part_rel(&R.ri, i, rel, sizeof(rel));
	abs_path(rel, path, sizeof(path));
	snprintf(logp, sizeof(logp), "%s/logs/%s.log", R.c->state_dir,
	    R.ri.key);
	argv_init(&a);
	ffcmd_record(R.c, path, R.live_url[0] ? R.c->relay_port : 0, &a);
	if (proc_start(&R.enc, "record", &a, logp, 0) != 0) {
		R.fails++;
		R.next_start = now + 5;
		argv_free(&a);
		return;
	}
	argv_free(&a);
	memset(&R.ri.parts[i], 0, sizeof(R.ri.parts[i]));
	R.ri.parts[i].started = now;
	R.ri.nparts = i + 1;
	R.last_sync = now;
	R.relay_next = now + 1;
	save();
	log_info("recorder: %s part %d started", R.ri.key, i + 1);
	if (R.ri.rec) {
		ev = event();
		format_rfc3339(now, at, sizeof(at));
		json_object_set_new(ev, "part", json_integer(i + 1));
		json_object_set_new(ev, "started_at", json_string(at));
		json_object_set_new(ev, "path", json_string(rel));
		spool_add("part", ev);
	}
}

static void
start_recording(const struct resv *r, time_t now)
{
	char dir[1200], stamp[32], at[32];
	struct tm tm;
	json_t *ev;

	memset(&R.ri, 0, sizeof(R.ri));
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(R.ri.key, sizeof(R.ri.key), "%s-r%lld", stamp, r->id);
	R.ri.resv = r->id;
	R.ri.rec = r->rec;
	R.ri.live = r->live;
	snprintf(R.ri.label, sizeof(R.ri.label), "%s", r->label);
	R.ri.status = REC_RECORDING;
	R.ri.started = now;
	abs_path(R.ri.key, dir, sizeof(dir));
	if (mkdir_p(dir) != 0) {
		log_error("recorder: cannot create %s: %s", dir,
		    strerror(errno));
		snprintf(R.error, sizeof(R.error),
		    "cannot create the "
		    "recording folder");
		return;
	}
	R.active = true;
	R.stopping = false;
	R.fails = 0;
	R.error[0] = '\0';
	set_live(r);
	log_info("recorder: reservation %lld (%s): recording %s%s", r->id,
	    r->label, R.ri.key, R.live_url[0] ? " with live" : "");
	save();
	if (R.ri.rec) {
		ev = event();
		format_rfc3339(now, at, sizeof(at));
		json_object_set_new(ev, "started_at", json_string(at));
		spool_add("started", ev);
	}
	start_part(now);
}

static const char *
end_reason(int status)
{
	if (R.stopping)
		return "stop";
	if (WIFSIGNALED(status))
		return "killed";
	return "crash";
}

/* The encoder ended: record why; a restart follows if still due. */
static void
part_ended(time_t now)
{
	struct recpart *p = &R.ri.parts[R.ri.nparts - 1];
	int delay;

	p->ended = now;
	snprintf(p->end_reason, sizeof(p->end_reason), "%s",
	    end_reason(R.enc.status));
	save();
	if (R.stopping)
		return;
	if (now - p->started >= 30)
		R.fails = 0;
	R.fails++;
	/* Restart at once the first time, then back off (ffmpeg that keeps
	 * failing: a device gone), never more than 10 s. */
	delay = R.fails <= 1
	    ? R.c->restart_delay
	    : R.c->restart_delay * (1 << (R.fails > 4 ? 4 : R.fails - 1));
	if (delay > 10)
		delay = 10;
	R.next_start = now + delay;
	log_warn("recorder: %s part %d ended early (%s, status %d): "
	         "restarting in %d s",
	    R.ri.key, R.ri.nparts, p->end_reason, R.enc.status, delay);
	if (R.fails >= 3)
		snprintf(R.error, sizeof(R.error),
		    "ffmpeg keeps failing "
		    "(see %s/logs/%s.log)",
		    R.c->state_dir, R.ri.key);
}

static void
stop_relay(void)
{
	if (R.relay.pid)
		proc_stop(&R.relay, 2);
}

static void
tick_relay(const struct schedule *s, time_t now)
{
	if (R.relay.pid) {
		if (proc_poll(&R.relay)) {
			log_warn("recorder: live push ended (status %d): "
			         "retrying in %d s",
			    R.relay.status, RELAY_RETRY);
			R.relay_next = now + RELAY_RETRY;
		} else if (R.relay.stop_sent) {
			proc_stop(&R.relay, 2);
		} else if (now - R.relay.started > RELAY_STALL &&
		    now -
		            (R.relay.prog.updated ? R.relay.prog.updated
		                                  : R.relay.started) >
		        RELAY_STALL) {
			log_warn("recorder: live push stalled: restarting it");
			proc_stop(&R.relay, 2);
		}
		return;
	}
	if (R.live_url[0] && R.enc.pid && !R.stopping && now >= R.relay_next) {
		const struct resv *r = schedule_find(s, R.ri.resv);
		char logp[1200];
		struct argv a;

		/* Signed again from the latest schedule: a longer overtime
		 * gives a later expiry. */
		if (r != NULL)
			set_live(r);
		if (!R.live_url[0])
			return;
		snprintf(logp, sizeof(logp), "%s/logs/%s.live.log",
		    R.c->state_dir, R.ri.key);
		argv_init(&a);
		ffcmd_relay(R.c, R.c->relay_port, R.live_url, &a);
		if (proc_start(&R.relay, "live", &a, logp, 0) != 0)
			R.relay_next = now + RELAY_RETRY;
		argv_free(&a);
	}
}

/*
 * Reports a finished file: size and SHA-256 for the central server, and
 * its manifest for fm-upload (finished.h), written first: the manifest is
 * the box's own record that the file is complete.
 */
void
report_file(const struct box_config *c, const char *key, long long resv,
    const char *kind, const char *rel, long long duration_ms)
{
	struct finished f;
	char path[1200];
	json_t *ev;

	memset(&f, 0, sizeof(f));
	snprintf(path, sizeof(path), "%s/%s", c->media_dir, rel);
	if (sha256_file(path, f.sha256, &f.bytes) != 0) {
		log_error("cannot read %s to report it", path);
		return;
	}
	snprintf(f.recording, sizeof(f.recording), "%s", key);
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	snprintf(f.path, sizeof(f.path), "%s", rel);
	f.resv = resv;
	f.duration_ms = duration_ms > 0 ? duration_ms : 0;
	f.finished_at = time(NULL);
	if (finished_save(c->state_dir, &f) != 0)
		log_error("cannot write the manifest of %s: fm-upload will not "
		          "send it",
		    rel);
	ev = json_pack("{s:s, s:I, s:s, s:s, s:I, s:s}", "recording", key,
	    "reservation", (json_int_t)resv, "kind", kind, "path", rel, "bytes",
	    (json_int_t)f.bytes, "sha256", f.sha256);
	if (duration_ms > 0)
		json_object_set_new(ev, "duration_ms",
		    json_integer(duration_ms));
	spool_add("file", ev);
	log_info("file %s: %lld bytes, sha256 %s", rel, f.bytes, f.sha256);
}

static void
recording_stopped(time_t now)
{
	char at[32];
	json_t *ev;

	R.ri.stopped = now;
	stop_relay();
	if (!R.ri.rec) {
		/* Live only: the local copy was a by-product. */
		join_remove_parts(R.c, &R.ri);
		R.ri.status = REC_DONE;
		save();
		log_info("recorder: %s (live only) ended", R.ri.key);
		return;
	}
	/* The encoder joins the parts: the recorder is free at once for a
	 * reservation that starts right after this one. */
	R.ri.status = REC_JOINING;
	save();
	if (!R.ri.reported) {
		ev = event();
		format_rfc3339(now, at, sizeof(at));
		json_object_set_new(ev, "ended_at", json_string(at));
		json_object_set_new(ev, "parts", json_integer(R.ri.nparts));
		spool_add("stopped", ev);
		R.ri.reported = true;
		save();
	}
	log_info("recorder: %s stopped after %d part(s)", R.ri.key,
	    R.ri.nparts);
	encoder_add(R.ri.key);
}

static bool
should_run(const struct schedule *s, time_t now)
{
	const struct resv *r = schedule_find(s, R.ri.resv);

	if (r == NULL || !(r->rec || r->live))
		return false;
	return now >= r->start - R.c->preroll && now < resv_stop_time(r);
}

void
recorder_tick(const struct schedule *s, time_t now)
{
	const struct resv *due;

	if (!R.active) {
		due = schedule_due(s, now, R.c->preroll);
		if (due != NULL)
			start_recording(due, now);
		return;
	}
	if (R.ri.status == REC_RECORDING) {
		if (R.enc.pid && proc_poll(&R.enc))
			part_ended(now);
		if (R.enc.pid) {
			if (R.fails > 0 && now - R.enc.started >= 30) {
				/* ffmpeg runs again: the failures are over. */
				R.fails = 0;
				R.error[0] = '\0';
			}
			if (!R.stopping && !should_run(s, now)) {
				R.stopping = true;
				stop_relay();
			}
			if (R.stopping)
				proc_stop(&R.enc, STOP_GRACE);
			else if (R.c->sync_secs > 0 &&
			    now - R.last_sync >= R.c->sync_secs) {
				char rel[256], path[1200];

				/* Bounds what a power cut loses to a few
				 * seconds, whatever the kernel's writeback. */
				rec_part_rel(&R.ri, R.ri.nparts - 1, rel,
				    sizeof(rel));
				abs_path(rel, path, sizeof(path));
				sync_file(path);
				R.last_sync = now;
			}
		} else if (!R.stopping && should_run(s, now)) {
			if (now >= R.next_start) {
				const struct resv *r = schedule_find(s,
				    R.ri.resv);

				if (r != NULL)
					set_live(r);
				start_part(now);
			}
		} else {
			R.stopping = true;
			if (R.relay.pid == 0 || proc_poll(&R.relay))
				recording_stopped(now);
			else
				proc_stop(&R.relay, 2);
		}
		tick_relay(s, now);
		return;
	}
	/* stopped (the encoder takes it on): ready for the next one */
	R.active = false;
	R.stopping = false;
}

bool
recorder_busy(void)
{
	return R.active && R.ri.status == REC_RECORDING;
}

/* Free space checked every 10 s: below Recording.MinFreeMB the box says
 * so in its heartbeat (state error) before a recording runs out. */
static const char *
disk_warning(time_t now)
{
	static time_t checked;
	static char msg[120];
	long long mb;

	if (now - checked >= 10) {
		checked = now;
		mb = disk_free_mb(R.c->media_dir);
		if (mb >= 0 && mb < R.c->min_free_mb)
			snprintf(msg, sizeof(msg),
			    "disk almost full: %lld MB "
			    "free (Recording.MinFreeMB = %d)",
			    mb, R.c->min_free_mb);
		else
			msg[0] = '\0';
	}
	return msg;
}

void
recorder_status(struct box_status *st)
{
	time_t now = time(NULL);
	const char *disk = disk_warning(now);

	if (!R.active) {
		snprintf(st->state, sizeof(st->state), "%s",
		    R.error[0] || disk[0] ? "error" : "idle");
		snprintf(st->message, sizeof(st->message), "%s",
		    R.error[0] ? R.error : disk);
		snprintf(st->live, sizeof(st->live), "off");
		return;
	}
	snprintf(st->state, sizeof(st->state), "%s",
	    R.error[0] || disk[0] ? "error" : "recording");
	snprintf(st->message, sizeof(st->message), "%s",
	    R.error[0] ? R.error : disk);
	st->resv = R.ri.resv;
	snprintf(st->key, sizeof(st->key), "%s", R.ri.key);
	st->parts = R.ri.nparts;
	st->frame = R.enc.prog.frame;
	st->dropped = R.enc.prog.drop_frames;
	snprintf(st->bitrate, sizeof(st->bitrate), "%s", R.enc.prog.bitrate);
	snprintf(st->speed, sizeof(st->speed), "%s", R.enc.prog.speed);
	if (!R.live_url[0])
		snprintf(st->live, sizeof(st->live), "off");
	else if (R.relay.pid && R.relay.prog.updated &&
	    now - R.relay.prog.updated < 10)
		snprintf(st->live, sizeof(st->live), "pushing");
	else
		snprintf(st->live, sizeof(st->live), "retrying");
}

void
recorder_shutdown(void)
{
	if (R.enc.pid) {
		R.stopping = true;
		proc_stop(&R.enc, STOP_GRACE);
		proc_wait(&R.enc, STOP_GRACE);
		R.ri.parts[R.ri.nparts - 1].ended = time(NULL);
		snprintf(R.ri.parts[R.ri.nparts - 1].end_reason,
		    sizeof(R.ri.parts[0].end_reason), "shutdown");
		save();
	}
	if (R.relay.pid) {
		proc_stop(&R.relay, 2);
		proc_wait(&R.relay, 3);
	}
}

void
recorder_init(const struct box_config *c)
{
	char dir[1100], path[1400];
	struct recinfo ri;
	struct dirent *e;
	DIR *d;

	memset(&R, 0, sizeof(R));
	R.c = c;
	snprintf(dir, sizeof(dir), "%s/recordings", c->state_dir);
	mkdir_p(dir);
	snprintf(path, sizeof(path), "%s/logs", c->state_dir);
	mkdir_p(path);
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (recinfo_load(path, &ri) != 0) {
			log_warn("recorder: ignoring unreadable %s", path);
			continue;
		}
		if (ri.status != REC_RECORDING)
			continue; /* joining and later: the encoder's work */
		if (R.active) {
			/* Two unfinished: finish the older first; the
			 * other is picked up at the next start. */
			if (strcmp(ri.key, R.ri.key) > 0)
				continue;
		}
		R.ri = ri;
		R.active = true;
	}
	closedir(d);
	if (R.active) {
		/* The last part was cut by the crash. */
		if (R.ri.nparts > 0 && R.ri.parts[R.ri.nparts - 1].ended == 0)
			snprintf(R.ri.parts[R.ri.nparts - 1].end_reason,
			    sizeof(R.ri.parts[0].end_reason), "crash");
		log_info("recorder: resuming %s (%s, %d part(s) so far)",
		    R.ri.key, rec_status_name(R.ri.status), R.ri.nparts);
	}
}
