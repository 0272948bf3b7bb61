/*
 * linksign.c - HMAC-SHA256 signed links for local downloads from boxes
 * (OpenSSL's HMAC: never hand-written cryptography).
 */
#include "linksign.h"
#include "digest.h"
#include "secret.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char link_label[] = "focusmanager box link key v1";

static bool
hmac_hex(const void *key, size_t klen, const void *msg, size_t mlen,
    char out[LINK_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (HMAC(EVP_sha256(), key, (int)klen, msg, mlen, md, &mdlen) == NULL ||
	    mdlen != 32)
		return false;
	digest_hex(md, mdlen, out);
	return true;
}

bool
link_key_from_token(const char *token, char out[LINK_HEX_LEN + 1])
{
	if (token == NULL || *token == '\0')
		return false;
	return hmac_hex(token, strlen(token), link_label,
	    sizeof(link_label) - 1, out);
}

bool
link_signature(const char *key_hex, const char *path, long long expires,
    char out[LINK_HEX_LEN + 1])
{
	char msg[2048];
	int n;

	if (key_hex == NULL || strlen(key_hex) != LINK_HEX_LEN || path == NULL)
		return false;
	n = snprintf(msg, sizeof(msg), "%s\n%lld", path, expires);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return false;
	return hmac_hex(key_hex, LINK_HEX_LEN, msg, (size_t)n, out);
}

bool
live_signature(const char *key_hex, long long reservation,
    const char *stream_key, long long expires, char out[LINK_HEX_LEN + 1])
{
	char msg[256];
	int n;

	if (key_hex == NULL || strlen(key_hex) != LINK_HEX_LEN ||
	    stream_key == NULL || reservation <= 0 || expires <= 0)
		return false;
	n = snprintf(msg, sizeof(msg), "live\n%lld\n%s\n%lld", reservation,
	    stream_key, expires);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return false;
	return hmac_hex(key_hex, LINK_HEX_LEN, msg, (size_t)n, out);
}

/* A Unix time in at most 12 decimal digits, -1 otherwise. */
static long long
unix_time(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 12 || strspn(s, "0123456789") != n)
		return -1;
	return strtoll(s, NULL, 10);
}

bool
live_check(const char *key_hex, long long reservation, const char *stream_key,
    const char *expires, const char *sig, time_t now)
{
	char want[LINK_HEX_LEN + 1];
	long long e = unix_time(expires);

	if (e < (long long)now || sig == NULL)
		return false;
	if (!live_signature(key_hex, reservation, stream_key, e, want))
		return false;
	return equal_secret(want, sig);
}

bool
link_path_safe(const char *p)
{
	const char *seg;
	size_t len;

	if (p == NULL || *p == '\0' || *p == '/' || strlen(p) > 1000)
		return false;
	for (seg = p;; seg += len + 1) {
		len = strcspn(seg, "/");
		if (len == 0 || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (seg[len] == '\0')
			break;
	}
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return false;
	return true;
}

bool
link_build(char *out, size_t len, const char *base_url, const char *key_hex,
    const char *relpath, long long expires)
{
	static const char keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                           "abcdefghijklmnopqrstuvwxyz0123456789-._~/";
	static const char digits[] = "0123456789ABCDEF";
	char path[1100], enc[3200], sig[LINK_HEX_LEN + 1];
	const unsigned char *p;
	size_t o = 0, blen;
	int n;

	if (!link_path_safe(relpath) || base_url == NULL)
		return false;
	snprintf(path, sizeof(path), "/dl/%s", relpath);
	if (!link_signature(key_hex, path, expires, sig))
		return false;
	for (p = (const unsigned char *)path; *p; p++) {
		if (o + 4 >= sizeof(enc))
			return false;
		if (strchr(keep, *p) != NULL) {
			enc[o++] = (char)*p;
		} else {
			enc[o++] = '%';
			enc[o++] = digits[*p >> 4];
			enc[o++] = digits[*p & 15];
		}
	}
	enc[o] = '\0';
	blen = strlen(base_url);
	if (blen > 0 && base_url[blen - 1] == '/')
		blen--;
	n = snprintf(out, len, "%.*s%s?e=%lld&s=%s", (int)blen, base_url, enc,
	    expires, sig);
	return n > 0 && (size_t)n < len;
}

bool
link_check(const char *key_hex, const char *path, const char *expires,
    const char *sig, time_t now)
{
	char want[LINK_HEX_LEN + 1];
	char *end;
	long long e;

	if (expires == NULL || sig == NULL || *expires == '\0')
		return false;
	errno = 0;
	e = strtoll(expires, &end, 10);
	if (errno != 0 || *end != '\0' || e < (long long)now)
		return false;
	if (!link_signature(key_hex, path, e, want))
		return false;
	return equal_secret(want, sig);
}
