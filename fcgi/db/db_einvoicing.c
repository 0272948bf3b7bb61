/*
 * db_einvoicing.c - the queries of Factur-X (db_einvoicing.h).
 */
#include "db/db_einvoicing.h"
#include "digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

NEOERR *
db_einvoice_header(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT * FROM einvoice_header($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

NEOERR *
db_einvoice_lines(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT * FROM einvoice_lines($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

NEOERR *
db_einvoice_vat(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT * FROM einvoice_vat($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

/* Bytes as a bytea literal in hex: "\x" and two digits a byte. */
static char *
bytea_hex(const char *bytes, size_t len)
{
	char *s = malloc(2 * len + 3);

	if (s == NULL)
		return NULL;
	memcpy(s, "\\x", 2);
	digest_hex((const unsigned char *)bytes, len, s + 2);
	s[2 * len + 2] = '\0';
	return s;
}

NEOERR *
db_document_archive(long long id, const char *pdf, size_t pdf_len,
    const char *xml, size_t xml_len)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_archive($1::bigint, $2::bytea, $3::bytea)");
	char buf[24], *p = bytea_hex(pdf, pdf_len),
	              *x = bytea_hex(xml, xml_len);
	NEOERR *err;

	if (p == NULL || x == NULL)
		err = nerr_raise(NERR_NOMEM, "archive");
	else
		err = DBQ(&st, NULL, db_int(buf, id), p, x);
	free(p);
	free(x);
	return err;
}

NEOERR *
db_document_file(long long id, const char *format, char number[40],
    unsigned char **bytes, size_t *len)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT f.bytes, d.number FROM document_files f"
	    " JOIN documents d ON d.id = f.document_id"
	    " WHERE f.document_id = $1::bigint AND f.format = $2");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	*bytes = NULL;
	*len = 0;
	err = DBQ(&st, &res, db_int(buf, id), format);
	if (err != STATUS_OK)
		return err;
	if (PQntuples(res) == 1) {
		snprintf(number, 40, "%s", PQgetvalue(res, 0, 1));
		*bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(res,
		                             0, 0),
		    len);
		if (*bytes == NULL)
			err = nerr_raise(NERR_NOMEM, "bytea");
	}
	PQclear(res);
	return err;
}
