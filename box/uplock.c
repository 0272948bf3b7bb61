/*
 * uplock.c - see uplock.h.
 */
#include "uplock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static void
lock_path(const char *state_dir, char *out, size_t len)
{
	snprintf(out, len, "%s/fm-upload.lock", state_dir);
}

int
uplock_take(const char *state_dir)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	char path[1100];
	int fd, i, e;

	lock_path(state_dir, path, sizeof(path));
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	/* fm-box's look (uplock_held) holds a shared lock for an instant:
	 * only a lock still held after a few tries is another fm-upload. */
	for (i = 0; i < 10; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK)
			break;
		nanosleep(&pause, NULL);
	}
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

bool
uplock_held(const char *state_dir)
{
	char path[1100];
	bool held = false;
	int fd;

	lock_path(state_dir, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		held = errno == EWOULDBLOCK;
	else
		flock(fd, LOCK_UN);
	close(fd);
	return held;
}
