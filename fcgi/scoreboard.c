/*
 * scoreboard.c - see scoreboard.h.  One shared anonymous mapping made
 * by the master; each worker writes its own slot only.
 */
#include "scoreboard.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static struct score *board;
static int me = -1;

bool
scoreboard_init(void)
{
	if (board != NULL)
		return true;
	board = mmap(NULL, sizeof(struct score) * SCOREBOARD_SLOTS,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (board == MAP_FAILED) {
		board = NULL;
		return false;
	}
	return true;
}

void
scoreboard_use(int slot)
{
	me = slot >= 0 && slot < SCOREBOARD_SLOTS ? slot : -1;
	if (board != NULL && me >= 0)
		memset(&board[me], 0, sizeof(board[me]));
}

long long
scoreboard_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A copy that a log line can carry: no control characters. */
static void
put(char *dst, size_t len, const char *src)
{
	size_t i;

	snprintf(dst, len, "%s", src ? src : "");
	for (i = 0; dst[i]; i++)
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
			dst[i] = '?';
}

void
scoreboard_begin(const char *method, const char *path, const char *client,
    int deadline_s)
{
	struct score *s;
	long long now = scoreboard_now_ms();

	if (board == NULL || me < 0)
		return;
	s = &board[me];
	put(s->method, sizeof(s->method), method);
	put(s->path, sizeof(s->path), path);
	put(s->client, sizeof(s->client), client);
	s->route[0] = '\0';
	s->started_ms = now;
	s->deadline_ms = now + (long long)deadline_s * 1000;
	__atomic_store_n(&s->seq, (s->seq | 1u) + 2u, __ATOMIC_RELEASE);
}

void
scoreboard_route(const char *pattern, int deadline_s)
{
	struct score *s;

	if (board == NULL || me < 0)
		return;
	s = &board[me];
	put(s->route, sizeof(s->route), pattern);
	s->deadline_ms = s->started_ms + (long long)deadline_s * 1000;
}

void
scoreboard_end(void)
{
	struct score *s;

	if (board == NULL || me < 0)
		return;
	s = &board[me];
	__atomic_store_n(&s->seq, (s->seq + 1u) & ~1u, __ATOMIC_RELEASE);
}

bool
scoreboard_overdue(int slot, long long now_ms, struct score *out)
{
	unsigned seq;

	if (board == NULL || slot < 0 || slot >= SCOREBOARD_SLOTS)
		return false;
	seq = __atomic_load_n(&board[slot].seq, __ATOMIC_ACQUIRE);
	if (!(seq & 1u) || now_ms <= board[slot].deadline_ms)
		return false;
	memcpy(out, &board[slot], sizeof(*out));
	out->seq = seq;
	out->method[sizeof(out->method) - 1] = '\0';
	out->path[sizeof(out->path) - 1] = '\0';
	out->route[sizeof(out->route) - 1] = '\0';
	out->client[sizeof(out->client) - 1] = '\0';
	return true;
}

bool
scoreboard_same(int slot, unsigned seq)
{
	return board != NULL && slot >= 0 && slot < SCOREBOARD_SLOTS &&
	    __atomic_load_n(&board[slot].seq, __ATOMIC_ACQUIRE) == seq;
}
