/*
 * password.h - password hashing with yescrypt (libcrypt).
 */
#ifndef FM_PASSWORD_H
#define FM_PASSWORD_H

#include <stdbool.h>

/* Hashes password with a fresh salt; returns a malloc'd string or NULL. */
char *password_hash(const char *password);

/* True when password matches the stored hash (constant work on NULL). */
bool password_verify(const char *password, const char *hash);

/* True when the stored hash uses older parameters and should be redone. */
bool password_needs_rehash(const char *hash);

#endif
