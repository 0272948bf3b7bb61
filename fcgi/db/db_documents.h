/*
 * db_documents.h - queries on quotes, invoices, credit notes and
 * disbursement notes (db/functions/documents.sql).  Amounts come
 * formatted for a language (fm_money: "1 234,50" / "1,234.50") with the
 * raw figure beside them in *_raw columns; C never computes with them.
 */
#ifndef FM_DB_DOCUMENTS_H
#define FM_DB_DOCUMENTS_H

#include "db/db.h"

/* The header fields a draft's form edits, in this order. */
#define DOC_VALUES     14
/* A line's values: label, quantity, unit_price, discount_pct, vat_rate. */
#define LINE_VALUES    5
/* A payment's values: paid_on, amount, method, reference. */
#define PAYMENT_VALUES 4

/*
 * Locks the document for the request's transaction.  *found false when
 * it does not exist; kind, status (and the order) are copied out.
 */
NEOERR *db_document_lock(long long id, bool *found, char kind[24],
    char status[12], long long *order_id);

/* The header of a document, names, dates and totals formatted in lang
 * (NULL: the document's own language). */
NEOERR *db_document_get(long long id, const char *lang, PGresult **res);

/* Its lines (with amounts), disbursements, bases and VAT per rate. */
NEOERR *db_document_lines(long long id, const char *lang, PGresult **res);
NEOERR *db_document_disbursements(long long id, const char *lang,
    PGresult **res);
NEOERR *db_document_vat_totals(long long id, const char *lang, PGresult **res);

/* Payments of an invoice, and its balance (document_balance). */
NEOERR *db_document_payments(long long id, const char *lang, PGresult **res);
NEOERR *db_document_balance(long long id, const char *lang, PGresult **res);

/* Documents made from this one (invoices of a quote, credit notes of an
 * invoice). */
NEOERR *db_document_children(long long id, const char *lang, PGresult **res);

/* The log entries of a document, oldest first. */
NEOERR *db_document_log_of(long long id, PGresult **res);

/* Appends a send entry (channel: email, post, hand, other; to: NULL or
 * the address) or a download entry to the log. */
NEOERR *db_document_log_send(long long id, const char *channel, const char *to);
NEOERR *db_document_log_download(long long id, const char *format);

/*
 * v: billing_company_id, billing_contact_id, language, vat_mode,
 * study_ref, vip, account_code, comment_printed, internal_note,
 * service_from, service_to, valid_until, operation_nature,
 * delivery_address.  *found false when not a draft.
 */
NEOERR *db_document_update(long long id, const char *const v[DOC_VALUES],
    bool *found);

/* Lines of a draft: add at the end, change, delete, move (dir -1/+1). */
NEOERR *db_line_insert(long long doc, const char *const v[LINE_VALUES]);
NEOERR *db_line_update(long long doc, long long line,
    const char *const v[LINE_VALUES], bool *found);
NEOERR *db_line_delete(long long doc, long long line, bool *found);
NEOERR *db_line_move(long long doc, long long line, int dir, bool *found);
NEOERR *db_doc_disbursement_delete(long long doc, long long id, bool *found);
/* Positions 1..n again after a deletion. */
NEOERR *db_document_renumber(long long doc);

/* Deletes a draft (*found false when none). */
NEOERR *db_document_delete(long long id, bool *found);

/* New drafts: from an order (kind quote or invoice; with its
 * disbursements or not), a disbursement note, an invoice from a quote, a
 * credit note from an issued invoice (lines: "{1,2}" or NULL for the
 * whole invoice; or amount excl. VAT at rate with label). */
NEOERR *db_document_from_order(long long order, const char *kind,
    bool disbursements, long long *id);
NEOERR *db_disbursement_note(long long order, long long *id);
NEOERR *db_invoice_from_quote(long long quote, long long *id);
NEOERR *db_credit_note(long long invoice, const char *lines, const char *amount,
    const char *rate, const char *label, long long *id);

/* issue_document(): number written to number (size len). */
NEOERR *db_document_issue(long long id, char *number, size_t len);

/* v: paid_on, amount, method, reference. */
NEOERR *db_payment_insert(long long doc, const char *const v[PAYMENT_VALUES]);

/* The documents of an order (order_documents), for its page. */
NEOERR *db_order_documents(long long order, const char *lang, PGresult **res);

/*
 * One page of documents: kind ("" all), status (draft, issued, overdue,
 * unpaid), q (number, company, study ref, order number).  Column total
 * holds the number of matching rows.
 */
NEOERR *db_documents_page(const char *kind, const char *status, const char *q,
    const char *lang, int limit, int offset, PGresult **res);

/* The seller and buyer a document prints (snapshots once issued), its
 * terms and mentions, as columns for the PDF. */
NEOERR *db_document_parties(long long id, const char *lang, PGresult **res);

/* Copies every non-NULL column of row into prefix.<column>, however
 * many (the document's header has more than db_row_to_hdf takes). */
NEOERR *db_document_row_to_hdf(HDF *hdf, const char *prefix, PGresult *res,
    int row);

/* The billing contacts of a company (id, name). */
NEOERR *db_billing_contacts(long long company, PGresult **res);

#endif
