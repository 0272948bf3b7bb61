/*
 * retention.c - see retention.h.
 */
#include "retention.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool
retention_due(const struct upstate *s, int days, time_t now)
{
	return s->verified_at > 0 &&
	    now - s->verified_at >= (time_t)days * 86400;
}

bool
retention_recording_idle(const struct recinfo *ri, bool found, int nextra)
{
	if (!found)
		return true;
	if (ri->status == REC_FAILED)
		return true;
	return ri->status == REC_DONE && ri->mp3_done && ri->mono_done &&
	    ri->extra_done == (1u << nextra) - 1;
}

bool
retention_recording_now(const struct box_config *c)
{
	char dir[1100], path[1400];
	struct recinfo ri;
	struct dirent *e;
	bool now = false;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/recordings", c->state_dir);
	d = opendir(dir);
	if (d == NULL)
		return false;
	while (!now && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		now = recinfo_load(path, &ri) == 0 &&
		    ri.status == REC_RECORDING;
	}
	closedir(d);
	return now;
}

void
retention_tidy(const struct box_config *c, const char *key)
{
	char path[1400];

	snprintf(path, sizeof(path), "%s/%s", c->media_dir, key);
	if (rmdir(path) != 0)
		return; /* files left (not all verified yet): keep it all */
	snprintf(path, sizeof(path), "%s/recordings/%s.json", c->state_dir,
	    key);
	unlink(path);
	snprintf(path, sizeof(path), "%s/logs/%s.log", c->state_dir, key);
	unlink(path);
	snprintf(path, sizeof(path), "%s/logs/%s.live.log", c->state_dir, key);
	unlink(path);
}
