#!/usr/bin/env python3
"""Documents end to end: the order page's documents bar (generate, open),
a draft's header and lines (edit, add, move, delete; validation that
keeps what was typed and writes nothing), issuing (CSRF, number, frozen,
refusals), an invoice from a quote, payments (partly paid, paid, over the
balance refused), credit notes (whole, chosen lines, an amount),
sending, the lists (unpaid, overdue) and the billing settings."""
import re
from decimal import Decimal
from fmtest import Stack, TAP
from fmorders import new_order
from fmbilling import setup, billed_order, generate, totals, money_fr

t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    year = int(s.scalar("SELECT extract(year FROM current_date)::int"))
    count = lambda sql: int(s.scalar("SELECT count(*) FROM " + sql))

    # An invoice issued two months ago and unpaid: the overdue list.
    old = billed_order(s, c, ids, company="Payeur SA", day="2030-01-07")
    s.psql("SELECT set_config('fm.who', 'test', false); "
           "SELECT issue_document(document_from_order(%s, 'invoice', true), current_date - 60)" % old)

    oid = billed_order(s, c, ids)
    r = c.get("/orders/%s" % oid)
    t.eq(r.status, 200, "order page")
    t.contains(r.text, 'id="documents"', "it has a documents section")
    for k in ("quote", "invoice", "disbursement_note"):
        t.contains(r.text, 'id="gen-%s"' % k, "a Générer button for %s" % k)
    t.contains(r.text, "sans débours", "quotes and invoices can leave the disbursements out")
    t.contains(r.text, 'aria-label="Sélection avoirs"', "and a selector per kind, credit notes included")

    # Generate.
    t.eq(c.post("/orders/%s/documents" % oid, {"kind": "invoice"}, csrf=False).status, 403,
         "generating needs the CSRF token")
    t.eq(c.post("/orders/%s/documents" % oid, {"kind": "bill"}).status, 400, "an unknown kind: 400")
    t.eq(c.post("/orders/999999/documents", {"kind": "quote"}).status, 404, "an unknown order: 404")
    inv = generate(c, oid, "invoice")
    t.eq(s.psql("SELECT kind, status, number IS NULL FROM documents WHERE id = %s" % inv),
         [["invoice", "draft", "t"]], "a draft invoice, not numbered")
    t.eq(totals(s, inv), tuple(Decimal(x) for x in s.psql("SELECT * FROM order_totals(%s)" % oid)[0]),
         "its totals are the order's")
    t.eq(count("document_lines WHERE document_id = %s" % inv), 6,
         "one line per room, overtime, option (3) and service")
    quote = generate(c, oid, "quote", without=True)
    t.eq(count("document_disbursements WHERE document_id = %s" % quote), 0, "a quote without disbursements")
    t.eq(totals(s, quote)[3], Decimal("0.00"), "... totals without them")
    note = generate(c, oid, "disbursement_note")
    t.eq(count("document_disbursements WHERE document_id = %s" % note), 2, "a disbursement note lists them")
    r = c.get("/orders/%s" % oid)
    t.contains(r.text, '<option value="%s">Brouillon du' % inv, "the order lists its draft invoice")
    r = c.get("/documents/open?id=%s" % inv)
    t.eq((r.status, r.location), (303, "/documents/%s" % inv), "the selector opens it")

    # The page and its totals.
    r = c.get("/documents/%s" % inv)
    t.eq(r.status, 200, "the document page")
    ht, tva, ttc, deb, due = totals(s, inv)
    t.contains(r.text, 'id="total-due" data-raw="%s"' % due, "the page shows PostgreSQL's total due")
    t.contains(r.text, money_fr(ttc) + "&nbsp;€", "... and the total incl. VAT, the French way")
    t.contains(r.text, "Émettre la facture", "an Issue button")
    t.eq(c.get("/documents/999999").status, 404, "an unknown document: 404")

    # Header.
    head = {"billing_company_id": ids["Payeur SA"], "billing_contact_id": ids["Factures"],
            "language": "en", "vat_mode": "normal", "study_ref": "ETU-B2", "account_code": "411P",
            "comment_printed": "Merci !", "internal_note": "Secret", "service_from": "2030-03-11",
            "service_to": "2030-03-11", "operation_nature": "services", "delivery_address": ""}
    r = c.post("/documents/%s" % inv, dict(head, billing_contact_id=ids["Autre"], study_ref="TYPED"))
    t.eq(r.status, 422, "a billing contact not flagged billing: 422")
    t.contains(r.text, 'value="TYPED"', "what was typed is kept")
    t.eq(s.scalar("SELECT study_ref FROM documents WHERE id = %s" % inv), "ETU-B", "nothing written")
    r = c.post("/documents/%s" % inv, dict(head, service_to="2030-03-01", study_ref="TYPED2"))
    t.eq(r.status, 422, "a service ending before it starts: 422")
    t.contains(r.text, "La fin de la prestation doit suivre son début", "with a message")
    t.eq(c.post("/documents/%s" % inv, head).status, 303, "header saved")
    t.eq(s.psql("SELECT billing_company_id, billing_contact_id, language, study_ref, internal_note "
                "FROM documents WHERE id = %s" % inv),
         [[ids["Payeur SA"], ids["Factures"], "en", "ETU-B2", "Secret"]], "stored")
    t.eq(s.scalar("SELECT study_ref FROM orders WHERE id = %s" % oid), "ETU-B",
         "the order itself is unchanged (documents are edited apart)")
    head["language"] = "fr"
    c.post("/documents/%s" % inv, head)

    # Lines.
    lines = s.psql("SELECT id, label, trim_scale(quantity), unit_price, trim_scale(discount_pct), vat_rate "
                   "FROM document_lines WHERE document_id = %s ORDER BY position" % inv)
    def form(rows, extra=()):
        f = {"n": str(len(rows) + len(extra))}
        for i, (lid, label, q, p, d, rate) in enumerate(list(rows) + list(extra)):
            if lid:
                f["id.%d" % i] = lid
            f.update({"label.%d" % i: label, "quantity.%d" % i: q, "unit_price.%d" % i: p,
                      "discount.%d" % i: d, "vat_rate.%d" % i: rate})
        return f
    before = s.psql("SELECT * FROM document_lines WHERE document_id = %s ORDER BY id" % inv)
    bad = form(lines, [("", "Nouvelle", "2", "abc", "", "20.00"), ("", "", "1", "15", "", "20.00"),
                       ("", "Remise trop forte", "1", "10", "150", "20.00"),
                       ("", "Taux inconnu", "1", "10", "", "7.00")])
    r = c.post("/documents/%s/lines" % inv, bad)
    t.eq(r.status, 422, "bad lines: 422")
    t.contains(r.text, 'value="abc"', "the bad price is kept")
    t.contains(r.text, "Remise trop forte</textarea>", "the typed labels too")
    t.contains(r.text, "Remise entre 0 et 100 %", "a discount over 100 % is refused")
    t.contains(r.text, "Ce champ est obligatoire", "a price without a label is refused")
    t.contains(r.text, "Choix invalide", "a VAT rate that is not configured is refused")
    t.eq(s.psql("SELECT * FROM document_lines WHERE document_id = %s ORDER BY id" % inv), before,
         "nothing written")
    edited = [list(l) for l in lines]
    edited[0][2] = "2"           # two rooms
    edited[1][4] = "10"          # 10 % off the overtime
    r = c.post("/documents/%s/lines" % inv, form(edited, [("", "Livraison\nsur site", "1,5", "19,99", "",
                                                            "5.50"), ("", "", "1", "", "", "20.00")]))
    t.eq(r.status, 303, "lines saved, a new one added, a blank row ignored")
    t.eq(count("document_lines WHERE document_id = %s" % inv), 7, "seven lines now")
    t.eq(s.psql("SELECT replace(label, E'\\n', '|'), trim_scale(quantity), unit_price, vat_rate, position "
                "FROM document_lines WHERE document_id = %s AND label LIKE 'Livraison%%'" % inv),
         [["Livraison|sur site", "1.5", "19.99", "5.50", "7"]], "the new line (two lines of text), at the end")
    t.eq(s.scalar("SELECT line_amount(quantity, unit_price, discount_pct) FROM document_lines "
                  "WHERE document_id = %s AND label LIKE 'Livraison%%'" % inv), "29.99",
         "its amount (29.985 rounded) comes from SQL")
    new = s.scalar("SELECT id FROM document_lines WHERE document_id = %s AND position = 7" % inv)
    t.eq(c.post("/documents/%s/lines/%s/up" % (inv, new)).status, 303, "a line moved up")
    t.eq(s.scalar("SELECT position FROM document_lines WHERE id = %s" % new), "6", "it is sixth")
    c.post("/documents/%s/lines/%s/down" % (inv, new))
    t.eq(s.scalar("SELECT position FROM document_lines WHERE id = %s" % new), "7", "and back")
    t.eq(c.post("/documents/%s/lines/%s/delete" % (inv, lines[2][0])).status, 303, "a line deleted (✖)")
    t.eq(s.psql("SELECT array_agg(position ORDER BY position) FROM document_lines WHERE document_id = %s" % inv),
         [["{1,2,3,4,5,6}"]], "positions stay 1..n")
    t.eq(c.post("/documents/%s/lines/%s/delete" % (inv, lines[2][0])).status, 404, "deleting it again: 404")
    t.eq(c.post("/documents/%s/lines/%s/delete" % (quote, lines[0][0])).status, 404,
         "a line of another document: 404")
    d1 = s.scalar("SELECT id FROM document_disbursements WHERE document_id = %s ORDER BY position LIMIT 1" % inv)
    t.eq(c.post("/documents/%s/disbursements/%s/delete" % (inv, d1)).status, 303, "a disbursement taken off")
    t.eq(count("disbursements WHERE order_id = %s" % oid), 2, "the order keeps its disbursements")
    r = c.get("/documents/%s" % inv)
    ht, tva, ttc, deb, due = totals(s, inv)
    t.contains(r.text, 'id="total-ht" data-raw="%s"' % ht, "the totals follow the lines")
    t.eq(deb, Decimal("45.50"), "one disbursement left")

    # Issuing.
    t.eq(c.post("/documents/%s/issue" % inv, csrf=False).status, 403, "issuing needs the CSRF token")
    t.ok(s.scalar("SELECT number FROM documents WHERE id = %s" % inv) is None or
         s.scalar("SELECT number FROM documents WHERE id = %s" % inv) == "", "not issued without it")
    number = "F%d-%05d" % (year, 1 + count("documents WHERE kind = 'invoice' AND fiscal_year = %d" % year))
    r = c.post("/documents/%s/issue" % inv)
    t.eq(r.status, 303, "issued")
    t.eq(s.psql("SELECT number, status, issued_on = current_date, due_on = current_date + 30, issued_by "
                "FROM documents WHERE id = %s" % inv), [[number, "issued", "t", "t", "admin"]],
         "next number of the year, today, due in 30 days, by admin")
    r = c.get(r.location)
    t.contains(r.text, number, "the page shows the number")
    t.contains(r.text, "Document émis", "and says it is issued")
    t.lacks(r.text, 'action="/documents/%s/lines"' % inv, "no more line editing")
    frozen = s.psql("SELECT * FROM document_lines WHERE document_id = %s ORDER BY id" % inv)
    t.eq(c.post("/documents/%s/lines" % inv, form(edited)).status, 409, "its lines cannot be changed: 409")
    t.eq(c.post("/documents/%s" % inv, head).status, 409, "its header neither")
    t.eq(c.post("/documents/%s/delete" % inv).status, 409, "it cannot be deleted")
    t.eq(c.post("/documents/%s/lines/%s/delete" % (inv, new)).status, 409, "nor lose a line")
    t.eq(c.post("/documents/%s/issue" % inv).status, 422, "nor be issued again")
    t.eq(s.psql("SELECT * FROM document_lines WHERE document_id = %s ORDER BY id" % inv), frozen,
         "nothing changed")

    # A refused issue: the buyer has no address.
    nowhere = new_order(c, ids["Zeta Conseil"])
    s.psql("INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) VALUES (%s, 'X', 1, 10, 20)"
           % nowhere)
    bad_inv = generate(c, nowhere, "invoice")
    r = c.post("/documents/%s/issue" % bad_inv)
    t.eq(r.status, 422, "an invoice to a client without address: 422")
    t.contains(r.text, "L&#39;adresse de facturation du client manque", "the page says why")
    t.eq(s.scalar("SELECT status FROM documents WHERE id = %s" % bad_inv), "draft", "it stays a draft")

    # Reverse charge: the buyer's VAT number is needed.
    uk = new_order(c, ids["Global Insight Ltd"], vat_mode="reverse_charge", language="en",
                   billing_contact_id=ids["Smith"])
    s.psql("INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) VALUES (%s, 'Focus group', 2, 1500, 20)"
           % uk)
    uk_inv = generate(c, uk, "invoice")
    s.psql("UPDATE companies SET vat_number = NULL WHERE id = %s" % ids["Global Insight Ltd"])
    r = c.post("/documents/%s/issue" % uk_inv)
    t.eq(r.status, 422, "reverse charge without the buyer's VAT number: 422")
    t.contains(r.text, "numéro de TVA intracommunautaire du client est obligatoire", "the page says why")
    s.psql("UPDATE companies SET vat_number = 'GB123456789' WHERE id = %s" % ids["Global Insight Ltd"])
    t.eq(c.post("/documents/%s/issue" % uk_inv).status, 303, "with it, issued")
    t.eq(s.scalar("SELECT number FROM documents WHERE id = %s" % uk_inv),
         "F%d-%05d" % (year, int(number[-5:]) + 1), "the refused attempt took no number")
    t.eq(totals(s, uk_inv)[1], Decimal("0.00"), "no VAT under reverse charge")

    # A quote, validated, then its invoice.
    t.eq(c.post("/documents/%s/issue" % quote).status, 303, "the quote validated")
    t.eq(s.scalar("SELECT number FROM documents WHERE id = %s" % quote), "D%d-00001" % year, "it is D...")
    r = c.post("/documents/%s/invoice" % quote)
    t.eq(r.status, 303, "an invoice from the quote")
    from_quote = re.match(r"^/documents/(\d+)$", r.location).group(1)
    t.eq(s.psql("SELECT kind, source_id FROM documents WHERE id = %s" % from_quote), [["invoice", quote]],
         "it remembers its quote")
    t.eq(totals(s, from_quote), totals(s, quote), "with the quote's totals")
    r = c.post("/orders/%s/documents" % oid, {"kind": "invoice", "from_quote": quote})
    t.eq(r.status, 303, "the order's \"Générer d'après devis\" does the same")
    t.eq(c.post("/orders/%s/documents" % uk, {"kind": "invoice", "from_quote": quote}).status, 409,
         "a quote of another order is refused")
    t.eq(c.post("/documents/%s/invoice" % inv).status, 409, "an invoice is not a quote")
    r = c.post("/documents/%s/delete" % from_quote)
    t.eq((r.status, r.location), (303, "/orders/%s" % oid), "a draft deleted, back to the order")

    # Payments.
    pay = lambda doc, **f: c.post("/documents/%s/payments" % doc, dict(
        {"paid_on": "2030-04-01", "amount": "100", "method": "transfer", "reference": "VIR"}, **f))
    r = pay(inv, amount="0", paid_on="2030-13-01", reference="TYPED")
    t.eq(r.status, 422, "a bad payment: 422")
    t.contains(r.text, 'value="TYPED"', "typed values kept")
    t.eq(count("payments"), 0, "nothing written")
    r = pay(inv, amount=str(due + 1))
    t.eq(r.status, 422, "more than the balance: 422")
    t.contains(r.text, "Le règlement dépasse le reste dû", "the page says why")
    t.eq(pay(inv, amount="100").status, 303, "a partial payment")
    t.eq(s.scalar("SELECT document_payment_status(%s)" % inv), "partly_paid", "partly paid")
    t.contains(c.get("/documents/%s" % inv).text, "Payée en partie", "the page says so")
    t.eq(pay(bad_inv).status, 422, "no payment on a draft")

    # Credit notes.
    r = c.post("/documents/%s/credit" % inv, {"mode": "lines"})
    t.eq(r.status, 422, "credit chosen lines without any: 422")
    r = c.post("/documents/%s/credit" % inv, {"mode": "amount", "amount": "-5", "vat_rate": "20.00",
                                              "label": "Geste TYPED"})
    t.eq(r.status, 422, "a negative amount: 422")
    t.contains(r.text, 'value="Geste TYPED"', "typed label kept")
    t.eq(count("documents WHERE kind = 'credit_note'"), 0, "nothing written")
    first = s.scalar("SELECT id FROM document_lines WHERE document_id = %s AND position = 1" % inv)
    r = c.post("/documents/%s/credit" % inv, {"mode": "lines", "cl.%s" % first: "1"})
    t.eq(r.status, 303, "a credit note of one line")
    cn_lines = re.match(r"^/documents/(\d+)$", r.location).group(1)
    t.eq(s.psql("SELECT kind, status, source_id FROM documents WHERE id = %s" % cn_lines),
         [["credit_note", "draft", inv]], "a draft credit note for the invoice")
    t.eq(s.scalar("SELECT count(*) FROM document_lines WHERE document_id = %s" % cn_lines), "1", "one line")
    r = c.post("/documents/%s/credit" % inv, {"mode": "amount", "amount": "50", "vat_rate": "20.00",
                                              "label": "Geste commercial"})
    cn_amount = re.match(r"^/documents/(\d+)$", r.location).group(1)
    t.eq(totals(s, cn_amount)[:3], (Decimal("50.00"), Decimal("10.00"), Decimal("60.00")),
         "a credit note of 50 excl. VAT")
    t.eq(c.post("/documents/%s/issue" % cn_amount).status, 303, "issued")
    t.eq(s.scalar("SELECT number FROM documents WHERE id = %s" % cn_amount), "AV%d-00001" % year,
         "credit notes are AV...")
    r = c.get("/documents/%s" % cn_amount)
    t.contains(r.text, "Avoir sur la", "the credit note names the invoice")
    t.contains(r.text, number, "... by its number")
    c.post("/documents/%s/delete" % cn_lines)
    r = c.post("/documents/%s/credit" % inv, {"mode": "whole"})
    cn_whole = re.match(r"^/documents/(\d+)$", r.location).group(1)
    r = c.post("/documents/%s/issue" % cn_whole)
    t.eq(r.status, 422, "a whole credit note on top of another would take back too much")
    t.contains(r.text, "Les avoirs dépasseraient le montant de la facture", "the page says why")
    c.post("/documents/%s/delete" % cn_whole)
    left = Decimal(s.psql("SELECT balance FROM document_balance(%s)" % inv)[0][0])
    t.eq(left, due - 100 - 60, "balance = due - payment - credit note")
    t.eq(pay(inv, amount=str(left), method="cheque", reference="CHQ 42").status, 303, "the rest paid")
    t.eq(s.scalar("SELECT document_payment_status(%s)" % inv), "paid", "paid")
    t.lacks(c.get("/documents/%s" % inv).text, 'name="paid_on"', "no more payment row once paid")

    # Sending.
    t.eq(c.post("/documents/%s/sent" % inv, {"channel": "email", "sent_to": "compta@payeur.example"}).status,
         303, "sending recorded")
    t.eq(c.post("/documents/%s/sent" % bad_inv, {"channel": "email"}).status, 409, "a draft is not sent")
    t.eq(s.psql("SELECT event FROM document_log WHERE document_id = %s ORDER BY seq" % inv),
         [["issue"], ["archive"], ["payment"], ["payment"], ["send"]],
         "the log: issue, its archive, two payments, sending")
    r = c.get("/documents/%s" % inv)
    t.contains(r.text, "compta@payeur.example", "the page shows the log")

    # Lists.
    listed = lambda q: re.findall(r'<tr id="doc-(\d+)"', c.get("/documents" + q).text)
    t.ok(inv in listed("") and quote in listed(""), "the documents list")
    over = listed("?kind=invoice&status=overdue")
    old_inv = s.scalar("SELECT id FROM documents WHERE order_id = %s" % old)
    t.eq(over, [old_inv], "the overdue list: the invoice of two months ago")
    r = c.get("/documents?kind=invoice&status=overdue")
    t.contains(r.text, "30 j de retard", "with its days late")
    t.ok(inv not in listed("?kind=invoice&status=unpaid") and uk_inv in listed("?kind=invoice&status=unpaid"),
         "unpaid: not the paid one")
    t.eq(listed("?status=draft&q=Zeta"), [bad_inv], "search among drafts")
    t.eq(listed("?q=" + number), [inv], "search by number")

    # Billing settings.
    r = c.get("/config/billing")
    t.eq(r.status, 200, "billing settings page")
    t.contains(r.text, "Autoliquidation", "with the legal mentions")
    f = {k: v for k, v in re.findall(r'name="([a-z_.0-9]+)" value="([^"]*)"', r.text) if k != "csrf_token"}
    f.update({k: v for k, v in re.findall(r'<textarea id="f-[a-z_]+" name="([a-z_]+)"[^>]*>([^<]*)</textarea>',
                                          r.text)})
    f = {k: v.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&") for k, v in f.items()}
    f["operation_nature"] = "services"
    f["fiscal_year_start_month"] = "1"
    r = c.post("/config/billing", dict(f, customer_account="41-1", journal_label="TYPED"))
    t.eq(r.status, 422, "a bad account number: 422")
    t.contains(r.text, 'value="TYPED"', "typed kept")
    t.eq(s.scalar("SELECT journal_label FROM billing_settings"), "Journal des ventes", "nothing written")
    r = c.post("/config/billing", dict(f, customer_account="411100", vat_on_debits="1"))
    t.eq(r.status, 303, "settings saved")
    t.eq(s.psql("SELECT customer_account, vat_on_debits FROM billing_settings"), [["411100", "t"]], "stored")
t.done()
