#!/usr/bin/env python3
"""Reservations: add, edit, delete, validation; no overlap ever (the form
names the order holding the room; two concurrent inserts for one slot:
exactly one wins); the planning; moving a reservation (form and JSON)."""
import re
import threading
from fmtest import Stack, TAP
from fmorders import catalogue, new_order

t = TAP()
with Stack(t, workers=3) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o1 = new_order(c, ids["Acme Études"], study_ref="ETU-A")
    o2 = new_order(c, ids["Zeta Conseil"], study_ref="ETU-Z")
    nres = lambda: int(s.scalar("SELECT count(*) FROM reservations"))

    r = c.get("/orders/%s" % o1)
    t.eq(r.status, 200, "order page")
    t.contains(r.text, 'action="/orders/%s/reservations"' % o1, "it has the add-a-reservation form")

    res = {"room_id": ids["Salle 1"], "date": "11/03/2030", "start": "0900", "end": "18h00",
           "tariff_id": ids["Journée"], "rec": "1", "live": "1", "overtime": "1,5", "info": "Groupe 1"}
    r = c.post("/orders/%s/reservations" % o1, res)
    t.eq(r.status, 303, "add a reservation: 303")
    t.eq(r.location, "/orders/%s?tab=reservations#reservations" % o1, "... back to the tab")
    row = s.psql("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD HH24:MI'), "
                 "to_char(ends_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), rec, trad, live, overtime_minutes, info, price "
                 "FROM reservations WHERE order_id = %s" % o1)
    t.eq(row, [["2030-03-11 09:00", "18:00", "t", "f", "t", "90", "Groupe 1", "850.00"]],
         "stored in Paris time, with its options, overtime in minutes and the tariff's price")
    rid = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % o1)
    page = c.get("/orders/%s" % o1).text
    t.contains(page, "11/03/2030", "the reservation is listed")
    t.contains(page, "992,50 €", "with its amount (850 + 1.5 h x 95)")
    t.contains(page, 'value="2030-03-12"', "the add form proposes the next day")
    foot = page[page.index('<tr class="addrow">'):]
    foot = foot[:foot.index("</tr>")]
    t.ok(re.search(r'<option value="%s" selected' % ids["Salle 1"], foot), "... in the same room")
    for box in ("rec", "trad", "live"):
        t.ok(re.search(r'name="%s" value="1" form="res-new"[^>]*>' % box, foot)
             and not re.search(r'name="%s" value="1" form="res-new"[^>]* checked' % box, foot),
             "... with %s not ticked (chosen each time)" % box)
    r = c.post("/orders/%s/reservations" % o1, dict(res, date="2030-03-20", start="10:00", end="12:00",
                                                     rec="", live="", overtime="", info=""))
    t.eq(r.status, 303, "a reservation with its own times")
    foot = c.get("/orders/%s" % o1).text
    foot = foot[foot.index('<tr class="addrow">'):]
    foot = foot[:foot.index("</tr>")]
    t.ok('name="start" value="09:00"' in foot and 'name="end" value="18:00"' in foot,
         "the next one proposes the tariff's times (09:00-18:00), not the last one's", foot[:1500])
    s.psql("DELETE FROM reservations WHERE order_id = %s AND starts_at::date = '2030-03-20'" % o1)

    # Validation errors keep what was typed and write nothing.
    before = nres()
    bad = dict(res, date="31/02/2030", start="25:00", end="", tariff_id="", info="x" * 201,
               overtime="abc")
    r = c.post("/orders/%s/reservations" % o1, bad)
    t.eq(r.status, 422, "invalid reservation: 422")
    t.eq(nres(), before, "nothing written")
    t.contains(r.text, "Date invalide", "date checked")
    t.contains(r.text, "Heure invalide", "time checked")
    t.contains(r.text, "Ce champ est obligatoire", "end and tariff required")
    t.contains(r.text, 'value="31/02/2030"', "typed date kept")
    t.contains(r.text, 'value="25:00"', "typed start kept")
    t.contains(r.text, 'value="abc"', "typed overtime kept")
    r = c.post("/orders/%s/reservations" % o1, dict(res, date="12/03/2030", start="18:00", end="09:00"))
    t.eq(r.status, 422, "end before start: 422")
    t.contains(r.text, "La fin doit être après le début", "with a message")
    t.eq(nres(), before, "nothing written")

    # Overlap: refused, naming the order that holds the room.
    r = c.post("/orders/%s/reservations" % o2, dict(res, start="17:00", end="20:00", tariff_id=ids["Soirée"]))
    t.eq(r.status, 409, "an overlapping reservation: 409")
    t.eq(nres(), before, "nothing written")
    t.contains(r.text, "Salle déjà réservée", "the form says the room is taken")
    t.contains(r.text, "N° %s" % o1, "naming the order that holds it")
    t.contains(r.text, "Acme Études", "and its company")
    t.contains(r.text, 'href="/orders/%s"' % o1, "with a link to it")
    t.contains(r.text, 'value="17:00"', "what was typed is kept")
    r = c.post("/orders/%s/reservations" % o2, dict(res, start="18:00", end="22:30", tariff_id=ids["Soirée"]))
    t.eq(r.status, 303, "right after it, the room is free")
    r = c.post("/orders/%s/reservations" % o2, dict(res, room_id=ids["Salle 2"], start="10:00", end="12:00"))
    t.eq(r.status, 303, "the same time in another room is fine")
    r2id = s.scalar("SELECT id FROM reservations WHERE order_id = %s AND room_id = %s" % (o2, ids["Salle 2"]))

    # Edit.
    r = c.get("/orders/%s?tab=reservations&edit=%s" % (o1, rid))
    t.contains(r.text, 'action="/reservations/%s"' % rid, "edit form for the row")
    t.contains(r.text, 'value="09:00"', "filled with the stored start")
    r = c.post("/reservations/%s" % rid, dict(res, start="08:30", end="17:30", rec="", overtime=""))
    t.eq(r.status, 303, "edit: 303")
    t.eq(s.scalar("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') || '-' || "
                  "to_char(ends_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') || ' ' || rec || ' ' || overtime_minutes "
                  "FROM reservations WHERE id = %s" % rid), "08:30-17:30 false 0", "edit stored")
    r = c.post("/reservations/%s" % rid, dict(res, room_id=ids["Salle 2"], start="11:00", end="12:00"))
    t.eq(r.status, 409, "editing onto a busy room: 409")
    t.contains(r.text, "N° %s" % o2, "naming the other order")
    t.eq(s.scalar("SELECT room_id FROM reservations WHERE id = %s" % rid), ids["Salle 1"],
         "the reservation is unchanged")
    r = c.post("/reservations/%s" % rid, dict(res, end="07:00"))
    t.eq(r.status, 422, "invalid edit: 422")
    t.contains(r.text, 'action="/reservations/%s"' % rid, "the edit form is shown again")

    # Two concurrent inserts for the same slot: exactly one wins.
    s.psql("INSERT INTO rooms (site_id, name) VALUES (%s, 'Salle R')" % ids["Paris"])
    room_r = s.scalar("SELECT id FROM rooms WHERE name = 'Salle R'")
    for attempt in range(3):
        clients = [s.client(), s.client()]
        for k in clients:
            k.login_admin()
        day = "2030-04-%02d" % (10 + attempt)
        results = [None, None]
        barrier = threading.Barrier(2)

        def book(i, order):
            barrier.wait()
            results[i] = clients[i].post("/orders/%s/reservations" % order, dict(
                res, room_id=room_r, date=day, start="10:00", end="12:00", info="t%d" % i)).status

        th = [threading.Thread(target=book, args=(0, o1)), threading.Thread(target=book, args=(1, o2))]
        for x in th:
            x.start()
        for x in th:
            x.join()
        n = s.scalar("SELECT count(*) FROM reservations WHERE room_id = %s AND starts_at::date = '%s'"
                     % (room_r, day))
        t.eq(sorted(results), [303, 409], "concurrent booking %d: one 303, one 409" % (attempt + 1))
        t.eq(n, "1", "... and exactly one reservation stored")
    # The same at the database level, two sessions at once (psql).
    import subprocess
    sql = ("BEGIN; INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id) "
           "VALUES (%s, %s, '2030-05-01 10:00+02', '2030-05-01 12:00+02', %s); SELECT pg_sleep(0.5); COMMIT;")
    procs = [subprocess.Popen(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql % (o, room_r, ids["Journée"])],
                              env=s.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for o in (o1, o2)]
    outs = [p.communicate() for p in procs]
    t.eq(sorted(p.returncode for p in procs), [0, 1], "two psql sessions: one commits, one fails")
    # Two inserts that check each other's tuples at the same instant may be
    # reported as a deadlock "while checking exclusion constraint": still
    # the constraint refusing (focusd runs such a request again, t11 above).
    t.ok(any("reservations_no_overlap" in e or "while checking exclusion constraint" in e
             for _, e in outs), "refused by the exclusion constraint", outs)

    # Delete.
    before = nres()
    r = c.post("/reservations/%s/delete" % r2id)
    t.eq(r.status, 303, "delete: 303")
    t.eq(nres(), before - 1, "deleted")
    t.eq(c.post("/reservations/%s/delete" % r2id).status, 404, "deleting it again: 404")
    t.eq(c.post("/reservations/%s" % r2id, res).status, 404, "editing a deleted one: 404")
    t.eq(c.post("/orders/999999/reservations", res).status, 404, "reservation for an unknown order: 404")

    # Planning: week and day views.
    r = c.get("/planning?date=2030-03-13&view=week")
    t.eq(r.status, 200, "week planning")
    t.contains(r.text, "Lun. 11/03/2030", "the week starts on Monday")
    t.contains(r.text, 'id="r-%s"' % rid, "the reservation is a block")
    blk = re.search(r'<div class="blk[^"]*" id="r-%s".*?</div>' % rid, r.text, re.S).group(0)
    t.contains(blk, 'href="/orders/%s"' % o1, "the block opens its order")
    t.contains(blk, "Acme Études", "shows the company")
    t.contains(blk, "ETU-A", "the study reference")
    t.contains(blk, "Live", "and its options")
    t.contains(r.text, "Paris", "rooms are grouped by site")
    t.ok(re.search(r'<td class="cell drop" data-room="%s" data-day="2030-03-11"><div class="blk[^"]*" id="r-%s"'
                   % (ids["Salle 1"], rid), r.text), "the block is in its room and day")
    r = c.get("/planning?date=2030-03-11&view=day")
    t.eq(r.status, 200, "day planning")
    t.ok(re.search(r'class="blk gs-7 ge-43" id="r-%s"' % rid, r.text),
         "in the day view the block spans 08:30-17:30", re.findall(r'class="blk[^"]*" id="r-%s"' % rid, r.text))
    r = c.get("/planning")
    t.eq(r.status, 200, "planning without a date: this week")
    t.contains(r.text, 'class="day today"', "today is highlighted")
    t.eq(c.get("/planning?date=nonsense&view=bogus").status, 200, "a wrong date falls back to this week")
    r = c.get("/planning?date=2030-03-11&view=week")
    t.contains(r.text, "date=2030-03-04", "a link to the previous week")
    t.contains(r.text, "date=2030-03-18", "and to the next")

    # Moving without JavaScript.
    r = c.get("/reservations/%s/move" % rid)
    t.eq(r.status, 200, "move form")
    t.contains(r.text, 'name="room_id"', "asks for the room")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle A"]})
    t.eq(r.status, 200, "Salle A is in Lyon: the form asks first")
    t.contains(r.text, "autre site", "saying why")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle A"], "confirm": "1"})
    t.eq(r.status, 303, "move confirmed: 303")
    t.eq(r.location, "/planning?date=2030-03-11", "back to the planning of that day")
    t.eq(s.scalar("SELECT room_id FROM reservations WHERE id = %s" % rid), ids["Salle A"], "moved")
    t.eq(s.scalar("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'DD HH24:MI') FROM reservations "
                  "WHERE id = %s" % rid), "11 08:30", "same day, same time")
    # Conflict: Salle 1 holds o2's evening from 18:00; make a day conflict.
    s.psql("INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id) VALUES "
           "(%s, %s, '2030-03-11 12:00+01', '2030-03-11 13:00+01', %s)" % (o2, ids["Salle 1"], ids["Journée"]))
    r = c.get("/reservations/%s/move" % rid)
    t.contains(r.text, "occupée par N° %s" % o2, "busy rooms are marked in the move form")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 1"], "confirm": "1"})
    t.eq(r.status, 409, "moving onto a busy room: 409")
    t.contains(r.text, "N° %s" % o2, "the form names the order holding it")
    t.eq(s.scalar("SELECT room_id FROM reservations WHERE id = %s" % rid), ids["Salle A"], "not moved")
    js = {"Accept": "application/json"}
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 1"], "confirm": "1"}, headers=js)
    t.eq(r.status, 409, "JSON move conflict: 409")
    t.eq(r.header("Content-Type"), "application/json; charset=utf-8", "answered in JSON")
    j = r.json()
    t.eq((j["ok"], j["conflict_order"]), (False, int(o2)), "ok false, the conflicting order")
    t.contains(j["error"], "Salle déjà réservée", "with the message")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 2"], "confirm": "1"}, headers=js)
    t.eq(r.status, 200, "JSON move: 200")
    t.eq(r.json(), {"ok": True, "id": int(rid), "room_id": int(ids["Salle 2"]), "order_id": int(o1),
                    "message": "Réservation déplacée."}, "the JSON answer")
    import urllib.parse
    body = urllib.parse.urlencode({"room_id": ids["Salle 1"], "csrf_token": c.token, "confirm": "1"}).encode()
    r = c.request("POST", "/reservations/%s/move" % rid, body, dict(js, **{
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}))
    t.eq(r.status, 409, "a form type with a charset (as fetch sends it) is read too")
    r = c.post("/reservations/%s/move" % rid, {"room_id": "abc"}, headers=js)
    t.eq(r.status, 422, "a bad room id: 422")
    r = c.post("/reservations/%s/move" % rid, {"room_id": "999999"}, headers=js)
    t.eq(r.status, 422, "an unknown room: 422")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 1"], "confirm": "1"}, csrf=False, headers=js)
    t.eq(r.status, 403, "without csrf_token: 403")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 1"], "confirm": "1",
                                                "next": "/orders/%s" % o1})
    t.eq(r.status, 409, "still busy")
    t.eq(c.get("/reservations/%s/move" % rid, headers=js).status, 200, "GET shows the form")
    t.eq(c.post("/reservations/999999/move", {"room_id": ids["Salle 1"]}).status, 404, "unknown reservation: 404")
    s.psql("DELETE FROM reservations WHERE order_id = %s AND starts_at = '2030-03-11 12:00+01'" % o2)
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 1"], "next": "/orders/%s" % o1, "confirm": "1"})
    t.eq((r.status, r.location), (303, "/orders/%s" % o1), "a move goes back to `next`")
    r = c.post("/reservations/%s/move" % rid, {"room_id": ids["Salle 2"], "next": "//evil.example/"})
    t.eq(r.location, "/planning?date=2030-03-11", "a foreign `next` is ignored")

    # Pages kept by the workers follow every change (3 workers: ask 4 times).
    for k in range(4):
        c.get("/planning?date=2030-03-11&view=week")
        c.get("/orders/%s" % o1)
    s.psql("UPDATE companies SET name = 'Acme Renommée' WHERE id = %s" % ids["Acme Études"])
    s.psql("UPDATE rooms SET name = 'Salle Une' WHERE id = %s" % ids["Salle 1"])
    for k in range(4):
        t.contains(c.get("/planning?date=2030-03-11&view=week").text, "Acme Renommée",
                   "the planning shows a renamed company (%d)" % k)
        t.contains(c.get("/orders/%s" % o1).text, "Salle Une", "the order shows a renamed room (%d)" % k)

    # What users typed is escaped in the kept parts too.
    s.psql("UPDATE companies SET name = '<b>Acme</b> & \"Co\"' WHERE id = %s" % ids["Acme Études"])
    s.psql("UPDATE orders SET study_ref = '<script>x</script>' WHERE id = %s" % o1)
    for url in ("/planning?date=2030-03-11&view=week", "/planning?date=2030-03-11&view=day", "/orders/%s" % o1,
                "/orders/%s?tab=history" % o1):
        page = c.get(url).text
        t.ok("<b>Acme</b>" not in page and "<script>x" not in page, "no markup from data in %s" % url)
        t.ok("&lt;b&gt;Acme&lt;/b&gt; &amp; &quot;Co&quot;" in page or "&lt;script&gt;x" in page,
             "it is shown escaped in %s" % url)

    # Every change is in the history.
    h = s.psql("SELECT who, action FROM order_history WHERE order_id = %s AND entity = 'reservation' "
               "AND entity_id = %s ORDER BY id" % (o1, rid))
    t.ok(len(h) >= 4 and all(w == "admin" for w, _ in h), "history of the reservation, by admin", h)
    r = c.get("/orders/%s?tab=history" % o1)
    t.contains(r.text, "Réservation modifiée", "the history tab shows the move")
    t.contains(r.text, "<del>Salle 1</del> → <ins>Salle A</ins>", "from which room to which")
t.done()
