/*
 * uplock.h - one fm-upload at a time: an flock(2) on
 * <Paths.State>/fm-upload.lock, released by the kernel whatever way the
 * process ends (even kill -9).  fm-box looks at it to report "uploading".
 */
#ifndef FM_UPLOCK_H
#define FM_UPLOCK_H

#include <stdbool.h>

/* Takes the lock: its file descriptor (kept open for the run), or -1
 * with errno EWOULDBLOCK when another fm-upload holds it. */
int uplock_take(const char *state_dir);

/* True while an fm-upload holds the lock. */
bool uplock_held(const char *state_dir);

#endif
