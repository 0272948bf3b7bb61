#!/usr/bin/env python3
"""Documents that speak of themselves: a credit-note draft's button says
"Émettre l'avoir" and its total "Total de l'avoir" (never "Émettre la
facture", "Total à régler"); "Toute la facture" after a partial credit
note warns on the draft page that issuing will be refused (and how much
is left), as issuing then does; the documents list reads by number
within each kind, drafts first."""
import html
import re
from decimal import Decimal
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate, money_fr

t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    oid = billed_order(s, c, ids)
    inv = generate(c, oid, "invoice")
    t.eq(c.post("/documents/%s/issue" % inv).status, 303, "an invoice issued")
    r = c.get("/documents/%s" % inv)
    r = c.post("/documents/%s/credit" % inv, {"mode": "amount", "amount": "50", "vat_rate": "20.00",
                                              "label": "Geste commercial"})
    part = re.match(r"^/documents/(\d+)$", r.location).group(1)
    page = html.unescape(c.get("/documents/%s" % part).text)
    t.contains(page, "Émettre l'avoir", "a credit-note draft's button: « Émettre l'avoir »")
    t.lacks(page, "Émettre la facture", "not « Émettre la facture »")
    t.ok(re.search(r'<tr class="due"><th>Total de l\'avoir</th>', page), "its total: « Total de l'avoir »")
    t.lacks(page, "Total à régler", "not « Total à régler »")
    t.lacks(page, 'id="credit-exceeds"', "within what is left: no warning")
    t.eq(c.post("/documents/%s/issue" % part).status, 303, "the partial credit note issued")

    r = c.post("/documents/%s/credit" % inv, {"mode": "whole"})
    whole = re.match(r"^/documents/(\d+)$", r.location).group(1)
    page = html.unescape(c.get("/documents/%s" % whole).text)
    m = re.search(r'<p class="alert" role="alert" id="credit-exceeds">(.*?)</p>', page, re.S)
    t.ok(m, "« Toute la facture » after a partial credit note: the draft page warns")
    due = s.scalar("SELECT total_due FROM documents WHERE id = %s" % inv)
    left = s.scalar("SELECT total_due - 60 FROM documents WHERE id = %s" % inv)
    if m:
        text = re.sub(r"<[^>]+>", "", m.group(1)).replace("&nbsp;", "\u00a0")
        t.contains(text, "dépasse ce qui reste à reprendre sur la facture", "it says what is wrong")
        t.contains(text, money_fr(Decimal(left)), "and what is left (%s)" % left)
        t.contains(text, "avoirs déjà émis 60,00", "and what was already credited")
        t.contains(text, "L'émission sera refusée", "and that issuing will be refused")
    r = c.post("/documents/%s/issue" % whole)
    t.eq(r.status, 422, "as issuing indeed refuses it")
    c.get("/lang/en")
    page = c.get("/documents/%s" % whole).text
    t.contains(page, "Issue the credit note", "English button")
    t.contains(page, "exceeds what is left to credit on the invoice", "English warning")
    c.get("/lang/fr")
    c.post("/documents/%s/delete" % whole)

    # The journal: sentences, each entry checked in the chain; JSON export.
    t.eq(c.post("/documents/%s/payments" % inv, {"paid_on": "2030-04-01", "amount": "100,5",
                                                 "method": "cheque", "reference": "CHQ 7"}).status, 303,
         "a payment")
    t.eq(c.post("/documents/%s/sent" % inv, {"channel": "email", "sent_to": "compta@acme.example"}).status,
         303, "marked as sent")
    page = html.unescape(c.get("/documents/%s" % inv).text)
    journal = re.search(r'<ol class="journal" id="journal">(.*?)</ol>', page, re.S)
    text = re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", journal.group(1))) if journal else ""
    number = s.scalar("SELECT number FROM documents WHERE id = %s" % inv)
    t.ok(re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d — admin a émis cette facture datée du \d\d/\d\d/\d{4} "
                   r"\(montant dû %s\u00a0€\)\." % re.escape(money_fr(Decimal(due))), text),
         "the journal says who issued it, when, for how much", text[:600])
    t.contains(text, "admin a enregistré un règlement de 100,50\u00a0€ (Chèque, CHQ 7) reçu le 01/04/2030.",
               "a payment as a sentence")
    t.contains(text, "admin a noté son envoi par e-mail à compta@acme.example.", "the sending too")
    t.contains(text, "a archivé la facture électronique émise", "the Factur-X archive as a sentence")
    t.lacks(page, '{"kind"', "no raw JSON on the page")
    t.contains(page, "Chaîne d'empreintes vérifiée", "the hash chain's check result")
    r = c.get("/documents/%s/log.json" % inv)
    t.eq(r.status, 200, "the log as JSON, for export")
    doc = r.json()
    t.eq([e["event"] for e in doc["entries"]], ["issue", "archive", "payment", "send"],
         "its entries as stored (the Factur-X archived at issue)")
    t.eq(doc["entries"][2]["detail"]["amount"], "100.50", "details as stored")
    t.ok(all(len(e["hash"]) == 64 for e in doc["entries"]), "with their hashes")
    t.eq(c.get("/documents/999999/log.json").status, 404, "an unknown document: 404")
    seq = doc["entries"][2]["seq"]
    s.psql("ALTER TABLE document_log DISABLE TRIGGER USER; "
           "UPDATE document_log SET detail = jsonb_set(detail, '{amount}', '\"1.00\"') WHERE seq = %s; "
           "ALTER TABLE document_log ENABLE TRIGGER USER" % seq)
    page = html.unescape(c.get("/documents/%s" % inv).text)
    t.contains(page, "Chaîne d'empreintes rompue", "an altered entry: the page says the chain is broken")
    t.ok(re.search(r'<li id="log-%s" class="altered">' % seq, page), "and marks the entry")

    # The list: by kind, drafts first, then by number (latest first).
    q1 = generate(c, oid, "quote")
    t.eq(c.post("/documents/%s/issue" % q1).status, 303, "a quote validated")
    q2 = generate(c, oid, "quote")
    t.eq(c.post("/documents/%s/issue" % q2).status, 303, "another")
    q3 = generate(c, oid, "quote")
    inv2 = generate(c, oid, "invoice")
    t.eq(c.post("/documents/%s/issue" % inv2).status, 303, "a second invoice")
    page = c.get("/documents").text
    order = re.findall(r'href="/documents/(\d+)"', page)
    seen = []
    for d in order:
        if d not in seen:
            seen.append(d)
    want = [q3, q2, q1, inv2, inv, part]
    t.eq([d for d in seen if d in want], want,
         "quotes (the draft, then by number), invoices by number, credit notes")
t.done()
