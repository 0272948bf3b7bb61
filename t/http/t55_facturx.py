#!/usr/bin/env python3
"""Factur-X: every issued invoice and credit note is a PDF/A-3B with its
CII XML (EN 16931) embedded, made at issue and archived.  Each case of
docs/billing.md is issued over HTTP and its PDF run through the official
checks (../shared/einvoicing/check-facturx: XSD, EN 16931 and Factur-X
schematrons, French CTC rules, PDF/A-3 structure), which must print
"0 failed"; the XML's totals equal document_totals() and what pdftotext
reads; the download is byte for byte the archive, whose SHA-256 is in the
log; a setting changed after issue changes nothing; a French business
without SIREN cannot be invoiced; the checker fails an XML without its
electronic address.

The checker is found in $FM_EINVOICING_DIR, else ../shared/einvoicing
next to the source tree; its absence is a failure, not a skip."""
import hashlib
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate, totals, money_fr, money_en, pdftext

t = TAP()

SRC = os.environ.get("FM_SRCDIR") or os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def find_checker():
    """$FM_EINVOICING_DIR, else ../shared/einvoicing beside the source tree
    (beside the main checkout when the tree is a git worktree), else the
    copy in t/einvoicing/."""
    if os.environ.get("FM_EINVOICING_DIR"):
        return os.path.join(os.environ["FM_EINVOICING_DIR"], "check-facturx")
    roots = [os.path.abspath(SRC)]
    try:
        common = subprocess.run(["git", "-C", SRC, "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True).stdout.strip()
        if common:
            roots.append(os.path.dirname(common))
    except OSError:
        pass
    for root in roots:
        path = os.path.join(os.path.dirname(root), "shared", "einvoicing", "check-facturx")
        if os.path.exists(path):
            return path
    # The copy kept in the tree (t/einvoicing/README.md), last.
    return os.path.join(os.path.abspath(SRC), "t", "einvoicing", "check-facturx")


CHECKER = find_checker()
NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}
SUM = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/" \
      "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"


def check(data, suffix, what, want_ok=True):
    """Runs the checker on the bytes; True when it printed "0 failed"."""
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["/usr/bin/python3", CHECKER, f.name], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    passed = r.returncode == 0 and re.search(r"\b0 failed\b", r.stdout) is not None
    fails = "\n".join(l for l in r.stdout.splitlines() if "FAIL" in l)
    summary = [l for l in r.stdout.splitlines() if "failed" in l]
    t.diag("%s: %s" % (what, summary[-1] if summary else r.stdout[-300:]))
    if want_ok:
        t.ok(passed, what + ": check-facturx prints 0 failed", fails or r.stdout[-3000:])
    else:
        t.ok(not passed and "FAIL" in r.stdout, what, r.stdout[-2000:])
    return passed


def issue(c, s, doc, what):
    r = c.post("/documents/%s/issue" % doc)
    t.eq(r.status, 303, what + ": issued")
    return s.scalar("SELECT number FROM documents WHERE id = %s" % doc)


def facturx(c, s, doc, what, lang="fr"):
    """The issued document's checks; returns (pdf bytes, xml tree)."""
    r = c.get("/documents/%s.pdf" % doc)
    t.eq((r.status, r.header("Content-Type")), (200, "application/pdf"), what + ": a PDF")
    pdf = r.raw
    arch, sha = s.psql("SELECT encode(bytes, 'hex'), encode(sha256, 'hex') FROM document_files "
                       "WHERE document_id = %s AND format = 'pdf'" % doc)[0]
    t.ok(bytes.fromhex(arch) == pdf, what + ": the download is the archived file, byte for byte")
    t.eq(hashlib.sha256(pdf).hexdigest(), sha, what + ": archived with its SHA-256")
    logged = s.scalar("SELECT detail->>'pdf_sha256' FROM document_log WHERE document_id = %s "
                      "AND event = 'archive'" % doc)
    t.eq(logged, sha, what + ": which the document log holds")
    r2 = c.get("/documents/%s.xml" % doc)
    t.eq((r2.status, r2.header("Content-Type")), (200, "application/xml"), what + ": the CII alone")
    t.ok(r2.raw in pdf or len(r2.raw) > 0, what + ": an XML")
    t.ok(len(pdf) < 60000, what + ": under 60 KB (%d bytes)" % len(pdf))
    check(pdf, ".pdf", what)
    x = ET.fromstring(r2.raw)
    ht, vat, ttc, deb, due = totals(s, doc)
    got = tuple(Decimal(x.find(SUM + k, NS).text) for k in
                ("TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount", "DuePayableAmount"))
    t.eq(got, (ht + deb, vat, due, due), what + ": the XML's totals are document_totals()'s")
    text, _ = pdftext(pdf)
    flat = " ".join(text.split())
    shown = (money_fr(due).replace("\u00a0", " ").replace("\u202f", " ") + " €") if lang == "fr" else "€" + money_en(due)
    t.contains(flat, shown, what + ": the PDF shows the amount due the XML says")
    return pdf, x


with Stack(t) as s:
    if not os.path.exists(CHECKER):
        t.ok(False, "check-facturx is at %s (set FM_EINVOICING_DIR)" % CHECKER)
        t.done()
    ids = setup(s)
    s.psql("""
UPDATE seller SET e_address = '732829320';
UPDATE companies SET e_address = '5566778899', e_scheme = '0007' WHERE name = 'Nordic Panel AB';
UPDATE companies SET e_address = 'GB123456789', e_scheme = '9932' WHERE name = 'Global Insight Ltd';
INSERT INTO companies (name, address, postcode, city, country, vat_number)
VALUES ('Berlin Panel GmbH', 'Unter den Linden 5', '10117', 'Berlin', 'Allemagne', 'DE123456789');
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
SELECT id, 'Weber', 'Jonas', true FROM companies WHERE name = 'Berlin Panel GmbH';
INSERT INTO companies (name, address, postcode, city, country, siren, vat_number)
VALUES ('L''Atelier « Études » & Fils <SARL> "Qualité"', '3 rue d''Austerlitz & <Co>', '75013',
	'Paris', 'France', '404833048', 'FR83404833048'),
	('Sans Siren SARL', '4 rue Vide', '75010', 'Paris', 'France', NULL, NULL);
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
SELECT id, 'Lefèvre', 'Zoé', true FROM companies WHERE name LIKE 'L''Atelier%';
""")
    for i, name in s.psql("SELECT id, name FROM companies"):
        ids[name] = i
    for i, name in s.psql("SELECT id, last_name FROM contacts"):
        ids[name] = i
    odd = [n for n in ids if str(n).startswith("L'Atelier")][0]
    c = s.client()
    c.login_admin()

    # Several VAT rates and disbursements (débours as exempt lines).
    oid = billed_order(s, c, ids, po_number="PO-2030-117", buyer_ref="SERVICE ACHATS")
    inv = generate(c, oid, "invoice")
    number = issue(c, s, inv, "several VAT rates")
    pdf1, x1 = facturx(c, s, inv, "several VAT rates, disbursements")
    rates = sorted(e.text for e in x1.iterfind(".//ram:ApplicableHeaderTradeSettlement/"
                                                "ram:ApplicableTradeTax/ram:RateApplicablePercent", NS))
    t.ok(len(set(rates)) >= 3, "three rates or more in the VAT breakdown", rates)
    t.ok(x1.find(".//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID", NS).text == "PO-2030-117"
         and x1.find(".//ram:BuyerReference", NS).text == "SERVICE ACHATS",
         "the purchase order number (BT-13) and buyer reference (BT-10)")
    units = [e.get("unitCode") for e in x1.iterfind(".//ram:BilledQuantity", NS)]
    t.eq(units[0], "DAY", "the day's hire is billed in days (Rec. 20 DAY, from its tariff)")
    t.ok(set(units) <= {"DAY", "HUR", "C62"}, "every line has a Rec. 20 unit", units)
    cats = [e.text for e in x1.iterfind(".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
                                        "ram:CategoryCode", NS)]
    t.ok("E" in cats, "the disbursements are an exempt category", cats)

    # Bytes never change: a seller setting changed after issue.
    s.psql("UPDATE seller SET address = '1 avenue Nouvelle', late_rate = 12")
    t.ok(c.get("/documents/%s.pdf" % inv).raw == pdf1, "a changed seller setting changes nothing issued")
    s.psql("UPDATE seller SET address = '29 rue Merlin', late_rate = 10.15")

    # A discount.
    d = generate(c, oid, "invoice", without=True)
    s.psql("UPDATE document_lines SET discount_pct = 12.5 WHERE document_id = %s AND position <= 2" % d)
    issue(c, s, d, "a discount")
    _, x = facturx(c, s, d, "a discount")
    t.ok(x.find(".//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge", NS) is not None,
         "the discount is a line allowance")

    # Reverse charge, an EU business.
    o = billed_order(s, c, ids, day="2030-04-02", company="Nordic Panel AB", vat_mode="reverse_charge",
                     billing_contact_id=ids["Berg"])
    d = generate(c, o, "invoice", without=True)
    issue(c, s, d, "reverse charge")
    _, x = facturx(c, s, d, "reverse charge, EU business")
    t.eq(x.find(".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReasonCode",
                NS).text, "VATEX-EU-AE", "VATEX-EU-AE")

    # Services to a business outside the EU: outside the scope of French VAT.
    o = billed_order(s, c, ids, day="2030-04-03", company="Global Insight Ltd", vat_mode="export",
                     billing_contact_id=ids["Smith"])
    d = generate(c, o, "invoice")
    issue(c, s, d, "outside the EU")
    _, x = facturx(c, s, d, "services to a non-EU business (with disbursements)")
    t.eq(sorted(set(e.text for e in x.iterfind(".//ram:CategoryCode", NS))), ["O"],
         "outside the scope: category O only")

    # Three pages.
    d = generate(c, oid, "invoice")
    s.psql("INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate) "
           "SELECT %s, 100 + g, 'Ligne n° ' || g || ' — copies « couleur » & reliure', g, 1.5, 20 "
           "FROM generate_series(1, 80) g" % d)
    issue(c, s, d, "three pages")
    pdf, _ = facturx(c, s, d, "three pages")
    pages = subprocess.run(["pdfinfo", "-"], input=pdf, stdout=subprocess.PIPE).stdout.decode()
    t.ok(re.search(r"Pages:\s+3\b", pages), "three pages", pages)

    # Credit notes: part, then the rest in full.
    first = s.scalar("SELECT id FROM document_lines WHERE document_id = %s AND position = 1" % inv)
    r = c.post("/documents/%s/credit" % inv, {"mode": "lines", "cl.%s" % first: "1"})
    cn = re.match(r"^/documents/(\d+)$", r.location).group(1)
    issue(c, s, cn, "partial credit note")
    _, x = facturx(c, s, cn, "a partial credit note")
    t.eq(x.find("rsm:ExchangedDocument/ram:TypeCode", NS).text, "381", "type 381")
    t.eq(x.find(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", NS).text, number,
         "it names the invoice it corrects (BT-25)")
    inv2 = generate(c, oid, "invoice", without=True)
    issue(c, s, inv2, "an invoice to take back")
    r = c.post("/documents/%s/credit" % inv2, {"mode": "whole"})
    cn = re.match(r"^/documents/(\d+)$", r.location).group(1)
    issue(c, s, cn, "full credit note")
    facturx(c, s, cn, "a full credit note")

    # English.
    o = billed_order(s, c, ids, day="2030-04-04", language="en")
    d = generate(c, o, "invoice")
    s.psql("UPDATE documents SET language = 'en' WHERE id = %s" % d)
    issue(c, s, d, "English")
    facturx(c, s, d, "an English invoice", lang="en")

    # Accents, quotes and & < >.
    o = billed_order(s, c, ids, day="2030-04-05", company=odd, billing_contact_id=ids["Lefèvre"])
    d = generate(c, o, "invoice")
    s.psql("UPDATE document_lines SET label = 'Salle « Îlot » & café <noir> \"serré\" l''après-midi' "
           "WHERE document_id = %s AND position = 1" % d)
    issue(c, s, d, "odd names")
    pdf, x = facturx(c, s, d, "accents, quotes and & < >")
    t.eq(x.find(".//ram:BuyerTradeParty/ram:Name", NS).text, 'L\'Atelier « Études » & Fils <SARL> "Qualité"',
         "the buyer's name, as typed")

    # Negative: a French business without SIREN is not invoiced.
    o = billed_order(s, c, ids, day="2030-04-06", company="Sans Siren SARL")
    d = generate(c, o, "invoice")
    before = s.scalar("SELECT coalesce(sum(last), 0) FROM document_counters")
    r = c.post("/documents/%s/issue" % d)
    t.eq(r.status, 422, "no SIREN: refused (422)")
    t.contains(r.text, "SIREN", "saying why")
    t.eq(s.psql("SELECT status, number FROM documents WHERE id = %s" % d), [["draft", ""]], "nothing numbered")
    t.eq(s.scalar("SELECT coalesce(sum(last), 0) FROM document_counters"), before, "no number taken")

    # Negative: a business without electronic invoicing address (a German
    # one: no SIREN to default to) is invoiced, and the checker fails it.
    o = billed_order(s, c, ids, day="2030-04-07", company="Berlin Panel GmbH",
                     vat_mode="reverse_charge", billing_contact_id=ids["Weber"])
    d = generate(c, o, "invoice", without=True)
    issue(c, s, d, "no electronic address")
    xml = c.get("/documents/%s.xml" % d).raw
    t.ok(b"<ram:URIUniversalCommunication>" in xml.split(b"<ram:BuyerTradeParty>")[0],
         "the seller's electronic address is there, the buyer's is not")
    check(c.get("/documents/%s.pdf" % d).raw, ".pdf", "without the buyer's electronic address (BT-49), "
          "the checker fails it", want_ok=False)
    # A country typed as text that no rule maps: listed, and blocking.
    s.psql("INSERT INTO companies (name, address, postcode, city, country) "
           "VALUES ('Zork Inc', '1 Main St', '999', 'Zork City', 'Zorkland')")
    a = s.admin("countries")
    t.eq(a.returncode, 1, "fm-admin countries: exit 1 when a company has no known country")
    t.contains(a.stdout, "Zork Inc\tZorkland", "it lists the company and what was typed")
    ids["Zork Inc"] = s.scalar("SELECT id FROM companies WHERE name = 'Zork Inc'")
    o = billed_order(s, c, ids, day="2030-04-08", company="Zork Inc")
    d = generate(c, o, "invoice")
    r = c.post("/documents/%s/issue" % d)
    t.eq(r.status, 422, "no known country: not issued")
    t.contains(r.text, "pays du client", "saying why")

    # The company form: per-field errors, what was typed kept.
    r = c.post("/companies/%s" % ids["Sans Siren SARL"], {
        "name": "Sans Siren SARL", "country_code": "FR", "siren": "404833048",
        "vat_number": "FR12404833048", "e_address": "factures@exemple.fr", "is_b2b": "1"})
    t.eq(r.status, 422, "company form: refused")
    t.contains(r.text, "ne correspond pas au SIREN", "a VAT number whose key is wrong, said next to it")
    t.contains(r.text, "sans espace ni @", "an electronic address with @, said next to it")
    t.contains(r.text, 'value="factures@exemple.fr"', "what was typed is kept")
    r = c.post("/companies/%s" % ids["Sans Siren SARL"], {
        "name": "Sans Siren SARL", "country_code": "FR", "siren": "404833048", "address": "4 rue Vide",
        "postcode": "75010", "city": "Paris", "vat_number": "FR83404833048", "is_b2b": "1",
        "billing_address": "BP 12", "billing_postcode": "75011", "billing_city": "Paris"})
    t.eq(r.status, 303, "company form: saved")
    t.eq(s.psql("SELECT siren, country_code, is_b2b, billing_city FROM companies WHERE id = %s"
                % ids["Sans Siren SARL"]), [["404833048", "FR", "t", "Paris"]], "stored")
    t.eq(c.post("/documents/%s/issue" % d.replace(d, s.scalar(
        "SELECT id FROM documents WHERE billing_company_id = %s AND status = 'draft'"
        % ids["Sans Siren SARL"]))).status, 303, "with its SIREN, the invoice is issued")
    d = s.scalar("SELECT id FROM documents WHERE billing_company_id = %s" % ids["Sans Siren SARL"])
    text, _ = pdftext(c.get("/documents/%s.pdf" % d).raw)
    t.contains(" ".join(text.split()), "Siège : 4 rue Vide, 75010 Paris, France",
               "billing and registered addresses both printed")

    # The seller's terms: the legal caps, said next to their field.
    seller = {"name": "Focus Salles Paris", "address": "29 rue Merlin", "postcode": "75011", "city": "Paris",
              "country_code": "FR", "siren": "732829320", "vat_number": "FR44732829320",
              "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP", "payment_days": "75",
              "late_rate": "10,15", "legal_interest_rate": "3,16", "e_address": "732829320"}
    r = c.post("/config/seller", seller)
    t.eq(r.status, 422, "seller: 75 days refused")
    t.contains(r.text, "Au plus 60 jours après la date de la facture", "the cap is said")
    r = c.post("/config/seller", dict(seller, payment_days="45", late_rate="5"))
    t.eq(r.status, 422, "seller: a late-payment rate of 5 % refused")
    t.contains(r.text, "Au moins trois fois le taux", "the floor is said")
    t.eq(s.scalar("SELECT payment_days FROM seller"), "30", "nothing written")
    r = c.post("/config/seller", dict(seller, payment_days="45", payment_end_of_month="1", late_rate="9,48"))
    t.eq(r.status, 303, "45 days end of month, rate at the floor: saved")
    d = generate(c, oid, "invoice", without=True)
    issue(c, s, d, "45 days end of month")
    t.eq(s.scalar("SELECT due_on = (date_trunc('month', issued_on + 45) + interval '1 month - 1 day')::date "
                  "FROM documents WHERE id = %s" % d), "t", "due at the end of the month")

    t.eq(s.psql("SELECT ok FROM document_log_verify()"), [["t"]], "the log and the archives verify")

t.done()
