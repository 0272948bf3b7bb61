/*
 * db_document_mail.h - sending an issued document by e-mail: what the
 * message says by default, and queueing it with its PDF
 * (db/functions/document_mail.sql).
 */
#ifndef FM_DB_DOCUMENT_MAIL_H
#define FM_DB_DOCUMENT_MAIL_H

#include "db/db.h"

/* document_mail_defaults(): email (empty when the billing contact has
 * none), contact, has_contact (t/f), number, kind, language, issued_on,
 * due_on, total_due (as the document's language reads them), seller,
 * status.  No row when there is no such document. */
NEOERR *db_document_mail_defaults(long long id, PGresult **res);

/* Queues the message with the PDF (len bytes) as filename and writes the
 * log's 'send' entry, in the caller's transaction; *outbox_id is the
 * message.  FM_ERR_INVALID when the database refuses it. */
NEOERR *db_document_mail_queue(long long id, const char *to,
    const char *subject, const char *body, const char *filename,
    const char *pdf, size_t len, long long *outbox_id);

#endif
