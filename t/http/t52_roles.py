#!/usr/bin/env python3
"""The whole route table against a running focusd: every route, for every
kind of caller (anonymous, staff of each role: admin, staff, accountant;
each kind of order account: user, client, live), answers as the table
says (`focusd --routes`): refused callers get 403 (anonymous: the login
page), allowed ones reach the route (a POST without its CSRF token then
stops at the CSRF check, so nothing is written).

Issue 13 replays: today no route requires a staff role, so an accountant
rotates box tokens, resets an order account's password and changes the
configuration; each is tried here with a valid CSRF token and fails, and
nothing changes.  The table itself is held to DESIGN.md section 8: admin
alone has boxes, configuration and the seller identity; the accountant
documents and exports; staff the daily work."""
import html
import os
import re
import subprocess
from fmtest import BUILD, SRC, Stack, TAP
from fmboxdata import setup, register_box
from fmportal import set_password, account, PASSWORDS

t = TAP()


def lang_texts(key):
    """L.<key> in both languages, as a page shows it (HTML-escaped): the
    table's walk passes /lang/en, which switches the caller's language."""
    out = []
    for lang in ("fr", "en"):
        with open(os.path.join(SRC, "templates", "lang", lang + ".hdf"),
                  encoding="utf-8") as f:
            for line in f:
                k, _, v = line.strip().partition(" = ")
                if k == key:
                    out.append(html.escape(v, quote=True).replace("&#x27;", "&#39;"))
    return out


NOT_ALLOWED = lang_texts("error.not_allowed")
CSRF = lang_texts("error.csrf")


def says(text, messages):
    return any(m in text for m in messages)

routes = []
for line in subprocess.run([os.path.join(BUILD, "focusd"), "--routes"], text=True,
                           stdout=subprocess.PIPE, check=True).stdout.splitlines():
    method, pattern, access, flags = line.split("\t")
    routes.append((method, pattern, set(access.split("|")) - {""},
                   set(flags.split("|")) - {""}))
t.ok(len(routes) > 100, "focusd --routes lists the table (%d routes)" % len(routes))


def may(access, who):
    """The rule of the table (routes.h): admin may call any route of any
    staff role, each other role its own bit, accounts their kind."""
    if "anon" in access:
        return True
    if who == "admin":
        return bool(access & {"admin", "staff", "accountant"})
    return who in access


# -- the table is DESIGN.md section 8 -------------------------------------
def routes_of(prefix):
    return [r for r in routes if r[1] == prefix or r[1].startswith(prefix + "/")]


for m, p, a, f in routes_of("/config"):
    t.eq(a, {"admin"}, "%s %s: admin only" % (m, p))
for m, p, a, f in routes_of("/boxes"):
    want = {"admin"} if m == "POST" else {"staff"}
    if p in ("/boxes/{id}/outages",):
        want = {"staff"}  # staff declare outages (issue 17), admins set the report
    if p == "/boxes/report/settings":
        want = {"admin"}
    t.eq(a, want, "%s %s: %s" % (m, p, "admin only" if m == "POST" else "staff may look"))
for m, p, a, f in routes_of("/exports"):
    t.eq(a, {"accountant"}, "%s %s: the accountant's (and admin's)" % (m, p))
for m, p, a, f in routes_of("/documents") + [r for r in routes if r[1] == "/orders/{id}/documents"]:
    t.eq(a, {"staff", "accountant"}, "%s %s: staff and accountant" % (m, p))
anon = sorted("%s %s" % (m, p) for m, p, a, f in routes if "anon" in a)
# /metrics checks its caller itself: loopback or Metrics.Token (t62).
t.eq(anon, ["GET /", "GET /errors/413", "GET /healthz", "GET /lang/en", "GET /lang/fr",
            "GET /login", "GET /metrics", "POST /login"],
     "only sign-in, language, health and metrics (loopback or token) are public")
for m, p, a, f in routes:
    if m != "GET" and not a & {"box", "nginx"} and "nocsrf" in f:
        t.ok(False, "%s %s skips CSRF without being a box or nginx route" % (m, p))
for m, p, a, f in routes_of("/orders"):
    if "/accounts/" in p or p.endswith("/access") or "/access/" in p:
        t.ok("accountant" not in a, "%s %s: not the accountant's" % (m, p))

with Stack(t) as s:
    room1, room2, order, tariff = setup(s)
    admin = s.client()
    admin.login_admin()
    st, token, _ = register_box(admin, room1, "Boîtier rôles")
    t.eq(st, 201, "a box registered by admin")
    box = s.scalar("SELECT id FROM boxes")

    clients = {"anonymous": s.client(), "admin": admin}
    for role in ("staff", "accountant"):
        pw = "%s-Pa55word-x" % role
        r = s.admin("user", "add", role, "--name", role.title(), "--role", role,
                    stdin=pw + "\n")
        t.ok(r.returncode == 0, "staff user of role %s" % role, r.stderr)
        c = s.client()
        r = c.login(role, pw)
        t.eq(r.status, 303, "%s logs in" % role)
        home = r.location
        c.get(home)
        clients[role] = c
        if role == "accountant":
            t.eq(home, "/documents", "the accountant lands on the documents")
            page = c.get("/documents").text
            t.lacks(page, 'href="/config"', "its menu has no configuration")
            t.lacks(page, 'href="/boxes"', "nor boxes")
            t.contains(page, 'href="/exports"', "but the exports")
        else:
            t.eq(home, "/companies", "staff land on the companies")
            page = c.get("/boxes").text
            t.lacks(page, 'action="/boxes"', "staff see the boxes, without the register form")
            t.lacks(page, "/token", "nor the token button")
    for kind in ("user", "client", "live"):
        login = "%s%s" % (kind[0].upper(), order)
        set_password(s, login, PASSWORDS[kind])
        clients[kind] = account(s, login, PASSWORDS[kind])

    # -- every route, every caller -----------------------------------------
    mismatches = []
    checked = 0
    for method, pattern, access, flags in routes:
        path = pattern.replace("{id}", "999999999")
        for who, c in clients.items():
            if method == "GET":
                r = c.get(path)
            else:
                r = c.post(path, {}, csrf=False)
            checked += 1
            if "nginx" in access:
                # nginx's own routes: only its internal locations reach them.
                ok, want = r.status == 404, "404 (nginx's own)"
            elif "box" in access:
                ok, want = r.status == 401, "401 (box token only)"
            else:
                refused_page = r.status == 403 and says(r.text, NOT_ALLOWED)
                to_login = r.status == 303 and (r.location or "").startswith("/login?next=")
                # a body refused before nginx reads it (routes that take files)
                refused_early = r.status == 303 and "refused=denied" in (r.location or "")
                refused = refused_page or to_login or refused_early
                if may(access, "anonymous" if who == "anonymous" else who):
                    ok, want = not refused, "allowed"
                    if ok and method != "GET":
                        ok = r.status == 403 and says(r.text, CSRF)
                        want = "allowed, then stopped by the CSRF check"
                else:
                    ok, want = refused, "refused"
                    if who == "anonymous" and method == "GET":
                        ok, want = to_login, "refused: to the login page"
            if not ok:
                mismatches.append("%s %s as %s: %s, got %d %s" % (
                    method, path, who, want, r.status, r.location or ""))
    t.ok(not mismatches, "%d requests: every route answers every caller as the table says"
         % checked, "\n".join(mismatches[:60]))
    t.ok(checked >= len(routes) * 7, "every route was tried by the 7 kinds of caller")

    # -- the attacks of the issue, with a valid CSRF token ----------------------
    acct = clients["accountant"]
    hash0 = s.scalar("SELECT encode(token_hash, 'hex') FROM boxes WHERE id = %s" % box)
    r = acct.post("/boxes/%s/token" % box)
    t.eq(r.status, 403, "the accountant cannot rotate a box token")
    t.eq(s.scalar("SELECT encode(token_hash, 'hex') FROM boxes WHERE id = %s" % box), hash0,
         "the box keeps its token")
    r = acct.post("/boxes/%s/deactivate" % box)
    t.eq(r.status, 403, "nor deactivate a box")
    acc = s.scalar("SELECT id FROM order_accounts WHERE order_id = %s AND kind = 'user'" % order)
    pw0 = s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % acc)
    r = acct.post("/orders/%s/accounts/%s/password" % (order, acc))
    t.eq(r.status, 403, "the accountant cannot reset an order account's password")
    t.eq(s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % acc), pw0,
         "the password is unchanged")
    n0 = s.scalar("SELECT count(*) FROM sites")
    r = acct.post("/config/sites", {"name": "Site pirate"})
    t.eq(r.status, 403, "the accountant cannot change the configuration")
    t.eq(s.scalar("SELECT count(*) FROM sites"), n0, "no site added")
    r = acct.post("/config/seller", {"name": "Pirate SARL"})
    t.eq(r.status, 403, "nor the seller identity")
    r = clients["staff"].post("/boxes/%s/token" % box)
    t.eq(r.status, 403, "staff cannot rotate a box token either")
    r = clients["staff"].post("/config/sites", {"name": "Site pirate"})
    t.eq(r.status, 403, "nor change the configuration")
    t.eq(clients["staff"].get("/exports").status, 403, "nor export the accounts")
    r = acct.get("/exports")
    t.eq(r.status, 200, "the accountant exports")
    r = admin.post("/boxes/%s/token" % box)
    t.eq(r.status, 200, "admin still rotates the token")
t.done()
