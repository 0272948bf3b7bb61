/*
 * pdf_invoice.c - the body of a quote, an invoice or a credit note: the
 * lines table (its header repeated on each page), the disbursements, the
 * totals, and the terms and legal mentions.  Every figure is a string
 * PostgreSQL formatted; nothing is computed here.
 */
#include "render/pdf_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_SIZE 8.5f
#define ROW_LH   10.0f

struct col {
	const char *key; /* L.pdf.col.<key>, Lines.N.<key> */
	float w;
	enum pdf_align a;
};

static const struct col cols[] = {
	{ "description", 259, PDF_L },
	{ "quantity", 36, PDF_R },
	{ "unit_price", 64, PDF_R },
	{ "discount", 40, PDF_R },
	{ "vat_rate", 34, PDF_R },
	{ "amount", 72, PDF_R },
};
#define NCOLS FM_ARRAY_LEN(cols)

static float
col_x(size_t i)
{
	float x = PDF_LEFT;
	size_t k;

	for (k = 0; k < i; k++)
		x += cols[k].w;
	return x;
}

static void
cell(struct pdf *p, size_t i, float y, bool bold, float size, struct pdf_rgb c,
    const char *utf8)
{
	float x = col_x(i);

	pdf_utext(p, cols[i].a == PDF_R ? x + cols[i].w - 4 : x + 4, y, bold,
	    size, c, cols[i].a, utf8);
}

static void
table_header(struct pdf *p)
{
	char key[64];
	size_t i;

	pdf_need(p, 40);
	pdf_rect(p, PDF_LEFT, p->y - 16, PDF_RIGHT - PDF_LEFT, 16, PDF_BRAND);
	for (i = 0; i < NCOLS; i++) {
		snprintf(key, sizeof(key), "col.%s", cols[i].key);
		cell(p, i, p->y - 11, true, 7.5f, PDF_WHITE, pdf_str(p, key));
	}
	p->y -= 16;
}

/* New pages inside the table: the short head, then the table's. */
static void
on_page_in_table(struct pdf *p, void *ctx)
{
	(void)ctx;
	pdf_frame_continued(p);
	table_header(p);
}

static void
on_page(struct pdf *p, void *ctx)
{
	(void)ctx;
	pdf_frame_continued(p);
}

static void
lines_table(struct pdf *p)
{
	HDF *l;
	int row = 0;

	table_header(p);
	p->on_new_page = on_page_in_table;
	for (l = hdf_get_child(p->data, "Lines"); l;
	     l = hdf_obj_next(l), row++) {
		char cp[4096], money[64], buf[64], line[2048];
		const char *starts[60];
		int lens[60], n, i;
		float h;
		const char *disc = hdf_get_value(l, "discount_raw", "0");

		pdf_cp1252(hdf_get_value(l, "label", ""), cp, sizeof(cp));
		n = pdf_wrap(p, false, ROW_SIZE, cols[0].w - 8, cp, starts,
		    lens, 60);
		h = n * ROW_LH + 4.0f;
		pdf_need(p, h);
		if (row % 2 == 1)
			pdf_rect(p, PDF_LEFT, p->y - h, PDF_RIGHT - PDF_LEFT, h,
			    PDF_SHADE);
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof(line), "%.*s", lens[i],
			    starts[i]);
			pdf_text(p, PDF_LEFT + 4,
			    p->y - 2.2f - (i + 1) * ROW_LH + 2.5f, false,
			    ROW_SIZE, PDF_INK, PDF_L, line);
		}
		{
			float y = p->y - 2.2f - ROW_LH + 2.5f;

			cell(p, 1, y, false, ROW_SIZE, PDF_INK,
			    hdf_get_value(l, "quantity", ""));
			cell(p, 2, y, false, ROW_SIZE, PDF_INK,
			    pdf_money(p, hdf_get_value(l, "unit_price", ""),
			        money, sizeof(money)));
			if (strtod(disc, NULL) != 0) {
				pdf_fill(buf, sizeof(buf),
				    pdf_str(p, "percent"), "n",
				    hdf_get_value(l, "discount", ""),
				    (char *)NULL);
				cell(p, 3, y, false, ROW_SIZE, PDF_INK, buf);
			} else
				cell(p, 3, y, false, ROW_SIZE, PDF_MUTED, "—");
			pdf_fill(buf, sizeof(buf), pdf_str(p, "percent"), "n",
			    hdf_get_value(l, "vat_rate", ""), (char *)NULL);
			cell(p, 4, y, false, ROW_SIZE, PDF_INK, buf);
			cell(p, 5, y, false, ROW_SIZE, PDF_INK,
			    pdf_money(p, hdf_get_value(l, "amount", ""), money,
			        sizeof(money)));
		}
		p->y -= h;
	}
	pdf_line(p, PDF_LEFT, p->y, PDF_RIGHT, p->y, 0.6f, PDF_LINE);
	p->on_new_page = on_page;
	p->y -= 10;
}

/* The totals block, right: its height. */
#define TOTALS_X 348.0f

static float
totals_height(struct pdf *p)
{
	HDF *v;
	int n = 0;
	bool disb = strtod(pdf_get(p, "Doc.disbursements_raw"), NULL) != 0;

	for (v = hdf_get_child(p->data, "VatTotals"); v; v = hdf_obj_next(v))
		n++;
	return (n + 3 + (disb ? 1 : 0)) * 13.5f + 3 + 19;
}

/* One row of the totals block, at y; returns the y below it. */
static float
total_row(struct pdf *p, float y, const char *label, const char *amount,
    bool bold, bool highlight)
{
	char money[64];
	float x = TOTALS_X;

	if (highlight) {
		pdf_rect(p, x - 6, y - 17, PDF_RIGHT - x + 6, 17, PDF_BRAND);
		pdf_utext(p, x, y - 12, true, 9.5f, PDF_WHITE, PDF_L, label);
		pdf_utext(p, PDF_RIGHT - 4, y - 12, true, 9.5f, PDF_WHITE,
		    PDF_R, pdf_money(p, amount, money, sizeof(money)));
		return y - 19;
	}
	pdf_utext(p, x, y - 10.5f, bold, 8.5f, PDF_INK, PDF_L, label);
	pdf_utext(p, PDF_RIGHT - 4, y - 10.5f, bold, 8.5f, PDF_INK, PDF_R,
	    pdf_money(p, amount, money, sizeof(money)));
	pdf_line(p, x - 6, y - 13.5f, PDF_RIGHT, y - 13.5f, 0.4f, PDF_LINE);
	return y - 13.5f;
}

static void
totals(struct pdf *p, float y)
{
	char label[200], base[64], key[64];
	HDF *v;
	bool disb = strtod(pdf_get(p, "Doc.disbursements_raw"), NULL) != 0;

	y = total_row(p, y, pdf_str(p, "total_ht"), pdf_get(p, "Doc.total_ht"),
	    false, false);
	for (v = hdf_get_child(p->data, "VatTotals"); v; v = hdf_obj_next(v)) {
		pdf_money(p, hdf_get_value(v, "base", ""), base, sizeof(base));
		pdf_fill(label, sizeof(label), pdf_str(p, "vat_on"), "rate",
		    hdf_get_value(v, "rate", ""), "base", base, (char *)NULL);
		y = total_row(p, y, label, hdf_get_value(v, "vat", ""), false,
		    false);
	}
	y = total_row(p, y, pdf_str(p, "total_vat"),
	    pdf_get(p, "Doc.total_vat"), false, false);
	y = total_row(p, y, pdf_str(p, "total_ttc"),
	    pdf_get(p, "Doc.total_ttc"), true, false);
	if (disb)
		y = total_row(p, y, pdf_str(p, "total_disb"),
		    pdf_get(p, "Doc.disbursements"), false, false);
	snprintf(key, sizeof(key), "net.%s", pdf_get(p, "Doc.kind"));
	total_row(p, y - 3, pdf_str(p, key), pdf_get(p, "Doc.total_due"), true,
	    true);
}

/* The terms beside the totals: paragraphs of small text. */
#define TERMS_W    (TOTALS_X - 24 - PDF_LEFT)
#define TERMS_SIZE 7.4f
#define TERMS_LH   9.2f
#define MAX_TERMS  10

struct terms {
	char text[MAX_TERMS][1200];
	bool bold[MAX_TERMS];
	int n;
};

/* Text without its final full stop and spaces, for comparing clauses. */
static void
clause_key(char *out, size_t len, const char *text)
{
	size_t n;

	snprintf(out, len, "%s", text);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '.' || out[n - 1] == ' '))
		out[--n] = '\0';
}

/* Adds a clause unless one already printed says it (the seller's payment
 * terms often repeat the early-payment clause of the settings): each
 * clause is printed once. */
static void
add_term(struct terms *t, const char *text, bool bold)
{
	char key[1200];
	int i;

	if (text == NULL || *text == '\0')
		return;
	clause_key(key, sizeof(key), text);
	for (i = 0; i < t->n; i++)
		if (*key && strstr(t->text[i], key) != NULL)
			return;
	if (t->n < MAX_TERMS) {
		snprintf(t->text[t->n], sizeof(t->text[t->n]), "%s", text);
		t->bold[t->n++] = bold;
	}
}

/* The seller's own payment terms: one text, in French (the seller's
 * identity has no English version), so on French documents only. */
static const char *
payment_terms(struct pdf *p)
{
	return p->lang == LANG_FR ? pdf_get(p, "Doc.payment_terms") : "";
}

static void
collect_terms(struct pdf *p, struct terms *t)
{
	const char *kind = pdf_get(p, "Doc.kind");
	char buf[1200], money[64];

	t->n = 0;
	if (!strcmp(kind, "quote")) {
		if (*pdf_get(p, "Doc.valid_until_label")) {
			pdf_fill(buf, sizeof(buf), pdf_str(p, "quote_valid"),
			    "date", pdf_get(p, "Doc.valid_until_label"),
			    (char *)NULL);
			add_term(t, buf, true);
		}
		pdf_fill(buf, sizeof(buf), pdf_str(p, "due_days"), "days",
		    pdf_get(p, "Doc.payment_days"), (char *)NULL);
		add_term(t, buf, false);
		add_term(t, payment_terms(p), false);
		return;
	}
	if (!strcmp(kind, "credit_note")) {
		pdf_fill(buf, sizeof(buf), pdf_str(p, "credit_deduct"),
		    "number", pdf_get(p, "Doc.source_number"), "date",
		    pdf_get(p, "Doc.source_issued_on"), (char *)NULL);
		add_term(t, buf, false);
		return;
	}
	if (*pdf_get(p, "Doc.due_on_label"))
		pdf_fill(buf, sizeof(buf), pdf_str(p, "due_line"), "date",
		    pdf_get(p, "Doc.due_on_label"), "days",
		    pdf_get(p, "Doc.payment_days"), (char *)NULL);
	else
		pdf_fill(buf, sizeof(buf), pdf_str(p, "due_days"), "days",
		    pdf_get(p, "Doc.payment_days"), (char *)NULL);
	add_term(t, buf, true);
	add_term(t, payment_terms(p), false);
	if (*pdf_get(p, "Doc.seller_iban")) {
		snprintf(buf, sizeof(buf), "%s%s IBAN %s%s%s",
		    pdf_str(p, "bank"), pdf_str(p, "colon"),
		    pdf_get(p, "Doc.seller_iban_label"),
		    *pdf_get(p, "Doc.seller_bic") ? " · BIC " : "",
		    pdf_get(p, "Doc.seller_bic"));
		add_term(t, buf, false);
	}
	add_term(t, pdf_get(p, "Doc.early_payment"), false);
	pdf_fill(buf, sizeof(buf), pdf_str(p, "late"), "rate",
	    pdf_get(p, "Doc.late_rate"), (char *)NULL);
	add_term(t, buf, false);
	pdf_fill(buf, sizeof(buf), pdf_str(p, "indemnity"), "amount",
	    pdf_money(p, pdf_get(p, "Doc.indemnity"), money, sizeof(money)),
	    (char *)NULL);
	add_term(t, buf, false);
	if (atoi(pdf_get(p, "Doc.vat_on_debits")) == 1)
		add_term(t, pdf_str(p, "vat_debits"), false);
}

/* Draws (or only measures, draw false) the terms from y; their height. */
static float
terms_block(struct pdf *p, const struct terms *t, float y, bool draw)
{
	float h = 14;
	int i, k;

	if (draw)
		pdf_utext(p, PDF_LEFT, y - 9, true, 8.5f, PDF_BRAND, PDF_L,
		    pdf_str(p, "conditions"));
	for (i = 0; i < t->n; i++) {
		char cp[1200], line[400];
		const char *starts[30];
		int lens[30], n;

		pdf_cp1252(t->text[i], cp, sizeof(cp));
		n = pdf_wrap(p, t->bold[i], TERMS_SIZE, TERMS_W, cp, starts,
		    lens, 30);
		for (k = 0; k < n; k++) {
			h += TERMS_LH;
			if (draw) {
				snprintf(line, sizeof(line), "%.*s", lens[k],
				    starts[k]);
				pdf_text(p, PDF_LEFT, y - h + 2, t->bold[i],
				    TERMS_SIZE, PDF_INK, PDF_L, line);
			}
		}
		h += 2.5f;
	}
	return h;
}

/* The VAT mode's mention (reverse charge, exemption), full width. */
static void
vat_mention(struct pdf *p)
{
	char buf[600];

	if (!*pdf_get(p, "Doc.vat_mention"))
		return;
	pdf_need(p, 40);
	pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, true, 8, 10.5f,
	    PDF_INK, pdf_get(p, "Doc.vat_mention"));
	if (*pdf_get(p, "Doc.buyer_vat_number")) {
		snprintf(buf, sizeof(buf), "%s%s %s · %s%s %s",
		    pdf_str(p, "buyer_vat"), pdf_str(p, "colon"),
		    pdf_get(p, "Doc.buyer_vat_number"),
		    pdf_str(p, "seller_vat"), pdf_str(p, "colon"),
		    pdf_get(p, "Doc.seller_vat_number"));
		pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, false, 8,
		    10.5f, PDF_INK, buf);
	}
	p->y -= 8;
}

/* The client's agreement on a quote: a box to sign, its label wrapped
 * inside it.  AGREEMENT_H: what it takes (the caller keeps it on the
 * totals' page). */
#define AGREEMENT_H 76.0f
static void
agreement(struct pdf *p)
{
	char cp[400], line[400];
	const char *starts[4];
	int lens[4], n, k;
	float box = 62;

	pdf_need(p, AGREEMENT_H);
	p->y -= 6;
	pdf_line(p, TOTALS_X - 6, p->y, PDF_RIGHT, p->y, 0.6f, PDF_LINE);
	pdf_line(p, TOTALS_X - 6, p->y - box, PDF_RIGHT, p->y - box, 0.6f,
	    PDF_LINE);
	pdf_line(p, TOTALS_X - 6, p->y, TOTALS_X - 6, p->y - box, 0.6f,
	    PDF_LINE);
	pdf_line(p, PDF_RIGHT, p->y, PDF_RIGHT, p->y - box, 0.6f, PDF_LINE);
	pdf_cp1252(pdf_str(p, "agreement"), cp, sizeof(cp));
	n = pdf_wrap(p, true, 7.5f, PDF_RIGHT - TOTALS_X - 6, cp, starts, lens,
	    4);
	for (k = 0; k < n; k++) {
		snprintf(line, sizeof(line), "%.*s", lens[k], starts[k]);
		pdf_text(p, TOTALS_X, p->y - 11 - k * 9, true, 7.5f, PDF_MUTED,
		    PDF_L, line);
	}
	p->y -= box + 8;
}

void
pdf_invoice_body(struct pdf *p)
{
	struct terms t;
	float th, tt, h, y0;
	bool quote;

	p->on_new_page = on_page;
	if (hdf_get_child(p->data, "Lines") != NULL)
		lines_table(p);
	if (hdf_get_child(p->data, "Disb") != NULL) {
		pdf_need(p, 60);
		pdf_utext(p, PDF_LEFT, p->y - 10, true, 9, PDF_BRAND, PDF_L,
		    pdf_str(p, "disbursements"));
		p->y -= 16;
		pdf_disbursements_table(p);
		pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, false, 7.4f,
		    9.2f, PDF_MUTED, pdf_get(p, "Doc.disbursements_mention"));
		p->y -= 6;
	}
	vat_mention(p);
	/* Terms left, totals right, kept together on one page, with the
	 * quote's signature box under the totals (never alone on a page). */
	collect_terms(p, &t);
	th = terms_block(p, &t, p->y, false);
	tt = totals_height(p);
	quote = !strcmp(pdf_get(p, "Doc.kind"), "quote");
	h = th > tt + (quote ? AGREEMENT_H : 0)
	    ? th
	    : tt + (quote ? AGREEMENT_H : 0);
	pdf_need(p, h + 4);
	y0 = p->y;
	totals(p, y0);
	terms_block(p, &t, y0, true);
	if (quote) {
		/* Right under the totals, beside the terms. */
		p->y = y0 - tt - 4;
		agreement(p);
	}
	p->y = y0 - h - 6;
}
