#!/usr/bin/env python3
"""Browser test of the back office's forms in headless Chromium
(t/browser/forms.js): the order form's contacts and billing contacts
follow the chosen company at once, and the order saves with the new
company's contact; the contact form's departments follow its company;
the catering grid marks each invalid cell with its own message; the
counts take the singular ("1 société").  FM_SCREENSHOTS=DIR keeps
screenshots of the pages, in French and in English."""
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
    s.psql("INSERT INTO departments (company_id, name) VALUES (%s, 'Marketing Acme'), "
           "(%s, 'Achats Zeta'), (%s, 'Études Zeta')"
           % (ids["Acme Études"], ids["Zeta Conseil"], ids["Zeta Conseil"]))
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="FORMS")
    params = {"acme": int(ids["Acme Études"]), "zeta": int(ids["Zeta Conseil"]),
              "payeur": int(ids["Payeur SA"]), "durand": int(ids["Durand"]),
              "zed": int(ids["Zed"]), "carla": int(ids["Factures"]), "order": int(o),
              "catering": int(ids["Restauration"]), "cafe": int(ids["Café"]),
              "plateau": int(ids["Plateau repas"]), "day_tariff": int(ids["Journée"]),
              "evening_tariff": int(ids["Soirée"]),
              "shots": os.environ.get("FM_SCREENSHOTS", "")}
    env = dict(os.environ, NODE_PATH=os.path.join(SRC, "node_modules"))
    r = subprocess.run(["node", os.path.join(SRC, "t", "browser", "forms.js"), s.url(""), "admin",
                        ADMIN_PASSWORD, json.dumps(params)], cwd=SRC, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    lines = [l for l in r.stdout.splitlines() if l.startswith(("ok - ", "not ok - "))]
    for line in lines:
        ok = line.startswith("ok - ")
        name, _, diag = line.split(" - ", 1)[1].partition(" # ")
        t.ok(ok, name, diag)
    t.ok(r.returncode == 0 and "# end" in r.stdout, "the browser script ran to its end", r.stdout[-3000:])
    t.eq(s.psql("SELECT company_id, contact_id FROM orders WHERE study_ref = 'FORMS-ZETA'"),
         [[ids["Zeta Conseil"], ids["Zed"]]], "the order saved with Zeta and its contact")
    t.eq(s.scalar("SELECT d.name FROM contacts k JOIN departments d ON d.id = k.department_id "
                  "WHERE k.last_name = 'Nouveau'"), "Études Zeta",
         "the contact saved with the new company's department")
t.done()
