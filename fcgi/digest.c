/*
 * digest.c - see digest.h.
 */
#include "digest.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static bool
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool
digest_copy(int in_fd, int out_fd, char hex[65], long long *bytes)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE], *buf;
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ctx;
	bool ok = false;
	ssize_t n;

	*bytes = 0;
	buf = malloc(CHUNK);
	ctx = EVP_MD_CTX_new();
	if (buf == NULL || ctx == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto done;
	for (;;) {
		n = read(in_fd, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto done;
		if (n == 0)
			break;
		if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			goto done;
		if (out_fd >= 0 && !write_all(out_fd, buf, (size_t)n))
			goto done;
		*bytes += n;
	}
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		goto done;
	for (i = 0; i < mdlen && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * i] = '\0';
	ok = true;
done:
	EVP_MD_CTX_free(ctx);
	free(buf);
	return ok;
}
