#!/usr/bin/env python3
"""Staff login: success, failure, throttling, expiry, logout, redirects."""
import re
from fmtest import ADMIN_PASSWORD, Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    r = c.get("/login")
    for field in ("login", "password", "csrf_token"):
        t.ok('name="%s"' % field in r.text, "login form has field " + field)

    r = c.login("admin", ADMIN_PASSWORD)
    t.eq(r.status, 303, "good credentials: 303")
    t.eq(r.location, "/companies", "... to the companies list")
    cookie = [v for v in r.headers_named("Set-Cookie") if v.startswith("fm_session=")]
    t.eq(len(cookie), 1, "a session cookie is set")
    cookie = cookie[0] if cookie else ""
    t.ok(re.match(r"fm_session=[0-9a-f]{64};", cookie), "256 random bits in hex", cookie)
    t.contains(cookie, "HttpOnly", "cookie is HttpOnly")
    t.contains(cookie, "SameSite=Lax", "cookie is SameSite=Lax")
    t.lacks(cookie, "Secure", "no Secure flag over plain HTTP")
    token = c.cookies["fm_session"]
    t.eq(s.scalar("SELECT count(*) FROM sessions WHERE token_hash = sha256(decode('%s', 'hex'))" % token),
         "1", "the database keeps the token's hash")
    t.eq(s.scalar("SELECT count(*) FROM sessions WHERE encode(token_hash, 'hex') = '%s'" % token),
         "0", "... and never the token itself")
    r = c.get("/companies")
    t.eq(r.status, 200, "logged in: companies list")
    t.contains(r.text, "Admin Test", "the page names the user")
    t.contains(r.text, 'action="/logout"', "and offers to log out")

    hashes = s.scalar("SELECT password_hash FROM staff_users WHERE login = 'admin'")
    t.ok(hashes.startswith("$y$"), "password stored as a yescrypt hash")
    t.lacks(s.focusd_log(), ADMIN_PASSWORD, "password never in the log")

    # Logout ends the session on the server too.
    r = c.post("/logout")
    t.eq(r.status, 303, "logout: 303")
    t.eq(r.location, "/login", "... to the login page")
    t.ok("fm_session" not in c.cookies, "the cookie is cleared")
    t.eq(s.scalar("SELECT count(*) FROM sessions"), "0", "the session row is gone")
    old = s.client()
    old.cookies["fm_session"] = token
    t.eq(old.get("/companies").status, 303, "the old cookie no longer works")
    t.contains(c.get("/login").text, "Vous êtes déconnecté", "a notice says so")

    # Wrong password, unknown login: same answer, nothing set.
    for login, pw, what in (("admin", "wrong-password", "wrong password"),
                            ("nobody", "whatever-pass", "unknown login")):
        d = s.client()
        r = d.login(login, pw)
        t.eq(r.status, 401, what + ": 401")
        t.contains(r.text, "Identifiant ou mot de passe incorrect", what + ": clear message")
        t.contains(r.text, 'value="%s"' % login, what + ": the login typed is kept")
        t.lacks(r.text, pw, what + ": the password is not echoed")
        t.ok("fm_session" not in d.cookies, what + ": no session")

    r = s.client().login("ADMIN", ADMIN_PASSWORD)
    t.eq(r.status, 303, "logins are case-insensitive")

    # Throttling: 5 failures in 15 minutes lock the login from that address.
    s.psql("DELETE FROM login_attempts")
    d = s.client()
    for i in range(5):
        r = d.login("admin", "bad-%d-password" % i)
    t.eq(r.status, 401, "5th failure still answered 401")
    r = d.login("admin", ADMIN_PASSWORD)
    t.eq(r.status, 429, "6th attempt refused, even with the right password")
    t.contains(r.text, "Trop de tentatives", "with a clear message")
    t.ok(re.search(r"Réessayez dans 1[45] minute", r.text), "saying how long to wait", r.text[-1500:])
    t.ok(int(r.header("Retry-After") or 0) >= 60, "and a Retry-After header")
    t.eq(s.scalar("SELECT string_agg(outcome, ',' ORDER BY id) FROM login_attempts WHERE login = 'admin'"),
         "failure,failure,failure,failure,failure,throttled", "every attempt is logged")
    t.eq(s.client().login("other", "x-password").status, 401, "other logins are not locked")
    # Issue 13: the throttle was per login only, so five wrong passwords
    # every 15 minutes from anywhere kept "admin" out for good.  It is per
    # (login, address) now: the real admin, from another address, logs in.
    real = s.client(source="127.0.0.2")
    r = real.login("admin", ADMIN_PASSWORD)
    t.eq(r.status, 303, "a stranger's failures do not lock the user out from another address")
    t.eq(s.scalar("SELECT count(*) FROM login_attempts WHERE login = 'admin' AND"
                  " ip = '127.0.0.2' AND outcome = 'success'"), "1",
         "the address is recorded with the attempt")
    r = d.login("admin", ADMIN_PASSWORD)
    t.eq(r.status, 429, "the stranger's address stays throttled for that login")
    # focusd takes the address nginx saw, never a header the client sent.
    forged = s.client()
    forged.get("/login")
    r = forged.post("/login", {"login": "admin", "password": ADMIN_PASSWORD},
                    headers={"X-Forwarded-For": "127.0.0.2", "X-Real-IP": "127.0.0.2"})
    t.eq(r.status, 429, "X-Forwarded-For does not move the throttle to another address")
    s.psql("UPDATE login_attempts SET at = at - interval '16 minutes'")
    t.eq(d.login("admin", ADMIN_PASSWORD).status, 303, "after 15 minutes the login works again")

    # Per address, whatever the login: 20 failures from one address stop
    # it from guessing other logins' passwords too, with a clear message.
    s.psql("DELETE FROM login_attempts")
    spray = s.client(source="127.0.0.3")
    for i in range(20):
        spray.login("user%d" % i, "wrong-password-%d" % i)
    r = spray.login("admin", ADMIN_PASSWORD)
    t.eq(r.status, 429, "20 failures of various logins from one address: the address is throttled")
    t.contains(r.text, "Trop de tentatives depuis votre adresse", "saying so")
    t.eq(s.client(source="127.0.0.4").login("admin", ADMIN_PASSWORD).status, 303,
         "other addresses are not")
    t.ok("Trop de tentatives" in s.focusd_log() or "throttled" in s.focusd_log(),
         "throttling is logged by focusd")

    # Session expiry: idle and absolute.
    e = s.client()
    e.login_admin()
    s.psql("UPDATE sessions SET last_seen = now() - interval '3 hours'")
    r = e.get("/companies")
    t.eq(r.status, 303, "idle session expired: back to login")
    e.login_admin()
    s.psql("UPDATE sessions SET expires_at = now() - interval '1 second'")
    t.eq(e.get("/companies").status, 303, "absolute expiry: back to login")
    e.login_admin()
    s.psql("UPDATE sessions SET last_seen = now() - interval '10 minutes'")
    t.eq(e.get("/companies").status, 200, "an active session stays valid")
    t.eq(s.scalar("SELECT count(*) FROM sessions WHERE last_seen > now() - interval '1 minute'"),
         "1", "... and its last use is recorded")

    # The next parameter, and no open redirect.
    f = s.client()
    r = f.get("/companies?letter=B")
    t.eq(r.location, "/login?next=%2Fcompanies%3Fletter%3DB", "target kept with its query")
    f.get(r.location)
    r = f.post("/login", {"login": "admin", "password": ADMIN_PASSWORD,
                          "next": "/companies?letter=B"})
    t.eq(r.location, "/companies?letter=B", "login goes back to the target")
    g = s.client()
    g.get("/login")
    r = g.post("/login", {"login": "admin", "password": ADMIN_PASSWORD, "next": "//evil.example/x"})
    t.eq(r.location, "/companies", "a foreign next is ignored")

    # A disabled account cannot log in, and its sessions end.
    h = s.client()
    h.login_admin()
    p = s.admin("user", "disable", "admin")
    t.eq(p.returncode, 0, "fm-admin user disable")
    t.eq(h.get("/companies").status, 303, "the disabled user's session ended")
    t.eq(s.client().login("admin", ADMIN_PASSWORD).status, 401, "and it cannot log in")
    s.admin("user", "enable", "admin")
    t.eq(s.client().login("admin", ADMIN_PASSWORD).status, 303, "enabled again: login works")
t.done()
