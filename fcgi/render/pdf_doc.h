/*
 * pdf_doc.h - what the PDF layouts (pdf_frame.c, pdf_invoice.c,
 * pdf_disbursements.c) draw with: an A4 libharu document, its two
 * embedded fonts, text in Windows-1252, wrapping, pages.
 *
 * Fonts: subsets of DejaVu Sans and DejaVu Sans Bold made at build time
 * (fonts/fm-sans.ttf, fonts/fm-sans-bold.ttf), embedded as simple
 * TrueType fonts with the CP1252 encoding: every string is converted
 * from UTF-8 to CP1252 (pdf_cp1252) before it is measured or drawn.
 * docs/billing.md says why (size, speed, text extraction).
 */
#ifndef FM_PDF_DOC_H
#define FM_PDF_DOC_H

#include "fm.h"
#include "tmpl.h"

#include <hpdf.h>

#define PDF_W         595.276f
#define PDF_H         841.89f
#define PDF_LEFT      45.0f
#define PDF_RIGHT     (PDF_W - 45.0f)
#define PDF_TOP       (PDF_H - 42.0f)
#define PDF_BOTTOM    62.0f /* the footer lives below */
#define PDF_MAX_PAGES 200

enum pdf_align { PDF_L, PDF_R, PDF_C };

struct pdf_rgb {
	float r, g, b;
};
extern const struct pdf_rgb PDF_INK, PDF_MUTED, PDF_BRAND, PDF_LINE, PDF_SHADE,
    PDF_WHITE, PDF_WATERMARK;

struct pdf;
/* Drawn at the top of every page after the first (continuation header,
 * table header); returns nothing, moves p->y. */
typedef void (*pdf_hook)(struct pdf *p, void *ctx);

struct pdf {
	HPDF_Doc doc;
	HPDF_Font font[2]; /* regular, bold */
	HPDF_Page page;    /* the page being drawn */
	HPDF_Page pages[PDF_MAX_PAGES];
	int npages;
	float y;     /* next baseline, from the bottom */
	bool failed; /* libharu reported an error */
	unsigned long error, detail;
	enum lang lang;        /* the document's language */
	HDF *data;             /* the document (Doc.*, Lines.*...) */
	const char *watermark; /* drafts: printed across each page */
	pdf_hook on_new_page;  /* continuation header, table header */
	void *hook_ctx;
};

/*
 * Opens a document in lang with the fonts of fonts_dir.  On error
 * nothing is left open.
 */
NEOERR *pdf_open(struct pdf *p, const char *fonts_dir, enum lang lang,
    HDF *data);
void pdf_close(struct pdf *p);

/* Adds an A4 page, draws the watermark and calls the hook (not on the
 * first page). */
void pdf_new_page(struct pdf *p);

/* Starts a new page when less than h points are left above the footer. */
void pdf_need(struct pdf *p, float h);

/* Writes the document to out; FM_ERR... when libharu failed anywhere. */
NEOERR *pdf_save(struct pdf *p, STRING *out);

/*
 * UTF-8 to Windows-1252 into out (size len): characters it lacks and
 * invalid sequences become '?', stray continuation bytes are dropped;
 * spaces inside « » and before : ; ! ? become no-break spaces (French
 * typography).  Returns out.
 */
const char *pdf_cp1252(const char *utf8, char *out, size_t len);

/* Width of CP1252 text in points. */
float pdf_width(struct pdf *p, bool bold, float size, const char *cp);

/* Draws CP1252 text with its baseline at y, aligned on x. */
void pdf_text(struct pdf *p, float x, float y, bool bold, float size,
    struct pdf_rgb c, enum pdf_align a, const char *cp);

/* The same from UTF-8. */
void pdf_utext(struct pdf *p, float x, float y, bool bold, float size,
    struct pdf_rgb c, enum pdf_align a, const char *utf8);

/*
 * Splits CP1252 text into lines at most width wide (at spaces, or
 * anywhere in a word too long; at newlines always).  starts/lens get
 * each line; returns the number of lines (at most max).
 */
int pdf_wrap(struct pdf *p, bool bold, float size, float width, const char *cp,
    const char **starts, int *lens, int max);

/*
 * Draws UTF-8 text wrapped in width from p->y down (line height lh),
 * breaking pages as needed; returns the number of lines.
 */
int pdf_paragraph(struct pdf *p, float x, float width, bool bold, float size,
    float lh, struct pdf_rgb c, const char *utf8);

/* A filled rectangle (x, y: bottom left) and a line. */
void pdf_rect(struct pdf *p, float x, float y, float w, float h,
    struct pdf_rgb fill);
void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2,
    float width, struct pdf_rgb c);

/* The document's interface string L.pdf.<key>. */
const char *pdf_str(struct pdf *p, const char *key);

/* A value of the document's data (Doc.name...), "" when missing. */
const char *pdf_get(struct pdf *p, const char *key);

/*
 * Copies text to out replacing {name} with the given values (pairs of
 * name, value, ended by NULL).
 */
void pdf_fill(char *out, size_t len, const char *text, ...);

/* An amount as printed: "1 234,50 €" (fr), "€1,234.50" (en). */
const char *pdf_money(struct pdf *p, const char *amount, char *out, size_t len);

/* --- page furniture (pdf_frame.c) --- */

/* The first page's head: the seller, the title block, the buyer and
 * the service; p->y ends below them. */
void pdf_frame_first(struct pdf *p);

/* The head of the following pages: seller and "Invoice F... (continued)". */
void pdf_frame_continued(struct pdf *p);

/* Footers (the seller's legal line) and "Page i / n" on every page. */
void pdf_frame_finish(struct pdf *p);

/* --- bodies --- */

/* Quotes, invoices and credit notes: lines, disbursements, totals,
 * payment terms and legal mentions (pdf_invoice.c). */
void pdf_invoice_body(struct pdf *p);

/* Disbursement notes (pdf_disbursements.c). */
void pdf_disbursements_body(struct pdf *p);

/* The disbursements table, shared by both (pdf_disbursements.c). */
void pdf_disbursements_table(struct pdf *p);

#endif
