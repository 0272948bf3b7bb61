#!/usr/bin/env python3
"""Observers' notes over HTTP: the order's accounts (user, client, live)
and staff add notes at a moment (Unix milliseconds of the picture) on the
live page, or at an offset in a recording; they come to every viewer of
the order through the live poll (nseq cursor), edits and deletions too;
private notes reach their author and staff only; an author edits and
deletes only their own; another order's account sees none and reaches
nothing (404: notes, tags, lists, exports, the recording's notes); a live
account cannot take notes on a recording; the tag must be in the order's
list, which staff edit; a note taken on the live opens the recording at
the same second (the moment minus the recording's start); the list
filters by session, tag and words; CSV and XLSX exports with the columns
of the spec; CSRF on every POST."""
import csv
import io
import time
import zipfile
from fmtest import TAP, Stack
from fmorders import catalogue, new_order
from fmportal import reserve, set_password, account, media_add, PASSWORDS

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-NOTES")
    o2 = new_order(c, ids["Acme Études"], study_ref="ETU-AUTRE")
    live = reserve(s, o, ids["Salle 1"], "now() - interval '10 minutes'",
                   "now() + interval '1 hour'", ids["Journée"], live=True)
    other = reserve(s, o2, ids["Salle 2"], "now() - interval '10 minutes'",
                    "now() + interval '1 hour'", ids["Journée"], live=True)
    for k in ("user", "client", "live"):
        set_password(s, "%s%s" % (k[0].upper(), o), PASSWORDS[k])
    set_password(s, "U%s" % o2, PASSWORDS["user"])
    user = account(s, "U%s" % o, PASSWORDS["user"])
    client = account(s, "C%s" % o, PASSWORDS["client"])
    viewer = account(s, "L%s" % o, PASSWORDS["live"])
    stranger = account(s, "U%s" % o2, PASSWORDS["user"])
    add = "/portal/live/%s/notes" % live
    now_ms = int(float(s.scalar("SELECT extract(epoch FROM now())")) * 1000)

    def poll(who, nseq=0, resv=live):
        r = who.get("/portal/live/%s/poll?after=0&hseq=0&nseq=%d" % (resv, nseq))
        return r

    J = {"Accept": "application/json"}
    # Tags: the default list, and staff's own.
    p = poll(user)
    t.ok(p.status == 200 and p.json()["notes"] == [] and "Prix" in p.json()["tags"],
         "the poll brings the notes (none yet) and the default tags", p.text)
    t.ok("notes" not in user.get("/portal/live/%s/poll?after=0&hseq=0" % live).json(),
         "without nseq the chat's poll is as before")
    r = c.post("/orders/%s/note-tags" % o, {"tags": "Prix\nEmballage\n Citation \n\nPrix\nGoût"})
    t.eq(r.status, 303, "staff set the order's tags")
    t.eq(poll(user).json()["tags"], ["Prix", "Emballage", "Citation", "Goût"],
         "trimmed, without empty lines or repeats, in their order")
    r = c.post("/orders/%s/note-tags" % o, {"tags": "x" * 41}, headers=J)
    t.eq(r.status, 422, "a tag over 40 characters: refused")
    for who, name in ((user, "user"), (stranger, "another order's account")):
        r = who.post("/orders/%s/note-tags" % o, {"tags": "Pirate"})
        t.eq(r.status, 403, "%s cannot edit the tags" % name)
    t.eq(poll(user).json()["tags"][0], "Prix", "the list unchanged")

    # Adding notes.
    m1 = now_ms - 4000
    r = viewer.post(add, {"moment": str(m1), "tag": "Prix", "body": "Trop cher, dit P3",
                          "name": "Marie (Acme)"}, headers=J)
    t.ok(r.status == 200 and r.json()["ok"], "the live account notes a moment of the live", r.text)
    n1 = r.json()["id"]
    r = user.post(add, {"moment": str(m1 + 1500), "body": "<b>Emballage</b> & co", "private": "1"},
                  headers=J)
    t.ok(r.status == 200, "the user account adds a private note")
    n2 = r.json()["id"]
    r = client.post(add, {"moment": str(m1 + 3000), "tag": "Citation", "body": "« Je n'achèterais pas »"},
                    headers=J)
    t.eq(r.status, 200, "the client account adds one")
    n3 = r.json()["id"]
    r = c.post(add, {"moment": str(m1 + 500), "tag": "Goût", "body": "Note de l'équipe"}, headers=J)
    t.eq(r.status, 200, "staff add one")
    n4 = r.json()["id"]
    r = user.post(add, {"moment": str(m1), "tag": "Inconnue", "body": "x"}, headers=J)
    t.ok(r.status == 422 and "liste" in r.json()["error"], "a tag outside the list: refused", r.text)
    r = user.post(add, {"moment": str(m1 - 86400000 * 3), "body": "x"}, headers=J)
    t.eq(r.status, 422, "a moment days away from the session: refused")
    r = user.post(add, {"moment": "12e3", "body": "x"}, headers=J)
    t.eq(r.status, 422, "a malformed moment: refused")
    r = user.post(add, {"moment": str(m1), "body": "x" * 1001}, headers=J)
    t.eq(r.status, 422, "a text over 1000 characters: refused")
    r = user.post(add, {"moment": str(m1), "body": "x"}, csrf=False, headers=J)
    t.eq(r.status, 403, "no CSRF token: refused")
    t.eq(int(s.scalar("SELECT count(*) FROM notes")), 4, "nothing written when refused")

    # Who sees what, through the poll.
    def bodies(who, nseq=0):
        return {n["id"]: n for n in poll(who, nseq).json()["notes"] if not n["deleted"]}
    t.eq(sorted(bodies(client)), sorted([n1, n3, n4]), "another account of the order sees the shared notes")
    t.eq(sorted(bodies(user)), sorted([n1, n2, n3, n4]), "the author sees its private note")
    t.eq(sorted(bodies(c)), sorted([n1, n2, n3, n4]), "staff see every note")
    b = bodies(user)
    t.eq((b[n1]["moment"], b[n1]["tag"], b[n1]["author"], b[n1]["mine"]),
         (m1, "Prix", "Marie (Acme)", False), "a note's moment (ms), tag, author; not the user's own")
    t.ok(b[n2]["mine"] and b[n2]["private"] and b[n2]["body"] == "<b>Emballage</b> & co",
         "its own private note, text as given")
    t.lacks(poll(user).text, "<b>", "markup travels escaped in the JSON")
    top = poll(client).json()["nseq"]
    t.eq(poll(client, top).json()["notes"], [], "the cursor: nothing new")

    # Another order: nothing.
    t.eq(poll(stranger).status, 404, "another order's account: its poll of this live is 404")
    t.eq(stranger.post(add, {"moment": str(m1), "body": "x"}, headers=J).status, 404,
         "nor can it add a note there")
    t.eq(stranger.post("/notes/%s" % n1, {"body": "pirate"}, headers=J).status, 404,
         "nor edit a note of this order")
    t.eq(stranger.post("/notes/%s/delete" % n1, {}, headers=J).status, 404, "nor delete one")
    lst = stranger.get("/portal/notes")
    t.ok(lst.status == 200 and "Trop cher" not in lst.text, "its notes page lists none of them")
    t.lacks(stranger.get("/portal/notes.csv").text, "Trop cher", "nor its CSV")
    t.eq(stranger.get("/orders/%s/notes" % o).status, 403, "the staff page: 403")
    t.eq(poll(stranger, 0, other).json()["notes"], [], "its own live has no notes")

    # Editing and deleting: the author only.
    r = client.post("/notes/%s" % n1, {"body": "modifié"}, headers=J)
    t.eq(r.status, 404, "another account of the order cannot edit a note it did not write")
    r = c.post("/notes/%s/delete" % n1, {}, headers=J)
    t.eq(r.status, 404, "staff do not delete a sponsor's note either (their own only)")
    r = viewer.post("/notes/%s" % n1, {"body": "Trop cher, dit P3 (deux fois)", "tag": "Prix"}, headers=J)
    t.ok(r.status == 200 and r.json()["ok"], "its author edits it", r.text)
    r = viewer.post("/notes/%s" % n1, {"body": "x", "tag": "Pirate"}, headers=J)
    t.eq(r.status, 422, "not with a tag outside the list")
    news = poll(client, top).json()["notes"]
    t.ok(len(news) == 1 and news[0]["body"] == "Trop cher, dit P3 (deux fois)",
         "the edit reaches the others through the cursor", news)
    top = poll(client).json()["nseq"]
    r = client.post("/notes/%s/delete" % n3, {}, headers=J)
    t.eq(r.status, 200, "its author deletes a note")
    news = poll(client, top).json()["notes"]
    t.ok(len(news) == 1 and news[0]["id"] == n3 and news[0]["deleted"] and news[0]["body"] == "",
         "the deletion reaches the others as a tombstone, without its text", news)
    t.eq(client.post("/notes/%s" % n3, {"body": "x"}, headers=J).status, 404, "a deleted note is gone")
    top = poll(client).json()["nseq"]
    r = user.post("/notes/%s" % n2, {"body": "<b>Emballage</b> & co"}, headers=J)
    t.eq(r.status, 200, "the user makes its private note shared")
    news = poll(client, top).json()["notes"]
    t.ok(len(news) == 1 and news[0]["id"] == n2 and not news[0]["deleted"], "the others get it", news)
    top = poll(client).json()["nseq"]
    user.post("/notes/%s" % n2, {"body": "<b>Emballage</b> & co", "private": "1"}, headers=J)
    news = poll(client, top).json()["notes"]
    t.ok(len(news) == 1 and news[0]["deleted"] and news[0]["body"] == "",
         "private again: it leaves their screens", news)

    # The recording: a note of the live opens it at the same second.
    start = s.scalar("SELECT to_char((now() - interval '30 seconds') AT TIME ZONE 'Europe/Paris',"
                     " 'YYYY-MM-DD HH24:MI:SS')")
    end = s.scalar("SELECT to_char((now() + interval '20 minutes') AT TIME ZONE 'Europe/Paris',"
                   " 'YYYY-MM-DD HH24:MI:SS')")
    rec, media = media_add(s, live, [("mp4", b"\x00" * 2048)], "-s", start, "-e", end)
    rec_start_ms = int(float(s.scalar("SELECT extract(epoch FROM starts_at) * 1000 FROM recordings"
                                      " WHERE id = %s" % rec)))
    w = user.get("/portal/watch/%s/notes?nseq=0" % rec)
    t.ok(w.status == 200 and w.json()["start"] == rec_start_ms, "the recording's notes: its start", w.text)
    wn = {n["id"]: n for n in w.json()["notes"] if not n["deleted"]}
    t.ok(n1 in wn and wn[n1]["moment"] == m1, "the live's note is there, at its moment")
    csvtext = user.get("/portal/notes.csv").text
    want = "%.1f" % ((m1 - rec_start_ms) // 100 / 10)
    t.contains(csvtext, "/portal/watch/%s#t=%s" % (rec, want),
               "its link opens the recording at the moment minus the recording's start (%s s)" % want)
    r = user.post("/portal/watch/%s/notes" % rec, {"offset_ms": "12500", "tag": "Emballage",
                                                   "body": "Vu sur l'enregistrement"}, headers=J)
    t.eq(r.status, 200, "a note taken on the recording, at an offset")
    n5 = r.json()["id"]
    got = int(float(s.scalar("SELECT extract(epoch FROM moment) * 1000 FROM notes WHERE id = %s" % n5)))
    t.eq(got, rec_start_ms + 12500, "stored at the recording's start plus the offset")
    t.eq(viewer.get("/portal/watch/%s/notes" % rec).status, 403, "a live account: no recording notes")
    t.eq(viewer.post("/portal/watch/%s/notes" % rec, {"offset_ms": "1000", "body": "x"}, headers=J).status,
         403, "nor notes on a recording")
    t.eq(stranger.get("/portal/watch/%s/notes" % rec).status, 404, "another order's account: 404")
    t.eq(stranger.post("/portal/watch/%s/notes" % rec, {"offset_ms": "1000", "body": "x"}, headers=J).status,
         404, "nor can it note on it")

    # Lists and exports.
    page = client.get("/portal/notes")
    t.ok(page.status == 200 and "Trop cher, dit P3 (deux fois)" in page.text
         and "Vu sur l" in page.text, "the portal's notes page", page.text[:300])
    t.lacks(page.text, "<b>Emballage", "a private note of another account is not there, and text is escaped")
    t.contains(page.text, "/portal/watch/%s#t=%s" % (rec, want), "with the link to the moment")
    t.ok("Vu sur l" in client.get("/portal/notes?tag=Emballage").text
         and "Trop cher" not in client.get("/portal/notes?tag=Emballage").text, "filtered by tag")
    t.ok("Trop cher" in client.get("/portal/notes?q=trop+CHER").text
         and "Vu sur" not in client.get("/portal/notes?q=trop+CHER").text, "searched, case aside")
    t.ok("Trop cher" in client.get("/portal/notes?session=%s" % live).text, "filtered by session")
    staffpage = c.get("/orders/%s/notes" % o)
    t.ok(staffpage.status == 200 and "&lt;b&gt;Emballage" in staffpage.text,
         "staff's page: every note, escaped", staffpage.text[:200])
    t.eq(client.get("/orders/%s/notes" % o).status, 403, "an account: no staff page")
    rows = list(csv.reader(io.StringIO(client.get("/portal/notes.csv").text.lstrip("\ufeff"))))
    t.eq(rows[0], ["Session", "Salle", "Temps dans la session", "Heure", "Auteur", "Étiquette",
                   "Texte", "Lien"], "the CSV's columns")
    t.eq(len(rows) - 1, 3, "its rows: the notes the account sees")
    x = client.get("/portal/notes.xlsx")
    t.eq(x.status, 200, "the XLSX export")
    z = zipfile.ZipFile(io.BytesIO(x.raw))
    shared = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
    t.ok("Trop cher, dit P3" in shared and "Temps dans la session" in shared, "with the notes and columns")
    t.eq(c.get("/orders/%s/notes.xlsx" % o).status, 200, "staff's XLSX")
    t.eq(stranger.get("/orders/%s/notes.csv" % o).status, 403, "another order: no staff export")
t.done()
