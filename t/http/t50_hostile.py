#!/usr/bin/env python3
"""Hostile request bodies, before anyone logs in (issue 13).

Replays: a POST whose urlencoded body repeats one field name tens of
thousands of times held a worker for seconds while ClearSilver parsed it
(quadratic), before any session or CSRF check; four such requests stopped
the site.  Now nginx takes at most 256 KB on a form route, focusd counts
the fields as the body streams (1000 at most) and refuses before parsing,
only the routes that take files accept big multipart bodies, and only
after focusd said the session may send them (nginx's auth_request: a
stranger's body is never read); a request still running past its
deadline has its worker killed and replaced, logged with its route and
client, while the other workers keep serving.  A real 20 MB upload by a
portal account still works."""
import os
import subprocess
import threading
import time
import urllib.parse
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import set_password, account, PASSWORDS

t = TAP()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def timed(fn, *args):
    t0 = time.time()
    r = fn(*args)
    return r, time.time() - t0


with Stack(t, conf_extra="Limits.MaxBodyMB = 25\nServer.RequestTimeout = 3",
           nginx_max_body="25m") as s:
    # -- field bombs: refused in milliseconds, the site answers meanwhile ------
    bomb = b"a=&" * 200000          # 600 KB: over nginx's limit for forms
    small_bomb = b"a=&" * 80000     # 240 KB: under it, 80,000 fields
    results = {}

    def hostile(name, body):
        c = s.client()
        results[name] = timed(c.request, "POST", "/login", body,
                              {"Content-Type": "application/x-www-form-urlencoded"})

    threads = [threading.Thread(target=hostile, args=("a", bomb)),
               threading.Thread(target=hostile, args=("b", bomb)),
               threading.Thread(target=hostile, args=("c", small_bomb)),
               threading.Thread(target=hostile, args=("d", small_bomb))]
    for th in threads:
        th.start()
    health, health_s = timed(s.client().get, "/healthz")
    for th in threads:
        th.join(60)
    for name, what in (("a", "600 KB"), ("b", "600 KB (in parallel)"),
                       ("c", "240 KB of 80,000 fields"), ("d", "the same, in parallel")):
        r, secs = results[name]
        t.ok(r.status == 413 and secs < 1.0,
             "a hostile body of %s: refused (413) in %.3f s" % (what, secs),
             "status %d" % r.status)
    t.contains(results["a"][0].text, "Ko au plus pour un formulaire", "nginx's 413: focusd's page")
    t.contains(results["c"][0].text, "trop de champs (1000 au plus)",
               "focusd's 413 for too many fields says so")
    t.ok(health.status == 200 and health_s < 1.0,
         "/healthz answers meanwhile (%.3f s)" % health_s)
    log = s.focusd_log()
    t.contains(log, "body of more than 1000 fields refused (from 127.0.0.1)",
               "the refusal is logged with the client")

    # A multipart body of thousands of tiny parts, on a form route.
    boundary = "b0undary"
    part = ("--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n" % boundary).encode()
    body = part * 4000 + ("--%s--\r\n" % boundary).encode()
    r, secs = timed(s.client().request, "POST", "/login", body,
                    {"Content-Type": "multipart/form-data; boundary=" + boundary})
    t.ok(r.status == 413 and secs < 1.0,
         "4000 multipart parts on /login: refused in %.3f s" % secs, "status %d" % r.status)

    # Fields within the cap still work (a login with its few fields).
    c = s.client()
    c.login_admin()
    t.eq(c.get("/companies").status, 200, "an ordinary form POST still works")
    r = c.post("/companies", [("name", "Acme")] + [("x%d" % i, "") for i in range(990)])
    t.ok(r.status in (303, 422), "990 fields: parsed and handled (%d)" % r.status)
    r = c.post("/companies", [("name", "Acme")] + [("x%d" % i, "") for i in range(1100)])
    t.eq(r.status, 413, "1101 fields: refused")

    # -- the routes that take files: session first, body after ---------------
    ids = catalogue(s)
    o = new_order(c, ids["Acme Études"], study_ref="HOSTILE")
    set_password(s, "C" + o, PASSWORDS["client"])
    set_password(s, "L" + o, PASSWORDS["live"])
    client = account(s, "C" + o, PASSWORDS["client"])
    live = account(s, "L" + o, PASSWORDS["live"])
    body_dir = os.path.join(s.state, "nginx", "body")

    head = ("POST /portal/files HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            "Content-Length: 20000000\r\n%s\r\n")
    data, secs = s.raw(head % (s.port, ""))
    t.ok(data is not None and data.startswith(b"HTTP/1.1 303") and secs < 1.0,
         "a stranger's 20 MB upload: answered before one byte of its body (%.3f s)" % secs,
         repr(data))
    t.ok(data and b"Location: /login?next=/portal/files" in data, "sent to the login page")
    cookie = "Cookie: fm_session=%s\r\n" % live.cookies["fm_session"]
    data, secs = s.raw(head % (s.port, cookie))
    t.ok(data is not None and b"refused=denied" in data and secs < 1.0,
         "a live account (no files): refused before its body too (%.3f s)" % secs, repr(data))
    t.eq(os.listdir(body_dir) if os.path.isdir(body_dir) else [], [],
         "nginx wrote none of those bodies")

    # A real 20 MB file by the order's client account.
    big = PDF + b"0" * (20 * 1024 * 1024 - len(PDF))
    r, secs = timed(client.post_multipart, "/portal/files", {},
                    {"file": ("rapport.pdf", big, "application/pdf")})
    t.eq((r.status, r.location), (303, "/portal/files"),
         "a legitimate 20 MB upload by a portal account works (%.1f s)" % secs)
    t.eq(s.scalar("SELECT bytes FROM order_files WHERE name = 'rapport.pdf'"), str(len(big)),
         "stored whole")

    # Parts past the cap in a big multipart body of a logged-in uploader.
    body = part * 50000 + ("--%s--\r\n" % boundary).encode()
    r, secs = timed(client.request, "POST", "/portal/files", body,
                    {"Content-Type": "multipart/form-data; boundary=" + boundary})
    t.ok(r.status == 413 and secs < 2.0,
         "50,000 parts in an upload body: refused in %.3f s" % secs, "status %d" % r.status)

    # -- a request past its deadline --------------------------------------------
    # A lock held elsewhere makes every session lookup wait: the worker
    # serving it is killed after Server.RequestTimeout (3 s here) and
    # replaced; the other worker goes on serving.
    master, workers = s.focusd_pids()
    locker = subprocess.Popen(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=s.env())
    locker.stdin.write("BEGIN; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE; SELECT 'locked';\n")
    locker.stdin.flush()
    t.eq(locker.stdout.readline().strip(), "locked", "a lock on the sessions table")
    stuck = {}

    def stuck_request():
        stuck["r"] = timed(c.get, "/companies?stuck=1")

    th = threading.Thread(target=stuck_request)
    th.start()
    time.sleep(0.5)
    health, health_s = timed(s.client().get, "/healthz")
    t.ok(health.status == 200, "/healthz answers while a worker is stuck (%.3f s)" % health_s)
    th.join(30)
    r, secs = stuck["r"]
    t.ok(r.status == 502 and 2.5 <= secs < 8, "the stuck request ends after its deadline "
         "(%d after %.1f s)" % (r.status, secs))
    locker.stdin.write("ROLLBACK;\n")
    locker.stdin.close()
    locker.wait(10)
    deadline = time.time() + 10
    while time.time() < deadline:
        _, now_workers = s.focusd_pids()
        if len(now_workers) == len(workers) and now_workers != workers:
            break
        time.sleep(0.2)
    t.ok(len(now_workers) == len(workers) and set(now_workers) != set(workers),
         "the stuck worker was replaced (%s -> %s)" % (workers, now_workers))
    log = s.focusd_log()
    t.ok("GET /companies (route /companies) from 127.0.0.1 still running" in log
         and "past its deadline: killed" in log,
         "the master logged the request's route and client", log[-1500:])
    t.eq(c.get("/companies").status, 200, "and the site serves again")
t.done()
