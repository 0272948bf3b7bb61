#!/usr/bin/env python3
"""Health check, routing, error pages, static files and response headers."""
from fmtest import Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    r = c.get("/healthz")
    t.eq(r.status, 200, "/healthz answers 200 with the database up")
    t.eq(r.text, "ok\n", "/healthz body")
    t.eq(r.headers_named("Set-Cookie"), [], "/healthz sets no cookie")

    r = c.get("/no/such/page")
    t.eq(r.status, 404, "unknown path: 404")
    t.contains(r.text, "Page introuvable", "404 page in French by default")
    t.contains(r.text, "<!DOCTYPE html>", "404 is a full page")

    r = c.get("/logout")
    t.eq(r.status, 405, "GET on a POST-only route: 405")
    t.eq(r.header("Allow"), "POST", "405 names the allowed method")

    r = c.get("/companies")
    t.eq(r.status, 303, "a staff page without a session redirects")
    t.eq(r.location, "/login?next=%2Fcompanies", "... to the login page, keeping the target")

    r = c.get("/login")
    t.eq(r.status, 200, "login page")
    for h, v in (("X-Content-Type-Options", "nosniff"),
                 ("X-Frame-Options", "DENY"),
                 ("Cache-Control", "no-store")):
        t.eq(r.header(h), v, "header " + h)
    t.contains(r.header("Content-Security-Policy") or "", "default-src 'self'",
               "a content security policy")
    t.eq(r.header("Content-Type"), "text/html; charset=utf-8", "HTML in UTF-8")

    r = c.get("/static/style.css")
    t.eq(r.status, 200, "static files are served by nginx")
    t.contains(r.header("Content-Type") or "", "text/css", "with their type")

    r = c.request("HEAD", "/login")
    t.eq(r.status, 200, "HEAD is answered like GET")
    t.eq(r.raw, b"", "without a body")

    r = c.get("/lang/en?next=%2Flogin")
    t.eq(r.status, 303, "language switch redirects")
    t.eq(r.location, "/login", "back to the page it came from")
    r = c.get("/login")
    t.contains(r.text, "Sign in", "the page is now in English")
    r = c.get("/lang/fr?next=https%3A%2F%2Fevil.example%2F")
    t.eq(r.location, "/", "the switch never redirects off site")
    t.contains(c.get("/login").text, "Se connecter", "and back in French")

    log = s.focusd_log()
    t.ok("GET /no/such/page 404" in log, "access log line: method, path, status",
         log[-2000:])
    t.ok("ms" in log.split("GET /healthz 200", 1)[-1].split("\n", 1)[0],
         "access log line carries the duration")
t.done()
