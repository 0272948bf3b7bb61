/*
 * secret.c - random tokens (getrandom) and constant-time comparison.
 */
#include "secret.h"

#include <string.h>
#include <sys/random.h>

bool
random_hex(char *out, size_t nbytes)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char buf[64];
	size_t i;

	if (nbytes > sizeof(buf) ||
	    getrandom(buf, nbytes, 0) != (ssize_t)nbytes)
		return false;
	for (i = 0; i < nbytes; i++) {
		out[2 * i] = digits[buf[i] >> 4];
		out[2 * i + 1] = digits[buf[i] & 15];
	}
	out[2 * nbytes] = '\0';
	return true;
}

bool
equal_secret(const char *a, const char *b)
{
	size_t la, lb, i;
	unsigned char diff = 0;

	if (a == NULL || b == NULL)
		return false;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb || la == 0)
		return false;
	for (i = 0; i < la; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return diff == 0;
}
