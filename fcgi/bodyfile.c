/*
 * bodyfile.c - see bodyfile.h.  Capabilities through libcap.
 */
#include "bodyfile.h"
#include "log.h"

#include <sys/capability.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

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

/* Raises (on) or lowers CAP_DAC_READ_SEARCH in the effective set. */
static bool
effective(bool on)
{
	cap_value_t c = CAP_DAC_READ_SEARCH;
	cap_t caps = cap_get_proc();
	bool ok;

	if (caps == NULL)
		return false;
	ok = cap_set_flag(caps, CAP_EFFECTIVE, 1, &c,
	         on ? CAP_SET : CAP_CLEAR) == 0 &&
	    cap_set_proc(caps) == 0;
	cap_free(caps);
	return ok;
}

bool
bodyfile_can_read_any(void)
{
	return geteuid() == 0 || has_cap(CAP_PERMITTED);
}

void
bodyfile_init(void)
{
	if (geteuid() == 0 || !has_cap(CAP_PERMITTED))
		return;
	if (!effective(false))
		log_warn("cannot lower CAP_DAC_READ_SEARCH: %s",
		    strerror(errno));
	if (CAP_AMBIENT_SUPPORTED() && cap_reset_ambient() != 0)
		log_warn("cannot clear the ambient capabilities: %s",
		    strerror(errno));
	log_info("CAP_DAC_READ_SEARCH held: raised only to read nginx's "
	         "upload bodies");
}

/* path is dir "/" something, without "." or ".." parts. */
static bool
below(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	const char *p;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || strncmp(path, dir, n) != 0 || path[n] != '/' ||
	    path[n + 1] == '\0')
		return false;
	for (p = path + n; (p = strstr(p, "/.")) != NULL; p++)
		if (p[2] == '/' || p[2] == '\0' ||
		    (p[2] == '.' && (p[3] == '/' || p[3] == '\0')))
			return false;
	return true;
}

int
bodyfile_open(const char *path, const char *dir, long long len)
{
	struct stat st;
	int fd, e;

	if (path == NULL || dir == NULL || !below(path, dir)) {
		errno = EINVAL;
		return -1;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == EACCES && geteuid() != 0 &&
	    has_cap(CAP_PERMITTED)) {
		if (!effective(true)) {
			errno = EACCES;
			return -1;
		}
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		e = errno;
		if (!effective(false))
			log_error("cannot lower CAP_DAC_READ_SEARCH again: %s",
			    strerror(errno));
		errno = e;
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (long long)st.st_size != len) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}
