/*
 * digest.h - the one SHA-256 of the project (OpenSSL's libcrypto, EVP
 * interface) and its lower-case hex form: of bytes in memory, of a file,
 * and of a stream as it is copied (the media store, uploads).
 */
#ifndef FM_DIGEST_H
#define FM_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_HEX_LEN 64

/* n bytes as 2n lower-case hex characters and a NUL in out. */
void digest_hex(const unsigned char *bytes, size_t n, char *out);

/* SHA-256 of len bytes as 64 hex characters in out. */
bool sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1]);

/*
 * Reads in_fd to its end from where it is, writing every byte to out_fd
 * too when out_fd >= 0; hex gets the SHA-256 of what was read and *bytes
 * its size.  false (errno set) on a read or write error.
 */
bool digest_copy(int in_fd, int out_fd, char hex[DIGEST_HEX_LEN + 1],
    long long *bytes);

/* SHA-256 of the file at path (and its size in *bytes when not NULL);
 * 0 on success, -1 on error. */
int sha256_file(const char *path, char out[DIGEST_HEX_LEN + 1],
    long long *bytes);

#endif
