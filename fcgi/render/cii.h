/*
 * cii.h - the UN/CEFACT Cross Industry Invoice (D16B) of an invoice or a
 * credit note, EN 16931 profile (urn:cen.eu:en16931:2017): the
 * factur-x.xml embedded in the Factur-X PDF and served alone at
 * /documents/{id}.xml.  Written with libxml2's xmlTextWriter (escaping,
 * UTF-8) from the values its HDF holds:
 *
 *   Cii.*          the header: einvoice_header() (db/functions/einvoicing.sql)
 *   CiiLines.N.*   einvoice_lines(): the lines, then the disbursements
 *   CiiVat.N.*     einvoice_vat(): the VAT breakdown, once per category
 *                  and rate
 *
 * Every amount arrives as PostgreSQL's numeric text ('.' decimals):
 * this code only places it.
 */
#ifndef FM_CII_H
#define FM_CII_H

#include "fm.h"

/* Appends the XML to out. */
NEOERR *cii_write(HDF *data, STRING *out);

#endif
