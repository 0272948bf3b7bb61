/*
 * upload_store.c - see upload_store.h.
 */
#include "upload_store.h"
#include "conf.h"
#include "digest.h"
#include "log.h"
#include "media.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define COPY_BUF (1 << 20)

const char *
upload_dir(void)
{
	static char dir[1024];
	const char *d = config_str("Uploads.Dir", NULL);

	if (d != NULL)
		snprintf(dir, sizeof(dir), "%s", d);
	else
		snprintf(dir, sizeof(dir), "%s/uploads", g_cfg->data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		log_error("cannot make %s: %s", dir, strerror(errno));
	return dir;
}

const char *
upload_body_dir(void)
{
	static char dir[1024];
	const char *d = config_str("Uploads.BodyDir", NULL);

	if (d != NULL)
		snprintf(dir, sizeof(dir), "%s", d);
	else
		snprintf(dir, sizeof(dir), "%s/upload-body", g_cfg->data_dir);
	return dir;
}

long long
upload_min_free_mb(void)
{
	return config_int("Uploads.MinFreeMB", 512);
}

long long
upload_max_chunk(void)
{
	return (long long)config_int("Uploads.MaxChunkMB", 64) * 1024 * 1024;
}

long long
upload_free_mb(void)
{
	struct statvfs sv;

	if (statvfs(upload_dir(), &sv) != 0)
		return -1;
	return (long long)sv.f_bavail * (long long)sv.f_frsize / (1024 * 1024);
}

bool
store_disk_low(long long *free_mb)
{
	long long a = media_free_mb(), b = upload_free_mb();

	if (a < 0 || (b >= 0 && b < a))
		a = b;
	*free_mb = a;
	return a >= 0 && a < upload_min_free_mb();
}

static void
partial_path(long long media, char *out, size_t len)
{
	snprintf(out, len, "%s/%lld.part", upload_dir(), media);
}

int
upload_partial_open(long long media)
{
	char path[1200];

	partial_path(media, path, sizeof(path));
	return open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
}

long long
upload_partial_size(long long media)
{
	char path[1200];
	struct stat st;

	partial_path(media, path, sizeof(path));
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

void
upload_partial_discard(long long media)
{
	char path[1200];

	partial_path(media, path, sizeof(path));
	if (unlink(path) != 0 && errno != ENOENT)
		log_error("cannot remove %s: %s", path, strerror(errno));
}

/* The same with read and write, where the kernel cannot copy. */
static bool
append_rw(int part_fd, int body_fd, off_t in_off, off_t out_off, long long left)
{
	char *buf = malloc(COPY_BUF);
	ssize_t n, w;
	bool ok = buf != NULL;

	while (ok && left > 0) {
		n = pread(body_fd, buf,
		    left < COPY_BUF ? (size_t)left : COPY_BUF, in_off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			ok = false;
			break;
		}
		for (w = 0; w < n;) {
			ssize_t k = pwrite(part_fd, buf + w, (size_t)(n - w),
			    out_off + w);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				ok = false;
				break;
			}
			w += k;
		}
		in_off += n;
		out_off += n;
		left -= n;
	}
	if (buf == NULL)
		errno = ENOMEM;
	free(buf);
	return ok;
}

bool
upload_append(int part_fd, int body_fd, long long offset, long long len)
{
	off_t in_off = 0, out_off = (off_t)offset;
	long long left = len;
	ssize_t n;
	int e;

	while (left > 0) {
		n = copy_file_range(body_fd, &in_off, part_fd, &out_off,
		    (size_t)left, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 &&
		    (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
		        errno == EOPNOTSUPP)) {
			if (!append_rw(part_fd, body_fd, in_off, out_off, left))
				goto fail;
			break;
		}
		if (n <= 0) {
			if (n == 0)
				errno = EIO; /* the body was shorter */
			goto fail;
		}
		left -= n;
	}
	/* Start writing it out now: the final fsync has little left to
	 * wait for, and gigabytes of dirty pages never pile up. */
	sync_file_range(part_fd, (off_t)offset, (off_t)len,
	    SYNC_FILE_RANGE_WRITE);
	return true;
fail:
	e = errno;
	if (ftruncate(part_fd, (off_t)offset) != 0)
		log_error("cannot cut partial upload back to %lld bytes: %s",
		    offset, strerror(errno));
	errno = e;
	return false;
}

bool
upload_hash(int part_fd, char hex[65], long long *bytes)
{
	/* Read back while the disk finishes writing it (each append started
	 * its write-out), then wait for the disk. */
	return lseek(part_fd, 0, SEEK_SET) == 0 &&
	    digest_copy(part_fd, -1, hex, bytes) && fdatasync(part_fd) == 0;
}

static void
sync_dir(const char *file)
{
	char dir[4096];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", file);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Another file system: a flushed copy under a temporary name, linked. */
static bool
copy_into(int part_fd, const char *path)
{
	char tmp[4200], hex[65];
	long long n;
	int out, e;
	bool ok;

	snprintf(tmp, sizeof(tmp), "%s.partXXXXXX", path);
	out = mkstemp(tmp);
	if (out < 0)
		return false;
	ok = lseek(part_fd, 0, SEEK_SET) == 0 && fchmod(out, 0640) == 0 &&
	    digest_copy(part_fd, out, hex, &n) && fsync(out) == 0;
	e = errno;
	if (close(out) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && link(tmp, path) != 0) {
		ok = false;
		e = errno;
	}
	unlink(tmp);
	errno = e;
	return ok;
}

bool
upload_publish(int part_fd, long long media, const char *rel_dir,
    const char *base, const char *ext, char *rel, size_t rel_len)
{
	char part[1200], path[4096], probe[600];
	struct stat store, st;
	int n;

	partial_path(media, part, sizeof(part));
	/* nginx serves the store through its group (set-group-ID folders):
	 * the file made outside it joins that group. */
	if (stat(g_cfg->media_dir, &store) != 0 || fstat(part_fd, &st) != 0)
		return false;
	if (fchmod(part_fd, 0640) != 0)
		return false;
	if (st.st_gid != store.st_gid &&
	    fchown(part_fd, (uid_t)-1, store.st_gid) != 0)
		log_warn("cannot give %s to group %u: %s", part,
		    (unsigned)store.st_gid, strerror(errno));
	snprintf(probe, sizeof(probe), "%s/x", rel_dir);
	if (!media_mkdirs(probe))
		return false;
	for (n = 0; n < 2; n++) {
		if (n == 0)
			snprintf(rel, rel_len, "%s/%s%s", rel_dir, base, ext);
		else
			snprintf(rel, rel_len, "%s/%s-%lld%s", rel_dir, base,
			    media, ext);
		if (!media_path(path, sizeof(path), rel)) {
			errno = EINVAL;
			return false;
		}
		if (link(part, path) == 0 ||
		    (errno == EXDEV && copy_into(part_fd, path))) {
			sync_dir(path);
			return true;
		}
		if (errno != EEXIST)
			return false;
	}
	return false;
}
