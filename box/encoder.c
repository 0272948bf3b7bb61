/*
 * encoder.c - the work after a recording (see encoder.h), in two slots:
 *
 *   slot 0, at once: joining the parts, then the stereo MP3 (with the
 *           mono MP3s in the same pass when the box is idle);
 *   slot 1, when idle: the mono MP3s (unless their deadline is near),
 *           then the extra formats; paused while a recording runs.
 *
 * Both run niced; a recording never waits for either.
 */
#include "encoder.h"
#include "ffcmd.h"
#include "join.h"
#include "log.h"
#include "proc.h"
#include "recinfo.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_QUEUE 64

enum job_kind { JOB_JOIN, JOB_STEREO, JOB_ALL, JOB_MONO, JOB_EXTRA };

static const char *kind_names[] = { "join", "mp3", "mp3+mono", "mono",
	"extra" };

struct job {
	struct proc p;
	bool running;
	enum job_kind kind;
	int extra; /* index for JOB_EXTRA */
	struct recinfo ri;
};

static struct {
	const struct box_config *c;
	char queue[MAX_QUEUE][64]; /* recording keys, oldest first */
	time_t failed_at[MAX_QUEUE];
	int nqueue;
	struct job slot[2];
} E;

void
encoder_add(const char *key)
{
	int i;

	for (i = 0; i < E.nqueue; i++)
		if (!strcmp(E.queue[i], key))
			return;
	if (E.nqueue == MAX_QUEUE) {
		log_warn("encoder: queue full, %s waits for the next start",
		    key);
		return;
	}
	E.failed_at[E.nqueue] = 0;
	snprintf(E.queue[E.nqueue++], sizeof(E.queue[0]), "%s", key);
}

static void
drop(int i)
{
	memmove(&E.queue[i], &E.queue[i + 1],
	    (size_t)(E.nqueue - i - 1) * sizeof(E.queue[0]));
	memmove(&E.failed_at[i], &E.failed_at[i + 1],
	    (size_t)(E.nqueue - i - 1) * sizeof(E.failed_at[0]));
	E.nqueue--;
}

static bool
all_done(const struct recinfo *ri)
{
	return ri->mp3_done && ri->mono_done &&
	    ri->extra_done == (1u << E.c->nextra) - 1;
}

/* Output of a job: final and temporary absolute paths. */
static void
out_paths(const struct recinfo *ri, const char *suffix, const char *ext,
    char *final, char *tmp, size_t len)
{
	char rel[256];

	rec_file_rel(ri, suffix, ext, rel, sizeof(rel));
	snprintf(final, len, "%s/%s", E.c->media_dir, rel);
	snprintf(tmp, len, "%s/%s/.tmp-%s%s.%s", E.c->media_dir, ri->key,
	    ri->key, suffix, ext);
}

/* Starts ffmpeg for an MP3 or extra-format job. */
static int
start_encode(struct proc *p, const struct recinfo *ri, enum job_kind kind,
    int extra)
{
	char in[1200], rel[256], logp[1200];
	char f1[1200], t1[1200], f2[1200], t2[1200], f3[1200], t3[1200];
	struct argv a;
	int rc;

	rec_file_rel(ri, "", "mp4", rel, sizeof(rel));
	snprintf(in, sizeof(in), "%s/%s", E.c->media_dir, rel);
	snprintf(logp, sizeof(logp), "%s/logs/%s.log", E.c->state_dir, ri->key);
	out_paths(ri, "", "mp3", f1, t1, sizeof(f1));
	out_paths(ri, "-room", "mp3", f2, t2, sizeof(f2));
	out_paths(ri, "-trad", "mp3", f3, t3, sizeof(f3));
	argv_init(&a);
	switch (kind) {
	case JOB_STEREO:
		ffcmd_mp3(E.c, in, t1, NULL, NULL, &a);
		break;
	case JOB_ALL:
		ffcmd_mp3(E.c, in, t1, t2, t3, &a);
		break;
	case JOB_MONO:
		ffcmd_mp3(E.c, in, NULL, t2, t3, &a);
		break;
	default: {
		char sfx[40];

		snprintf(sfx, sizeof(sfx), "-%s", E.c->extra[extra].name);
		out_paths(ri, sfx, E.c->extra[extra].ext, f1, t1, sizeof(f1));
		ffcmd_extra(E.c, &E.c->extra[extra], in, t1, &a);
		break;
	}
	}
	rc = proc_start(p, kind_names[kind], &a, logp, E.c->nice);
	argv_free(&a);
	return rc;
}

static int
start_job(struct job *j, struct recinfo *ri, enum job_kind kind, int extra)
{
	if (kind == JOB_JOIN ? join_start(E.c, ri, &j->p)
	                     : start_encode(&j->p, ri, kind, extra))
		return -1;
	j->running = true;
	j->kind = kind;
	j->extra = extra;
	j->ri = *ri;
	return 0;
}

/* Renames a temporary output into place and reports it. */
static bool
publish(const struct recinfo *ri, const char *suffix, const char *ext,
    const char *kind)
{
	char final[1200], tmp[1200], rel[256];

	out_paths(ri, suffix, ext, final, tmp, sizeof(final));
	if (file_size(tmp) <= 0 || rename(tmp, final) != 0) {
		unlink(tmp);
		return false;
	}
	sync_file(final);
	rec_file_rel(ri, suffix, ext, rel, sizeof(rel));
	report_file(E.c, ri->key, ri->resv, kind, rel, 0);
	return true;
}

static void
job_ended(struct job *j, time_t now)
{
	char path[1200];
	bool ok = proc_ok(&j->p);
	struct recinfo *ri = &j->ri;
	struct recinfo cur;
	int i;

	j->running = false;
	if (j->kind == JOB_JOIN) {
		ok = join_finish(E.c, ri, &j->p);
		goto done;
	}
	/* The other slot may have changed the state file meanwhile. */
	snprintf(path, sizeof(path), "%s/recordings/%s.json", E.c->state_dir,
	    ri->key);
	if (recinfo_load(path, &cur) == 0)
		*ri = cur;
	if (ok && (j->kind == JOB_STEREO || j->kind == JOB_ALL))
		ok = ri->mp3_done = publish(ri, "", "mp3", "mp3");
	if (ok && (j->kind == JOB_ALL || j->kind == JOB_MONO)) {
		ok = publish(ri, "-room", "mp3", "mp3_room") &&
		    publish(ri, "-trad", "mp3", "mp3_trad");
		ri->mono_done = ok;
	}
	if (ok && j->kind == JOB_EXTRA) {
		char sfx[40];

		snprintf(sfx, sizeof(sfx), "-%s", E.c->extra[j->extra].name);
		ok = publish(ri, sfx, E.c->extra[j->extra].ext, "other");
		if (ok)
			ri->extra_done |= 1u << j->extra;
	}
	recinfo_save(E.c->state_dir, ri);
done:
	log_info("encoder: %s %s %s in %ld s", ri->key, kind_names[j->kind],
	    ok ? "made" : "FAILED", (long)(now - j->p.started));
	if (!ok) {
		/* Try again later rather than loop on a broken input. */
		for (i = 0; i < E.nqueue; i++)
			if (!strcmp(E.queue[i], ri->key))
				E.failed_at[i] = now;
	}
}

/* True when the other slot works on this recording. */
static bool
busy_with(int slot, const char *key)
{
	const struct job *o = &E.slot[1 - slot];

	return o->running && !strcmp(o->ri.key, key);
}

/* Picks the next job of a slot; 0 when one started. */
static int
pick(int slot, time_t now, bool idle)
{
	char path[1200];
	struct recinfo ri;
	bool overdue;
	int i, x;

	for (i = 0; i < E.nqueue; i++) {
		if (E.failed_at[i] && now - E.failed_at[i] < 600)
			continue;
		if (busy_with(slot, E.queue[i]))
			continue;
		snprintf(path, sizeof(path), "%s/recordings/%s.json",
		    E.c->state_dir, E.queue[i]);
		if (recinfo_load(path, &ri) != 0 || !ri.rec ||
		    (ri.status != REC_JOINING && ri.status != REC_DONE) ||
		    (ri.status == REC_DONE && all_done(&ri))) {
			drop(i--);
			continue;
		}
		if (slot == 0) {
			if (ri.status == REC_JOINING)
				return start_job(&E.slot[0], &ri, JOB_JOIN, 0);
			if (!ri.mp3_done)
				return start_job(&E.slot[0], &ri,
				    idle && !ri.mono_done ? JOB_ALL
				                          : JOB_STEREO,
				    0);
			continue;
		}
		if (ri.status != REC_DONE || !ri.mp3_done)
			continue; /* slot 0's work comes first */
		overdue = ri.stopped + E.c->mono_deadline <= now;
		if (!ri.mono_done) {
			if (idle || overdue)
				return start_job(&E.slot[1], &ri, JOB_MONO, 0);
			continue;
		}
		if (!idle)
			continue;
		for (x = 0; x < E.c->nextra; x++)
			if (!(ri.extra_done & (1u << x)))
				return start_job(&E.slot[1], &ri, JOB_EXTRA, x);
	}
	return -1;
}

void
encoder_tick(time_t now, bool recording)
{
	bool idle = !recording || !E.c->only_when_idle;
	struct job *j;
	int s;

	for (s = 0; s < 2; s++) {
		j = &E.slot[s];
		if (j->running && proc_poll(&j->p))
			job_ended(j, now);
		if (j->running && s == 1)
			/* Mono and extra jobs give way to a recording,
			 * unless the mono MP3s would miss their deadline. */
			proc_pause(&j->p,
			    !idle &&
			        !(j->kind == JOB_MONO &&
			            j->ri.stopped + E.c->mono_deadline <= now));
		if (!j->running)
			pick(s, now, idle);
	}
}

void
encoder_status(struct box_status *st)
{
	const struct job *j;
	size_t n;
	int s;

	for (s = 0; s < 2; s++) {
		j = &E.slot[s];
		if (!j->running || j->p.paused)
			continue;
		n = strlen(st->encoding);
		snprintf(st->encoding + n, sizeof(st->encoding) - n, "%s%s %s",
		    n ? ", " : "", kind_names[j->kind], j->ri.key);
		if (!strcmp(st->state, "idle"))
			snprintf(st->state, sizeof(st->state), "encoding");
	}
}

void
encoder_shutdown(void)
{
	int s;

	for (s = 0; s < 2; s++) {
		if (!E.slot[s].running)
			continue;
		if (E.slot[s].kind == JOB_JOIN) {
			/* Quick (no re-encoding): let it finish. */
			proc_wait(&E.slot[s].p, 60);
			job_ended(&E.slot[s], time(NULL));
			continue;
		}
		proc_stop(&E.slot[s].p, 0);
		proc_wait(&E.slot[s].p, 5);
		E.slot[s].running = false;
	}
}

void
encoder_init(const struct box_config *c)
{
	char dir[1100], path[1400];
	struct recinfo ri;
	struct dirent *e;
	DIR *d;

	memset(&E, 0, sizeof(E));
	E.c = c;
	snprintf(dir, sizeof(dir), "%s/recordings", c->state_dir);
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (recinfo_load(path, &ri) == 0 && ri.rec &&
		    (ri.status == REC_JOINING ||
		        (ri.status == REC_DONE && !all_done(&ri))))
			encoder_add(ri.key);
	}
	closedir(d);
	/* readdir order is arbitrary; keys start with the time. */
	qsort(E.queue, (size_t)E.nqueue, sizeof(E.queue[0]),
	    (int (*)(const void *, const void *))strcmp);
}

int
encoder_run_once(const struct box_config *c, const char *in, const char *outdir)
{
	char s[1200], l[1200], r[1200], logp[1200], base[256];
	const char *b = strrchr(in, '/');
	struct argv a;
	struct proc p;
	size_t n;

	snprintf(base, sizeof(base), "%s", b ? b + 1 : in);
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".mp4"))
		base[n - 4] = '\0';
	snprintf(s, sizeof(s), "%s/%s.mp3", outdir, base);
	snprintf(l, sizeof(l), "%s/%s-room.mp3", outdir, base);
	snprintf(r, sizeof(r), "%s/%s-trad.mp3", outdir, base);
	snprintf(logp, sizeof(logp), "%s/%s.log", outdir, base);
	argv_init(&a);
	ffcmd_mp3(c, in, s, l, r, &a);
	if (proc_start(&p, "mp3", &a, logp, 0) != 0) {
		argv_free(&a);
		return -1;
	}
	argv_free(&a);
	proc_wait(&p, 24 * 3600);
	return proc_ok(&p) && file_size(s) > 0 && file_size(l) > 0 &&
	        file_size(r) > 0
	    ? 0
	    : -1;
}
