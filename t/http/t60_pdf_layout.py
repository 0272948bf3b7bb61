#!/usr/bin/env python3
"""PDF layout with hard cases: a 120-character company name, 40 lines, in
each VAT mode, invoices and quotes.  Read back with `pdftotext -bbox`:
no word leaves the page's margins (the client box ends at the right
margin: its name wraps inside it), the quote's signature box is on the
page of the totals with its label inside it, and each clause is printed
once (the seller's payment terms repeat the early-payment clause)."""
import html
import re
import subprocess
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate

LEFT, RIGHT_MARGIN, TOTALS_X = 45.0, 45.0, 348.0
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pages(pdf):
    r = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    out = []
    for w, h, body in PAGE.findall(r.stdout.decode("utf-8")):
        out.append((float(w), float(h), [(float(a), float(b), float(c), float(d), html.unescape(e))
                                         for a, b, c, d, e in WORD.findall(body)]))
    return out


t = TAP()
with Stack(t) as s:
    ids = setup(s)
    name = ("Société Internationale d'Études Qualitatives et Quantitatives des Comportements "
            "de Consommation Européens SARL")
    name = (name + " " + "X" * 120)[:120]
    t.eq(len(name), 120, "a company name of 120 characters")
    s.psql("UPDATE companies SET name = :'v1' WHERE name = 'Acme Études'", name)
    s.psql("UPDATE seller SET payment_terms = 'Paiement à 30 jours par virement. "
           "Pas d''escompte pour paiement anticipé.'")
    c = s.client()
    c.login_admin()
    ids[name] = ids["Acme Études"]
    oid = billed_order(s, c, ids, company=name)
    s.psql("INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) "
           "SELECT %s, 'Ligne de prestation numéro ' || g, 1, 10 + g, 20 FROM generate_series(1, 34) g"
           % oid)
    nlines = None
    for mode in ("normal", "exempt", "reverse_charge", "export"):
        s.psql("UPDATE orders SET vat_mode = '%s' WHERE id = %s" % (mode, oid))
        for kind in ("invoice", "quote"):
            doc = generate(c, oid, kind)
            if nlines is None:
                nlines = int(s.scalar("SELECT count(*) FROM document_lines WHERE document_id = %s" % doc))
                t.ok(nlines >= 40, "%d lines" % nlines)
            r = c.get("/documents/%s.pdf" % doc)
            what = "%s, %s" % (kind, mode)
            t.eq(r.status, 200, what + ": the PDF")
            ps = pages(r.raw)
            t.ok(len(ps) >= 2, what + ": %d pages" % len(ps))
            out = []
            for i, (pw, ph, words) in enumerate(ps, 1):
                for x0, y0, x1, y1, w in words:
                    if w.upper() in ("BROUILLON", "DRAFT") or y1 - y0 > 25:
                        continue    # the draft's diagonal watermark (big rotated letters)
                    if x0 < LEFT - 0.5 or x1 > pw - RIGHT_MARGIN + 0.5:
                        out.append("p%d %r %.1f-%.1f" % (i, w, x0, x1))
            t.ok(not out, what + ": no word leaves the margins (the client box's right edge)", out[:10])
            first = ps[0][2]
            name_words = [wd for wd in first if wd[4] in name.split() and wd[0] >= 312 - 0.5]
            t.ok(len({round(wd[1]) for wd in name_words}) >= 2,
                 what + ": the long name wraps on several lines inside the box",
                 [(wd[4], round(wd[0]), round(wd[1])) for wd in name_words][:12])
            text = " ".join(wd[4] for p_ in ps for wd in p_[2])
            t.eq(text.count("escompte"), 1, what + ": the early-payment clause printed once")
            if kind == "quote":
                where = [i for i, p_ in enumerate(ps) if any(wd[4] == "accord" for wd in p_[2])]
                tot = [i for i, p_ in enumerate(ps) if " ".join(wd[4] for wd in p_[2]).find("Total du devis") >= 0]
                t.ok(where and tot and where[0] == tot[0],
                     what + ": the signature box is on the totals' page", (where, tot))
                if where:
                    pw = ps[where[0]][0]
                    label = [wd for wd in ps[where[0]][2] if wd[4] in ("Bon", "pour", "accord", "signature", "cachet", "client")
                             and wd[0] >= TOTALS_X - 6.5]
                    t.ok(label and all(wd[2] <= pw - RIGHT_MARGIN for wd in label),
                         what + ": its label stays inside the box", label)
            c.post("/documents/%s/delete" % doc)
t.done()
