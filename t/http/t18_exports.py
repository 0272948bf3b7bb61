#!/usr/bin/env python3
"""Exports for accountants.  The XLSX workbook opened as a zip and read
as XML: three sheets, real numbers and dates, euro format, frozen header,
autofilter, totals rows whose cached values are the sums, credit notes
negative, VAT per rate, and user text that stays text (a company named
=HYPERLINK(...) is not a formula).  The FEC: file name, the 18 columns
in order, one balanced entry per invoice and credit note, entry numbers
continuous, debits equal to credits, ISO-8859-15."""
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate, totals

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FEC_COLUMNS = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
               "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
               "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"]


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheet(z, n):
    """Rows of sheet n: {row number: {column: (type, value, formula, style)}}."""
    root = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % n))
    rows = {}
    for row in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            t_ = c.get("t", "n")
            f = c.find("m:f", NS)
            v = c.find("m:v", NS)
            text = c.find("m:is/m:t", NS)
            value = text.text if text is not None else (v.text if v is not None else None)
            cells[col_index(c.get("r"))] = (t_, value, f.text if f is not None else None, c.get("s"))
        rows[int(row.get("r"))] = cells
    return root, rows


t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    year = int(s.scalar("SELECT extract(year FROM current_date)::int"))
    evil = '=HYPERLINK("http://evil.example","clic")'
    s.psql("INSERT INTO companies (name, address, postcode, city, siren) VALUES ($$%s$$, '3 rue X', "
           "'75003', 'Paris', '542065479'); INSERT INTO contacts (company_id, last_name, is_billing) "
           "SELECT id, '@SUM(A1)', true FROM companies WHERE name = $$%s$$" % (evil, evil))
    ids[evil] = s.scalar("SELECT id FROM companies WHERE name = $$%s$$" % evil)

    o1 = billed_order(s, c, ids)
    o2 = billed_order(s, c, ids, company="Payeur SA", day="2030-03-12", study_ref="+cmd|' /C calc'!A0")
    o3 = billed_order(s, c, ids, company=evil, day="2030-03-13", study_ref="-2+3")
    inv1, inv2, inv3 = (generate(c, o, "invoice") for o in (o1, o2, o3))
    for d in (inv1, inv2, inv3):
        t.eq(c.post("/documents/%s/issue" % d).status, 303, "invoice issued")
    r = c.post("/documents/%s/credit" % inv1, {"mode": "amount", "amount": "100", "vat_rate": "20.00",
                                               "label": "Geste"})
    cn = r.location.rsplit("/", 1)[1]
    c.post("/documents/%s/issue" % cn)
    generate(c, o1, "invoice")          # a draft: not exported
    c.post("/documents/%s/payments" % inv2, {"paid_on": "2030-04-01", "amount": "10", "method": "cheque"})

    docs = s.psql("SELECT d.id, d.number, d.kind FROM documents d WHERE status = 'issued' "
                  "AND kind IN ('invoice', 'credit_note') ORDER BY issued_on, kind DESC, seq")
    t.eq(len(docs), 4, "three invoices and a credit note issued")

    # XLSX.
    r = c.get("/exports/invoices.xlsx?from=%d-01-01&to=%d-12-31" % (year, year))
    t.eq(r.status, 200, "XLSX export")
    t.eq(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "its content type")
    t.contains(r.header("Content-Disposition"), 'attachment; filename="factures-%d-01-01-%d-12-31.xlsx"'
               % (year, year), "offered for download")
    z = zipfile.ZipFile(io.BytesIO(r.raw))
    t.ok(z.testzip() is None, "a sound zip")
    wb = z.read("xl/workbook.xml").decode()
    t.eq(re.findall(r'<sheet name="([^"]+)"', wb), ["Documents", "Lignes", "TVA"], "three sheets")
    root, rows = sheet(z, 1)
    head = [rows[1][i][1] for i in sorted(rows[1])]
    t.eq(head, ["Numéro", "Type", "Date", "Échéance", "Client", "Réf. étude", "Commande", "Total HT",
                "TVA 20 %", "TVA 10 %", "TVA 5,5 %", "Total TTC", "Débours", "Total dû", "Paiement"],
         "sheet 1 columns: number, kind, dates, client, study ref, excl. VAT, VAT per rate, incl. VAT, "
         "disbursements, due, payment")
    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    t.ok(pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1", "frozen header")
    af = root.find("m:autoFilter", NS)
    t.eq(af.get("ref") if af is not None else None, "A1:O5", "autofilter over the data")
    t.eq([rows[i][0][1] for i in range(2, 6)], [d[1] for d in docs], "one row per document, in order")
    for i, (did, num, kind) in enumerate(docs, start=2):
        ht, tva, ttc, deb, due = totals(s, did)
        sign = -1 if kind == "credit_note" else 1
        row = rows[i]
        t.eq((row[7][0], Decimal(row[7][1])), ("n", sign * ht), "%s: excl. VAT is a number%s"
             % (num, " (negative)" if sign < 0 else ""))
        t.eq((Decimal(row[11][1]), Decimal(row[12][1]), Decimal(row[13][1])),
             (sign * ttc, sign * deb, sign * due), "%s: incl. VAT, disbursements, due" % num)
        vat = dict(s.psql("SELECT vat_rate, vat FROM document_vat_totals(%s)" % did))
        t.eq(Decimal(row[8][1]), sign * Decimal(vat.get("20.00", "0")), "%s: VAT at 20 %%" % num)
        t.eq(row[2][0], "n", "%s: the date is a date (a number with a date format)" % num)
    styles = z.read("xl/styles.xml").decode()
    money_style = rows[2][7][3]
    fmt = re.search(r'<cellXfs[^>]*>(.*)</cellXfs>', styles, re.S).group(1)
    xfs = re.findall(r'<xf [^>]*numFmtId="(\d+)"', fmt)
    numfmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]+)"', styles))
    t.contains(numfmts.get(xfs[int(money_style)], ""), "€", "amounts in a euro format")
    date_style = rows[2][2][3]
    t.contains(numfmts.get(xfs[int(date_style)], ""), "dd/mm/yyyy", "dates in a date format")
    t.ok("0.##" not in numfmts.values(),
         "no « 0.## » format (20 would read « 20. »): rates in General, shown the reader's way",
         numfmts)
    # Totals row: a formula with PostgreSQL's sum as its value.
    tot = rows[6]
    t.eq(tot[0][1], "Total", "a totals row")
    t.eq(tot[7][2], "SUBTOTAL(109,H2:H5)", "its formula")
    t.eq(Decimal(tot[7][1]), sum(Decimal(rows[i][7][1]) for i in range(2, 6)), "its value is the sum")
    t.eq(Decimal(tot[13][1]), sum(Decimal(rows[i][13][1]) for i in range(2, 6)), "for the total due too")
    # Users' text stays text.
    evil_row = [rows[i] for i in range(2, 6) if rows[i][0][1] == s.scalar(
        "SELECT number FROM documents WHERE id = %s" % inv3)][0]
    t.eq(evil_row[4][:3], ("inlineStr", evil, None), "a company named =HYPERLINK(...) is a string, not a formula")
    t.eq(evil_row[5][:3], ("inlineStr", "-2+3", None), "a study ref -2+3 too")
    formulas = [(r_, c_) for r_, cells in rows.items() for c_, v in cells.items() if v[2]]
    t.ok(all(r_ == 6 for r_, c_ in formulas), "the only formulas are the totals row's", formulas)
    # Sheet 2: lines.
    root2, lines = sheet(z, 2)
    nlines = int(s.scalar("SELECT count(*) FROM document_lines l JOIN documents d ON d.id = l.document_id "
                          "WHERE d.status = 'issued' AND d.kind IN ('invoice', 'credit_note')"))
    t.eq(len(lines), nlines + 2, "sheet 2: a header, every line, a totals row")
    cn_number = s.scalar("SELECT number FROM documents WHERE id = %s" % cn)
    cn_line = [row for row in lines.values() if row.get(0, (0, ""))[1] == cn_number][0]
    t.eq((cn_line[5][1], Decimal(cn_line[10][1])), ("Geste", Decimal("-100.00")),
         "a credit note's line is negative")
    t.eq(Decimal(lines[nlines + 2][10][1]),
         sum(Decimal(row[10][1]) for k, row in lines.items() if 1 < k <= nlines + 1), "its total")
    # Sheet 3: per rate.
    _, vat_rows = sheet(z, 3)
    by_rate = {rw[0][1]: rw for k, rw in vat_rows.items() if k > 1}
    exp20 = s.psql("SELECT sum(CASE d.kind WHEN 'credit_note' THEN -v.base ELSE v.base END), "
                   "sum(CASE d.kind WHEN 'credit_note' THEN -v.vat ELSE v.vat END) FROM documents d "
                   "JOIN document_vat v ON v.document_id = d.id WHERE d.status = 'issued' "
                   "AND d.kind IN ('invoice', 'credit_note') AND v.vat_rate = 20")[0]
    t.eq((Decimal(by_rate["20"][5][1]), Decimal(by_rate["20"][6][1])), tuple(Decimal(x) for x in exp20),
         "sheet 3: net base and VAT at 20 %, credit notes deducted")
    t.eq(Decimal(by_rate["20"][3][1]), Decimal("-100.00"), "credit notes' base negative")
    t.ok("Total" in by_rate, "and a total")
    # Periods.
    r = c.get("/exports/invoices.xlsx?from=2001-01-01&to=2001-01-31")
    _, empty = sheet(zipfile.ZipFile(io.BytesIO(r.raw)), 1)
    t.eq(sorted(empty), [1, 2], "an empty period: the header and a totals row")
    r = c.get("/exports/invoices.xlsx?from=2030-02-01&to=2030-01-01")
    t.eq(r.status, 422, "a period ending before it starts: 422")
    t.contains(r.text, "La fin de la période doit suivre son début", "with a message")
    t.eq(c.get("/exports/invoices.xlsx?from=nope&to=2030-01-01").status, 422, "a bad date: 422")
    c.get("/lang/en")
    r = c.get("/exports/invoices.xlsx?from=%d-01-01&to=%d-12-31" % (year, year))
    z = zipfile.ZipFile(io.BytesIO(r.raw))
    t.eq(re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode()),
         ["Documents", "Lines", "VAT"], "in English")
    c.get("/lang/fr")
    t.eq(c.get("/exports").status, 200, "the exports page")

    # FEC.
    r = c.get("/exports/fec.txt?year=%d" % year)
    t.eq(r.status, 200, "FEC export")
    t.contains(r.header("Content-Disposition"), 'filename="732829320FEC%d1231.txt"' % year,
               "named SIREN + FEC + closing date")
    t.contains(r.header("Content-Type"), "ISO-8859-15", "in ISO-8859-15")
    text = r.raw.decode("iso-8859-15")
    lines = text.split("\r\n")
    t.eq(lines[-1], "", "CRLF line ends")
    rows = [l.split("\t") for l in lines[1:-1]]
    t.eq(lines[0].split("\t"), FEC_COLUMNS, "the 18 columns, in order")
    t.ok(all(len(rw) == 18 for rw in rows), "18 fields on every line")
    t.contains(text, "Acme Études", "accents kept in ISO-8859-15")
    amount = lambda x: Decimal(x.replace(",", "."))
    t.eq(sum(amount(rw[11]) for rw in rows), sum(amount(rw[12]) for rw in rows), "debits equal credits")
    entries = {}
    for rw in rows:
        entries.setdefault(rw[2], []).append(rw)
    t.eq(len(entries), 4, "one entry per issued invoice and credit note")
    t.ok(all(sum(amount(x[11]) for x in e) == sum(amount(x[12]) for x in e) for e in entries.values()),
         "each entry balances")
    t.eq(sorted(entries), ["VE%06d" % n for n in range(1, 5)], "entry numbers continuous")
    t.eq([e[0][8] for k, e in sorted(entries.items())], [d[1] for d in docs], "in the order of issue")
    cust = [rw for rw in entries["VE000001"] if rw[4] == "411000"][0]
    d1 = [d for d in docs if d[1] == cust[8]][0]
    t.eq(amount(cust[11]), totals(s, d1[0])[4], "the customer is debited the total due")
    t.eq(cust[6], "411ACME", "with the document's account as auxiliary account")
    credit_entry = [e for e in entries.values() if e[0][8] == cn_number][0]
    t.eq(amount([rw for rw in credit_entry if rw[4] == "411000"][0][12]), Decimal("120.00"),
         "a credit note credits the customer")
    t.ok(all(re.match(r"^\d{8}$", rw[3]) and rw[3] == rw[9] == rw[15] for rw in rows),
         "dates as YYYYMMDD")
    t.contains(text, "\t467000\tDébours clients\t", "disbursements to their own account")
    t.contains(text, "\t445740\tTVA collectée en attente d'encaissement 20 %\t",
               "VAT per rate, pending until paid (VAT on receipts)")
    s.psql("UPDATE billing_settings SET customer_account = '411900'")
    t.contains(c.get("/exports/fec.txt?year=%d" % year).raw.decode("iso-8859-15"), "\t411900\t",
               "accounts come from the settings")
    t.eq(c.get("/exports/fec.txt?year=abc").status, 422, "a bad year: 422")
    r = c.get("/exports/fec.txt?year=2001")
    t.eq(r.raw.decode("iso-8859-15").count("\r\n"), 1, "a year without invoices: the header only")
    s.psql("UPDATE seller SET siren = NULL")
    r = c.get("/exports/fec.txt?year=%d" % year)
    t.eq(r.status, 409, "without the seller's SIREN: 409")
    t.contains(r.text, "SIREN du vendeur est nécessaire", "with a message")
t.done()
