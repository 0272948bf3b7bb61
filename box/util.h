/*
 * util.h - small file helpers the box programs share.
 */
#ifndef FM_BOX_UTIL_H
#define FM_BOX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * Writes data to path through path.tmp, fsync and rename: readers and a
 * power cut see the old content or the new one, never half of it.
 */
int write_atomic(const char *path, const char *data, size_t len);

/* The whole file in a malloc'd, NUL-terminated buffer; NULL on error. */
char *slurp(const char *path, size_t *len);

/* Free space on the file system holding path, in MiB (-1 on error). */
long long disk_free_mb(const char *path);

/* Forces a file's data to disk (fdatasync), ignoring a missing file. */
void sync_file(const char *path);

/* mkdir -p */
int mkdir_p(const char *path);

/* Size of a file, -1 when missing. */
long long file_size(const char *path);

#endif
