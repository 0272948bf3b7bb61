/*
 * pdf_render.c - a document from its HDF to PDF bytes: the page frame,
 * the body of its kind, the footers and page numbers.
 */
#include "render/pdf.h"
#include "conf.h"
#include "render/pdf_doc.h"
#include "render/pdfa3.h"

#include <string.h>

const char *
pdf_fonts_dir(void)
{
	return config_str("Paths.Fonts", FM_FONTS_DIR);
}

const char *
pdf_icc_profile(void)
{
	return config_str("Paths.IccProfile", FM_ICC_PROFILE);
}

/* The document; a Factur-X (PDF/A-3B with fx's XML) when fx is given. */
static NEOERR *
render(HDF *data, enum lang lang, const char *fonts_dir,
    const struct pdf_facturx *fx, STRING *out)
{
	struct pdf p;
	char title[200];
	NEOERR *err;
	const char *kind = hdf_get_value(data, "Doc.kind", "invoice");

	err = pdf_open(&p, fonts_dir, lang, data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (strcmp(hdf_get_value(data, "Doc.status", ""), "issued"))
		p.watermark = pdf_str(&p, "watermark");
	snprintf(title, sizeof(title), "%s %s",
	    pdf_str(&p,
	        !strcmp(kind, "quote")             ? "title.quote"
	            : !strcmp(kind, "credit_note") ? "title.credit_note"
	            : !strcmp(kind, "disbursement_note")
	            ? "title.disbursement_note"
	            : "title.invoice"),
	    hdf_get_value(data, "Doc.number", ""));
	{
		char cp[400];

		HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE,
		    pdf_cp1252(title, cp, sizeof(cp)));
		HPDF_SetInfoAttr(p.doc, HPDF_INFO_AUTHOR,
		    pdf_cp1252(hdf_get_value(data, "Doc.seller_name", ""), cp,
		        sizeof(cp)));
	}
	pdf_new_page(&p);
	pdf_frame_first(&p);
	if (!strcmp(kind, "disbursement_note"))
		pdf_disbursements_body(&p);
	else
		pdf_invoice_body(&p);
	pdf_frame_finish(&p);
	err = STATUS_OK;
	if (fx != NULL) {
		struct pdfa3 m = {
			.title = title,
			.author = hdf_get_value(data, "Doc.seller_name", ""),
			.stamp = fx->stamp,
			.id_seed = fx->id_seed,
			.xml = fx->xml,
			.xml_len = fx->xml_len,
			.icc_path = fx->icc_path,
		};

		err = pdfa3_apply(p.doc, &m);
	}
	if (err == STATUS_OK)
		err = pdf_save(&p, out);
	pdf_close(&p);
	return nerr_pass(err);
}

NEOERR *
pdf_render(HDF *data, enum lang lang, const char *fonts_dir, STRING *out)
{
	return nerr_pass(render(data, lang, fonts_dir, NULL, out));
}

NEOERR *
pdf_render_facturx(HDF *data, enum lang lang, const char *fonts_dir,
    const struct pdf_facturx *fx, STRING *out)
{
	return nerr_pass(render(data, lang, fonts_dir, fx, out));
}
