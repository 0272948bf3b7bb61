/*
 * upload_store.h - the files of the box uploads on the central server:
 * one partial file per media file in Uploads.Dir (<media id>.part), to
 * which each chunk nginx received is appended, then verified and moved
 * into the media store (docs/upload.md).
 *
 * The partial's size is the offset the next chunk must start at: it is
 * what is on disk, whatever happened to a worker or the machine.
 */
#ifndef FM_UPLOAD_STORE_H
#define FM_UPLOAD_STORE_H

#include <stdbool.h>
#include <stddef.h>

/* Uploads.Dir (default Paths.Data/uploads), made on first use. */
const char *upload_dir(void);

/* Uploads.BodyDir (default Paths.Data/upload-body): nginx's
 * client_body_temp_path for the upload location. */
const char *upload_body_dir(void);

/* Uploads.MinFreeMB (512): chunks are refused (507) when the store's
 * file system would have less free space left. */
long long upload_min_free_mb(void);

/* Uploads.MaxChunkMB (64): must not exceed the upload location's
 * client_max_body_size in the nginx site. */
long long upload_max_chunk(void);

/* Free MiB on the file system of the partial files (-1 when unknown). */
long long upload_free_mb(void);

/*
 * True when the media store or the partial uploads' file system has less
 * free space than Uploads.MinFreeMB: new uploads are refused there (files
 * and box chunks alike), downloads and live go on; *free_mb the smaller
 * free space.  Staff pages say so (dispatch.c).
 */
bool store_disk_low(long long *free_mb);

/* The partial file of a media file: opened (made when missing) for
 * reading and writing; -1 with errno on failure. */
int upload_partial_open(long long media);

/* Its size, -1 when there is none. */
long long upload_partial_size(long long media);

/* Removes it (a partial that did not verify, or one that got too long). */
void upload_partial_discard(long long media);

/*
 * Appends len bytes of body_fd (from its start) to the partial at
 * offset (its size), in the kernel when it can (copy_file_range), and
 * starts writing them to disk.  On failure the partial is cut back to
 * offset and errno tells why (ENOSPC, EDQUOT: disk full).
 */
bool upload_append(int part_fd, int body_fd, long long offset, long long len);

/*
 * Computes the partial's SHA-256 from the start (the bytes really stored
 * are the ones verified) and flushes it to disk; *bytes its size.
 */
bool upload_hash(int part_fd, char hex[65], long long *bytes);

/*
 * Puts the verified partial into the media store as rel_dir/base.ext
 * (rel_dir/base-<media>.ext when taken): readable by the store's group
 * (nginx), flushed, linked under its final name in one step (the
 * partial stays until upload_partial_discard).  rel gets its path in the
 * store.  false with errno (ENOSPC when a copy to another file system
 * ran out of space).
 */
bool upload_publish(int part_fd, long long media, const char *rel_dir,
    const char *base, const char *ext, char *rel, size_t rel_len);

#endif
