/*
 * pdf.h - a document (quote, invoice, credit note, disbursement note) as
 * an A4 PDF, drawn with libharu from the values its HDF holds:
 *
 *   Doc.*        the header, dates, totals, seller_* and buyer_* (as
 *                printed: the snapshots once issued), terms and mentions
 *   Lines.N.*    label, quantity, unit_price, discount, discount_raw,
 *                vat_rate, amount
 *   VatTotals.N.*  rate, base, vat
 *   Disb.N.*     last_name, first_name, payment_type, cheque_no, paid_on,
 *                amount
 *
 * Every figure arrives formatted by PostgreSQL; the PDF code only places
 * text.  document_pdf.c fills the HDF from the database; bench/pdf_bench.c
 * fills it by hand.
 */
#ifndef FM_PDF_H
#define FM_PDF_H

#include "fm.h"
#include "tmpl.h"

/*
 * Renders the document in lang (its interface strings L.pdf.* must be
 * loaded: tmpl_init) with the fonts of fonts_dir, appending the PDF to
 * out.
 */
NEOERR *pdf_render(HDF *data, enum lang lang, const char *fonts_dir,
    STRING *out);

/* Where the fonts are: Paths.Fonts of focusd.conf, or the installed ones. */
const char *pdf_fonts_dir(void);

/* The sRGB profile of Factur-X files: Paths.IccProfile, or Debian's
 * icc-profiles-free. */
const char *pdf_icc_profile(void);

/* What makes an invoice or credit note a Factur-X (render/pdfa3.c). */
struct pdf_facturx {
	const char *xml; /* factur-x.xml (render/cii.c) */
	size_t xml_len;
	const char *stamp;   /* the issue time, UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *id_seed; /* the trailer /ID comes from it */
	const char *icc_path;
};

/* The same document as a PDF/A-3B with its CII XML embedded. */
NEOERR *pdf_render_facturx(HDF *data, enum lang lang, const char *fonts_dir,
    const struct pdf_facturx *fx, STRING *out);

#endif
