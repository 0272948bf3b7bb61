/*
 * export_xlsx.h - the accountants' workbook of a period's issued
 * invoices and credit notes (libxlsxwriter, constant-memory mode).
 */
#ifndef FM_EXPORT_XLSX_H
#define FM_EXPORT_XLSX_H

#include "fm.h"
#include "tmpl.h"

/*
 * Writes the workbook of the documents issued from `from` to `to`
 * (YYYY-MM-DD, inclusive) to path, its temporary files in tmpdir, labels
 * in lang:
 *
 *   1. documents: number, kind, date, due date, client, study ref,
 *      order, excl. VAT, VAT per rate, incl. VAT, disbursements, total
 *      due, payment state; frozen header, autofilter, a totals row;
 *   2. lines: each document's lines with their amounts;
 *   3. VAT: bases and VAT per rate, invoices, credit notes and net.
 *
 * Amounts are numbers in a euro format, dates are dates, credit notes
 * are negative; text typed by users is written as text, never as a
 * formula.  Reads the database in its own read-only transaction (ended
 * before returning).  *rows gets the number of document lines written.
 */
NEOERR *export_xlsx(const char *path, const char *tmpdir, const char *from,
    const char *to, enum lang lang, long *rows);

#endif
