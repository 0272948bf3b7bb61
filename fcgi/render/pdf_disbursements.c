/*
 * pdf_disbursements.c - the disbursements table (on quotes and invoices
 * that carry them, and on disbursement notes) and the body of a
 * disbursement note: who was paid, how, the cheque number, the amount.
 */
#include "render/pdf_doc.h"

#include <stdio.h>
#include <string.h>

struct col {
	const char *key; /* L.pdf.dcol.<key> */
	float w;
	enum pdf_align a;
};

static const struct col cols[] = {
	{ "last_name", 120, PDF_L },
	{ "first_name", 100, PDF_L },
	{ "payment_type", 75, PDF_L },
	{ "cheque_no", 80, PDF_L },
	{ "paid_on", 60, PDF_L },
	{ "amount", 70, PDF_R },
};
#define NCOLS FM_ARRAY_LEN(cols)

static void
cell(struct pdf *p, size_t i, float y, bool bold, struct pdf_rgb c,
    const char *utf8)
{
	float x = PDF_LEFT;
	size_t k;
	char cp[400];

	for (k = 0; k < i; k++)
		x += cols[k].w;
	pdf_cp1252(utf8, cp, sizeof(cp));
	/* Clip what would run into the next column. */
	while (*cp && pdf_width(p, bold, 8.5f, cp) > cols[i].w - 8)
		cp[strlen(cp) - 1] = '\0';
	pdf_text(p, cols[i].a == PDF_R ? x + cols[i].w - 4 : x + 4, y, bold,
	    8.5f, c, cols[i].a, cp);
}

static void
header(struct pdf *p)
{
	char key[64];
	size_t i;

	pdf_need(p, 36);
	pdf_rect(p, PDF_LEFT, p->y - 15, PDF_RIGHT - PDF_LEFT, 15, PDF_BRAND);
	for (i = 0; i < NCOLS; i++) {
		float x = PDF_LEFT;
		size_t k;

		for (k = 0; k < i; k++)
			x += cols[k].w;
		snprintf(key, sizeof(key), "dcol.%s", cols[i].key);
		pdf_utext(p, cols[i].a == PDF_R ? x + cols[i].w - 4 : x + 4,
		    p->y - 10.5f, true, 7.5f, PDF_WHITE, cols[i].a,
		    pdf_str(p, key));
	}
	p->y -= 15;
}

static void
on_page_in_table(struct pdf *p, void *ctx)
{
	(void)ctx;
	pdf_frame_continued(p);
	header(p);
}

void
pdf_disbursements_table(struct pdf *p)
{
	pdf_hook saved = p->on_new_page;
	HDF *d;
	int row = 0;

	header(p);
	p->on_new_page = on_page_in_table;
	for (d = hdf_get_child(p->data, "Disb"); d;
	     d = hdf_obj_next(d), row++) {
		char key[64], money[64];
		float y;

		pdf_need(p, 15);
		if (row % 2 == 1)
			pdf_rect(p, PDF_LEFT, p->y - 15, PDF_RIGHT - PDF_LEFT,
			    15, PDF_SHADE);
		y = p->y - 10.5f;
		cell(p, 0, y, false, PDF_INK,
		    hdf_get_value(d, "last_name", ""));
		cell(p, 1, y, false, PDF_INK,
		    hdf_get_value(d, "first_name", ""));
		snprintf(key, sizeof(key), "payment.%s",
		    hdf_get_value(d, "payment_type", "other"));
		cell(p, 2, y, false, PDF_INK, tmpl_str(p->lang, key));
		cell(p, 3, y, false, PDF_INK,
		    hdf_get_value(d, "cheque_no", ""));
		cell(p, 4, y, false, PDF_INK, hdf_get_value(d, "paid_on", ""));
		cell(p, 5, y, false, PDF_INK,
		    pdf_money(p, hdf_get_value(d, "amount", ""), money,
		        sizeof(money)));
		p->y -= 15;
	}
	pdf_line(p, PDF_LEFT, p->y, PDF_RIGHT, p->y, 0.6f, PDF_LINE);
	p->on_new_page = saved;
	p->y -= 6;
}

static void
on_page(struct pdf *p, void *ctx)
{
	(void)ctx;
	pdf_frame_continued(p);
}

void
pdf_disbursements_body(struct pdf *p)
{
	char buf[600], money[64];

	p->on_new_page = on_page;
	pdf_fill(buf, sizeof(buf), pdf_str(p, "disb_intro"), "client",
	    pdf_get(p, "Doc.buyer_name"), (char *)NULL);
	pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, false, 9, 12, PDF_INK,
	    buf);
	p->y -= 6;
	pdf_disbursements_table(p);
	pdf_need(p, 30);
	pdf_rect(p, 312, p->y - 17, PDF_RIGHT - 312, 17, PDF_BRAND);
	pdf_utext(p, 318, p->y - 12, true, 9.5f, PDF_WHITE, PDF_L,
	    pdf_str(p, "total_disb_note"));
	pdf_utext(p, PDF_RIGHT - 4, p->y - 12, true, 9.5f, PDF_WHITE, PDF_R,
	    pdf_money(p, pdf_get(p, "Doc.disbursements"), money,
	        sizeof(money)));
	p->y -= 28;
	pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, false, 7.8f, 10.2f,
	    PDF_INK, pdf_get(p, "Doc.disbursements_mention"));
}
