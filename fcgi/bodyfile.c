/*
 * bodyfile.c - see bodyfile.h.  Capabilities through libcap.
 *
 * The socket between the workers and the helper is made once by the
 * master (a SOCK_SEQPACKET pair) and kept open by it: a helper that died
 * is replaced on the same socket, and the workers' requests wait in it
 * meanwhile.  A request is one message: the length the file must have
 * and its name relative to the body folder, with the worker's end of a
 * fresh socket pair attached; the answer comes on that pair (an errno,
 * and the descriptor when it is 0), so that answers never cross between
 * workers.
 */
#include "bodyfile.h"
#include "log.h"
#include "upload_store.h"

#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/openat2.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ANSWER_MS 5000 /* a worker waits this long for the helper */

struct ask {
	long long len;
	char rel[PATH_MAX];
};

static int worker_end = -1, helper_end = -1; /* the master's pair */
static pid_t helper;

static bool
has_cap(cap_flag_t set)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (caps == NULL)
		return false;
	cap_get_flag(caps, CAP_DAC_READ_SEARCH, set, &v);
	cap_free(caps);
	return v == CAP_SET;
}

/* Keeps CAP_DAC_READ_SEARCH permitted only (effective too when on). */
static bool
only_permitted(bool effective)
{
	cap_value_t c = CAP_DAC_READ_SEARCH;
	cap_t caps = cap_init();
	bool ok;

	if (caps == NULL)
		return false;
	ok = cap_set_flag(caps, CAP_PERMITTED, 1, &c, CAP_SET) == 0 &&
	    (!effective ||
	        cap_set_flag(caps, CAP_EFFECTIVE, 1, &c, CAP_SET) == 0) &&
	    cap_set_proc(caps) == 0;
	cap_free(caps);
	if (CAP_AMBIENT_SUPPORTED())
		cap_reset_ambient();
	return ok;
}

int
bodyfile_open_beneath(int dirfd, const char *rel, long long len, uid_t owner)
{
	struct open_how how;
	struct stat st;
	int fd;

	if (rel == NULL || *rel == '\0' || *rel == '/' || len < 0) {
		errno = EINVAL;
		return -1;
	}
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
	    RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
	fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != owner ||
	    (long long)st.st_size != len) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

/* path is dir "/" something: the part after dir, NULL otherwise. */
static const char *
below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || strncmp(path, dir, n) != 0 || path[n] != '/' ||
	    path[n + 1] == '\0')
		return NULL;
	return path + n + 1;
}

/* Opens the body folder; *owner its owner (nginx's user). */
static int
open_dir(const char *dir, uid_t *owner)
{
	struct stat st;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -1;
	}
	*owner = st.st_uid;
	return fd;
}

/* Sends len bytes of buf on sock with descriptor fd attached (none when
 * fd < 0); what sendmsg returns. */
static ssize_t
send_with_fd(int sock, const void *buf, size_t len, int fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct iovec iov = { (void *)buf, len };
	struct msghdr m;

	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	if (fd >= 0) {
		memset(&u, 0, sizeof(u));
		m.msg_control = u.buf;
		m.msg_controllen = sizeof(u.buf);
		CMSG_FIRSTHDR(&m)->cmsg_level = SOL_SOCKET;
		CMSG_FIRSTHDR(&m)->cmsg_type = SCM_RIGHTS;
		CMSG_FIRSTHDR(&m)->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(CMSG_FIRSTHDR(&m)), &fd, sizeof(int));
	}
	return sendmsg(sock, &m, MSG_NOSIGNAL);
}

/* Receives a message and the one descriptor attached (-1 when none). */
static ssize_t
recv_with_fd(int sock, void *buf, size_t len, int *fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct iovec iov = { buf, len };
	struct msghdr m;
	struct cmsghdr *c;
	ssize_t n;

	*fd = -1;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = sizeof(u.buf);
	n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC);
	for (c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(c), sizeof(int));
	return n;
}

/* The helper: opens body files for the workers, and does nothing else. */
static void __attribute__((noreturn)) helper_main(const char *dir)
{
	struct ask a;
	uid_t owner = 0;
	int dirfd, reply, fd, e;
	ssize_t n;

	/* Nothing of the master but the socket and the log's stderr. */
	if (helper_end > 3)
		close_range(3, (unsigned)helper_end - 1, 0);
	close_range((unsigned)helper_end + 1, ~0U, 0);
	prctl(PR_SET_NAME, "focusd-bodyfile", 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	close(worker_end);
	if (!only_permitted(true))
		log_error("bodyfile helper: cannot raise CAP_DAC_READ_SEARCH: "
		          "%s",
		    strerror(errno));
	dirfd = open_dir(dir, &owner);
	if (dirfd < 0)
		log_error("bodyfile helper: cannot open %s: %s", dir,
		    strerror(errno));
	for (;;) {
		n = recv_with_fd(helper_end, &a, sizeof(a), &reply);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(n == 0 ? 0 : 1);
		if (reply < 0)
			continue;
		fd = -1;
		if ((size_t)n != sizeof(a) ||
		    memchr(a.rel, '\0', sizeof(a.rel)) == NULL) {
			errno = EINVAL;
		} else if (dirfd < 0) {
			errno = ENOENT;
		} else {
			fd = bodyfile_open_beneath(dirfd, a.rel, a.len, owner);
		}
		if (fd < 0)
			log_warn("bodyfile helper: refused %.200s: %s", a.rel,
			    strerror(errno));
		e = fd < 0 ? errno : 0;
		(void)send_with_fd(reply, &e, sizeof(e), fd);
		if (fd >= 0)
			close(fd);
		close(reply);
	}
}

static void
start_helper(void)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_error("cannot start the body file helper: %s",
		    strerror(errno));
		return;
	}
	if (pid == 0)
		helper_main(upload_body_dir());
	helper = pid;
	log_info("body file helper %d started: it alone may read nginx's "
	         "upload bodies (CAP_DAC_READ_SEARCH)",
	    (int)pid);
}

void
bodyfile_init(void)
{
	int sv[2];

	if (geteuid() == 0 || !has_cap(CAP_PERMITTED))
		return;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) {
		log_error("no socket for the body file helper: %s",
		    strerror(errno));
		return;
	}
	worker_end = sv[0];
	helper_end = sv[1];
	start_helper();
	if (!only_permitted(false))
		log_warn("cannot lower CAP_DAC_READ_SEARCH: %s",
		    strerror(errno));
}

void
bodyfile_worker(void)
{
	cap_t none;

	if (helper_end >= 0) {
		close(helper_end);
		helper_end = -1;
	}
	if (geteuid() == 0)
		return;
	none = cap_init();
	if (none == NULL || cap_set_proc(none) != 0)
		log_error("worker cannot drop its capabilities: %s",
		    strerror(errno));
	if (none != NULL)
		cap_free(none);
	if (CAP_AMBIENT_SUPPORTED())
		cap_reset_ambient();
}

bool
bodyfile_reaped(pid_t pid)
{
	if (pid == 0 || pid != helper)
		return false;
	helper = 0;
	log_warn("body file helper %d ended: starting it again", (int)pid);
	start_helper();
	return true;
}

void
bodyfile_restart(void)
{
	if (helper > 0)
		kill(helper, SIGTERM); /* bodyfile_reaped starts it again */
}

void
bodyfile_stop(void)
{
	pid_t pid = helper;

	helper = 0;
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
}

pid_t
bodyfile_helper_pid(void)
{
	return helper;
}

/* Asks the helper; -1 with errno when it says no or does not answer. */
static int
ask_helper(const char *rel, long long len)
{
	struct ask a;
	struct pollfd p;
	int sv[2], fd = -1, e = EIO;
	ssize_t n;

	memset(&a, 0, sizeof(a));
	a.len = len;
	if (strlen(rel) >= sizeof(a.rel)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(a.rel, sizeof(a.rel), "%s", rel);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	n = send_with_fd(worker_end, &a, sizeof(a), sv[1]);
	close(sv[1]);
	if (n != (ssize_t)sizeof(a)) {
		close(sv[0]);
		return -1;
	}
	p.fd = sv[0];
	p.events = POLLIN;
	if (poll(&p, 1, ANSWER_MS) == 1 &&
	    recv_with_fd(sv[0], &e, sizeof(e), &fd) == (ssize_t)sizeof(e) &&
	    e == 0 && fd >= 0) {
		close(sv[0]);
		return fd;
	}
	if (fd >= 0)
		close(fd);
	close(sv[0]);
	errno = e != 0 ? e : EIO;
	return -1;
}

int
bodyfile_open(const char *path, const char *dir, long long len)
{
	const char *rel;
	uid_t owner;
	int dirfd, fd, e;

	if (path == NULL || dir == NULL || (rel = below(path, dir)) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (worker_end >= 0)
		return ask_helper(rel, len);
	dirfd = open_dir(dir, &owner);
	if (dirfd < 0)
		return -1;
	fd = bodyfile_open_beneath(dirfd, rel, len, owner);
	e = errno;
	close(dirfd);
	errno = e;
	return fd;
}
