/*
 * pdf_frame.c - what every page of a document carries: the seller and
 * the title block, the buyer and the service on the first page, a
 * shorter head on the following ones, the seller's legal line and the
 * page numbers at the foot.
 */
#include "render/pdf_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LH 10.5f /* small text line height */

/* "Facture", "Avoir"... and the number or "draft". */
static const char *
title(struct pdf *p, char *out, size_t len)
{
	char key[64];

	snprintf(key, sizeof(key), "title.%s", pdf_get(p, "Doc.kind"));
	snprintf(out, len, "%s", pdf_str(p, key));
	return out;
}

static const char *
number(struct pdf *p, char *out, size_t len)
{
	if (!strcmp(pdf_get(p, "Doc.status"), "issued"))
		snprintf(out, len, "%s %s", pdf_str(p, "number"),
		    pdf_get(p, "Doc.number"));
	else
		snprintf(out, len, "%s", pdf_str(p, "draft_number"));
	return out;
}

/* Adds a line to a list of lines when text is not empty. */
static int
add(char lines[][300], int n, int max, const char *text)
{
	if (text != NULL && *text && n < max)
		snprintf(lines[n++], 300, "%s", text);
	return n;
}

/* Adds each line of a multi-line text. */
static int
add_lines(char lines[][300], int n, int max, const char *text)
{
	while (text != NULL && *text && n < max) {
		size_t len = strcspn(text, "\r\n");

		if (len > 0)
			snprintf(lines[n++], 300, "%.*s", (int)len, text);
		text += len;
		text += strspn(text, "\r\n");
	}
	return n;
}

/* The seller, top left; returns the y below it. */
static float
seller_block(struct pdf *p, float y)
{
	char lines[12][300], buf[300];
	int n = 0, i;
	const char *form = pdf_get(p, "Doc.seller_legal_form");
	const char *capital = pdf_get(p, "Doc.seller_capital");
	const char *phone = pdf_get(p, "Doc.seller_phone");
	const char *email = pdf_get(p, "Doc.seller_email");

	pdf_utext(p, PDF_LEFT, y - 13, true, 14, PDF_BRAND, PDF_L,
	    pdf_get(p, "Doc.seller_name"));
	y -= 17;
	if (*form || *capital) {
		snprintf(buf, sizeof(buf), "%s%s%s%s%s", form,
		    *form && *capital ? " " : "",
		    *capital ? pdf_str(p, "capital") : "", *capital ? " " : "",
		    capital);
		n = add(lines, n, 12, buf);
	}
	n = add_lines(lines, n, 12, pdf_get(p, "Doc.seller_address"));
	snprintf(buf, sizeof(buf), "%s %s", pdf_get(p, "Doc.seller_postcode"),
	    pdf_get(p, "Doc.seller_city"));
	n = add(lines, n, 12, buf[0] == ' ' ? buf + 1 : buf);
	n = add(lines, n, 12, pdf_get(p, "Doc.seller_country"));
	if (*phone || *email) {
		snprintf(buf, sizeof(buf), "%s%s%s%s%s",
		    *phone ? pdf_str(p, "phone") : "", *phone ? " " : "", phone,
		    *phone && *email ? " · " : "", email);
		n = add(lines, n, 12, buf);
	}
	snprintf(buf, sizeof(buf), "SIREN %s · RCS %s%s%s%s",
	    pdf_get(p, "Doc.seller_siren_label"), pdf_get(p, "Doc.seller_rcs"),
	    *pdf_get(p, "Doc.seller_vat_number") ? " · " : "",
	    *pdf_get(p, "Doc.seller_vat_number") ? pdf_str(p, "vat_number")
	                                         : "",
	    "");
	if (*pdf_get(p, "Doc.seller_vat_number")) {
		size_t o = strlen(buf);

		snprintf(buf + o, sizeof(buf) - o, " %s",
		    pdf_get(p, "Doc.seller_vat_number"));
	}
	n = add(lines, n, 12, buf);
	for (i = 0; i < n; i++) {
		y -= LH;
		pdf_utext(p, PDF_LEFT, y, false, 8, PDF_MUTED, PDF_L, lines[i]);
	}
	return y;
}

/* The title, number, dates and references, top right. */
static float
title_block(struct pdf *p, float y)
{
	char buf[300], t[120], num[120];
	const char *kind = pdf_get(p, "Doc.kind");
	float x = PDF_RIGHT;

	pdf_utext(p, x, y - 18, true, 20, PDF_BRAND, PDF_R,
	    title(p, t, sizeof(t)));
	pdf_utext(p, x, y - 34, true, 10, PDF_INK, PDF_R,
	    number(p, num, sizeof(num)));
	y -= 36;
	snprintf(buf, sizeof(buf), "%s%s %s", pdf_str(p, "date"),
	    pdf_str(p, "colon"), pdf_get(p, "Doc.date_label"));
	y -= 12;
	pdf_utext(p, x, y, false, 9, PDF_INK, PDF_R, buf);
	if (!strcmp(kind, "invoice") && *pdf_get(p, "Doc.due_on_label")) {
		snprintf(buf, sizeof(buf), "%s%s %s", pdf_str(p, "due"),
		    pdf_str(p, "colon"), pdf_get(p, "Doc.due_on_label"));
		y -= 12;
		pdf_utext(p, x, y, true, 9, PDF_INK, PDF_R, buf);
	}
	if (!strcmp(kind, "quote") && *pdf_get(p, "Doc.valid_until_label")) {
		snprintf(buf, sizeof(buf), "%s %s", pdf_str(p, "valid_until"),
		    pdf_get(p, "Doc.valid_until_label"));
		y -= 12;
		pdf_utext(p, x, y, true, 9, PDF_INK, PDF_R, buf);
	}
	if (!strcmp(kind, "credit_note")) {
		snprintf(buf, sizeof(buf), "%s %s %s %s",
		    pdf_str(p, "corrects"), pdf_get(p, "Doc.source_number"),
		    pdf_str(p, "of_date"), pdf_get(p, "Doc.source_issued_on"));
		y -= 12;
		pdf_utext(p, x, y, true, 9, PDF_INK, PDF_R, buf);
	}
	snprintf(buf, sizeof(buf), "%s %s", pdf_str(p, "order"),
	    pdf_get(p, "Doc.order_id"));
	if (*pdf_get(p, "Doc.study_ref")) {
		size_t o = strlen(buf);

		snprintf(buf + o, sizeof(buf) - o, " · %s %s",
		    pdf_str(p, "study_ref"), pdf_get(p, "Doc.study_ref"));
	}
	y -= 12;
	pdf_utext(p, x, y, false, 8.5f, PDF_MUTED, PDF_R, buf);
	return y;
}

/* The buyer in a shaded box, right; returns the y below it. */
static float
buyer_box(struct pdf *p, float y)
{
	char lines[14][300], buf[300];
	int n = 0, i;
	float x = 312, w = PDF_RIGHT - x, h;
	const char *kind = pdf_get(p, "Doc.kind");

	n = add(lines, n, 14, pdf_get(p, "Doc.buyer_contact"));
	n = add_lines(lines, n, 14, pdf_get(p, "Doc.buyer_address"));
	snprintf(buf, sizeof(buf), "%s %s", pdf_get(p, "Doc.buyer_postcode"),
	    pdf_get(p, "Doc.buyer_city"));
	n = add(lines, n, 14, buf[0] == ' ' ? buf + 1 : buf);
	n = add(lines, n, 14, pdf_get(p, "Doc.buyer_country"));
	if (*pdf_get(p, "Doc.buyer_vat_number")) {
		snprintf(buf, sizeof(buf), "%s %s", pdf_str(p, "vat_number"),
		    pdf_get(p, "Doc.buyer_vat_number"));
		n = add(lines, n, 14, buf);
	}
	if (*pdf_get(p, "Doc.buyer_siren")) {
		snprintf(buf, sizeof(buf), "SIREN %s",
		    pdf_get(p, "Doc.buyer_siren_label"));
		n = add(lines, n, 14, buf);
	}
	if (*pdf_get(p, "Doc.buyer_client")) {
		snprintf(buf, sizeof(buf), "%s %s", pdf_str(p, "for_client"),
		    pdf_get(p, "Doc.buyer_client"));
		n = add(lines, n, 14, buf);
	}
	if (*pdf_get(p, "Doc.buyer_registered")) {
		/* Invoices go elsewhere: the registered office too. */
		snprintf(buf, sizeof(buf), "%s %s", pdf_str(p, "registered"),
		    pdf_get(p, "Doc.buyer_registered"));
		n = add(lines, n, 14, buf);
	}
	/* Every text wrapped inside the box (a 120-character company name
	 * takes three lines, never the margin). */
	{
		char name[600], cp[14][400];
		const char *ns[8], *ls[14][6];
		int nl[8], ll[14][6], nn, nw[14], k, rows = 0;
		float tw = w - 20, ty;

		pdf_cp1252(pdf_get(p, "Doc.buyer_name"), name, sizeof(name));
		nn = pdf_wrap(p, true, 10.5f, tw, name, ns, nl, 8);
		for (i = 0; i < n; i++) {
			pdf_cp1252(lines[i], cp[i], sizeof(cp[i]));
			nw[i] = pdf_wrap(p, false, 8.5f, tw, cp[i], ls[i],
			    ll[i], 6);
			rows += nw[i];
		}
		h = 18 + nn * 12.5f + rows * LH + 8;
		pdf_rect(p, x, y - h, w, h, PDF_SHADE);
		pdf_rect(p, x, y - h, 2.5f, h, PDF_BRAND);
		pdf_utext(p, x + 10, y - 11, true, 7, PDF_MUTED, PDF_L,
		    pdf_str(p, !strcmp(kind, "quote") ? "client" : "bill_to"));
		ty = y - 25;
		for (k = 0; k < nn; k++, ty -= 12.5f) {
			snprintf(buf, sizeof(buf), "%.*s", nl[k], ns[k]);
			pdf_text(p, x + 10, ty, true, 10.5f, PDF_INK, PDF_L,
			    buf);
		}
		ty += 12.5f - LH - 1;
		for (i = 0; i < n; i++)
			for (k = 0; k < nw[i]; k++, ty -= LH) {
				snprintf(buf, sizeof(buf), "%.*s", ll[i][k],
				    ls[i][k]);
				pdf_text(p, x + 10, ty, false, 8.5f, PDF_INK,
				    PDF_L, buf);
			}
	}
	return y - h;
}

/* The service: dates, nature, place; left of the buyer. */
static float
service_block(struct pdf *p, float y)
{
	char buf[280], nat[64], lines[10][300];
	const char *from = pdf_get(p, "Doc.service_from_label");
	const char *to = pdf_get(p, "Doc.service_to_label");
	const char *kind = pdf_get(p, "Doc.kind");
	int n = 0, i;

	if (!strcmp(kind, "disbursement_note"))
		return y;
	if (*from && *to && strcmp(from, to))
		snprintf(buf, sizeof(buf), "%s %s %s %s", pdf_str(p, "from"),
		    from, pdf_str(p, "to"), to);
	else
		snprintf(buf, sizeof(buf), "%s",
		    *from     ? from
		        : *to ? to
		              : pdf_get(p, "Doc.date_label"));
	pdf_utext(p, PDF_LEFT, y - 11, true, 7, PDF_MUTED, PDF_L,
	    pdf_str(p, "service"));
	y -= 13;
	snprintf(lines[n++], 300, "%s%s %s", pdf_str(p, "service_date"),
	    pdf_str(p, "colon"), buf);
	snprintf(nat, sizeof(nat), "nature.%s",
	    pdf_get(p, "Doc.operation_nature"));
	snprintf(lines[n++], 300, "%s%s %s", pdf_str(p, "nature"),
	    pdf_str(p, "colon"), pdf_str(p, nat));
	/* The purchase order (BT-13) and buyer reference (BT-10), as the
	 * Factur-X XML says them. */
	if (*pdf_get(p, "Doc.po_number"))
		snprintf(lines[n++], 300, "%s%s %s", pdf_str(p, "po_number"),
		    pdf_str(p, "colon"), pdf_get(p, "Doc.po_number"));
	if (*pdf_get(p, "Doc.buyer_ref"))
		snprintf(lines[n++], 300, "%s%s %s", pdf_str(p, "buyer_ref"),
		    pdf_str(p, "colon"), pdf_get(p, "Doc.buyer_ref"));
	for (i = 0; i < n; i++) {
		y -= 11;
		pdf_utext(p, PDF_LEFT, y, false, 8.5f, PDF_INK, PDF_L,
		    lines[i]);
	}
	if (*pdf_get(p, "Doc.delivery_address")) {
		y -= 11;
		pdf_utext(p, PDF_LEFT, y, false, 8.5f, PDF_INK, PDF_L,
		    pdf_str(p, "delivery"));
		n = add_lines(lines, 0, 6, pdf_get(p, "Doc.delivery_address"));
		for (i = 0; i < n; i++) {
			y -= 10;
			pdf_utext(p, PDF_LEFT + 8, y, false, 8.5f, PDF_INK,
			    PDF_L, lines[i]);
		}
	}
	return y;
}

void
pdf_frame_first(struct pdf *p)
{
	float y = PDF_TOP, a, b, c, d;

	a = seller_block(p, y);
	b = title_block(p, y);
	y = (a < b ? a : b) - 14;
	c = buyer_box(p, y);
	d = service_block(p, y);
	y = (c < d ? c : d) - 12;
	p->y = y;
	if (*pdf_get(p, "Doc.comment_printed")) {
		pdf_paragraph(p, PDF_LEFT, PDF_RIGHT - PDF_LEFT, false, 8.5f,
		    11, PDF_INK, pdf_get(p, "Doc.comment_printed"));
		p->y -= 8;
	}
}

void
pdf_frame_continued(struct pdf *p)
{
	char buf[300], t[120], num[120];

	pdf_utext(p, PDF_LEFT, PDF_TOP - 10, true, 10, PDF_BRAND, PDF_L,
	    pdf_get(p, "Doc.seller_name"));
	snprintf(buf, sizeof(buf), "%s · %s (%s)", title(p, t, sizeof(t)),
	    number(p, num, sizeof(num)), pdf_str(p, "continued"));
	pdf_utext(p, PDF_RIGHT, PDF_TOP - 10, false, 9, PDF_INK, PDF_R, buf);
	pdf_line(p, PDF_LEFT, PDF_TOP - 17, PDF_RIGHT, PDF_TOP - 17, 0.6f,
	    PDF_LINE);
	p->y = PDF_TOP - 30;
}

/* Appends " · " and a segment whose spaces do not break (UTF-8 NBSP). */
static void
segment(char *out, size_t len, const char *text)
{
	size_t o = strlen(out);

	if (text == NULL || *text == '\0')
		return;
	if (o > 0 && o + 3 < len) {
		memcpy(out + o, " · ", 4);
		o += strlen(" · ");
	}
	for (; *text && o + 3 < len; text++) {
		if (*text == ' ') {
			out[o++] = (char)0xc2;
			out[o++] = (char)0xa0;
		} else if (*text != '\r' && *text != '\n')
			out[o++] = *text;
		else
			out[o++] = ',';
	}
	out[o] = '\0';
}

void
pdf_frame_finish(struct pdf *p)
{
	char legal[1200], cp[1200], page[80], nbuf[16], tbuf[16], line[600],
	    seg[400];
	const char *starts[3];
	int lens[3], n, i, k;
	const char *form = pdf_get(p, "Doc.seller_legal_form");
	const char *capital = pdf_get(p, "Doc.seller_capital");
	const char *addr = pdf_get(p, "Doc.seller_address");

	legal[0] = '\0';
	segment(legal, sizeof(legal), pdf_get(p, "Doc.seller_name"));
	snprintf(seg, sizeof(seg), "%s%s%s%s%s", form,
	    *form && *capital ? " " : "", *capital ? pdf_str(p, "capital") : "",
	    *capital ? " " : "", capital);
	segment(legal, sizeof(legal), seg);
	snprintf(seg, sizeof(seg), "%.*s %s %s", (int)strcspn(addr, "\r\n"),
	    addr, pdf_get(p, "Doc.seller_postcode"),
	    pdf_get(p, "Doc.seller_city"));
	segment(legal, sizeof(legal), seg);
	snprintf(seg, sizeof(seg), "SIREN %s",
	    pdf_get(p, "Doc.seller_siren_label"));
	segment(legal, sizeof(legal), seg);
	snprintf(seg, sizeof(seg), "RCS %s", pdf_get(p, "Doc.seller_rcs"));
	segment(legal, sizeof(legal), seg);
	if (*pdf_get(p, "Doc.seller_vat_number")) {
		snprintf(seg, sizeof(seg), "%s %s", pdf_str(p, "vat_number"),
		    pdf_get(p, "Doc.seller_vat_number"));
		segment(legal, sizeof(legal), seg);
	}
	pdf_cp1252(legal, cp, sizeof(cp));
	n = pdf_wrap(p, false, 6.8f, PDF_RIGHT - PDF_LEFT - 70, cp, starts,
	    lens, 3);
	snprintf(tbuf, sizeof(tbuf), "%d", p->npages);
	for (k = 0; k < p->npages; k++) {
		p->page = p->pages[k];
		pdf_line(p, PDF_LEFT, 46, PDF_RIGHT, 46, 0.5f, PDF_LINE);
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof(line), "%.*s", lens[i],
			    starts[i]);
			pdf_text(p, PDF_LEFT, 37 - i * 8.5f, false, 6.8f,
			    PDF_MUTED, PDF_L, line);
		}
		snprintf(nbuf, sizeof(nbuf), "%d", k + 1);
		pdf_fill(page, sizeof(page), pdf_str(p, "page"), "n", nbuf,
		    "total", tbuf, (char *)NULL);
		pdf_utext(p, PDF_RIGHT, 37, false, 7.5f, PDF_MUTED, PDF_R,
		    page);
	}
	p->page = p->pages[p->npages - 1];
}
