/*
 * db_exports.h - what the accountants' exports read: issued invoices and
 * credit notes of a period (XLSX) and the FEC of a fiscal year.  Big results are
 * read through cursors, a few thousand rows at a time, inside one
 * read-only, repeatable-read transaction (every sheet sees the same data).
 * Documents are read with the totals they were issued with; credit notes
 * come out negative; sums are PostgreSQL's.
 */
#ifndef FM_DB_EXPORTS_H
#define FM_DB_EXPORTS_H

#include "db/db.h"

/* The export's transaction: read-only, one snapshot for all queries. */
NEOERR *db_export_begin(void);

/* The VAT rates used in [from, to] (as applied: 0 outside normal mode),
 * highest first, labelled for lang, and all of them as a PostgreSQL
 * array "{20.00,10.00}" (column rates). */
NEOERR *db_export_rates(const char *from, const char *to, const char *lang,
    PGresult **res);

/*
 * Opens cursor export_docs over the period's documents: number, kind,
 * issued_on, due_on, client, study_ref, order_id, total_ht, vat (array
 * text, one per rate of rates), total_ttc, disbursements, total_due,
 * payment; and export_lines over their lines: number, kind, issued_on,
 * client, position, label, quantity, unit_price, discount_pct, vat_rate,
 * amount.  Dates as YYYY-MM-DD, amounts signed.
 */
NEOERR *db_export_open_docs(const char *from, const char *to,
    const char *rates);
NEOERR *db_export_open_lines(const char *from, const char *to);

/* The next rows of a cursor (none at the end). */
NEOERR *db_export_fetch_docs(PGresult **res);
NEOERR *db_export_fetch_lines(PGresult **res);

/* Sums of the documents' columns (total_ht, vat per rate as array,
 * total_ttc, disbursements, total_due), and of the lines' amounts. */
NEOERR *db_export_doc_sums(const char *from, const char *to, const char *rates,
    PGresult **res);
NEOERR *db_export_line_sum(const char *from, const char *to, PGresult **res);

/* Per rate: base and VAT of invoices, of credit notes (negative), net;
 * a last row (rate NULL) with the totals. */
NEOERR *db_export_vat_summary(const char *from, const char *to, PGresult **res);

/* fec_lines(year): the FEC lines of the fiscal year that starts in
 * year, in order. */
NEOERR *db_export_fec(int year, PGresult **res);

/* The seller's SIREN (NULL when not set) and the closing date of the
 * fiscal year that starts in year (YYYYMMDD): the file's name. */
NEOERR *db_export_fec_head(int year, PGresult **res);

/* The fiscal years the FEC form offers, latest first: year (its start),
 * starts and ends as lang reads them, is_current (0/1). */
NEOERR *db_export_fiscal_years(const char *lang, PGresult **res);

#endif
