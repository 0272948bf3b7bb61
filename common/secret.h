/*
 * secret.h - random tokens and constant-time comparison.
 */
#ifndef FM_SECRET_H
#define FM_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* nbytes (at most 64) random bytes as 2*nbytes hex characters in out. */
bool random_hex(char *out, size_t nbytes);

/* Compares two strings in a time that does not depend on where they differ. */
bool equal_secret(const char *a, const char *b);

#endif
