#!/usr/bin/env python3
"""Orders: "+commande" from a company or a contact, the header form, the
option grids, disbursements and services (add, edit, delete, validation
that keeps input and writes nothing), the history, the totals checked
against sums computed here, the list's search and filters, and a company
with orders that cannot be deleted."""
import re
from decimal import Decimal, ROUND_HALF_UP
from fmtest import Stack, TAP
from fmorders import catalogue, new_order

CENT = Decimal("0.01")


def money(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    acme, payeur = ids["Acme Études"], ids["Payeur SA"]
    norders = lambda: int(s.scalar("SELECT count(*) FROM orders"))

    # "+commande" from the companies list and from a contact.
    r = c.get("/companies")
    t.contains(r.text, 'href="/orders/new?company_id=%s">+commande' % acme, "+commande on each company")
    t.contains(r.text, 'href="/orders/new?contact_id=%s">+commande' % ids["Durand"], "+commande on each contact")
    t.contains(c.get("/contacts").text, '/orders/new?contact_id=%s' % ids["Durand"], "and in the contacts list")
    r = c.get("/orders/new?contact_id=%s" % ids["Durand"])
    t.eq(r.status, 200, "new order from a contact")
    t.contains(r.text, '<option value="%s" selected>Acme Études' % acme, "its company is chosen")
    t.contains(r.text, '<option value="%s" selected>Alice Durand' % ids["Durand"], "and the contact")
    t.eq(c.get("/orders/new?contact_id=999999").status, 404, "unknown contact: 404")
    r = c.get("/orders/new")
    t.contains(r.text, "Choisissez la société cliente", "without a company, it asks for one first")

    # Creation, with validation.
    before = norders()
    r = c.post("/orders", {"company_id": acme, "contact_id": ids["Zed"], "language": "fr",
                           "vat_mode": "normal", "study_ref": "ETU-X", "comment_printed": "Bonjour"})
    t.eq(r.status, 422, "a contact of another company: 422")
    t.contains(r.text, "ne fait pas partie de la société cliente", "with a message")
    t.contains(r.text, 'value="ETU-X"', "typed study ref kept")
    t.contains(r.text, "Bonjour</textarea>", "typed comment kept")
    r = c.post("/orders", {"company_id": acme, "billing_contact_id": ids["Durand"], "language": "fr",
                           "vat_mode": "normal"})
    t.eq(r.status, 422, "a billing contact that is not flagged billing: 422")
    r = c.post("/orders", {"company_id": acme, "language": "xx", "vat_mode": "normal"})
    t.eq(r.status, 422, "a bad language: 422")
    t.eq(norders(), before, "nothing written")
    oid = new_order(c, acme, contact_id=ids["Durand"], billing_contact_id=ids["Compta"], study_ref="ETU-1",
                    account_code="411ACME", comment_printed="Imprimé", internal_note="Secret", vip="1")
    t.eq(s.psql("SELECT company_id, contact_id, billing_contact_id, study_ref, vip, account_code, "
                "comment_printed, internal_note, language, vat_mode FROM orders WHERE id = %s" % oid),
         [[acme, ids["Durand"], ids["Compta"], "ETU-1", "t", "411ACME", "Imprimé", "Secret", "fr", "normal"]],
         "order stored")
    r = c.get("/orders/%s" % oid)
    t.eq(r.status, 200, "order page")
    t.contains(r.text, "Commande créée", "a notice confirms")
    t.contains(r.text, '<span class="orderno">N° %s</span>' % oid, "the order number is shown")
    t.contains(r.text, "VIP", "and its VIP flag")
    t.eq(c.get("/orders/999999").status, 404, "unknown order: 404")

    # Header update.
    head = {"company_id": acme, "contact_id": ids["Durand"], "billing_company_id": payeur,
            "billing_contact_id": ids["Factures"], "study_ref": "ETU-2", "account_code": "411",
            "language": "en", "vat_mode": "normal", "comment_printed": "", "internal_note": "Note"}
    r = c.post("/orders/%s" % oid, head)
    t.eq(r.status, 303, "header update: 303")
    t.eq(s.psql("SELECT billing_company_id, billing_contact_id, study_ref, vip, language, comment_printed "
                "FROM orders WHERE id = %s" % oid), [[payeur, ids["Factures"], "ETU-2", "f", "en", ""]],
         "billing company and contact, study ref, language stored; VIP unticked")
    r = c.post("/orders/%s" % oid, dict(head, billing_contact_id=ids["Autre"], study_ref="ETU-3"))
    t.eq(r.status, 422, "a billing contact not flagged billing: 422")
    t.contains(r.text, 'value="ETU-3"', "typed values kept")
    t.eq(s.scalar("SELECT study_ref FROM orders WHERE id = %s" % oid), "ETU-2", "nothing written")
    t.eq(c.post("/orders/999999", head).status, 404, "updating an unknown order: 404")

    # The catering grid (per day).
    cat = ids["Restauration"]
    cafe, plateau = ids["Café"], ids["Plateau repas"]
    cells = lambda: s.psql("SELECT o.label_fr, x.day, trim_scale(x.quantity) FROM order_options x "
                           "JOIN options o ON o.id = x.option_id WHERE x.order_id = %s "
                           "ORDER BY x.day, o.label_fr" % oid)
    r = c.get("/orders/%s?tab=cat-%s" % (oid, cat))
    t.eq(r.status, 200, "catering tab")
    t.contains(r.text, "Plateau repas", "the options are the grid's columns")
    t.eq(r.text.count('class="gridrow"'), 3, "three empty rows to fill")
    g = {"n": "3", "day.0": "2030-03-11", "q.0.%s" % cafe: "10", "q.0.%s" % plateau: "8",
         "day.1": "12/03/2030", "q.1.%s" % cafe: "5", "day.2": "", "q.2.%s" % cafe: ""}
    r = c.post("/orders/%s/options/%s" % (oid, cat), g)
    t.eq(r.status, 303, "save the grid: 303")
    t.eq(cells(), [["Café", "2030-03-11", "10"], ["Plateau repas", "2030-03-11", "8"],
                   ["Café", "2030-03-12", "5"]], "one cell per quantity")
    kept = s.scalar("SELECT id FROM order_options WHERE order_id = %s AND option_id = %s" % (oid, plateau))
    r = c.get("/orders/%s?tab=cat-%s" % (oid, cat))
    t.eq(r.text.count('class="gridrow"'), 5, "two rows, three empty")
    t.contains(r.text, 'name="q.0.%s" value="10"' % cafe, "quantities shown in their cells")
    g2 = {"n": "4", "day.0": "2030-03-11", "q.0.%s" % cafe: "12", "q.0.%s" % plateau: "8",
          "day.1": "2030-03-12", "q.1.%s" % cafe: "5", "del.1": "1",
          "day.2": "2030-03-13", "q.2.%s" % plateau: "2,5", "day.3": ""}
    r = c.post("/orders/%s/options/%s" % (oid, cat), g2)
    t.eq(r.status, 303, "edit the grid: 303")
    t.eq(cells(), [["Café", "2030-03-11", "12"], ["Plateau repas", "2030-03-11", "8"],
                   ["Plateau repas", "2030-03-13", "2.5"]], "changed, deleted, added")
    t.eq(s.scalar("SELECT id FROM order_options WHERE order_id = %s AND option_id = %s AND day = '2030-03-11'"
                  % (oid, plateau)), kept, "an unchanged cell keeps its row (and its price)")
    before = cells()
    bad = {"n": "3", "day.0": "2030-03-11", "q.0.%s" % cafe: "abc", "day.1": "",
           "q.1.%s" % plateau: "4", "day.2": "2030-03-11", "q.2.%s" % plateau: "1"}
    r = c.post("/orders/%s/options/%s" % (oid, cat), bad)
    t.eq(r.status, 422, "invalid grid: 422")
    t.eq(cells(), before, "nothing written")
    t.contains(r.text, 'value="abc"', "typed quantity kept")
    t.contains(r.text, "Ce champ est obligatoire", "a row with quantities needs a day")
    t.contains(r.text, "Une autre ligne a déjà ce jour.", "two rows for one day are refused")
    t.ok("ce jour (et cette salle" not in r.text,
         "the catering grid's duplicate message speaks of days only (it has no rooms or hours)")
    bad2 = {"n": "2", "day.0": "2030-03-14", "q.0.%s" % cafe: "-2", "q.0.%s" % plateau: "abc",
            "day.1": "2030-03-15", "q.1.%s" % cafe: "3"}
    r = c.post("/orders/%s/options/%s" % (oid, cat), bad2)
    t.eq(r.status, 422, "quantities -2 and abc: 422")

    def cell_error(row, opt):
        m = re.search(r'<input[^>]*name="q\.%d\.%s"[^>]*>(<p class="error"[^>]*>([^<]*)</p>)?'
                      % (row, opt), r.text)
        if m is None:
            return "no cell"
        if 'aria-invalid="true"' not in m.group(0):
            return None if m.group(2) is None else "a message without aria-invalid"
        return m.group(2)
    t.eq(cell_error(0, cafe), "La quantité ne peut pas être négative.",
         "the cell with -2 is marked, with its own message")
    t.eq(cell_error(0, plateau), "Nombre invalide.", "the cell with abc is marked, with its own message")
    t.eq(cell_error(1, cafe), None, "a valid cell is not marked")
    t.eq(c.post("/orders/%s/options/999999" % oid, g).status, 404, "unknown category: 404")

    # The equipment grid (per day, room and hours), with a tick box.
    eq = ids["Matériel"]
    r = c.post("/orders/%s/options/%s" % (oid, eq), {
        "n": "2", "day.0": "2030-03-11", "hours.0": "10h-12h", "room.0": ids["Salle 1"],
        "q.0.%s" % ids["Copies A4 N&B"]: "250", "q.0.%s" % ids["TV"]: "1",
        "q.0.%s" % ids["Livret"]: "3", "day.1": "2030-03-11", "hours.1": "14h-16h",
        "room.1": ids["Salle 1"], "q.1.%s" % ids["TV"]: "1"})
    t.eq(r.status, 303, "equipment grid saved")
    t.eq(s.psql("SELECT count(*), count(DISTINCT hours) FROM order_options WHERE order_id = %s AND room_id = %s"
                % (oid, ids["Salle 1"])), [["4", "2"]], "rows by room and hours")
    r = c.get("/orders/%s?tab=cat-%s" % (oid, eq))
    t.ok(re.search(r'name="q\.\d\.%s" value="1" checked' % ids["TV"], r.text), "TV shown as a ticked box")

    # Disbursements.
    nd = lambda: int(s.scalar("SELECT count(*) FROM disbursements WHERE order_id = %s" % oid))
    d = {"last_name": "Martin", "first_name": "Julie", "payment_type": "cheque", "amount": "60",
         "cheque_no": "1234567", "paid_on": "11/03/2030"}
    r = c.post("/orders/%s/disbursements" % oid, d)
    t.eq(r.status, 303, "disbursement added")
    r = c.post("/orders/%s/disbursements" % oid, dict(d, last_name="Dubois", payment_type="cash",
                                                      cheque_no="", amount="45,50"))
    t.eq(nd(), 2, "two disbursements")
    r = c.post("/orders/%s/disbursements" % oid, dict(d, last_name="Sans", cheque_no="", amount="-3",
                                                      paid_on="2030-13-01"))
    t.eq(r.status, 422, "invalid disbursement: 422")
    t.contains(r.text, "Indiquez le numéro du chèque", "a cheque needs its number")
    t.contains(r.text, "Le montant doit être positif", "a positive amount")
    t.contains(r.text, 'value="Sans"', "typed name kept")
    t.eq(nd(), 2, "nothing written")
    did = s.scalar("SELECT id FROM disbursements WHERE last_name = 'Martin'")
    r = c.get("/orders/%s?tab=disbursements&edit=%s" % (oid, did))
    t.contains(r.text, 'value="1234567"', "edit form filled")
    r = c.post("/disbursements/%s" % did, dict(d, amount="75.00", payment_type="transfer", cheque_no=""))
    t.eq(r.status, 303, "disbursement edited")
    t.eq(s.scalar("SELECT amount || payment_type FROM disbursements WHERE id = %s" % did), "75.00transfer",
         "edit stored")
    r = c.post("/disbursements/%s" % did, dict(d, payment_type="cash"))
    t.eq(r.status, 422, "a cheque number on a cash payment: 422")
    t.eq(c.post("/disbursements/%s/delete" % did).status, 303, "disbursement deleted")
    t.eq(nd(), 1, "one left")
    t.eq(c.post("/disbursements/%s/delete" % did).status, 404, "deleting it again: 404")
    c.post("/orders/%s/disbursements" % oid, d)

    # Services.
    ns = lambda: int(s.scalar("SELECT count(*) FROM services WHERE order_id = %s" % oid))
    sv = {"label": "Recrutement", "quantity": "1", "unit_price": "960", "vat_rate": "20.00"}
    t.eq(c.post("/orders/%s/services" % oid, sv).status, 303, "service added")
    t.eq(c.post("/orders/%s/services" % oid, dict(sv, label="Livres", quantity="3", unit_price="9,99",
                                                  vat_rate="5.50")).status, 303, "another at 5.5 %")
    t.eq(c.post("/orders/%s/services" % oid, dict(sv, label="Geste commercial", unit_price="-50")).status,
         303, "a negative price (discount) is allowed")
    r = c.post("/orders/%s/services" % oid, dict(sv, label="", quantity="0", unit_price="1.234",
                                                 vat_rate="7"))
    t.eq(r.status, 422, "invalid service: 422")
    t.contains(r.text, "La quantité doit être positive", "quantity checked")
    t.contains(r.text, "au plus 2 décimales", "price checked")
    t.eq(ns(), 3, "nothing written")
    r = c.post("/orders/%s/services" % oid, dict(sv, vat_rate="7"))
    t.eq(r.status, 422, "a VAT rate that is not in the table: 422")
    t.eq(ns(), 3, "nothing written")
    # Each service has its unit (UN/ECE Rec. 20, for the Factur-X): "one" by
    # default, hours here; an unknown code is refused next to its cell.
    t.eq(s.scalar("SELECT string_agg(unit_code, ',' ORDER BY id) FROM services"
                  " WHERE order_id = %s" % oid), "C62,C62,C62", "a service's unit: one (C62) by default")
    r = c.post("/orders/%s/services" % oid, dict(sv, label="Animation", unit_code="XYZ"))
    t.eq((r.status, ns()), (422, 3), "an unknown unit code: 422, nothing written")
    t.eq(c.post("/orders/%s/services" % oid, dict(sv, label="Animation", quantity="2",
                                                  unit_code="HUR")).status, 303, "a service by the hour")
    t.eq(s.scalar("SELECT unit_code FROM services WHERE order_id = %s AND label = 'Animation'" % oid),
         "HUR", "its unit is kept")
    page = c.get("/orders/%s?tab=services" % oid).text
    t.ok(re.search(r'<td class="unit">Heure \(HUR\)</td>', page), "and shown on the services tab")
    t.contains(page, '<option value="HUR">Heure (HUR)</option>', "the unit is a select of Rec. 20 units")
    aid = s.scalar("SELECT id FROM services WHERE order_id = %s AND label = 'Animation'" % oid)
    t.eq(c.post("/services/%s/delete" % aid).status, 303, "deleted again (the counts below stay)")
    sid = s.scalar("SELECT id FROM services WHERE label = 'Recrutement'")
    r = c.post("/services/%s" % sid, dict(sv, quantity="2"))
    t.eq(r.status, 303, "service edited")
    t.eq(s.scalar("SELECT trim_scale(quantity) FROM services WHERE id = %s" % sid), "2", "stored")
    gone = s.scalar("SELECT id FROM services WHERE label = 'Geste commercial'")
    t.eq(c.post("/services/%s/delete" % gone).status, 303, "service deleted")
    t.eq(ns(), 2, "deleted")

    # A reservation with overtime (added directly: its own test is elsewhere).
    s.psql("SELECT set_config('fm.staff_id', '', false); INSERT INTO reservations (order_id, room_id, starts_at, "
           "ends_at, tariff_id, overtime_minutes) VALUES (%s, %s, '2030-03-11 09:00+01', '2030-03-11 18:00+01', "
           "%s, 50)" % (oid, ids["Salle 2"], ids["Journée"]))

    # Totals: computed here from the stored lines, then compared.
    def expected(order):
        mode = s.scalar("SELECT vat_mode FROM orders WHERE id = %s" % order)
        lines = []
        for price, minutes, ot, rate in s.psql(
                "SELECT price, overtime_minutes, overtime_price, vat_rate FROM reservations "
                "WHERE order_id = %s" % order):
            lines.append((Decimal(price), Decimal(rate)))
            if int(minutes):
                lines.append((money(Decimal(minutes) * Decimal(ot) / 60), Decimal(rate)))
        for q, up, rate in s.psql("SELECT quantity, unit_price, vat_rate FROM order_options WHERE order_id = %s "
                                  "UNION ALL SELECT quantity, unit_price, vat_rate FROM services "
                                  "WHERE order_id = %s" % (order, order)):
            lines.append((money(Decimal(q) * Decimal(up)), Decimal(rate)))
        bases = {}
        for amount, rate in lines:
            rate = rate if mode == "normal" else Decimal(0)
            bases[rate] = bases.get(rate, Decimal(0)) + amount
        vat = {r: money(b * r / 100) for r, b in bases.items()}
        ht = sum(bases.values(), Decimal(0))
        tva = sum(vat.values(), Decimal(0))
        deb = sum((Decimal(a) for (a,) in s.psql("SELECT amount FROM disbursements WHERE order_id = %s"
                                                  % order)), Decimal(0))
        return bases, vat, ht, tva, ht + tva, deb, ht + tva + deb

    def shown(page):
        raw = lambda i: Decimal(re.search(r'id="%s" data-raw="([-0-9.]+)"' % i, page).group(1))
        bases = {Decimal(rate): Decimal(v) for v, rate in
                 re.findall(r'data-raw="([-0-9.]+)" data-rate="([0-9.]+)" class="base-amount"', page)}
        vat = {Decimal(rate): Decimal(v) for v, rate in
               re.findall(r'data-raw="([-0-9.]+)" data-rate="([0-9.]+)" class="vat-amount"', page)}
        return (bases, vat, raw("total-ht"), raw("total-vat"), raw("total-ttc"), raw("total-disb"),
                raw("total-due"))

    page = c.get("/orders/%s" % oid).text
    exp = expected(oid)
    t.eq(shown(page), exp, "the totals shown equal the sums computed independently")
    t.ok(len(exp[0]) == 3, "three VAT rates in play (20, 10, 5.5)", exp[0])
    t.eq(tuple(Decimal(x) for x in s.psql("SELECT * FROM order_totals(%s)" % oid)[0]), exp[2:],
         "order_totals() agrees")
    t.contains(c.get("/orders/%s?tab=services" % oid).text, "1\u202f920,00 €",
               "amounts are shown the French way (no-break space)")
    c.post("/orders/%s" % oid, dict(head, vat_mode="export"))
    page = c.get("/orders/%s" % oid).text
    exp2 = expected(oid)
    t.eq(shown(page), exp2, "VAT mode export: totals still agree")
    t.eq(exp2[3], Decimal(0), "... and there is no VAT")
    t.contains(page, "pas de TVA facturée", "the page says so")
    c.post("/orders/%s" % oid, head)

    # History: every change, by whom.
    hist = s.psql("SELECT entity, action, who FROM order_history WHERE order_id = %s ORDER BY id" % oid)
    kinds = {(e, a) for e, a, w in hist if w == "admin"}
    for k in [("order", "insert"), ("order", "update"), ("option", "insert"), ("option", "update"),
              ("option", "delete"), ("disbursement", "insert"), ("disbursement", "update"),
              ("disbursement", "delete"), ("service", "insert"), ("service", "update"),
              ("service", "delete")]:
        t.ok(k in kinds, "history records %s %s by admin" % k)
    t.eq([w for e, a, w in hist if e == "reservation"], ["system"], "a change outside focusd is 'system'")
    r = c.get("/orders/%s?tab=history" % oid)
    t.contains(r.text, "Débours supprimé", "the history tab lists the changes")
    t.contains(r.text, "<del>10</del> → <ins>12</ins>", "with old and new values")
    t.contains(r.text, "<ins>ETU-2</ins>", "of the header too")
    t.contains(r.text, "Société de facturation", "field names are translated")

    # English.
    c.get("/lang/en")
    page = c.get("/orders/%s?tab=services" % oid).text
    t.contains(page, "Total excl. VAT", "English page")
    t.contains(page, "1,920.00 €", "amounts the English way")
    c.get("/lang/fr")

    # The list: search and filters.
    o2 = new_order(c, payeur, study_ref="Lait fermenté", contact_id=ids["Autre"])
    s.psql("INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id) VALUES "
           "(%s, %s, '2030-06-02 09:00+02', '2030-06-02 18:00+02', %s)" % (o2, ids["Salle 1"], ids["Journée"]))
    s.psql("UPDATE orders SET vip = true WHERE id = %s" % o2)
    listed = lambda q: re.findall(r'<tr id="order-(\d+)">', c.get("/orders" + q).text)
    t.eq(sorted(listed("")), sorted([oid, o2]), "the list shows every order")
    t.eq(listed("?q=N%%C2%%B0+%s" % o2), [o2], "search by number (N° 12)")
    t.ok(o2 in listed("?q=%s" % o2), "search by the bare number (study refs may match too)")
    t.eq(listed("?q=lait+FERMENTE"), [o2], "by study reference, case and accents aside")
    t.eq(listed("?q=acme"), [oid], "by company")
    t.eq(listed("?q=durand"), [oid], "by contact")
    t.eq(listed("?from=2030-05-01&to=2030-06-30"), [o2], "by period")
    t.eq(listed("?to=2030-03-31"), [oid], "period with an end only")
    t.eq(listed("?vip=1"), [o2], "V.I.P only")
    r = c.get("/orders?from=2030-99-01")
    t.eq(r.status, 200, "a wrong date in the filter does not break the list")
    t.contains(c.get("/orders").text, "11/03/2030", "the list shows the order's dates")

    # A company with orders cannot be deleted.
    r = c.post("/companies/%s/delete" % payeur, {"confirm": "1", "contacts": "2"})
    t.eq(r.status, 409, "deleting a company with orders: 409")
    t.contains(r.text, "Impossible de supprimer cette société : elle a des commandes", "with a clear message")
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE id = %s" % payeur), "1", "the company is kept")
    t.eq(s.scalar("SELECT count(*) FROM contacts WHERE company_id = %s" % payeur), "2", "and its contacts")
    r = c.post("/companies/%s/delete" % ids["Zeta Conseil"], {"confirm": "1", "contacts": "1"})
    t.eq(r.status, 303, "a company without orders can still be deleted")
t.done()
