"""fmbilling - what the billing tests share: a seller, clients with
addresses (one in the EU, one outside), an order with every kind of line,
and helpers to read documents, PDFs and money.

    from fmbilling import setup, billed_order, money_fr
    ids = setup(s)                      # catalogue + seller + addresses
    oid = billed_order(s, c, ids)       # an order with rooms, options,
                                        # services and disbursements
"""
import re
import subprocess
from decimal import Decimal, ROUND_HALF_UP

from fmorders import catalogue, new_order

CENT = Decimal("0.01")

SELLER = r"""
UPDATE seller SET name = 'Focus Salles Paris', legal_form = 'SAS', capital = '50 000 €',
	address = '29 rue Merlin', postcode = '75011', city = 'Paris', country = 'France',
	phone = '01 43 00 00 00', email = 'contact@focus.example', siren = '732829320',
	rcs = 'Paris B 732 829 320', vat_number = 'FR44732829320',
	iban = 'FR7630006000011234567890189', bic = 'AGRIFRPP', payment_days = 30,
	payment_terms = 'Paiement par virement.', late_rate = 10.15;
UPDATE companies SET address = '1 rue de l''Église', postcode = '75004', city = 'Paris',
	country = 'France', siren = '303265045' WHERE name = 'Acme Études';
UPDATE companies SET address = '2 place du Marché', postcode = '69002', city = 'Lyon',
	country = 'France', siren = '552100554' WHERE name = 'Payeur SA';
INSERT INTO companies (name, address, postcode, city, country, vat_number)
	VALUES ('Global Insight Ltd', '22 Baker Street', 'W1U 3BW', 'London', 'United Kingdom', 'GB123456789'),
	('Nordic Panel AB', 'Drottninggatan 10', '111 51', 'Stockholm', 'Sweden', 'SE556677889901');
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
	SELECT id, 'Smith', 'Olivia', true FROM companies WHERE name = 'Global Insight Ltd';
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
	SELECT id, 'Berg', 'Anna', true FROM companies WHERE name = 'Nordic Panel AB';
"""


def money(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def money_fr(x):
    """1234.5 -> '1 234,50' (no-break space), as fm_money prints it."""
    q = money(x)
    sign = "-" if q < 0 else ""
    whole, frac = ("%.2f" % abs(q)).split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + "\u202f".join(groups) + "," + frac


def money_en(x):
    return "{:,.2f}".format(money(x))


def setup(s):
    """The order tests' catalogue, a complete seller, clients with addresses."""
    ids = catalogue(s)
    s.psql(SELLER)
    for i, name in s.psql("SELECT id, name FROM companies"):
        ids[name] = i
    for i, name in s.psql("SELECT id, last_name FROM contacts"):
        ids[name] = i
    return ids


def billed_order(s, c, ids, company="Acme Études", day="2030-03-11", **fields):
    """An order with a room booked (with 50 min of overtime), catering,
    equipment at three VAT rates, a service and two disbursements."""
    f = {"study_ref": "ETU-B", "account_code": "411ACME"}
    if company == "Acme Études":
        f["billing_contact_id"] = ids["Compta"]
    f.update(fields)
    oid = new_order(c, ids[company], **f)
    s.psql("""
SET TimeZone = 'Europe/Paris';
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, overtime_minutes)
VALUES (%(o)s, %(room)s, '%(d)s 09:00', '%(d)s 18:00', %(t)s, 50);
INSERT INTO order_options (order_id, option_id, day, quantity) VALUES
  (%(o)s, %(cafe)s, '%(d)s', 12), (%(o)s, %(plateau)s, '%(d)s', 8), (%(o)s, %(livret)s, '%(d)s', 3);
INSERT INTO services (order_id, label, quantity, unit_price, vat_rate)
VALUES (%(o)s, 'Recrutement « participants »', 1, 960, 20);
INSERT INTO disbursements (order_id, last_name, first_name, payment_type, amount, cheque_no, paid_on)
VALUES (%(o)s, 'Martin', 'Julie', 'cheque', 60, '1234567', '%(d)s'),
  (%(o)s, 'Dubois', 'Léa', 'cash', 45.50, NULL, '%(d)s');
""" % {"o": oid, "room": ids["Salle 1"], "d": day, "t": ids["Journée"], "cafe": ids["Café"],
       "plateau": ids["Plateau repas"], "livret": ids["Livret"]})
    return oid


def generate(c, order, kind="invoice", without=False):
    """POST the order's "Générer" button; returns the new document's id."""
    f = {"kind": kind}
    if without:
        f["without_disbursements"] = "1"
    r = c.post("/orders/%s/documents" % order, f)
    if r.status != 303:
        raise RuntimeError("generate %s: %d\n%s" % (kind, r.status, r.text[:2000]))
    return re.match(r"^/documents/(\d+)$", r.location).group(1)


def totals(s, doc):
    """document_totals() as Decimals: ht, vat, ttc, disbursements, due."""
    return tuple(Decimal(x) for x in s.psql("SELECT * FROM document_totals(%s)" % doc)[0])


def pdftext(data, layout=False, first=None, last=None, raw=False):
    """pdftotext of PDF bytes; no-break spaces made plain; (text, stderr).
    raw keeps the content stream's order (rotated text stays whole)."""
    cmd = ["pdftotext"]
    if layout:
        cmd.append("-layout")
    if raw:
        cmd.append("-raw")
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    r = subprocess.run(cmd + ["-", "-"], input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return (r.stdout.decode("utf-8").replace("\u00a0", " ").replace("\u202f", " "),
            r.stderr.decode("utf-8", "replace"))


def pdfinfo(data):
    r = subprocess.run(["pdfinfo", "-"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    info = {}
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info


def pdffonts(data):
    r = subprocess.run(["pdffonts", "-"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.stdout.decode("utf-8", "replace")
