/*
 * db_document_mail.c - one function per query of sending a document by
 * e-mail.
 */
#include "db/db_document_mail.h"

#include <stdlib.h>

NEOERR *
db_document_mail_defaults(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT coalesce(email, '') AS email, contact,"
	    " has_contact::int AS has_contact, number, kind, language,"
	    " issued_on, due_on, total_due, seller, status"
	    " FROM document_mail_defaults($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

/* bytea's hex input form: \x and two digits per byte. */
static char *
hex(const char *b, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc(len * 2 + 3), *p;
	size_t i;

	if (s == NULL)
		return NULL;
	p = s;
	*p++ = '\\';
	*p++ = 'x';
	for (i = 0; i < len; i++) {
		*p++ = digits[(unsigned char)b[i] >> 4];
		*p++ = digits[(unsigned char)b[i] & 15];
	}
	*p = '\0';
	return s;
}

NEOERR *
db_document_mail_queue(long long id, const char *to, const char *subject,
    const char *body, const char *filename, const char *pdf, size_t len,
    long long *outbox_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_mail_queue($1::bigint, $2, $3, $4, $5, "
	    "$6::bytea)");
	char buf[24], *bytes = hex(pdf, len);
	NEOERR *err;

	if (bytes == NULL)
		return nerr_raise(NERR_NOMEM, "mail attachment");
	err = DBQ_ID(&st, outbox_id, db_int(buf, id), to, subject, body,
	    filename, bytes);
	free(bytes);
	return nerr_pass(err);
}
