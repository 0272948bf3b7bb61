/*
 * digest.c - see digest.h.
 */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

#define CHUNK (1 << 20)

void
digest_hex(const unsigned char *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

bool
sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32)
		return false;
	digest_hex(md, mdlen, out);
	return true;
}

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
digest_copy(int in_fd, int out_fd, char hex[DIGEST_HEX_LEN + 1],
    long long *bytes)
{
	unsigned char md[EVP_MAX_MD_SIZE], *buf;
	unsigned int mdlen = 0;
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
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32)
		goto done;
	digest_hex(md, mdlen, hex);
	ok = true;
done:
	EVP_MD_CTX_free(ctx);
	free(buf);
	return ok;
}

int
sha256_file(const char *path, char out[DIGEST_HEX_LEN + 1], long long *bytes)
{
	long long n = 0;
	bool ok;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ok = digest_copy(fd, -1, out, &n);
	close(fd);
	if (!ok)
		return -1;
	if (bytes != NULL)
		*bytes = n;
	return 0;
}
