#!/usr/bin/env python3
"""Configuration: sites, rooms, tariffs, option categories and options
(added without code: a new category becomes a tab of the order form),
VAT rates and the seller's identity; validation keeps input and writes
nothing; what is in use cannot be deleted."""
from fmtest import Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    count = lambda table: int(s.scalar("SELECT count(*) FROM %s" % table))

    r = c.get("/config")
    t.eq((r.status, r.location), (303, "/config/rooms"), "/config opens the rooms")
    for page in ("sites", "rooms", "tariffs", "categories", "options", "vat", "seller"):
        t.eq(c.get("/config/" + page).status, 200, "/config/%s" % page)
    t.eq(c.get("/config/nothing").status, 404, "unknown part: 404")
    anon = s.client()
    t.eq(anon.get("/config/rooms").status, 303, "anonymous: to the login page")

    # Sites and rooms.
    t.eq(c.post("/config/sites", {"name": "Paris Bastille", "address": "29 rue Merlin", "active": "1"}).status,
         303, "add a site")
    site = s.scalar("SELECT id FROM sites WHERE name = 'Paris Bastille'")
    r = c.post("/config/sites", {"name": "Paris Bastille", "active": "1"})
    t.eq(r.status, 409, "a duplicate site: 409")
    t.contains(r.text, "Cette valeur existe déjà", "with a message")
    t.eq(count("sites"), 1, "nothing written")
    r = c.post("/config/rooms", {"site_id": site, "name": "Salle 1", "capacity": "12", "position": "1",
                                 "active": "1"})
    t.eq(r.status, 303, "add a room")
    r = c.post("/config/rooms", {"site_id": "", "name": "Salle 2", "capacity": "zéro"})
    t.eq(r.status, 422, "invalid room: 422")
    t.contains(r.text, 'value="zéro"', "typed capacity kept")
    t.contains(r.text, 'value="Salle 2"', "typed name kept")
    t.eq(count("rooms"), 1, "nothing written")
    room = s.scalar("SELECT id FROM rooms")
    r = c.get("/config/rooms?edit=%s" % room)
    t.contains(r.text, 'action="/config/rooms/%s"' % room, "edit a room in place")
    t.contains(r.text, 'value="12"', "filled with its values")
    r = c.post("/config/rooms/%s" % room, {"site_id": site, "name": "Salle 1 (grande)", "capacity": "20",
                                           "position": "1"})
    t.eq(r.status, 303, "room edited")
    t.eq(s.psql("SELECT name, capacity, active FROM rooms"), [["Salle 1 (grande)", "20", "f"]],
         "stored (unticked: inactive)")
    r = c.post("/config/sites/%s/delete" % site)
    t.eq(r.status, 409, "a site with rooms cannot be deleted: 409")
    t.contains(r.text, "Désactivez-le plutôt", "the message says what to do")
    t.eq(c.post("/config/rooms/999999", {"site_id": site, "name": "X"}).status, 404, "unknown room: 404")

    # VAT rates.
    t.eq(count("vat_rates"), 4, "the four French rates are there")
    r = c.post("/config/vat", {"rate": "2,1", "label_fr": "Taux particulier", "label_en": "Special",
                               "active": "1"})
    t.eq(r.status, 303, "add a VAT rate")
    t.eq(s.scalar("SELECT rate FROM vat_rates WHERE label_en = 'Special'"), "2.10", "stored as 2.10")
    r = c.post("/config/vat", {"rate": "150", "label_fr": "x", "label_en": "x"})
    t.eq(r.status, 422, "an impossible rate: 422")
    t.eq(count("vat_rates"), 5, "nothing written")

    # Tariffs.
    tf = {"label_fr": "Journée", "label_en": "Day", "kind": "day", "starts": "9h00", "ends": "1800",
          "price": "850", "vat_rate": "20.00", "overtime_price": "95,50", "position": "1", "active": "1"}
    t.eq(c.post("/config/tariffs", tf).status, 303, "add a tariff")
    t.eq(s.psql("SELECT to_char(starts, 'HH24:MI'), to_char(ends, 'HH24:MI'), price, overtime_price, vat_rate "
                "FROM tariffs"), [["09:00", "18:00", "850.00", "95.50", "20.00"]], "stored")
    r = c.post("/config/tariffs", dict(tf, label_fr="Soirée", starts="22:00", ends="18:00"))
    t.eq(r.status, 422, "a tariff that ends before it starts: 422")
    t.contains(r.text, "Valeurs incohérentes", "with a message")
    t.contains(r.text, 'value="Soirée"', "typed label kept")
    r = c.post("/config/tariffs", dict(tf, price="8,505", kind="night"))
    t.eq(r.status, 422, "bad price and kind: 422")
    t.eq(count("tariffs"), 1, "nothing written")
    r = c.get("/config/tariffs")
    t.contains(r.text, "Journée", "listed")
    t.contains(r.text, "850,00 €", "with its price, the French way")

    # Categories and options: a new category becomes an order tab.
    cat = {"label_fr": "Traiteur", "label_en": "Caterer", "per_room": "", "position": "1", "active": "1"}
    t.eq(c.post("/config/categories", cat).status, 303, "add a category")
    cid = s.scalar("SELECT id FROM option_categories WHERE label_fr = 'Traiteur'")
    op = {"category_id": cid, "label_fr": "Plateau repas", "label_en": "Meal tray", "unit_fr": "plateau",
          "unit_en": "tray", "unit_price": "21,90", "vat_rate": "10.00", "checkbox": "", "position": "1",
          "active": "1"}
    t.eq(c.post("/config/options", op).status, 303, "add an option")
    r = c.post("/config/options", dict(op, label_fr="", unit_price="-", vat_rate=""))
    t.eq(r.status, 422, "invalid option: 422")
    t.eq(count("options"), 1, "nothing written")
    r = c.post("/config/options", dict(op, label_fr="Autre", vat_rate="7.00"))
    t.eq(r.status, 422, "a VAT rate not in the table is refused")
    t.eq(count("options"), 1, "nothing written")
    s.psql("INSERT INTO companies (name) VALUES ('Client')")
    co = s.scalar("SELECT id FROM companies")
    r = c.post("/orders", {"company_id": co, "language": "fr", "vat_mode": "normal"})
    oid = r.location.rsplit("/", 1)[1]
    r = c.get("/orders/%s" % oid)
    t.contains(r.text, "?tab=cat-%s" % cid, "the new category is a tab of the order form")
    r = c.get("/orders/%s?tab=cat-%s" % (oid, cid))
    t.contains(r.text, "Plateau repas", "with its option as a column")
    oid_opt = s.scalar("SELECT id FROM options")
    t.eq(c.post("/orders/%s/options/%s" % (oid, cid), {"n": "1", "day.0": "2030-01-07",
                                                         "q.0.%s" % oid_opt: "3"}).status, 303,
         "the option can be ordered")
    r = c.post("/config/options/%s/delete" % oid_opt)
    t.eq(r.status, 409, "an option in use cannot be deleted")
    r = c.post("/config/options/%s" % oid_opt, dict(op, active=""))
    t.eq(r.status, 303, "but it can be deactivated")
    r = c.post("/config/categories/%s" % cid, dict(cat, active=""))
    t.eq(r.status, 303, "a category can be deactivated")
    t.contains(c.get("/orders/%s" % oid).text, "?tab=cat-%s" % cid,
               "an order that uses it keeps the tab")
    r = c.post("/config/vat/%s/delete" % s.scalar("SELECT id FROM vat_rates WHERE rate = 10"))
    t.eq(r.status, 409, "a VAT rate in use cannot be deleted")
    spare = s.scalar("SELECT id FROM vat_rates WHERE label_en = 'Special'")
    t.eq(c.post("/config/vat/%s/delete" % spare).status, 303, "an unused one can")
    t.eq(c.post("/config/vat/%s/delete" % spare).status, 404, "deleting it again: 404")

    # The seller.
    seller = {"name": "Focus Salles", "legal_form": "SAS", "address": "29 rue Merlin", "postcode": "75011",
              "city": "Paris", "country": "France", "phone": "01 43 00 00 00", "email": "a@b.fr",
              "siren": "732 829 320", "rcs": "Paris B 732 829 320", "capital": "50 000 €",
              "vat_number": "FR44732829320", "iban": "fr76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP",
              "payment_days": "30", "payment_terms": "30 jours", "late_rate": "10,15"}
    r = c.post("/config/seller", seller)
    t.eq(r.status, 303, "seller saved")
    t.eq(s.psql("SELECT name, siren, iban, bic, payment_days, late_rate FROM seller"),
         [["Focus Salles", "732829320", "FR7630006000011234567890189", "AGRIFRPP", "30", "10.15"]],
         "stored (IBAN compacted)")
    r = c.post("/config/seller", dict(seller, name="Autre", siren="123", iban="FR76 !!", bic="AB",
                                      payment_days="999"))
    t.eq(r.status, 422, "invalid seller: 422")
    t.contains(r.text, "SIREN invalide", "SIREN checked")
    t.contains(r.text, "IBAN invalide", "IBAN checked")
    t.contains(r.text, "BIC invalide", "BIC checked")
    t.contains(r.text, 'value="Autre"', "typed name kept")
    t.eq(s.scalar("SELECT name FROM seller"), "Focus Salles", "nothing written")
    t.contains(c.get("/config/seller").text, 'value="FR7630006000011234567890189"', "the form shows it")
t.done()
