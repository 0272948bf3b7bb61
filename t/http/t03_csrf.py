#!/usr/bin/env python3
"""Every POST needs the CSRF token and a same-site origin; data-changing
routes refuse GET.  A refused request changes nothing."""
import os
from fmtest import Stack, TAP

t = TAP()
# Limits.FormKB below nginx's 256 KB: a body between the two reaches focusd,
# which refuses it unread (the worker's drain, below).
with Stack(t, conf_extra="Limits.FormKB = 16") as s:
    c = s.client()
    c.login_admin()
    count = lambda: s.scalar("SELECT count(*) FROM companies")
    before = count()
    good = c.token

    r = c.post("/companies", {"name": "No token"}, csrf=False)
    t.eq(r.status, 403, "POST without csrf_token: 403")
    t.contains(r.text, "Le formulaire a expiré", "with an explanation")
    r = c.post("/companies", {"name": "Bad token", "csrf_token": "0" * 32})
    t.eq(r.status, 403, "POST with a wrong token: 403")

    other = s.client()
    other.login_admin()
    r = c.post("/companies", {"name": "Other token", "csrf_token": other.token})
    t.eq(r.status, 403, "another session's token: 403")

    r = c.post("/companies", {"name": "Foreign", "csrf_token": good},
               headers={"Origin": "http://evil.example"})
    t.eq(r.status, 403, "right token, foreign Origin: 403")
    r = c.post("/companies", {"name": "Null origin", "csrf_token": good},
               headers={"Origin": "null"})
    t.eq(r.status, 403, "Origin: null: 403")
    r = c.post("/companies", {"name": "Cross", "csrf_token": good},
               headers={"Sec-Fetch-Site": "cross-site"})
    t.eq(r.status, 403, "Sec-Fetch-Site: cross-site: 403")
    t.eq(count(), before, "nothing was written by refused POSTs")

    r = c.post("/companies", {"name": "Accepted", "csrf_token": good})
    t.eq(r.status, 303, "right token and origin: accepted")
    t.eq(count(), str(int(before) + 1), "... and written")
    cid = s.scalar("SELECT id FROM companies WHERE name = 'Accepted'")

    r = c.get("/companies/%s/delete" % cid)
    t.eq(r.status, 200, "GET on the delete route only asks for confirmation")
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE id = %s" % cid), "1",
         "... and deletes nothing")
    t.eq(c.request("PUT", "/companies/%s/delete" % cid).status, 405,
         "another method on it: 405")
    r = c.post("/companies/%s/delete" % cid, {"confirm": "1", "contacts": "0"}, csrf=False)
    t.eq(r.status, 403, "delete without token: 403")
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE id = %s" % cid), "1",
         "the company is still there")

    r = c.post("/logout", csrf=False)
    t.eq(r.status, 403, "logout without token: 403")
    t.eq(c.get("/companies").status, 200, "... and the session still works")

    # A POST refused by focusd before its body is read (over
    # Limits.FormKB, 16 KB here; under nginx's 256 KB) still gets its whole
    # answer: the worker drains the body before it closes (fcgi/worker.c),
    # then serves the next requests as usual.  (A bigger body is nginx's to
    # refuse: t50_hostile.)
    big = {"name": "Big", "preferences": "x" * (250 << 10), "csrf_token": good}
    answers = [c.post("/companies", big) for _ in range(5)]
    t.ok(all(r.status == 413 and r.text.rstrip().endswith("</html>") for r in answers),
         "a 250 KB POST refused unread by focusd: a whole 413 page, five times",
         [(r.status, len(r.text)) for r in answers])
    t.contains(answers[0].text, "16 Ko au plus pour un formulaire", "saying focusd's limit")
    pages = [c.get("/companies") for _ in range(50)]
    t.ok(all(r.status == 200 and r.text.rstrip().endswith("</html>") for r in pages),
         "then 50 pages in a row, each whole", [(r.status, len(r.text)) for r in pages][:5])
    t.eq(count(), str(int(before) + 1), "nothing written by the refused big POSTs")
    with open(os.path.join(s.state, "log", "nginx-error.log"), errors="replace") as f:
        upstream = [l for l in f if "upstream" in l]
    t.eq(upstream, [], "nginx saw no upstream error (reset, early close)")

    # Anonymous form: the login page's double-submit cookie.
    a = s.client()
    r = a.post("/login", {"login": "admin", "password": "x"}, csrf=False)
    t.eq(r.status, 403, "login POST without token: 403")
    a.get("/login")
    r = a.post("/login", {"login": "admin", "password": "x", "csrf_token": "f" * 32})
    t.eq(r.status, 403, "login POST with a token that is not the cookie's: 403")
    b = s.client(origin=False)
    b.get("/login")
    r = b.post("/login", {"login": "admin", "password": "wrong-password"})
    t.eq(r.status, 401, "without Origin (old browsers, scripts) the token suffices")
t.done()
