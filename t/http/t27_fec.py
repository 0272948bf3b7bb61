#!/usr/bin/env python3
"""The accountant's FEC, every line against the rules of art. A47 A-1 LPF:
the 18 columns in order with their names, tab-separated, a header line,
dates YYYYMMDD, amounts with a decimal comma and no thousands separator,
exactly one of Debit and Credit on each line, every entry balanced, entry
numbers continuous per journal, ValidDate filled, labels without tabs or
line breaks.  The sales journal (invoices, credit notes) and the bank
journal (payments), the customer lettered once an invoice is settled,
VAT on receipts (pending at issue, moved at payment) and VAT on debits,
the fiscal year as a setting (file name with its closing date), the
settings form's per-field errors in both languages, and the export page
saying plainly what the file is."""
import datetime
import re
from decimal import Decimal, ROUND_HALF_UP
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate

COLUMNS = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
           "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
           "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"]
AMOUNT = re.compile(r"^\d+,\d{2}$")
CENT = Decimal("0.01")


def dec(x):
    return Decimal(x.replace(",", "."))


def day(x):
    return datetime.datetime.strptime(x, "%Y%m%d").date()


def check_file(t, raw, starts, ends, what):
    """Every rule, line by line; returns the rows (lists of 18 fields)."""
    text = raw.decode("iso-8859-15")
    t.ok(text.endswith("\r\n"), what + ": CRLF line ends")
    lines = text.split("\r\n")[:-1]
    t.eq(lines[0].split("\t"), COLUMNS, what + ": a header line, the 18 columns in order")
    rows = [l.split("\t") for l in lines[1:]]
    bad = []
    for n, rw in enumerate(rows, 2):
        def fail(why):
            bad.append("line %d: %s: %r" % (n, why, rw))
        if len(rw) != 18:
            fail("not 18 fields")
            continue
        if any("\r" in f or "\n" in f or "\t" in f for f in rw):
            fail("a tab or a line break in a field")
        if not re.match(r"^[A-Za-z0-9]{1,10}$", rw[0]) or not rw[1].strip():
            fail("journal code and label")
        if not rw[2].startswith(rw[0]) or not re.match(r"^\d{6}$", rw[2][len(rw[0]):]):
            fail("EcritureNum is the journal code and a number")
        for i in (3, 9, 15):
            try:
                day(rw[i])
            except ValueError:
                fail("%s is not YYYYMMDD" % COLUMNS[i])
        if rw[3] and re.match(r"^\d{8}$", rw[3]):
            if not starts <= day(rw[3]) <= ends:
                fail("EcritureDate outside the fiscal year")
            if re.match(r"^\d{8}$", rw[15]) and day(rw[15]) < day(rw[3]):
                fail("ValidDate before EcritureDate")
        if not re.match(r"^[0-9A-Z]{2,20}$", rw[4]) or not rw[5].strip():
            fail("CompteNum and CompteLib")
        if bool(rw[6]) != bool(rw[7]):
            fail("CompAuxNum and CompAuxLib go together")
        if not rw[8] or not rw[10].strip():
            fail("PieceRef and EcritureLib filled")
        if not AMOUNT.match(rw[11]) or not AMOUNT.match(rw[12]):
            fail("amounts with a decimal comma, no thousands separator")
        elif (dec(rw[11]) == 0) == (dec(rw[12]) == 0):
            fail("exactly one of Debit and Credit")
        if bool(rw[13]) != bool(rw[14]):
            fail("EcritureLet and DateLet go together")
        if rw[14]:
            try:
                day(rw[14])
            except ValueError:
                fail("DateLet is not YYYYMMDD")
        if rw[16] or rw[17]:
            fail("amounts in euros: no currency columns")
    t.eq(bad[:5], [], what + ": every line follows the rules")
    rows = [rw for rw in rows if len(rw) == 18]
    entries = {}
    for rw in rows:
        entries.setdefault(rw[2], []).append(rw)
    t.ok(all(sum(dec(x[11]) for x in e) == sum(dec(x[12]) for x in e) for e in entries.values()),
         what + ": every entry balances")
    t.ok(all(len({(x[0], x[3], x[8], x[9], x[15]) for x in e}) == 1 for e in entries.values()),
         what + ": one journal, date and piece per entry")
    order = []
    for rw in rows:
        if not order or order[-1] != rw[2]:
            order.append(rw[2])
    t.eq(len(order), len(entries), what + ": the lines of an entry are together")
    per = {}
    for num in order:
        j = re.match(r"^[A-Za-z0-9]*?(?=\d{6}$)", num).group(0)
        per.setdefault(j, []).append(int(num[len(j):]))
    t.ok(all(v == list(range(1, len(v) + 1)) for v in per.values()),
         what + ": entry numbers continuous per journal, from 1", per)
    return rows, entries


t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    today = datetime.date.fromisoformat(s.scalar("SELECT current_date::text"))
    year = today.year
    # A client whose name has a tab and a line break.
    s.psql("INSERT INTO companies (name, address, postcode, city, country, siren) VALUES "
           "(E'Tab\\tand\\nline SARL', '5 rue Y', '75005', 'Paris', 'France', '542065479');"
           "INSERT INTO contacts (company_id, last_name, is_billing) "
           "SELECT id, 'Compta', true FROM companies WHERE name = E'Tab\\tand\\nline SARL'")
    tabco = s.scalar("SELECT id FROM companies WHERE name = E'Tab\\tand\\nline SARL'")
    ids["Tab"] = tabco

    o1 = billed_order(s, c, ids)
    o2 = billed_order(s, c, ids, company="Payeur SA", day="2030-03-12", account_code="")
    o3 = billed_order(s, c, ids, company="Tab", day="2030-03-13", account_code="")
    inv1, inv2, inv3 = (generate(c, o, "invoice") for o in (o1, o2, o3))
    for d in (inv1, inv2, inv3):
        t.eq(c.post("/documents/%s/issue" % d).status, 303, "invoice issued")
    r = c.post("/documents/%s/credit" % inv1, {"mode": "amount", "amount": "100", "vat_rate": "20.00",
                                               "label": "Geste"})
    cn = r.location.rsplit("/", 1)[1]
    t.eq(c.post("/documents/%s/issue" % cn).status, 303, "credit note issued")
    balance = lambda d: s.scalar("SELECT balance FROM invoice_balances WHERE document_id = %s" % d)
    pay = lambda d, amount, **f: c.post("/documents/%s/payments" % d, dict(
        {"paid_on": today.isoformat(), "amount": amount, "method": "transfer", "reference": "VIR 42"}, **f))
    t.eq(pay(inv1, "500.00").status, 303, "a first payment of the first invoice")
    t.eq(pay(inv1, balance(inv1), method="cheque").status, 303, "... the rest: settled")
    t.eq(pay(inv2, "300.00").status, 303, "the second invoice partly paid")
    num = lambda d: s.scalar("SELECT number FROM documents WHERE id = %s" % d)
    n1, n2, n3, ncn = num(inv1), num(inv2), num(inv3), num(cn)

    # The export page says what the file is.
    r = c.get("/exports")
    t.eq(r.status, 200, "the exports page")
    t.contains(r.text, "écritures de ventes (factures et avoirs émis) et d&#39;encaissements", "what the file holds")
    t.contains(r.text, "Ce n&#39;est pas le FEC de l&#39;entreprise", "... and what it is not")
    t.contains(r.text, '<option value="%d" selected>du 01/01/%d au 31/12/%d</option>' % (year, year, year),
               "the current fiscal year offered, chosen")
    c.get("/lang/en")
    r = c.get("/exports")
    t.contains(r.text, "It is not the company&#39;s FEC", "in English too")
    t.contains(r.text, "from 1 Jan %d to 31 Dec %d" % (year, year), "dates as English reads them")
    c.get("/lang/fr")

    # VAT on receipts (the default).
    r = c.get("/exports/fec.txt?year=%d" % year)
    t.eq(r.status, 200, "FEC export")
    t.contains(r.header("Content-Disposition"), 'filename="732829320FEC%d1231.txt"' % year,
               "named SIREN + FEC + the closing date")
    rows, entries = check_file(t, r.raw, datetime.date(year, 1, 1), datetime.date(year, 12, 31), "receipts")
    ve = {k: e for k, e in entries.items() if k.startswith("VE")}
    bq = {k: e for k, e in entries.items() if k.startswith("BQ")}
    t.eq(sorted(e[0][8] for e in ve.values()), sorted([n1, n2, n3, ncn]), "sales: the invoices and the credit note")
    t.eq(len(bq), 3, "bank: the three payments")
    t.eq([e[0][8] for k, e in sorted(bq.items())], [n1, n1, n2], "... in the order of payment, piece = invoice")
    t.ok(all(x[4] in ("512000", "411000", "445740") or x[4].startswith("44571")
             for e in bq.values() for x in e), "bank entries: bank, customer, VAT accounts only")
    tabrows = [x for x in rows if x[8] == n3]
    t.ok(tabrows and all("Tab and line SARL" in x[10] for x in tabrows), "a tab and a line break become spaces")
    t.ok(any("VIR 42" in x[10] for e in bq.values() for x in e), "the payment's reference in its label, cleaned")
    vat_lines = [x for e in ve.values() for x in e if x[5].startswith("TVA")]
    t.ok(vat_lines and all(x[4] == "445740" for x in vat_lines), "services: the VAT waits on 445740 at issue")
    # Lettering: the settled invoice, its credit note and its payments.
    cust = lambda piece: [x for x in rows if x[8] == piece and x[4] == "411000"]
    letters = {x[13] for x in cust(n1) + cust(ncn)}
    t.eq(len(letters), 1, "one letter on the invoice, its credit note and its payments")
    letter = letters.pop()
    t.ok(re.match(r"^[A-Z]{3,}$", letter), "a letter of capitals", letter)
    t.eq({x[14] for x in cust(n1) + cust(ncn)}, {today.strftime("%Y%m%d")}, "DateLet: the day it was settled")
    t.eq(len(cust(n1)), 3, "... on the invoice and its two payments")
    t.eq({x[13] for x in cust(n2) + cust(n3)}, {""}, "unsettled invoices are not lettered")
    t.eq({x[13] for x in rows if x[4] != "411000"}, {""}, "only customer lines are lettered")
    # The VAT each payment moves: its share of what is left of the
    # invoice's VAT once the credit note is taken off, on the running total.
    vt = s.psql("SELECT (e->>'vat')::numeric - coalesce((SELECT (f->>'vat')::numeric FROM documents c, "
                "jsonb_array_elements(c.vat_totals) f WHERE c.id = %s AND f->>'rate' = e->>'rate'), 0), "
                "d.total_due - (SELECT total_due FROM documents WHERE id = %s) FROM documents d, "
                "jsonb_array_elements(d.vat_totals) e WHERE d.id = %s AND (e->>'vat')::numeric <> 0"
                % (cn, cn, inv1))
    paid = [Decimal(a) for a, in s.psql("SELECT amount FROM payments WHERE document_id = %s ORDER BY id" % inv1)]
    share = lambda cum, v, net: (cum * Decimal(v) / Decimal(net)).quantize(CENT, rounding=ROUND_HALF_UP)
    cum, want = Decimal(0), []
    for a in paid:
        want.append(sum(share(cum + a, v, net) - share(cum, v, net) for v, net in vt))
        cum += a
    got = [sum(dec(x[11]) for x in e if x[4] == "445740") for k, e in sorted(bq.items()) if e[0][8] == n1]
    t.eq(got, want, "each payment moves its share of the VAT out of 445740")
    pending = sum(dec(x[12]) - dec(x[11]) for x in rows if x[8] in (n1, ncn) and x[4] == "445740")
    t.eq(pending, Decimal("0.00"), "the settled invoice leaves nothing on 445740 (its credit note counted)")
    got = [sum(dec(x[12]) for x in e if x[4].startswith("44571")) for k, e in sorted(bq.items()) if e[0][8] == n1]
    t.eq(got, want, "... into the VAT accounts per rate")
    t.eq(sum(dec(x[11]) for e in bq.values() for x in e if x[4] == "512000"),
         Decimal(s.scalar("SELECT sum(amount) FROM payments")), "the bank is debited what was paid")
    aux = {x[8]: x[6] for x in rows if x[4] == "411000" and x[0] == "VE"}
    t.eq((aux[n1], aux[n2]), ("411ACME", "C%06d" % int(ids["Payeur SA"])),
         "auxiliary accounts: the document's account, else C + the company number")
    t.eq(aux[ncn], aux[n1], "a credit note on its invoice's auxiliary account")
    t.eq({x[6] for x in rows if x[4] == "411000" and x[8] == n1}, {"411ACME"}, "so are the payments")

    # The settings form: the fiscal year, the journals, the accounts.
    r = c.get("/config/billing")
    t.eq(r.status, 200, "billing settings page")
    f = {k: v for k, v in re.findall(r'name="([a-z_.0-9]+)" value="([^"]*)"', r.text) if k != "csrf_token"}
    f.update({k: v for k, v in re.findall(r'<textarea id="f-[a-z_]+" name="([a-z_]+)"[^>]*>([^<]*)</textarea>',
                                          r.text)})
    f = {k: v.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&") for k, v in f.items()}
    f["operation_nature"] = "services"
    f["fiscal_year_start_month"] = "1"
    f.pop("vat_on_debits", None)        # a checkbox: sent when ticked only
    t.eq((f.get("bank_account"), f.get("vat_pending_account"), f.get("bank_journal_code"),
          f.get("fiscal_year_months")), ("512000", "445740", "BQ", "12"), "the form shows the defaults")
    t.contains(r.text, '<option value="1" selected>Janvier</option>', "first month: January")
    bad = dict(f, bank_account="51-2", vat_pending_account="x", bank_journal_code="ve",
               fiscal_year_months="30", fiscal_year_start_month="13", bank_label="TYPED")
    r = c.post("/config/billing", bad)
    t.eq(r.status, 422, "bad settings: 422")
    errors = re.findall(r'<div class="field has-error">\s*<label for="f-([a-z_]+)"', r.text)
    t.eq(sorted(errors), sorted(["bank_account", "vat_pending_account", "bank_journal_code",
                                 "fiscal_year_months", "fiscal_year_start_month"]),
         "an error next to each bad field")
    t.contains(r.text, "Le journal de banque doit avoir un autre code", "the bank journal needs its own code")
    t.contains(r.text, 'value="TYPED"', "typed values kept")
    t.eq(s.scalar("SELECT bank_label FROM billing_settings"), "Banque", "nothing written")
    c.get("/lang/en")
    r = c.post("/config/billing", bad)
    t.contains(r.text, "The bank journal needs a code other than the sales journal", "the errors in English")
    t.contains(r.text, "Account number: 2 to 20 digits or capitals", "... each of them")
    c.get("/lang/fr")
    month = today.month
    r = c.post("/config/billing", dict(f, fiscal_year_start_month=str(month), bank_account="512100",
                                       vat_pending_account="445790", bank_journal_code="BK"))
    t.eq(r.status, 303, "settings saved")
    t.eq(s.psql("SELECT fiscal_year_start_month, fiscal_year_months, bank_account, vat_pending_account, "
                "bank_journal_code FROM billing_settings"), [[str(month), "12", "512100", "445790", "BK"]],
         "stored")
    starts = datetime.date(year, month, 1)
    ends = datetime.date(year + 1, month, 1) - datetime.timedelta(days=1)
    r = c.get("/exports/fec.txt?year=%d" % year)
    t.contains(r.header("Content-Disposition"), 'filename="732829320FEC%s.txt"' % ends.strftime("%Y%m%d"),
               "a fiscal year from this month: named after its closing date")
    rows2, entries2 = check_file(t, r.raw, starts, ends, "fiscal year from month %d" % month)
    t.eq(len(entries2), len(entries), "today's entries are in it")
    t.ok(any(x[0] == "BK" and x[4] == "512100" for x in rows2), "the bank journal and account from the settings")
    t.ok(any(x[4] == "445790" for x in rows2), "the pending VAT account from the settings")
    r = c.get("/exports")
    t.contains(r.text, "du %s au %s" % (starts.strftime("%d/%m/%Y"), ends.strftime("%d/%m/%Y")),
               "the page offers that fiscal year")

    # VAT on debits.
    r = c.post("/config/billing", dict(f, vat_on_debits="1"))
    t.eq(r.status, 303, "VAT on debits chosen")
    r = c.get("/exports/fec.txt?year=%d" % year)
    rows3, entries3 = check_file(t, r.raw, datetime.date(year, 1, 1), datetime.date(year, 12, 31), "debits")
    vat_lines = [x for x in rows3 if x[0] == "VE" and x[5].startswith("TVA")]
    t.ok(vat_lines and all(x[4].startswith("44571") for x in vat_lines), "VAT on debits: collected at issue")
    t.ok(all(len(e) == 2 for k, e in entries3.items() if k.startswith("BQ")),
         "... and a payment is the bank and the customer only")
    t.eq(r.raw.decode("iso-8859-15").count("\r\n"), len(rows3) + 1, "one line per row, nothing broken")
    r = c.get("/exports/fec.txt?year=2001")
    t.eq(r.raw.decode("iso-8859-15").count("\r\n"), 1, "a year without entries: the header only")
t.done()
