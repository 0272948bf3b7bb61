/*
 * pdf-bench - the PDF code in process: renders an issued invoice (one
 * page, 20 lines by default, two VAT rates) N times with
 * focusd's own pdf_render() and prints invoices per second and bytes per
 * file.  bench/billing.sh runs it; -o keeps one PDF to look at.
 *
 *   pdf-bench [-n COUNT] [-l LINES] [-e] [-d] [-x ICC] [-o FILE] TEMPLATES_DIR FONTS_DIR
 *
 * -e renders in English, -d adds two disbursements, -x makes each a
 * Factur-X as issuing does: the CII XML (cii_write) and the PDF/A-3B with
 * it embedded and the ICC profile ICC (pdf_render_facturx).  The data is set by hand (no database): what
 * is measured is the layout, the fonts and libharu.
 */
#include "fm.h"
#include "render/cii.h"
#include "render/pdf.h"
#include "tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
set(HDF *h, const char *key, const char *value)
{
	if (hdf_set_value(h, key, value) != STATUS_OK)
		exit(3);
}

static void
fill(HDF *h, int nlines, bool en, bool disb)
{
	static const char *const labels[] = {
		"Journée · Salle 1 — 11/03/2026",
		"Heures supplémentaires · Salle 1 — 11/03/2026",
		"Café d'accueil — 11/03/2026",
		"Plateau repas « Œuvre du chef » — 11/03/2026",
		"Copies A4 couleur — 11/03/2026",
		"Traduction simultanée anglais – français — 11/03/2026",
		"Enregistrement vidéo HD et remise sur clé USB",
		"Recrutement de participants (8 personnes, profil « acheteurs "
		"réguliers » de produits laitiers frais)",
	};
	char key[64], v[64];
	int i;

	set(h, "Doc.kind", "invoice");
	set(h, "Doc.status", "issued");
	set(h, "Doc.number", "F2026-00042");
	set(h, "Doc.date_label", "12/03/2026");
	set(h, "Doc.issued_on_label", "12/03/2026");
	set(h, "Doc.due_on_label", "11/04/2026");
	set(h, "Doc.service_from_label", "10/03/2026");
	set(h, "Doc.service_to_label", "11/03/2026");
	set(h, "Doc.order_id", "4217");
	set(h, "Doc.study_ref", "ETU-26-118");
	set(h, "Doc.operation_nature", "services");
	set(h, "Doc.vat_mode", "normal");
	set(h, "Doc.comment_printed",
	    "Groupes de 8 participants, recrutement inclus.");
	set(h, "Doc.seller_name", "Focus Salles Paris");
	set(h, "Doc.seller_legal_form", "SAS");
	set(h, "Doc.seller_capital", "50 000 €");
	set(h, "Doc.seller_address", "29 rue Merlin");
	set(h, "Doc.seller_postcode", "75011");
	set(h, "Doc.seller_city", "Paris");
	set(h, "Doc.seller_country", "France");
	set(h, "Doc.seller_phone", "01 43 00 00 00");
	set(h, "Doc.seller_email", "contact@focus-salles.example");
	set(h, "Doc.seller_siren_label", "732 829 320");
	set(h, "Doc.seller_rcs", "Paris B 732 829 320");
	set(h, "Doc.seller_vat_number", "FR44732829320");
	set(h, "Doc.seller_iban", "FR7630006000011234567890189");
	set(h, "Doc.seller_iban_label", "FR76 3000 6000 0112 3456 7890 189");
	set(h, "Doc.seller_bic", "AGRIFRPP");
	set(h, "Doc.payment_days", "30");
	set(h, "Doc.payment_terms", "Paiement à 30 jours par virement.");
	set(h, "Doc.late_rate", "10,15");
	set(h, "Doc.indemnity", "40,00");
	set(h, "Doc.early_payment", "Pas d'escompte pour paiement anticipé.");
	set(h, "Doc.disbursements_mention",
	    "Débours : sommes payées au nom et "
	    "pour le compte du client, hors base d'imposition à la TVA "
	    "(article 267 II-2° du CGI).");
	set(h, "Doc.buyer_name", "L'Œil du Consommateur");
	set(h, "Doc.buyer_contact", "Mme Anaïs Cœur");
	set(h, "Doc.buyer_address", "45 rue Oberkampf");
	set(h, "Doc.buyer_postcode", "75011");
	set(h, "Doc.buyer_city", "Paris");
	set(h, "Doc.buyer_country", "France");
	set(h, "Doc.buyer_vat_number", "FR40303265045");
	set(h, "Doc.buyer_siren_label", "303 265 045");
	set(h, "Doc.total_ht", en ? "8,613.20" : "8 613,20");
	set(h, "Doc.total_vat", en ? "1,641.64" : "1 641,64");
	set(h, "Doc.total_ttc", en ? "10,254.84" : "10 254,84");
	set(h, "Doc.disbursements", en ? "240.00" : "240,00");
	set(h, "Doc.disbursements_raw", "240.00");
	set(h, "Doc.total_due", en ? "10,494.84" : "10 494,84");
	for (i = 0; i < nlines; i++) {
		snprintf(key, sizeof(key), "Lines.%d.label", i);
		set(h, key, labels[i == 7 ? 7 : i % 7]);
		snprintf(key, sizeof(key), "Lines.%d.quantity", i);
		snprintf(v, sizeof(v), "%d", 1 + i % 12);
		set(h, key, v);
		snprintf(key, sizeof(key), "Lines.%d.unit_price", i);
		set(h, key, en ? "412.50" : "412,50");
		snprintf(key, sizeof(key), "Lines.%d.discount", i);
		set(h, key, i % 5 == 0 ? "10" : "0");
		snprintf(key, sizeof(key), "Lines.%d.discount_raw", i);
		set(h, key, i % 5 == 0 ? "10" : "0");
		snprintf(key, sizeof(key), "Lines.%d.vat_rate", i);
		set(h, key, i % 4 == 2 ? "10" : "20");
		snprintf(key, sizeof(key), "Lines.%d.amount", i);
		set(h, key, en ? "1,237.50" : "1 237,50");
	}
	set(h, "VatTotals.0.rate", "20");
	set(h, "VatTotals.0.base", en ? "7,788.20" : "7 788,20");
	set(h, "VatTotals.0.vat", en ? "1,557.64" : "1 557,64");
	set(h, "VatTotals.1.rate", "10");
	set(h, "VatTotals.1.base", "825,00");
	set(h, "VatTotals.1.vat", "84,00");
	if (!disb) {
		set(h, "Doc.total_due", en ? "10,254.84" : "10 254,84");
		set(h, "Doc.disbursements_raw", "0.00");
		return;
	}
	set(h, "Disb.0.last_name", "Martin");
	set(h, "Disb.0.first_name", "Julie");
	set(h, "Disb.0.payment_type", "cheque");
	set(h, "Disb.0.cheque_no", "1234567");
	set(h, "Disb.0.paid_on", "11/03/2026");
	set(h, "Disb.0.amount", en ? "120.00" : "120,00");
	set(h, "Disb.1.last_name", "Dubois");
	set(h, "Disb.1.first_name", "Léa");
	set(h, "Disb.1.payment_type", "cash");
	set(h, "Disb.1.paid_on", "11/03/2026");
	set(h, "Disb.1.amount", en ? "120.00" : "120,00");
}

/* The CII data of the same invoice (what einvoice_header(), _lines()
 * and _vat() give focusd), amounts with '.' decimals. */
static void
fill_cii(HDF *h, int nlines)
{
	static const char *const head[][2] = {
		{ "number", "F2026-00042" },
		{ "type_code", "380" },
		{ "issue_date", "20260312" },
		{ "due_date", "20260411" },
		{ "billing_mode", "S1" },
		{ "period_from", "20260310" },
		{ "period_to", "20260311" },
		{ "seller_name", "Focus Salles Paris" },
		{ "seller_legal", "SAS au capital de 50 000 €" },
		{ "seller_siren", "732829320" },
		{ "seller_vat", "FR44732829320" },
		{ "seller_e_address", "732829320" },
		{ "seller_e_scheme", "0225" },
		{ "seller_address", "29 rue Merlin" },
		{ "seller_postcode", "75011" },
		{ "seller_city", "Paris" },
		{ "seller_country", "FR" },
		{ "buyer_name", "Acme Études" },
		{ "buyer_siren", "303265045" },
		{ "buyer_e_address", "303265045" },
		{ "buyer_e_scheme", "0225" },
		{ "buyer_address", "1 rue de l'Église" },
		{ "buyer_postcode", "75004" },
		{ "buyer_city", "Paris" },
		{ "buyer_country", "FR" },
		{ "iban", "FR7630006000011234567890189" },
		{ "bic", "AGRIFRPP" },
		{ "note_pmt",
		    "Indemnité forfaitaire pour frais de recouvrement : 40,00 "
		    "€." },
		{ "note_pmd", "Pénalités de retard : 10,15 % l'an." },
		{ "note_aab", "Pas d'escompte pour paiement anticipé." },
		{ "vat_point_code", "5" },
		{ "line_total", "7788.40" },
		{ "tax_basis_total", "7788.40" },
		{ "tax_total", "1557.68" },
		{ "grand_total", "9346.08" },
		{ "due_payable", "9346.08" },
		{ "stamp", "2026-03-12T09:00:00Z" },
	};
	char key[64], v[32];
	size_t i;
	int l;

	for (i = 0; i < FM_ARRAY_LEN(head); i++) {
		snprintf(key, sizeof(key), "Cii.%s", head[i][0]);
		set(h, key, head[i][1]);
	}
	for (l = 0; l < nlines; l++) {
		snprintf(v, sizeof(v), "%d", l + 1);
		snprintf(key, sizeof(key), "CiiLines.%d.line_id", l);
		set(h, key, v);
		snprintf(key, sizeof(key), "Lines.%d.label", l);
		{
			char k2[64];

			snprintf(k2, sizeof(k2), "CiiLines.%d.name", l);
			set(h, k2, hdf_get_value(h, key, ""));
		}
		snprintf(key, sizeof(key), "CiiLines.%d.quantity", l);
		set(h, key, "2.000");
		snprintf(key, sizeof(key), "CiiLines.%d.unit_code", l);
		set(h, key, "C62");
		snprintf(key, sizeof(key), "CiiLines.%d.net_price", l);
		set(h, key, "194.71");
		snprintf(key, sizeof(key), "CiiLines.%d.line_total", l);
		set(h, key, "389.42");
		snprintf(key, sizeof(key), "CiiLines.%d.category", l);
		set(h, key, "S");
		snprintf(key, sizeof(key), "CiiLines.%d.rate", l);
		set(h, key, "20.00");
	}
	set(h, "CiiVat.0.category", "S");
	set(h, "CiiVat.0.rate", "20.00");
	set(h, "CiiVat.0.base", "7788.40");
	set(h, "CiiVat.0.vat", "1557.68");
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int count = 500, nlines = 20, ch, i;
	bool en = false, disb = false;
	const char *outfile = NULL, *icc = NULL;
	HDF *h;
	STRING out;
	NEOERR *err;
	double t0, t1;
	size_t bytes = 0;

	while ((ch = getopt(argc, argv, "n:l:edx:o:")) != -1) {
		switch (ch) {
		case 'n':
			count = atoi(optarg);
			break;
		case 'l':
			nlines = atoi(optarg);
			break;
		case 'e':
			en = true;
			break;
		case 'd':
			disb = true;
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'x':
			icc = optarg;
			break;
		default:
			fprintf(stderr,
			    "usage: pdf-bench [-n COUNT] [-l LINES] "
			    "[-e] [-d] [-x ICC] [-o FILE] TEMPLATES_DIR "
			    "FONTS_DIR\n");
			return 2;
		}
	}
	if (argc - optind != 2 || count < 1 || nlines < 0) {
		fprintf(stderr,
		    "usage: pdf-bench [-n COUNT] [-l LINES] [-e] [-d] "
		    "[-x ICC] [-o FILE] TEMPLATES_DIR FONTS_DIR\n");
		return 2;
	}
	err = tmpl_init(argv[optind]);
	if (err == STATUS_OK)
		err = hdf_init(&h);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		return 1;
	}
	fill(h, nlines, en, disb);
	if (icc != NULL)
		fill_cii(h, nlines);
	t0 = now();
	for (i = 0; i < count; i++) {
		string_init(&out);
		if (icc != NULL) {
			STRING xml;
			struct pdf_facturx fx = { NULL, 0,
				"2026-03-12T09:00:00Z", "F2026-00042", icc };

			string_init(&xml);
			err = cii_write(h, &xml);
			fx.xml = xml.buf;
			fx.xml_len = (size_t)xml.len;
			if (err == STATUS_OK)
				err = pdf_render_facturx(h,
				    en ? LANG_EN : LANG_FR, argv[optind + 1],
				    &fx, &out);
			string_clear(&xml);
		} else
			err = pdf_render(h, en ? LANG_EN : LANG_FR,
			    argv[optind + 1], &out);
		if (err != STATUS_OK) {
			nerr_log_error(err);
			return 1;
		}
		bytes = (size_t)out.len;
		if (i == 0 && outfile != NULL) {
			FILE *f = fopen(outfile, "wb");

			if (f == NULL ||
			    fwrite(out.buf, 1, bytes, f) != bytes ||
			    fclose(f) != 0) {
				perror(outfile);
				return 1;
			}
		}
		string_clear(&out);
	}
	t1 = now();
	printf("pdf-bench: %d %s of %d lines in %.3f s: %.0f per second, "
	       "%.2f ms each, %zu bytes each\n",
	    count, icc ? "Factur-X invoices" : "invoices", nlines, t1 - t0,
	    count / (t1 - t0), (t1 - t0) * 1000 / count, bytes);
	hdf_destroy(&h);
	tmpl_shutdown();
	return 0;
}
