/*
 * bodyguard.h - counts the fields of a request body as it streams past,
 * before ClearSilver parses it.
 *
 * ClearSilver's form parser takes time quadratic in the number of fields
 * that share a name ("a=&a=&a=..."): 80,000 of them held a worker for
 * seconds.  dispatch.c reads the body through a guard that counts the
 * field separators of an urlencoded body ('&', as the parser splits) or the boundary
 * lines of a multipart one, and stops the read (as if the body ended)
 * once there are more than the cap; the request is then refused (400)
 * without ever reaching the parser's quadratic part.  It keeps no more
 * than one boundary of the stream, whatever the body's size.
 */
#ifndef FM_BODYGUARD_H
#define FM_BODYGUARD_H

#include <stdbool.h>
#include <stddef.h>

#define BODYGUARD_BOUNDARY_MAX 72 /* RFC 2046: at most 70 characters */

struct bodyguard {
	int max_fields; /* the cap: more fields than this is refused */
	int fields;     /* separators seen so far (a lower bound) */
	bool multipart; /* counting "--boundary" lines, not '&' */
	bool over;      /* the cap was passed: stop reading */
	char pat[BODYGUARD_BOUNDARY_MAX + 3]; /* "--" boundary */
	size_t patlen;
	char carry[BODYGUARD_BOUNDARY_MAX + 3]; /* the stream's last bytes */
	size_t carrylen;
};

/*
 * Prepares g for a body of Content-Type ctype (NULL: urlencoded); false
 * when a multipart type has no usable boundary (the parser would refuse
 * it too).
 */
bool bodyguard_init(struct bodyguard *g, const char *ctype, int max_fields);

/* Counts n more bytes of the body; false once the cap is passed. */
bool bodyguard_feed(struct bodyguard *g, const char *buf, size_t n);

#endif
