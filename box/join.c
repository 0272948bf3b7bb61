/*
 * join.c - a recording's parts joined into its MP4 (see join.h).
 */
#include "join.h"
#include "encoder.h"
#include "ffcmd.h"
#include "log.h"
#include "util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MIN_PART_BYTES 2048

static void
part_path(const struct box_config *c, const struct recinfo *ri, int i,
    char *rel, size_t rlen, char *path, size_t plen)
{
	rec_part_rel(ri, i, rel, rlen);
	snprintf(path, plen, "%s/%s", c->media_dir, rel);
}

/* Writes the concat list of the parts worth joining; their count. */
static int
write_list(const struct box_config *c, const struct recinfo *ri,
    const char *list)
{
	char rel[256], path[1200];
	FILE *f = fopen(list, "w");
	int i, n = 0;

	if (f == NULL)
		return -1;
	for (i = 0; i < ri->nparts; i++) {
		part_path(c, ri, i, rel, sizeof(rel), path, sizeof(path));
		if (file_size(path) < MIN_PART_BYTES)
			continue;
		fprintf(f, "file '%s'\n", path);
		n++;
	}
	if (fclose(f) != 0)
		return -1;
	return n;
}

void
join_remove_parts(const struct box_config *c, const struct recinfo *ri)
{
	char rel[256], path[1200];
	int i;

	for (i = 0; i < ri->nparts; i++) {
		part_path(c, ri, i, rel, sizeof(rel), path, sizeof(path));
		unlink(path);
	}
}

double
join_parts_seconds(const struct recinfo *ri)
{
	double total = 0;
	int i;

	for (i = 0; i < ri->nparts; i++) {
		/* A part cut by a crash of fm-box has no end: it ran at most
		 * until the next one started. */
		time_t end = ri->parts[i].ended ? ri->parts[i].ended
		    : i + 1 < ri->nparts        ? ri->parts[i + 1].started
		                                : ri->stopped;

		if (end > ri->parts[i].started)
			total += (double)(end - ri->parts[i].started);
	}
	return total;
}

static void
tmp_path(const struct box_config *c, const struct recinfo *ri, char *out,
    size_t len)
{
	snprintf(out, len, "%s/%s/.tmp-%s.mp4", c->media_dir, ri->key, ri->key);
}

static void
failed(const struct box_config *c, struct recinfo *ri)
{
	char rel[256], path[1200];
	int i;

	/* The parts stay: each is a playable MP4 of its own. */
	ri->status = REC_FAILED;
	recinfo_save(c->state_dir, ri);
	for (i = 0; i < ri->nparts; i++) {
		part_path(c, ri, i, rel, sizeof(rel), path, sizeof(path));
		if (file_size(path) >= MIN_PART_BYTES)
			report_file(c, ri->key, ri->resv, "other", rel, 0);
	}
}

int
join_start(const struct box_config *c, struct recinfo *ri, struct proc *p)
{
	char list[1200], tmp[1200], logp[1200];
	struct argv a;
	int n, rc;

	snprintf(list, sizeof(list), "%s/recordings/%s.parts", c->state_dir,
	    ri->key);
	n = write_list(c, ri, list);
	if (n <= 0) {
		log_error("join: %s has no part to join", ri->key);
		failed(c, ri);
		return -1;
	}
	tmp_path(c, ri, tmp, sizeof(tmp));
	snprintf(logp, sizeof(logp), "%s/logs/%s.log", c->state_dir, ri->key);
	argv_init(&a);
	ffcmd_join(c, list, tmp, &a);
	rc = proc_start(p, "join", &a, logp, c->nice);
	argv_free(&a);
	if (rc != 0)
		failed(c, ri);
	return rc;
}

bool
join_finish(const struct box_config *c, struct recinfo *ri, struct proc *p)
{
	char tmp[1200], rel[256], final[1200], list[1200];
	double got = p->prog.out_time_us / 1e6;
	double want = join_parts_seconds(ri);
	bool short_join;

	tmp_path(c, ri, tmp, sizeof(tmp));
	rec_file_rel(ri, "", "mp4", rel, sizeof(rel));
	snprintf(final, sizeof(final), "%s/%s", c->media_dir, rel);
	/* Each part may lose its last seconds; more than that means the
	 * join stopped early: keep the parts rather than lose the rest. */
	short_join = got < want - 3.0 * ri->nparts - 2.0;
	if (short_join)
		log_error("join: %s gave %.1f s for %.0f s of parts", ri->key,
		    got, want);
	if (!proc_ok(p) || short_join || file_size(tmp) <= 0 ||
	    rename(tmp, final) != 0) {
		log_error("join: %s failed (status %d): its parts are kept "
		          "and reported",
		    ri->key, p->status);
		unlink(tmp);
		failed(c, ri);
		return false;
	}
	sync_file(final);
	join_remove_parts(c, ri);
	snprintf(list, sizeof(list), "%s/recordings/%s.parts", c->state_dir,
	    ri->key);
	unlink(list);
	ri->status = REC_DONE;
	recinfo_save(c->state_dir, ri);
	log_info("join: %s joined into %s (%.1f s)", ri->key, rel, got);
	report_file(c, ri->key, ri->resv, "mp4", rel,
	    p->prog.out_time_us / 1000);
	return true;
}
