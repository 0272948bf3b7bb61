/*
 * encoder.c - MP3 and extra formats after a recording (see encoder.h).
 */
#include "encoder.h"
#include "ffcmd.h"
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

enum job_kind { JOB_STEREO, JOB_ALL, JOB_MONO, JOB_EXTRA };

static struct {
	const struct box_config *c;
	char queue[MAX_QUEUE][64];  /* recording keys, oldest first */
	int nqueue;
	struct proc job;
	bool running;
	enum job_kind kind;
	int extra;                  /* index for JOB_EXTRA */
	struct recinfo ri;
	time_t failed_at[MAX_QUEUE];
} E;

static const char *kind_names[] = { "mp3", "mp3+mono", "mono", "extra" };

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

/* Output i of the job: final and temporary absolute paths. */
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

static int
start_job(const struct recinfo *ri, enum job_kind kind, int extra)
{
	char in[1200], rel[256], logp[1200];
	char f1[1200], t1[1200], f2[1200], t2[1200], f3[1200], t3[1200];
	struct argv a;
	int rc;

	rec_file_rel(ri, "", "mp4", rel, sizeof(rel));
	snprintf(in, sizeof(in), "%s/%s", E.c->media_dir, rel);
	snprintf(logp, sizeof(logp), "%s/logs/%s.log", E.c->state_dir,
	    ri->key);
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
	case JOB_EXTRA: {
		char sfx[40];

		snprintf(sfx, sizeof(sfx), "-%s", E.c->extra[extra].name);
		out_paths(ri, sfx, E.c->extra[extra].ext, f1, t1, sizeof(f1));
		ffcmd_extra(E.c, &E.c->extra[extra], in, t1, &a);
		break;
	}
	}
	rc = proc_start(&E.job, kind_names[kind], &a, logp, E.c->nice);
	argv_free(&a);
	if (rc != 0)
		return -1;
	E.running = true;
	E.kind = kind;
	E.extra = extra;
	E.ri = *ri;
	return 0;
}

/* Renames a temporary output into place and reports it. */
static bool
publish(const char *suffix, const char *ext, const char *kind)
{
	char final[1200], tmp[1200], rel[256];

	out_paths(&E.ri, suffix, ext, final, tmp, sizeof(final));
	if (file_size(tmp) <= 0 || rename(tmp, final) != 0) {
		unlink(tmp);
		return false;
	}
	sync_file(final);
	rec_file_rel(&E.ri, suffix, ext, rel, sizeof(rel));
	report_file(E.ri.key, E.ri.resv, kind, rel, E.c->media_dir, 0);
	return true;
}

static void
job_ended(time_t now)
{
	char path[1200];
	bool ok = proc_ok(&E.job);
	struct recinfo cur;
	int i;

	E.running = false;
	/* Re-read: the recorder never writes a done recording, but be
	 * safe against a stale copy. */
	snprintf(path, sizeof(path), "%s/recordings/%s.json", E.c->state_dir,
	    E.ri.key);
	if (recinfo_load(path, &cur) == 0)
		E.ri = cur;
	if (ok && (E.kind == JOB_STEREO || E.kind == JOB_ALL))
		ok = E.ri.mp3_done = publish("", "mp3", "mp3");
	if (ok && (E.kind == JOB_ALL || E.kind == JOB_MONO)) {
		ok = publish("-room", "mp3", "mp3_room") &&
		    publish("-trad", "mp3", "mp3_trad");
		E.ri.mono_done = ok;
	}
	if (ok && E.kind == JOB_EXTRA) {
		char sfx[40];

		snprintf(sfx, sizeof(sfx), "-%s", E.c->extra[E.extra].name);
		ok = publish(sfx, E.c->extra[E.extra].ext, "other");
		if (ok)
			E.ri.extra_done |= 1u << E.extra;
	}
	recinfo_save(E.c->state_dir, &E.ri);
	log_info("encoder: %s %s %s in %ld s", E.ri.key, kind_names[E.kind],
	    ok ? "made" : "FAILED", (long)(now - E.job.started));
	if (!ok) {
		/* Try again later rather than loop on a broken input. */
		for (i = 0; i < E.nqueue; i++)
			if (!strcmp(E.queue[i], E.ri.key))
				E.failed_at[i] = now;
	}
}

void
encoder_tick(time_t now, bool recording)
{
	char path[1200];
	struct recinfo ri;
	bool idle = !recording || !E.c->only_when_idle;
	bool overdue;
	int i, x;

	if (E.running) {
		if (proc_poll(&E.job)) {
			job_ended(now);
			return;
		}
		overdue = E.kind == JOB_MONO && E.ri.stopped +
		    E.c->mono_deadline <= now;
		/* The stereo MP3 is never held back; the rest waits for the
		 * recording to end unless the mono deadline is near. */
		proc_pause(&E.job, !idle && (E.kind == JOB_MONO ||
		    E.kind == JOB_EXTRA) && !overdue);
		return;
	}
	for (i = 0; i < E.nqueue; i++) {
		if (E.failed_at[i] && now - E.failed_at[i] < 600)
			continue;
		snprintf(path, sizeof(path), "%s/recordings/%s.json",
		    E.c->state_dir, E.queue[i]);
		if (recinfo_load(path, &ri) != 0 || ri.status != REC_DONE ||
		    !ri.rec || all_done(&ri)) {
			drop(i--);
			continue;
		}
		overdue = ri.stopped + E.c->mono_deadline <= now;
		if (!ri.mp3_done) {
			start_job(&ri, idle && !ri.mono_done ? JOB_ALL :
			    JOB_STEREO, 0);
			return;
		}
		if (!ri.mono_done) {
			if (idle || overdue) {
				start_job(&ri, JOB_MONO, 0);
				return;
			}
			continue;
		}
		if (!idle)
			continue;
		for (x = 0; x < E.c->nextra; x++)
			if (!(ri.extra_done & (1u << x))) {
				start_job(&ri, JOB_EXTRA, x);
				return;
			}
	}
}

void
encoder_status(struct box_status *st)
{
	if (!E.running || E.job.paused)
		return;
	snprintf(st->encoding, sizeof(st->encoding), "%s %s",
	    kind_names[E.kind], E.ri.key);
	if (!strcmp(st->state, "idle"))
		snprintf(st->state, sizeof(st->state), "encoding");
}

void
encoder_shutdown(void)
{
	if (!E.running)
		return;
	proc_stop(&E.job, 0);
	proc_wait(&E.job, 5);
	E.running = false;
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
		if (recinfo_load(path, &ri) == 0 && ri.status == REC_DONE &&
		    ri.rec && !all_done(&ri))
			encoder_add(ri.key);
	}
	closedir(d);
	/* readdir order is arbitrary; keys start with the time. */
	qsort(E.queue, (size_t)E.nqueue, sizeof(E.queue[0]),
	    (int (*)(const void *, const void *))strcmp);
}

int
encoder_run_once(const struct box_config *c, const char *in,
    const char *outdir)
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
	    file_size(r) > 0 ? 0 : -1;
}
