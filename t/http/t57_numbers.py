#!/usr/bin/env python3
"""Every number shown follows the page's language: a typed "1,5" comes
back as "1,5" (reservation overtime, its edit form, grid and service
quantities), the history writes "-100,00 €" (and keeps the English way
for English pages), the configuration's prices and VAT rates, the
recording-rate report's "100,0 %"; in English "1.5", "-100.00", "100.0 %"."""
import re
from fmtest import Stack, TAP
from fmorders import catalogue, new_order

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="NUM")
    r = c.post("/orders/%s/reservations" % o, {
        "room_id": ids["Salle 1"], "date": "11/03/2030", "start": "09:00", "end": "18:00",
        "tariff_id": ids["Journée"], "overtime": "1,5"})
    t.eq(r.status, 303, "a reservation with 1,5 h of overtime")
    rid = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % o)
    page = c.get("/orders/%s" % o).text
    t.ok(re.search(r">1,5 h<", page), "the list shows « 1,5 h »")
    page = c.get("/orders/%s?tab=reservations&edit=%s" % (o, rid)).text
    t.contains(page, 'name="overtime" value="1,5"', "its edit form shows back « 1,5 »")
    cat = ids["Restauration"]
    r = c.post("/orders/%s/options/%s" % (o, cat), {"n": "1", "day.0": "2030-03-11",
                                                     "q.0.%s" % ids["Café"]: "2,5"})
    t.eq(r.status, 303, "a grid quantity of 2,5")
    page = c.get("/orders/%s?tab=cat-%s" % (o, cat)).text
    t.contains(page, 'name="q.0.%s" value="2,5"' % ids["Café"], "the grid shows back « 2,5 »")
    r = c.post("/orders/%s/services" % o, {"label": "Remise", "quantity": "1,5",
                                           "unit_price": "-100", "vat_rate": "20.00"})
    t.eq(r.status, 303, "a service of 1,5 × -100 €")
    page = c.get("/orders/%s?tab=services" % o).text
    t.ok(re.search(r"<td>Remise</td><td class=\"num\">1,5</td>", page), "the services list shows « 1,5 »",
         page[page.find("Remise") - 200:page.find("Remise") + 300])
    page = c.get("/orders/%s?tab=history" % o).text
    t.contains(page, "Remise · 1,5 × -100,00 €", "the history: « -100,00 € », « 1,5 »")
    t.ok("-100.00" not in page and "1.5 h" not in page, "no English figure on the French page")
    sid = s.scalar("SELECT id FROM services WHERE order_id = %s" % o)
    r = c.post("/services/%s" % sid, {"label": "Remise", "quantity": "2", "unit_price": "-120,5",
                                      "vat_rate": "20.00"})
    t.eq(r.status, 303, "the service changed")
    page = c.get("/orders/%s?tab=history" % o).text
    t.ok(re.search(r"-100,00</del> → <ins>-120,50", page) or re.search(r"-100,00.*-120,50", page, re.S),
         "a change's old and new amounts the French way")
    r = c.post("/orders/%s/documents" % o, {"kind": "invoice"})
    t.eq(r.status, 303, "a draft invoice of the order")
    doc = r.location.rsplit("/", 1)[1]
    page = c.get("/documents/%s" % doc).text
    t.ok(re.search(r'name="quantity\.\d+" value="1,5"', page), "the draft's line inputs: « 1,5 » (overtime)")
    t.ok(re.search(r'name="unit_price\.\d+" value="850,00"', page), "and « 850,00 »")
    t.ok(not re.search(r'name="unit_price\.\d+" value="\d+\.\d+"', page), "no « 850.00 » in French")
    page = c.get("/config/tariffs").text
    t.contains(page, "850,00 €", "the configuration's prices: « 850,00 € »")
    t.ok("850.00 €" not in page, "not « 850.00 € »")

    # The recording-rate report: a box, a past session recorded (its media
    # measured: two hours, the booked time).
    s.psql("""INSERT INTO boxes (room_id, name, token_hash, created_at)
              VALUES (%s, 'Box N', sha256('n'), now() - interval '2 days');
              INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec)
              VALUES (%s, %s, now() - interval '1 day 2 hours', now() - interval '1 day', %s, true);
              INSERT INTO recordings (reservation_id, box_id, starts_at, ends_at)
              SELECT max(v.id), (SELECT id FROM boxes WHERE name = 'Box N'),
                     now() - interval '1 day 2 hours', now() - interval '1 day'
              FROM reservations v WHERE v.rec;
              INSERT INTO media_files (recording_id, kind, path, on_central, probed_ms)
              SELECT max(id), 'mp4', 'x/n.mp4', true, 7200000 FROM recordings;"""
           % (ids["Salle 2"], o, ids["Salle 2"], ids["Journée"]))
    year = s.scalar("SELECT extract(year FROM now() - interval '1 day')::int")
    page = c.get("/boxes/report?year=%s" % year).text
    t.contains(page, "100,0 %", "the recording-rate report: « 100,0 % »")

    c.get("/lang/en")
    page = c.get("/orders/%s" % o).text
    t.ok(re.search(r">1.5 h<", page), "English: « 1.5 h »")
    page = c.get("/orders/%s?tab=history" % o).text
    t.contains(page, "Remise · 1.5 × -100.00 €", "English history: « -100.00 € »")
    t.contains(c.get("/config/tariffs").text, "850.00 €", "English prices")
    t.contains(c.get("/boxes/report?year=%s" % year).text, "100.0 %", "English report")
    c.get("/lang/fr")
t.done()
