/*
 * proc.h - the child processes fm-box supervises (ffmpeg runs): start
 * with a pipe for -progress output, stop gently then firmly, reap
 * without blocking.
 */
#ifndef FM_PROC_H
#define FM_PROC_H

#include "argv.h"
#include "progress.h"

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

struct proc {
	pid_t pid;  /* 0 when not running */
	int out_fd; /* -progress pipe, -1 when none */
	struct progress prog;
	time_t started;
	time_t stop_sent; /* when SIGINT was sent, 0 before */
	bool paused;      /* SIGSTOPped (encodes while recording) */
	int status;       /* waitpid status once it ended */
	char what[32];    /* "record", "relay", "join", "mp3"... */
};

/*
 * Starts argv with stdout on a pipe (read by proc_poll), stderr appended
 * to log_path, stdin on /dev/null, in its own process group, niced by
 * nice.  The child gets SIGINT if fm-box dies, so that ffmpeg closes its
 * files.  Returns 0, or -1 (logged).
 */
int proc_start(struct proc *p, const char *what, const struct argv *a,
    const char *log_path, int nice_inc);

/* Reads what the child printed; true when it has ended (status set). */
bool proc_poll(struct proc *p);

/* SIGINT now (ffmpeg finishes its files), SIGKILL after grace seconds. */
void proc_stop(struct proc *p, int grace);

/* Pauses or resumes the child (SIGSTOP / SIGCONT). */
void proc_pause(struct proc *p, bool pause);

/* True when the last run exited with status 0. */
bool proc_ok(const struct proc *p);

/* Blocks until the child ended (at most timeout seconds, then SIGKILL). */
void proc_wait(struct proc *p, int timeout);

#endif
