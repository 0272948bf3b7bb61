/*
 * digest.h - SHA-256 of files as they are copied (OpenSSL's libcrypto,
 * EVP interface), for the media store (fm-media, uploads).
 */
#ifndef FM_DIGEST_H
#define FM_DIGEST_H

#include <stdbool.h>

/*
 * Reads in_fd to its end from where it is, writing every byte to out_fd
 * too when out_fd >= 0; hex gets the lower-case SHA-256 of what was read
 * and *bytes its size.  false (errno set) on a read or write error.
 */
bool digest_copy(int in_fd, int out_fd, char hex[65], long long *bytes);

#endif
