/*
 * pdf_doc.c - the libharu document the PDF layouts draw on: fonts,
 * pages, text, wrapping, saving to memory.
 */
#include "render/pdf_doc.h"
#include "errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct pdf_rgb PDF_INK = { 0.11f, 0.15f, 0.20f };
const struct pdf_rgb PDF_MUTED = { 0.39f, 0.44f, 0.51f };
const struct pdf_rgb PDF_BRAND = { 0.12f, 0.31f, 0.47f };
const struct pdf_rgb PDF_LINE = { 0.80f, 0.83f, 0.87f };
const struct pdf_rgb PDF_SHADE = { 0.95f, 0.96f, 0.97f };
const struct pdf_rgb PDF_WHITE = { 1.0f, 1.0f, 1.0f };
const struct pdf_rgb PDF_WATERMARK = { 0.90f, 0.91f, 0.93f };

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct pdf *p = data;

	if (!p->failed) {
		p->failed = true;
		p->error = (unsigned long)error;
		p->detail = (unsigned long)detail;
	}
}

NEOERR *
pdf_open(struct pdf *p, const char *fonts_dir, enum lang lang, HDF *data)
{
	static const char *const files[2] = { "fm-sans.ttf",
		"fm-sans-bold.ttf" };
	char path[4096];
	int i;

	memset(p, 0, sizeof(*p));
	p->lang = lang;
	p->data = data;
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL)
		return nerr_raise(NERR_NOMEM, "libharu: no document");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	for (i = 0; i < 2 && !p->failed; i++) {
		const char *name;

		snprintf(path, sizeof(path), "%s/%s", fonts_dir, files[i]);
		name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
		if (name != NULL)
			p->font[i] = HPDF_GetFont(p->doc, name, "CP1252");
		if (name == NULL || p->font[i] == NULL)
			p->failed = true;
	}
	if (p->failed) {
		unsigned long e = p->error, d = p->detail;

		pdf_close(p);
		return nerr_raise(NERR_IO,
		    "libharu: cannot load the fonts of %s "
		    "(error 0x%04lx, %lu)",
		    fonts_dir, e, d);
	}
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "FocusManager");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "FocusManager (libharu)");
	return STATUS_OK;
}

void
pdf_close(struct pdf *p)
{
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	p->doc = NULL;
}

static void
watermark(struct pdf *p)
{
	char cp[64];
	float size = 96, w;
	float c = 0.825f, s = 0.565f; /* cos, sin of about 34 degrees */

	if (p->watermark == NULL)
		return;
	pdf_cp1252(p->watermark, cp, sizeof(cp));
	w = pdf_width(p, true, size, cp);
	HPDF_Page_SetRGBFill(p->page, PDF_WATERMARK.r, PDF_WATERMARK.g,
	    PDF_WATERMARK.b);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font[1], size);
	/* Rotated about the page's centre. */
	HPDF_Page_SetTextMatrix(p->page, c, s, -s, c,
	    PDF_W / 2 - (w / 2) * c + (size / 3) * s,
	    PDF_H / 2 - (w / 2) * s - (size / 3) * c);
	HPDF_Page_ShowText(p->page, cp);
	HPDF_Page_EndText(p->page);
}

void
pdf_new_page(struct pdf *p)
{
	if (p->npages == PDF_MAX_PAGES) {
		p->failed = true;
		return;
	}
	p->page = HPDF_AddPage(p->doc);
	if (p->page == NULL)
		return;
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages[p->npages++] = p->page;
	p->y = PDF_TOP;
	watermark(p);
	if (p->npages > 1 && p->on_new_page != NULL)
		p->on_new_page(p, p->hook_ctx);
}

void
pdf_need(struct pdf *p, float h)
{
	if (p->y - h < PDF_BOTTOM)
		pdf_new_page(p);
}

NEOERR *
pdf_save(struct pdf *p, STRING *out)
{
	HPDF_UINT32 size;
	NEOERR *err;

	if (!p->failed)
		HPDF_SaveToStream(p->doc);
	if (p->failed)
		return nerr_raise(NERR_ASSERT,
		    "libharu failed (error 0x%04lx, %lu)", p->error, p->detail);
	HPDF_ResetStream(p->doc);
	for (;;) {
		HPDF_BYTE buf[16384];
		HPDF_STATUS st;

		size = sizeof(buf);
		st = HPDF_ReadFromStream(p->doc, buf, &size);
		if (size > 0) {
			err = string_appendn(out, (const char *)buf, (int)size);
			if (err != STATUS_OK)
				return nerr_pass(err);
		}
		if (st == HPDF_STREAM_EOF || size == 0)
			break;
		if (st != HPDF_OK)
			return nerr_raise(NERR_ASSERT,
			    "libharu: cannot read the stream (0x%04lx)",
			    (unsigned long)st);
	}
	return STATUS_OK;
}

float
pdf_width(struct pdf *p, bool bold, float size, const char *cp)
{
	HPDF_TextWidth tw;

	if (*cp == '\0')
		return 0;
	tw = HPDF_Font_TextWidth(p->font[bold], (const HPDF_BYTE *)cp,
	    (HPDF_UINT)strlen(cp));
	return (float)tw.width * size / 1000.0f;
}

void
pdf_text(struct pdf *p, float x, float y, bool bold, float size,
    struct pdf_rgb c, enum pdf_align a, const char *cp)
{
	float w;

	if (*cp == '\0' || p->page == NULL)
		return;
	w = a == PDF_L ? 0 : pdf_width(p, bold, size, cp);
	if (a == PDF_R)
		x -= w;
	else if (a == PDF_C)
		x -= w / 2;
	HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font[bold], size);
	HPDF_Page_TextOut(p->page, x, y, cp);
	HPDF_Page_EndText(p->page);
}

void
pdf_utext(struct pdf *p, float x, float y, bool bold, float size,
    struct pdf_rgb c, enum pdf_align a, const char *utf8)
{
	char cp[2048];

	pdf_text(p, x, y, bold, size, c, a, pdf_cp1252(utf8, cp, sizeof(cp)));
}

int
pdf_wrap(struct pdf *p, bool bold, float size, float width, const char *cp,
    const char **starts, int *lens, int max)
{
	int n = 0;
	const char *s = cp;

	while (n < max) {
		size_t para = strcspn(s, "\r\n");
		const char *end = s + para;

		/* One paragraph, line by line. */
		do {
			HPDF_REAL real;
			HPDF_UINT fit;
			size_t left = (size_t)(end - s);

			while (left > 0 && *s == ' ') {
				s++;
				left--;
			}
			fit = HPDF_Font_MeasureText(p->font[bold],
			    (const HPDF_BYTE *)s, (HPDF_UINT)left, width, size,
			    0, 0, HPDF_TRUE, &real);
			/* A word wider than the line: cut it. */
			if (fit == 0 && left > 0)
				fit = HPDF_Font_MeasureText(p->font[bold],
				    (const HPDF_BYTE *)s, (HPDF_UINT)left,
				    width, size, 0, 0, HPDF_FALSE, &real);
			if (fit == 0 && left > 0)
				fit = 1;
			if (fit > left)
				fit = (HPDF_UINT)left;
			starts[n] = s;
			lens[n] = (int)fit;
			/* Trailing spaces do not count. */
			while (lens[n] > 0 && s[lens[n] - 1] == ' ')
				lens[n]--;
			n++;
			s += fit;
		} while (s < end && n < max);
		if (*end == '\0' || n == max)
			break;
		s = end + (end[0] == '\r' && end[1] == '\n' ? 2 : 1);
	}
	return n;
}

int
pdf_paragraph(struct pdf *p, float x, float width, bool bold, float size,
    float lh, struct pdf_rgb c, const char *utf8)
{
	char cp[8192], line[2048];
	const char *starts[200];
	int lens[200], n, i;

	pdf_cp1252(utf8, cp, sizeof(cp));
	n = pdf_wrap(p, bold, size, width, cp, starts, lens, 200);
	for (i = 0; i < n; i++) {
		pdf_need(p, lh);
		snprintf(line, sizeof(line), "%.*s", lens[i], starts[i]);
		p->y -= lh;
		pdf_text(p, x, p->y + lh * 0.25f, bold, size, c, PDF_L, line);
	}
	return n;
}

void
pdf_rect(struct pdf *p, float x, float y, float w, float h, struct pdf_rgb fill)
{
	if (p->page == NULL)
		return;
	HPDF_Page_SetRGBFill(p->page, fill.r, fill.g, fill.b);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Fill(p->page);
}

void
pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float width,
    struct pdf_rgb c)
{
	if (p->page == NULL)
		return;
	HPDF_Page_SetRGBStroke(p->page, c.r, c.g, c.b);
	HPDF_Page_SetLineWidth(p->page, width);
	HPDF_Page_MoveTo(p->page, x1, y1);
	HPDF_Page_LineTo(p->page, x2, y2);
	HPDF_Page_Stroke(p->page);
}

const char *
pdf_str(struct pdf *p, const char *key)
{
	char k[128];

	snprintf(k, sizeof(k), "pdf.%s", key);
	return tmpl_str(p->lang, k);
}

const char *
pdf_get(struct pdf *p, const char *key)
{
	return hdf_get_value(p->data, key, "");
}

const char *
pdf_money(struct pdf *p, const char *amount, char *out, size_t len)
{
	if (amount == NULL || *amount == '\0')
		snprintf(out, len, "%s", "");
	else if (p->lang == LANG_EN)
		snprintf(out, len, "%s%s€%s", amount[0] == '-' ? "-" : "", "",
		    amount[0] == '-' ? amount + 1 : amount);
	else
		snprintf(out, len, "%s\u00a0€", amount);
	return out;
}
