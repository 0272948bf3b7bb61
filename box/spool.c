/*
 * spool.c - events waiting for the central server, on disk.
 */
#include "spool.h"
#include "log.h"
#include "schedule.h"
#include "util.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char spool_dir[1024];
static long long last_seq;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int
is_event(const char *name)
{
	size_t n = strlen(name);

	return n == 21 && strspn(name, "0123456789") == 16 &&
	    !strcmp(name + 16, ".json");
}

int
spool_init(const char *state_dir)
{
	char rej[1100];
	DIR *d;
	struct dirent *e;
	long long seq;

	snprintf(spool_dir, sizeof(spool_dir), "%s/spool", state_dir);
	snprintf(rej, sizeof(rej), "%s/rejected", spool_dir);
	if (mkdir_p(rej) != 0)
		return -1;
	d = opendir(spool_dir);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (!is_event(e->d_name))
			continue;
		seq = atoll(e->d_name);
		if (seq > last_seq)
			last_seq = seq;
	}
	closedir(d);
	return 0;
}

int
spool_add(const char *type, json_t *ev)
{
	char path[1100], at[32];
	struct timespec ts;
	long long seq;
	char *text;
	int rc;

	clock_gettime(CLOCK_REALTIME, &ts);
	pthread_mutex_lock(&lock);
	/* Microseconds since the epoch, but always above the last one. */
	seq = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (seq <= last_seq)
		seq = last_seq + 1;
	last_seq = seq;
	pthread_mutex_unlock(&lock);
	format_rfc3339(ts.tv_sec, at, sizeof(at));
	json_object_set_new(ev, "type", json_string(type));
	json_object_set_new(ev, "seq", json_integer(seq));
	json_object_set_new(ev, "at", json_string(at));
	text = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(ev);
	if (text == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/%016lld.json", spool_dir, seq);
	rc = write_atomic(path, text, strlen(text));
	if (rc != 0)
		log_error("spool: cannot write %s", path);
	free(text);
	return rc;
}

int
spool_oldest(char *out, size_t len)
{
	char best[256] = "";
	DIR *d = opendir(spool_dir);
	struct dirent *e;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (is_event(e->d_name) &&
		    (best[0] == '\0' || strcmp(e->d_name, best) < 0))
			snprintf(best, sizeof(best), "%s", e->d_name);
	closedir(d);
	if (best[0] == '\0')
		return -1;
	snprintf(out, len, "%s/%s", spool_dir, best);
	return 0;
}

void
spool_reject(const char *path)
{
	char to[1200];
	const char *base = strrchr(path, '/');

	snprintf(to, sizeof(to), "%s/rejected/%s", spool_dir,
	    base ? base + 1 : path);
	if (rename(path, to) != 0)
		unlink(path);
}

int
spool_count(void)
{
	DIR *d = opendir(spool_dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += is_event(e->d_name);
	closedir(d);
	return n;
}
