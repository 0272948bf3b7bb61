#!/usr/bin/env python3
"""Moving a reservation asks first when the move matters: another site
(both named), an order with issued documents (their numbers), a session
starting within the hour whose boxes change schedule (their names).  The
planning's JSON answer carries the question (nothing saved) and the move
is saved with confirm=1; the move form (without JavaScript) shows the
warnings and a "Confirmer le déplacement" button.  A harmless move is
saved at once."""
import html
import json
from fmtest import Stack, TAP
from fmbilling import setup, billed_order, generate

t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    oid = billed_order(s, c, ids)
    res = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % oid)
    room = lambda: s.scalar("SELECT room_id FROM reservations WHERE id = %s" % res)

    def move(to, **extra):
        f = dict({"room_id": to}, **extra)
        return c.post("/reservations/%s/move" % res, f, headers={"Accept": "application/json"})

    r = move(ids["Salle 2"])
    t.eq((r.status, r.json().get("ok")), (200, True), "same site, nothing issued, no box: moved at once")
    r = move(ids["Salle A"])
    d = r.json()
    t.eq((r.status, d.get("ok"), d.get("confirm")), (200, False, True), "to Lyon: a question, not a move")
    t.contains(d.get("question", ""), "autre site : Paris → Lyon", "naming both sites")
    t.eq(room(), ids["Salle 2"], "nothing saved")
    r = move(ids["Salle A"], confirm="1")
    t.eq(r.json().get("ok"), True, "confirmed: moved")
    t.eq(room(), ids["Salle A"], "saved")
    move(ids["Salle 1"], confirm="1")

    inv = generate(c, oid, "invoice")
    t.eq(c.post("/documents/%s/issue" % inv).status, 303, "an invoice issued for the order")
    number = s.scalar("SELECT number FROM documents WHERE id = %s" % inv)
    d = move(ids["Salle 2"]).json()
    t.ok(d.get("confirm") and "documents émis" in d.get("question", "") and number in d.get("question", ""),
         "issued documents: the question says which (%s)" % number, d)
    t.eq(room(), ids["Salle 1"], "nothing saved")

    # Without JavaScript: the move form shows the warnings, then confirms.
    r = c.post("/reservations/%s/move" % res, {"room_id": ids["Salle 2"]})
    t.eq(r.status, 200, "the move form asks first")
    page = html.unescape(r.text)
    t.contains(page, 'id="move-warnings"', "with the warnings")
    t.contains(page, number, "naming the document")
    t.contains(page, 'name="confirm" value="1"', "and a confirmation")
    t.contains(page, "Confirmer le déplacement", "its button")
    t.contains(page, '<option value="%s" selected' % ids["Salle 2"], "the chosen room kept")
    r = c.post("/reservations/%s/move" % res, {"room_id": ids["Salle 2"], "confirm": "1"})
    t.eq(r.status, 303, "confirmed: moved")
    t.eq(room(), ids["Salle 2"], "saved")

    # A busy room elsewhere: refused at once, no question first.
    s.psql("INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id) "
           "SELECT order_id, %s, starts_at, ends_at, tariff_id FROM reservations WHERE id = %s"
           % (ids["Salle A"], res))
    r = move(ids["Salle A"])
    t.eq((r.status, r.json().get("confirm")), (409, None), "a busy room on another site: refused, nothing asked")
    t.contains(r.json().get("error", ""), "Salle déjà réservée", "with the conflict's message")

    # A session starting within the hour, with a box in its room.
    o2 = billed_order(s, c, ids, company="Zeta Conseil", day="2031-01-06")
    r2 = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % o2)
    s.psql("UPDATE reservations SET room_id = %s, starts_at = now() + interval '20 minutes', "
           "ends_at = now() + interval '2 hours' WHERE id = %s" % (ids["Salle 1"], r2))
    s.psql("INSERT INTO boxes (room_id, name, token_hash) VALUES (%s, 'Boîtier S1', sha256('s1'))"
           % ids["Salle 1"])
    r = c.post("/reservations/%s/move" % r2, {"room_id": ids["Salle 2"]},
               headers={"Accept": "application/json"})
    d = r.json()
    t.ok(d.get("confirm") and "moins d'une heure" in d.get("question", "") and "Boîtier S1" in d.get("question", ""),
         "within the hour: the box schedule change is said, with the box's name", d)
    c.get("/lang/en")
    d = c.post("/reservations/%s/move" % r2, {"room_id": ids["Salle 2"]},
               headers={"Accept": "application/json"}).json()
    t.contains(d.get("question", ""), "Move it anyway?", "in English too")
    c.get("/lang/fr")
t.done()
