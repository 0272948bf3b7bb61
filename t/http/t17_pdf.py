#!/usr/bin/env python3
"""PDFs: every kind of document, in French and in English, read back
with pdftotext: the French mandatory mentions (seller, buyer, number,
dates, lines, totals per rate, due date, penalties, the 40 € indemnity,
early payment, reverse charge, the 2026 reform's mentions), the figures
PostgreSQL computed, the embedded fonts, a draft's watermark, several
pages with the table header repeated, the size, and the download log."""
import re
from decimal import Decimal
from fmtest import Stack, TAP
from fmbilling import (setup, billed_order, generate, totals, money_fr, money_en, pdftext, pdfinfo,
                       pdffonts)

t = TAP()


def fr(x):
    return money_fr(x).replace("\u202f", " ") + " €"


def en(x):
    return "€" + money_en(x)


def get_pdf(c, doc, what):
    r = c.get("/documents/%s.pdf" % doc)
    t.eq((r.status, r.header("Content-Type")), (200, "application/pdf"), what + ": a PDF")
    text, err = pdftext(r.raw)
    t.ok("Invalid" not in err and "Error" not in err, what + ": pdftotext reads it cleanly", err)
    t.ok(len(r.raw) < 60000, what + ": under 60 KB (%d bytes)" % len(r.raw))
    return r, text


def has_all(text, parts, what):
    """Every part is in the text (paragraphs wrap: spaces and newlines alike)."""
    flat = " ".join(text.split())
    missing = [p for p in parts if " ".join(p.split()) not in flat]
    t.ok(not missing, what, "missing: %r\n---\n%s" % (missing, text[:4000]))


with Stack(t) as s:
    ids = setup(s)
    s.psql("UPDATE billing_settings SET vat_on_debits = true")
    c = s.client()
    c.login_admin()
    today_fr = s.scalar("SELECT to_char(current_date, 'DD/MM/YYYY')")
    due_fr = s.scalar("SELECT to_char(current_date + 30, 'DD/MM/YYYY')")
    today_en = s.scalar("SELECT to_char(current_date, 'FMDD Mon YYYY')")

    oid = billed_order(s, c, ids)
    inv = generate(c, oid, "invoice")
    c.post("/documents/%s" % inv, {
        "billing_company_id": ids["Acme Études"], "billing_contact_id": ids["Compta"], "language": "fr",
        "vat_mode": "normal", "study_ref": "ETU-B", "account_code": "411ACME",
        "comment_printed": "Merci pour votre confiance.", "service_from": "2030-03-11",
        "service_to": "2030-03-11", "operation_nature": "services",
        "delivery_address": "Salle 1, 29 rue Merlin\n75011 Paris"})

    # A draft: watermark, no number.
    r, text = get_pdf(c, inv, "draft invoice")
    t.contains(r.header("Content-Disposition"), "invoice-%s-draft.pdf" % inv, "a draft's file name")
    has_all(text, ["Brouillon — non numéroté", "FACTURE"], "a draft says so, without a number")
    t.contains(pdftext(r.raw, raw=True)[0], "BROUILLON", "and is marked across the page")
    t.eq(s.scalar("SELECT count(*) FROM document_log"), "0", "downloading a draft is not logged")

    # The issued invoice: every mandatory mention.
    t.eq(c.post("/documents/%s/issue" % inv).status, 303, "invoice issued")
    number = s.scalar("SELECT number FROM documents WHERE id = %s" % inv)
    ht, tva, ttc, deb, due = totals(s, inv)
    r, text = get_pdf(c, inv, "invoice")
    t.contains(r.header("Content-Disposition"), '"%s.pdf"' % number, "named after its number")
    t.lacks(pdftext(r.raw, raw=True)[0], "BROUILLON", "no watermark once issued")
    has_all(text, ["Focus Salles Paris", "SAS au capital de 50 000 €", "29 rue Merlin", "75011 Paris",
                   "SIREN 732 829 320", "RCS Paris B 732 829 320", "FR44732829320"],
            "the seller: name, legal form and capital, address, SIREN, RCS, VAT number")
    has_all(text, ["Acme Études", "1 rue de l'Église", "75004 Paris", "SIREN 303 265 045", "Bob Compta"],
            "the buyer: name, address, SIREN, billing contact")
    has_all(text, ["FACTURE", "N° " + number, "Date : " + today_fr, "Échéance : " + due_fr],
            "the number, the issue date and the due date")
    has_all(text, ["Date de la prestation : 11/03/2030", "Nature de l'opération : prestations de services",
                   "Lieu de livraison (de la prestation)", "Salle 1, 29 rue Merlin"],
            "the 2026 reform: service date, nature of the operation, delivery address")
    has_all(text, ["Option pour le paiement de la TVA d'après les débits."], "VAT on debits (the seller's option)")
    has_all(text, ["Désignation", "Qté", "P.U. HT", "Remise", "TVA", "Total HT",
                   "Journée · Salle 1 — 11/03/2030", "850,00 €", "Plateau repas — 11/03/2030",
                   "Recrutement « participants »", "20 %", "10 %", "5,5 %"],
            "the lines: description, quantity, unit price excl. VAT, discount, VAT rate")
    for rate, base, vat in s.psql("SELECT fm_qty(vat_rate, 'fr'), base, vat FROM document_vat_totals(%s)" % inv):
        has_all(text, ["TVA %s %% sur %s" % (rate, fr(base)), fr(vat)],
                "VAT at %s %%: its base and its amount" % rate)
    has_all(text, ["Total HT", fr(ht), "Total TVA", fr(tva), "Total TTC", fr(ttc),
                   "Débours (hors TVA)", fr(deb), "Net à payer", fr(due)],
            "totals excl. VAT, VAT, incl. VAT; disbursements apart; amount due")
    has_all(text, ["Martin", "Julie", "Chèque", "1234567", "60,00 €", "Dubois", "Espèces", "45,50 €",
                   "article 267 II-2° du CGI"], "the disbursements listed, outside the VAT base")
    has_all(text, ["10,15 %", "L441-10", "40,00 €", "D441-5", "Pas d'escompte pour paiement anticipé.",
                   "IBAN FR76 3000 6000 0112 3456 7890 189"],
            "late-payment rate, 40 € indemnity, early payment terms, bank details")
    has_all(text, ["Merci pour votre confiance."], "the printed comment")
    t.lacks(text, "Secret", "the internal note is never printed")
    fonts = pdffonts(r.raw)
    t.eq(len(re.findall(r"TrueType\s+Custom\s+yes\s+yes", fonts)), 2,
         "two TrueType fonts, embedded and subset")
    t.ok("DejaVuSans" in fonts, "DejaVu Sans", fonts)
    t.eq(pdfinfo(r.raw).get("Pages"), "1", "one page")
    t.eq(pdfinfo(r.raw).get("Page size"), "595.276 x 841.89 pts (A4)", "A4")
    t.eq(s.psql("SELECT event, detail->>'format' FROM document_log WHERE document_id = %s ORDER BY seq" % inv),
         [["issue", ""], ["archive", "Factur-X EN 16931"], ["download", "pdf"]],
         "the Factur-X archived at issue, the download logged")

    # A quote: its validity.
    quote = generate(c, oid, "quote", without=True)
    c.post("/documents/%s/issue" % quote)
    qnum = s.scalar("SELECT number FROM documents WHERE id = %s" % quote)
    valid = s.scalar("SELECT to_char(valid_until, 'DD/MM/YYYY') FROM documents WHERE id = %s" % quote)
    r, text = get_pdf(c, quote, "quote")
    has_all(text, ["DEVIS", "N° " + qnum, "Valable jusqu'au " + valid, "Devis valable jusqu'au %s." % valid,
                   "Bon pour accord", "Total du devis", fr(totals(s, quote)[4])],
            "a quote: number, validity date, agreement, total")
    t.lacks(text, "Débours (hors TVA)", "without disbursements")

    # A credit note: the invoice it corrects.
    first = s.scalar("SELECT id FROM document_lines WHERE document_id = %s AND position = 1" % inv)
    r = c.post("/documents/%s/credit" % inv, {"mode": "lines", "cl.%s" % first: "1"})
    cn = r.location.rsplit("/", 1)[1]
    c.post("/documents/%s/issue" % cn)
    cnum = s.scalar("SELECT number FROM documents WHERE id = %s" % cn)
    r, text = get_pdf(c, cn, "credit note")
    has_all(text, ["AVOIR", "N° " + cnum, "Avoir sur la facture %s du %s" % (number, today_fr),
                   "Journée · Salle 1 — 11/03/2030", "Total de l'avoir", fr(totals(s, cn)[4]),
                   "SIREN 732 829 320", "Acme Études"],
            "a credit note names the invoice it corrects, with the mentions")

    # A disbursement note.
    note = generate(c, oid, "disbursement_note")
    c.post("/documents/%s/issue" % note)
    r, text = get_pdf(c, note, "disbursement note")
    has_all(text, ["NOTE DE DÉBOURS", "Sommes payées au nom et pour le compte de Acme Études",
                   "Nom", "Prénom", "Paiement", "N° de chèque", "Montant", "Martin", "Julie", "Chèque",
                   "1234567", "60,00 €", "Dubois", "Léa", "Espèces", "45,50 €", "Total des débours",
                   "105,50 €"], "a disbursement note: names, payment type, cheque number, amounts, total")

    # English, reverse charge (intra-EU B2B).
    se = billed_order(s, c, ids, company="Nordic Panel AB", day="2030-03-12", language="en",
                      vat_mode="reverse_charge", billing_contact_id=ids["Berg"], account_code="")
    inv_en = generate(c, se, "invoice", without=True)
    c.post("/documents/%s/issue" % inv_en)
    enum = s.scalar("SELECT number FROM documents WHERE id = %s" % inv_en)
    ht, tva, ttc, deb, due = totals(s, inv_en)
    r, text = get_pdf(c, inv_en, "English invoice")
    has_all(text, ["INVOICE", "No. " + enum, "Date: " + today_en, "BILL TO",
                   "Nordic Panel AB", "Drottninggatan 10", "Anna Berg", "VAT no. SE556677889901",
                   "Description", "Qty", "Unit price", "Net amount", "Meal tray — 12 Mar 2030",
                   "Total excl. VAT", en(ht), "Amount due", en(due), "Date of service: 12 Mar 2030",
                   "Nature of the operation: services"], "an English invoice")
    has_all(text, ["Reverse charge: VAT to be accounted for by the customer (Article 196 of Council "
                   "Directive 2006/112/EC; article 283-2 of the French tax code).",
                   "Customer's VAT number: SE556677889901"],
            "reverse charge: the legal mention and the buyer's VAT number")
    t.eq(tva, Decimal("0.00"), "no VAT charged")
    has_all(text, ["VAT 0% on " + en(ht), "Late payment interest: annual rate of 10.15%",
                   "€40.00", "No discount for early payment."], "English terms")

    # English disbursement note and quote.
    c.post("/orders/%s" % se, {"company_id": ids["Nordic Panel AB"], "billing_contact_id": ids["Berg"],
                               "language": "en", "vat_mode": "reverse_charge"})
    note_en = generate(c, se, "disbursement_note")
    r, text = get_pdf(c, note_en, "English disbursement note (draft)")
    t.contains(pdftext(r.raw, raw=True)[0], "DRAFT", "a draft in English")
    has_all(text, ["DISBURSEMENT NOTE", "Sums paid in the name and on behalf of Nordic Panel AB",
                   "Cheque", "Cash", "€60.00", "€45.50", "Total disbursements", "€105.50"],
            "an English disbursement note")
    quote_en = generate(c, se, "quote")
    r, text = get_pdf(c, quote_en, "English quote (draft)")
    has_all(text, ["QUOTE", "This quote is valid until", "Accepted — date, signature and company stamp",
                   "Disbursements (outside the VAT base)"], "an English quote")

    # Many lines: several pages, the table's header on each, page numbers.
    big = generate(c, oid, "invoice")
    s.psql("INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate) "
           "SELECT %s, 100 + g, 'Ligne supplémentaire n° ' || g || ' — copies « couleur » et reliure', g, 1.5, 20 "
           "FROM generate_series(1, 80) g" % big)
    r, text = get_pdf(c, big, "an invoice of 86 lines")
    pages = int(pdfinfo(r.raw)["Pages"])
    t.ok(pages >= 3, "it runs to several pages (%d)" % pages)
    for p in range(1, pages + 1):
        page, _ = pdftext(r.raw, first=p, last=p)
        t.contains(page, "Page %d / %d" % (p, pages), "page %d is numbered" % p)
        if p < pages:
            t.contains(page, "Désignation", "page %d repeats the table's header" % p)
        if p > 1:
            t.contains(page, "FACTURE · Brouillon — non numéroté (suite)", "page %d says it continues" % p)
    t.contains(text, "Ligne supplémentaire n° 80", "the last line is there")
    t.contains(text, "Net à payer", "and the totals after it")
t.done()
