/*
 * password.c - yescrypt through crypt_ra/crypt_gensalt_ra.
 *
 * Cost 5 is Debian's default for yescrypt: about 20 ms on the 2-core
 * reference machine, slow enough for an attacker, quick for a login.
 */
#include "password.h"
#include "secret.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#define YESCRYPT_COST 5

char *
password_hash(const char *password)
{
	char *salt, *out = NULL;
	void *data = NULL;
	int size = 0;
	const char *h;

	salt = crypt_gensalt_ra("$y$", YESCRYPT_COST, NULL, 0);
	if (salt == NULL)
		return NULL;
	h = crypt_ra(password, salt, &data, &size);
	if (h != NULL && h[0] != '*')
		out = strdup(h);
	free(data);
	free(salt);
	return out;
}

bool
password_verify(const char *password, const char *hash)
{
	void *data = NULL;
	int size = 0;
	const char *h;
	bool ok;

	if (hash == NULL || hash[0] != '$') {
		/* Unknown login: spend the same time, then fail. */
		static char *dummy;

		if (dummy == NULL)
			dummy = password_hash("not a password");
		if (dummy != NULL) {
			h = crypt_ra(password ? password : "", dummy, &data,
			    &size);
			free(data);
		}
		return false;
	}
	h = crypt_ra(password ? password : "", hash, &data, &size);
	ok = h != NULL && h[0] != '*' && equal_secret(h, hash);
	free(data);
	return ok;
}

bool
password_needs_rehash(const char *hash)
{
	return hash == NULL || strncmp(hash, "$y$", 3) != 0 ||
	    crypt_checksalt(hash) != CRYPT_SALT_OK;
}
