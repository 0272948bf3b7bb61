/*
 * db_documents.h - queries on quotes, invoices, credit notes and
 * disbursement notes (db/functions/documents.sql).  Amounts come
 * formatted for a language (fm_money: "1 234,50" / "1,234.50") with the
 * raw figure beside them in *_raw columns; C never computes with them.
 */
#ifndef FM_DB_DOCUMENTS_H
#define FM_DB_DOCUMENTS_H

#include "db/db.h"

/* The header of a draft, as its form gives it and its statement takes it. */
#define DOCUMENT(X)                                                       \
	X(billing_company_id, FT_ID, true, 0, 0, NULL)                    \
	X(billing_contact_id, FT_ID, false, 0, 0, NULL)                   \
	X(language, FT_CHOICE, true, 0, 0, "fr en")                       \
	X(vat_mode, FT_CHOICE, true, 0, 0,                                \
	    "normal exempt reverse_charge export")                        \
	X(study_ref, FT_TEXT, false, 100, 0, NULL)                        \
	X(po_number, FT_TEXT, false, 100, 0, NULL)                        \
	X(buyer_ref, FT_TEXT, false, 100, 0, NULL)                        \
	X(vip, FT_BOOL, false, 0, 0, NULL)                                \
	X(account_code, FT_TEXT, false, 40, 0, NULL)                      \
	X(comment_printed, FT_MULTILINE, false, 4000, 0, NULL)            \
	X(internal_note, FT_MULTILINE, false, 4000, 0, NULL)              \
	X(service_from, FT_DATE, false, 0, 0, NULL)                       \
	X(service_to, FT_DATE, false, 0, 0, NULL)                         \
	X(valid_until, FT_DATE, false, 0, 0, NULL)                        \
	X(operation_nature, FT_CHOICE, true, 0, 0, "services goods both") \
	X(delivery_address, FT_MULTILINE, false, 1000, 0, NULL)
DB_VALUES(document, DOCUMENT);

/* A line of a draft: the cells of one row of its grid (document_lines.c;
 * discount_pct is the cell "discount"). */
#define LINE(X)                                        \
	X(label, FT_MULTILINE, false, 2000, 0, NULL)   \
	X(quantity, FT_DECIMAL, false, 0, 0, NULL)     \
	X(unit_price, FT_MONEY, false, 0, 0, NULL)     \
	X(discount_pct, FT_DECIMAL, false, 0, 0, NULL) \
	X(vat_rate, FT_DECIMAL, false, 0, 0, NULL)
DB_VALUES(line, LINE);

/* A payment of an issued invoice. */
#define PAYMENT(X)                                          \
	X(paid_on, FT_DATE, true, 0, 0, NULL)               \
	X(amount, FT_MONEY, true, 0, 0, NULL)               \
	X(method, FT_CHOICE, true, 0, 0,                    \
	    "transfer cheque card cash direct_debit other") \
	X(reference, FT_TEXT, false, 100, 0, NULL)
DB_VALUES(payment, PAYMENT);

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
/* A credit-note draft against its invoice (credit_note_room()):
 * invoice_total, credited (issued credit notes), remaining, draft_total,
 * exceeds (1 when issuing would refuse it); no row for other documents. */
NEOERR *db_credit_note_room(long long id, const char *lang, PGresult **res);

NEOERR *db_document_children(long long id, const char *lang, PGresult **res);

/* The log entries of a document, oldest first. */
NEOERR *db_document_log_of(long long id, const char *lang, PGresult **res);

/* The same entries as stored, for export (GET /documents/{id}/log.json):
 * one row, found (0: no such document) and entries (a JSON array). */
NEOERR *db_document_log_json(long long id, PGresult **res);

/* Appends a send entry (channel: email, post, hand, other; to: NULL or
 * the address) or a download entry to the log. */
NEOERR *db_document_log_send(long long id, const char *channel, const char *to);
NEOERR *db_document_log_download(long long id, const char *format);

/* The header of a draft; *found false when not a draft. */
NEOERR *db_document_update(long long id, const struct document *v, bool *found);

/* Lines of a draft: add at the end, change, delete, move (dir -1/+1). */
NEOERR *db_line_insert(long long doc, const struct line *v);
NEOERR *db_line_update(long long doc, long long line, const struct line *v,
    bool *found);
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

NEOERR *db_payment_insert(long long doc, const struct payment *v);

/* The documents of an order (order_documents), for its page. */
NEOERR *db_order_documents(long long order, const char *lang, PGresult **res);

/*
 * One page of documents: kind ("" all), status (draft, issued, overdue,
 * unpaid), q (number, company, study ref, order number), after the key
 * (key_day, key_id; NULL: the first page) or before it.  Columns fetched
 * (rows read: limit + 1 when there are more), total (the matching rows,
 * at most cap), key (each row's key).
 */
NEOERR *db_documents_page(const char *kind, const char *status, const char *q,
    const char *lang, int limit, int cap, const char *key_day,
    const char *key_id, bool before, PGresult **res);

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
