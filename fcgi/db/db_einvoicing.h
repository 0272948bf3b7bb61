/*
 * db_einvoicing.h - what the Factur-X of an invoice or credit note is
 * made of, and its archive (db/functions/einvoicing.sql).
 */
#ifndef FM_DB_EINVOICING_H
#define FM_DB_EINVOICING_H

#include "db/db.h"

/* The CII header (one row), lines and VAT breakdown (einvoice_*). */
NEOERR *db_einvoice_header(long long id, PGresult **res);
NEOERR *db_einvoice_lines(long long id, PGresult **res);
NEOERR *db_einvoice_vat(long long id, PGresult **res);

/* Archives the PDF and XML bytes made at issue (document_archive: the
 * SHA-256 of each goes to the document log). */
NEOERR *db_document_archive(long long id, const char *pdf, size_t pdf_len,
    const char *xml, size_t xml_len);

/*
 * The archived file of a document (format "pdf" or "xml") and its
 * number: *bytes
 * (PQfreemem it) and *len, NULL when there is none (a draft, a quote, a
 * document issued before archives existed).
 */
NEOERR *db_document_file(long long id, const char *format, char number[40],
    unsigned char **bytes, size_t *len);

#endif
