/*
 * proc.c - start, watch and stop child processes.
 */
#include "proc.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
proc_start(struct proc *p, const char *what, const struct argv *a,
    const char *log_path, int nice_inc)
{
	int pfd[2], logfd, nullfd;
	pid_t pid;

	memset(p, 0, sizeof(*p));
	p->out_fd = -1;
	snprintf(p->what, sizeof(p->what), "%s", what);
	if (a->failed || a->n == 0) {
		log_error("%s: no command (out of memory)", what);
		return -1;
	}
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		log_error("%s: pipe: %s", what, strerror(errno));
		return -1;
	}
	logfd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		log_error("%s: fork: %s", what, strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		if (logfd >= 0)
			close(logfd);
		if (nullfd >= 0)
			close(nullfd);
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls until exec. */
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGINT);
		if (nullfd >= 0)
			dup2(nullfd, 0);
		dup2(pfd[1], 1);
		if (logfd >= 0)
			dup2(logfd, 2);
		if (nice_inc > 0)
			setpriority(PRIO_PROCESS, 0, nice_inc);
		execvp(a->v[0], a->v);
		_exit(127);
	}
	close(pfd[1]);
	if (logfd >= 0)
		close(logfd);
	if (nullfd >= 0)
		close(nullfd);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	p->pid = pid;
	p->out_fd = pfd[0];
	p->started = time(NULL);
	log_info("%s: started pid %d: %s", what, (int)pid, argv_str(a));
	return 0;
}

bool
proc_poll(struct proc *p)
{
	char buf[4096];
	ssize_t n;
	pid_t r;
	time_t now = time(NULL);

	if (p->pid == 0)
		return true;
	while (p->out_fd >= 0) {
		n = read(p->out_fd, buf, sizeof(buf));
		if (n > 0) {
			progress_feed(&p->prog, buf, (size_t)n, now);
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			close(p->out_fd);
			p->out_fd = -1;
		}
		break;
	}
	r = waitpid(p->pid, &p->status, WNOHANG);
	if (r == p->pid) {
		if (p->out_fd >= 0) {
			close(p->out_fd);
			p->out_fd = -1;
		}
		p->pid = 0;
		return true;
	}
	return false;
}

void
proc_stop(struct proc *p, int grace)
{
	time_t now = time(NULL);

	if (p->pid == 0)
		return;
	if (p->paused)
		proc_pause(p, false);
	if (p->stop_sent == 0) {
		kill(p->pid, SIGINT);
		p->stop_sent = now;
	} else if (now - p->stop_sent >= grace) {
		log_warn("%s: pid %d did not stop in %d s: killed", p->what,
		    (int)p->pid, grace);
		kill(p->pid, SIGKILL);
	}
}

void
proc_pause(struct proc *p, bool pause)
{
	if (p->pid == 0 || p->paused == pause)
		return;
	kill(p->pid, pause ? SIGSTOP : SIGCONT);
	p->paused = pause;
}

bool
proc_ok(const struct proc *p)
{
	return WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0;
}

void
proc_wait(struct proc *p, int timeout)
{
	struct pollfd pfd;
	time_t end = time(NULL) + timeout;

	while (p->pid != 0 && time(NULL) <= end) {
		if (proc_poll(p))
			return;
		/* Sleep until the child writes or closes its pipe (it does
		 * when it exits), not a fixed tick: a one-shot encode ends
		 * when ffmpeg does. */
		pfd.fd = p->out_fd;
		pfd.events = POLLIN;
		if (p->out_fd < 0 || poll(&pfd, 1, 100) < 0)
			usleep(20000);
	}
	if (p->pid != 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &p->status, 0);
		if (p->out_fd >= 0)
			close(p->out_fd);
		p->out_fd = -1;
		p->pid = 0;
	}
}
