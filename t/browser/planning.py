#!/usr/bin/env python3
"""Browser test of the planning in headless Chromium (t/browser/planning.js):
drag a block to another room (it stays there after a reload), a
conflicting move is refused and the block goes back, undo, and a click
opens the order, whose forms (add and delete a reservation, the header)
then work in the browser.  Debian's chromium and playwright-core from npm
(`npm install` at the top of the tree; dev/test does it) are needed."""
import json
import os
import subprocess
from fmtest import Stack, TAP, SRC, ADMIN_PASSWORD
from fmorders import catalogue, new_order

t = TAP()
if not os.path.exists("/usr/bin/chromium"):
    t.bail("/usr/bin/chromium is missing (apt-get install chromium)")
if not os.path.isdir(os.path.join(SRC, "node_modules", "playwright-core")):
    t.bail("playwright-core is missing: run `npm install` in %s" % SRC)
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    a = new_order(c, ids["Acme Études"], study_ref="DRAG-X")
    b = new_order(c, ids["Zeta Conseil"], study_ref="DRAG-Y")
    s.psql("INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id) VALUES "
           "(%s, %s, '2030-03-11 10:00+01', '2030-03-11 12:00+01', %s), "
           "(%s, %s, '2030-03-11 11:00+01', '2030-03-11 13:00+01', %s)"
           % (a, ids["Salle 1"], ids["Journée"], b, ids["Salle 2"], ids["Journée"]))
    x = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % a)
    y = s.scalar("SELECT id FROM reservations WHERE order_id = %s" % b)
    params = {"day": "2030-03-11", "x": int(x), "y": int(y), "salle1": int(ids["Salle 1"]),
              "salle2": int(ids["Salle 2"]), "salleA": int(ids["Salle A"]), "tariff": int(ids["Journée"])}
    env = dict(os.environ, NODE_PATH=os.path.join(SRC, "node_modules"))
    r = subprocess.run(["node", os.path.join(SRC, "t", "browser", "planning.js"), s.url(""), "admin",
                        ADMIN_PASSWORD, json.dumps(params)], cwd=SRC, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    lines = [l for l in r.stdout.splitlines() if l.startswith(("ok - ", "not ok - "))]
    for line in lines:
        ok = line.startswith("ok - ")
        name, _, diag = line.split(" - ", 1)[1].partition(" # ")
        t.ok(ok, name, diag)
    t.ok(r.returncode == 0 and len(lines) >= 23, "the browser script ran to its end", r.stdout[-3000:])
    t.eq(s.scalar("SELECT room_id FROM reservations WHERE id = %s" % x), ids["Salle A"],
         "the database has X in Salle A")
    t.eq(s.scalar("SELECT room_id FROM reservations WHERE id = %s" % y), ids["Salle 2"],
         "and Y in Salle 2")
    t.eq(s.scalar("SELECT count(*) FROM order_history WHERE entity = 'reservation' AND action = 'update' "
                  "AND who = 'admin'"), "3", "the three saved moves are in the history")
    t.eq(s.scalar("SELECT study_ref FROM orders WHERE id = %s" % a), "DRAG-X2", "the header saved")
t.done()
