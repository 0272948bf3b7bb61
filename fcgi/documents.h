/*
 * documents.h - the document page (a quote, invoice, credit note or
 * disbursement note), shared by the handlers that write to it
 * (documents.c, document_lines.c, payments.c) and the order page's
 * documents bar.
 */
#ifndef FM_DOCUMENTS_H
#define FM_DOCUMENTS_H

#include "http.h"

/* What the request already put in Form.* (kept, not re-read). */
enum document_page_flags {
	DP_HEADER_POSTED = 1 << 0,  /* the header form */
	DP_LINES_POSTED = 1 << 1,   /* the lines table */
	DP_PAYMENT_POSTED = 1 << 2, /* the payment form */
	DP_CREDIT_POSTED = 1 << 3,  /* the credit note form */
	DP_SEND_POSTED = 1 << 4,    /* the "sent" form */
	DP_MAIL_POSTED = 1 << 5,    /* the "send by e-mail" form */
};

/* What the lock found. */
struct doc_state {
	char kind[24];   /* quote, invoice, credit_note, disbursement_note */
	char status[12]; /* draft, issued */
	long long order_id;
};

/*
 * Renders the document page with status r->status.  FM_ERR_NOTFOUND when
 * the document does not exist.
 */
NEOERR *documents_page(struct req *r, long long id, int flags);

/*
 * Starts the request's transaction (naming the staff user) and locks the
 * document: FM_ERR_NOTFOUND when it does not exist; with draft_only,
 * FM_ERR_CONFLICT when it is issued (frozen).  Rolled back on error.
 */
NEOERR *documents_begin(struct req *r, long long id, bool draft_only,
    struct doc_state *st);

/* Fills OrderDocs.* for the documents bar of the order page. */
NEOERR *documents_order_section(struct req *r, long long order_id);

/*
 * The bytes GET /documents/{id}.pdf serves, appended to out, and the
 * file's name (<number>.pdf, or <kind>-<id>-draft.pdf) in name; *found
 * false when there is no such document, *issued true when it has a
 * number (document_pdf.c).
 */
NEOERR *documents_pdf_bytes(long long id, STRING *out, char *name,
    size_t namelen, bool *found, bool *issued);

/* Fills Mail.* and Form.mail_* for the "send by e-mail" form of an issued
 * document's page (document_mail.c); with posted, Form.* is kept. */
NEOERR *documents_mail_section(struct req *r, long long id, bool posted);

/*
 * The Factur-X of an issued invoice or credit note: its PDF/A-3B and its
 * CII XML, appended to pdf and xml (document_pdf.c).
 */
NEOERR *documents_facturx(long long id, STRING *pdf, STRING *xml);

/* Makes it and archives it, in the caller's (issuing) transaction. */
NEOERR *documents_facturx_archive(long long id);

/* The message key for a rule PostgreSQL refused (db_last_error's
 * constraint), NULL when it is not one of the billing rules. */
const char *documents_rule_message(void);

#endif
