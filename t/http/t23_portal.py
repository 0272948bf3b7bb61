#!/usr/bin/env python3
"""Who may see what (DESIGN.md section 5), route by route: every portal,
download and file route, and the staff pages of an order's videos, for
staff, the order's user, client and live accounts, no session, and an
account whose period ended, each on its own order's data and on another
order's.  No id in a URL opens another order's data; what is refused is
left as it was.  Then what each kind of account sees on the portal."""
import os
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import reserve, media_add, set_password, account, media_path, PASSWORDS

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    staff = s.client()
    staff.login_admin()
    A = new_order(staff, ids["Acme Études"], contact_id=ids["Durand"], study_ref="ETU-OWN")
    B = new_order(staff, ids["Zeta Conseil"], study_ref="ETU-OTHER")
    X = new_order(staff, ids["Acme Études"], study_ref="ETU-EXPIRED")
    orders = {"A": A, "B": B, "X": X}
    day = {"A": "2030-03-11", "B": "2030-03-12", "X": "2030-03-13"}
    res = {k: reserve(s, o, ids["Salle 1"], "now() - interval '1 hour'" if k == "A" else day[k] + " 10:00",
                      "now() + interval '1 hour'" if k == "A" else day[k] + " 12:00", ids["Journée"], live=True)
           for k, o in orders.items()}
    s.psql("INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, live) VALUES "
           "(%s, %s, '2030-04-01 10:00+02', '2030-04-01 12:00+02', %s, true)" % (A, ids["Salle 2"], ids["Journée"]))
    n = [0]

    def new_rec(k):
        n[0] += 1
        data = ("video %s %d " % (k, n[0])).encode() * 1000
        rec, media = media_add(s, res[k], [("mp4", data), ("mp3", data[:5000])])
        return rec, media[0], data

    def new_file(k):
        n[0] += 1
        fid, path = s.psql("INSERT INTO order_files (order_id, name, bytes, content_type, uploaded_by) "
                           "VALUES (%s, 'doc %d.pdf', %d, 'application/pdf', 'admin') RETURNING id, path"
                           % (orders[k], n[0], len(PDF)))[0]
        os.makedirs(os.path.dirname(media_path(s, path)), exist_ok=True)
        with open(media_path(s, path), "wb") as f:
            f.write(PDF)
        return fid

    for kind in ("user", "client", "live"):
        set_password(s, kind[0].upper() + A, PASSWORDS[kind])
    set_password(s, "U" + X, PASSWORDS["user"])
    actors = {
        "staff": (staff, "A"),
        "user": (account(s, "U" + A, PASSWORDS["user"]), "A"),
        "client": (account(s, "C" + A, PASSWORDS["client"]), "A"),
        "live": (account(s, "L" + A, PASSWORDS["live"]), "A"),
        "none": (s.client(), "A"),
        "expired": (account(s, "U" + X, PASSWORDS["user"]), "X"),
    }
    actors["none"][0].get("/login")
    s.psql("UPDATE order_accounts SET valid_until = now() - interval '1 second' WHERE login = 'U%s'" % X)

    recs = {k: new_rec(k) for k in ("A", "B", "X")}
    files = {k: new_file(k) for k in ("A", "B", "X")}

    # Expected status for (route, actor, own?): anything not listed is as
    # for "none" (303 to the login page for GET, 403 for POST).
    ANON_GET, ANON_POST = 303, 403
    rules = {
        "GET /portal": {"staff": (303, 303), "user": (200, 200), "client": (200, 200), "live": (200, 200)},
        "GET /portal/files": {"staff": (403, 403), "user": (200, 200), "client": (200, 200), "live": (403, 403)},
        "GET /portal/test": {"staff": (200, 200), "user": (200, 200), "client": (200, 200), "live": (200, 200)},
        "GET /portal/test/speed": {"staff": (200, 200), "user": (200, 200), "client": (200, 200), "live": (200, 200)},
        "GET /portal/live/{res}": {"staff": (200, 200), "user": (200, 404), "client": (200, 404), "live": (200, 404)},
        "GET /portal/watch/{rec}": {"staff": (200, 200), "user": (200, 404), "client": (200, 404), "live": (403, 403)},
        "GET /download/{media}": {"staff": (200, 200), "user": (200, 404), "client": (200, 404), "live": (403, 403)},
        "GET /files/{file}": {"staff": (200, 200), "user": (200, 404), "client": (200, 404), "live": (403, 403)},
        "POST /portal/files": {"staff": (403, 403), "user": (303, 303), "client": (303, 303), "live": (403, 403)},
        "POST /files/{file}/delete": {"staff": (303, 303), "user": (303, 404), "client": (303, 404), "live": (403, 403)},
        "POST /recordings/{rec}/delete": {"staff": (303, 303), "user": (303, 404), "client": (403, 403), "live": (403, 403)},
        "GET /videos": {"staff": (200, 200), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
        "GET /orders/{order}/videos": {"staff": (200, 200), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
        "GET /orders/{order}/files": {"staff": (200, 200), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
        "POST /orders/{order}/files": {"staff": (303, 303), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
        "GET /orders/{order}/access": {"staff": (200, 200), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
        "GET /recordings/{rec}/edit": {"staff": (200, 200), "user": (403, 403), "client": (403, 403), "live": (403, 403)},
    }

    for route, rule in rules.items():
        method, pattern = route.split(" ", 1)
        for actor, (c, own) in actors.items():
            for which in ("own", "other"):
                if "{" not in pattern and which == "other":
                    continue
                k = own if which == "own" else "B"
                want = rule.get(actor, (ANON_GET, ANON_GET) if method == "GET" else (ANON_POST, ANON_POST))
                want = want[0 if which == "own" else 1]
                # Fresh things for what a request may delete.
                rec, media, data = new_rec(k) if "delete" in pattern and "{rec}" in pattern else recs[k]
                fid = new_file(k) if "delete" in pattern and "{file}" in pattern else files[k]
                path = (pattern.replace("{res}", str(res[k])).replace("{rec}", str(rec))
                        .replace("{media}", str(media)).replace("{file}", str(fid))
                        .replace("{order}", str(orders[k])))
                name = "%s %s as %s (%s order)" % (method, path, actor, which)
                if method == "GET":
                    r = c.get(path)
                elif pattern == "/portal/files" or pattern.endswith("/files"):
                    r = c.post_multipart(path, {}, {"file": ("matrix.pdf", PDF, "application/pdf")})
                else:
                    r = c.post(path, {})
                got = r.status
                if (method == "POST" and pattern.endswith("/files") and got == 303 and
                        ("refused=denied" in r.location or r.location.startswith("/login?next="))):
                    # Refused before nginx read the body (issue 13): the
                    # browser is sent to the form or the login page.
                    got = 403
                t.eq(got, want, name)
                if r.status == 303 and want == 303 and method == "GET" and actor in ("none", "expired"):
                    t.ok(r.location.startswith("/login?next="), name + ": to the login page", r.location)
                if want in (403, 404) or (want == 303 and method == "GET" and actor != "staff"):
                    t.ok(data not in r.raw and PDF not in r.raw, name + ": no data leaks")
                if "delete" in pattern:
                    gone = (s.scalar("SELECT count(*) FROM recordings WHERE id = %s" % rec) == "0"
                            if "{rec}" in pattern else
                            s.scalar("SELECT count(*) FROM order_files WHERE id = %s" % fid) == "0")
                    t.eq(gone, want == 303, name + (": deleted" if want == 303 else ": left as it was"))
                if want == 200 and "/download/" in path:
                    t.ok(r.raw == data, name + ": the bytes")
                if want == 200 and path.startswith("/files/"):
                    t.ok(r.raw == PDF, name + ": the file")
                if method == "POST" and pattern.endswith("/files"):
                    t.eq(s.scalar("SELECT count(*) FROM order_files WHERE name = 'matrix.pdf' AND order_id = %s"
                                  % (orders[k] if actor == "staff" else orders[own])),
                         "1" if want == 303 else "0", name + (": stored" if want == 303 else ": nothing stored"))
                    s.psql("DELETE FROM order_files WHERE name = 'matrix.pdf'")

    # An id smuggled in a parameter changes nothing: the order is the session's.
    user = actors["user"][0]
    r = user.get("/portal?order=%s" % B)
    t.lacks(r.text, "ETU-OTHER", "?order= of another order: still the account's own order")
    r = user.post_multipart("/portal/files", {"order_id": B}, {"file": ("smuggled.pdf", PDF, "application/pdf")})
    t.eq(s.scalar("SELECT order_id FROM order_files WHERE name = 'smuggled.pdf'"), A,
         "an upload with order_id= of another order lands in the account's own order")

    # What each account sees.
    rA, mA, _ = recs["A"]
    r = actors["user"][0].get("/portal")
    t.contains(r.text, "Vidéos et Lives", "portal tab: Videos and Lives")
    t.contains(r.text, 'href="/portal/files"', "tab Files")
    t.contains(r.text, 'href="/portal/test"', "tab Video test")
    t.contains(r.text, "Bienvenue", "the welcome text")
    t.contains(r.text, 'id="clock"', "a clock")
    t.contains(r.text, 'action="/logout"', "logout")
    t.contains(r.text, 'href="/lang/en', "the fr/en switch")
    t.contains(r.text, "ETU-OWN", "its own order")
    t.lacks(r.text, "ETU-OTHER", "never another's")
    t.contains(r.text, 'href="/download/%s"' % mA, "download links")
    t.contains(r.text, 'href="/portal/watch/%s"' % rA, "watch online")
    t.contains(r.text, 'formaction="/recordings/%s/delete"' % rA, "the user account may delete")
    t.contains(r.text, '<form id="recdel" method="post"', "(through a form that carries the token)")
    t.contains(r.text, 'href="/portal/live/%s"' % res["A"], "the live session running now links to its page")
    t.contains(r.text, "Pas de live en cours", "the others say no live in progress")
    t.lacks(r.text, 'href="/companies"', "no back-office menu")
    r = actors["client"][0].get("/portal")
    t.contains(r.text, 'href="/download/%s"' % mA, "the client account sees the recordings")
    t.lacks(r.text, "/delete", "but may not delete them")
    r = actors["live"][0].get("/portal")
    t.contains(r.text, 'href="/portal/live/%s"' % res["A"], "the live account sees the live sessions")
    t.lacks(r.text, "/download/", "and no recording")
    t.lacks(r.text, 'href="/portal/files"', "nor the Files tab")
    r = actors["user"][0].get("/portal/watch/%s" % rA)
    t.contains(r.text, '<video id="player"', "watching: an HTML5 video player")
    t.contains(r.text, 'src="/download/%s?mode=watch"' % mA, "streaming the MP4")
    t.contains(r.text, "<audio", "and the MP3 in an audio player")
    t.contains(r.text, 'data-channel="trad"', "with the room / translation buttons")
    r = actors["live"][0].get("/portal/live/%s" % res["A"])
    t.contains(r.text, 'data-hls="/hls/r%s/index.m3u8"' % res["A"],
               "the live page has its player (t40, t41 and t/browser/live.py test it)")
    r = actors["client"][0].get("/portal/test")
    t.contains(r.text, "/static/test/clip.mp4", "the video test plays a test clip")
    t.contains(r.text, 'data-need="3.2"', "measures against 3.2 Mbit/s")
    t.contains(r.text, "800x600", "and lists the minimum requirements")
    r = actors["client"][0].get("/portal/test/speed")
    t.eq((len(r.raw), r.header("Cache-Control")), (2 * 1024 * 1024, "no-store"),
         "the speed test downloads 2 MB, never cached")
    for path in ("/static/test/clip.mp4", "/static/test/clip.webm"):
        r = s.client().get(path, headers={"Range": "bytes=0-99"})
        t.eq((r.status, len(r.raw)), (206, 100), path + " is served with ranges")
    # The page is kept per worker: it follows the data all the same.
    u = actors["user"][0]
    u.get("/portal")
    u.get("/portal")
    rN, mN, _ = new_rec("A")
    t.contains(u.get("/portal").text, 'href="/download/%s"' % mN, "a new recording shows at once")
    s.psql("UPDATE media_files SET on_central = false WHERE id = %s" % mN)
    t.lacks(u.get("/portal").text, 'href="/download/%s"' % mN, "a file no longer on the server goes at once")
    later = s.scalar("SELECT id FROM reservations WHERE order_id = %s AND starts_at > now() + interval '1 day'" % A)
    t.lacks(u.get("/portal").text, 'href="/portal/live/%s"' % later, "a live session to come has no link")
    s.psql("UPDATE reservations SET starts_at = now() + interval '10 minutes', ends_at = now() + interval '2 hours' "
           "WHERE id = %s" % later)
    t.contains(u.get("/portal").text, 'href="/portal/live/%s"' % later,
               "15 minutes before it starts, it has (the page follows the clock too)")
    r = actors["user"][0].get("/lang/en?next=/portal")
    r = actors["user"][0].get("/portal")
    t.contains(r.text, "Videos and Lives", "in English after the switch")
    t.contains(r.text, "Watch the live", "all of it")
t.done()
