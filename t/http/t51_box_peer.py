#!/usr/bin/env python3
"""A box is an untrusted peer (issue 13): its token can be copied from its
disk, so whatever it sends is checked like a browser's.  Each attack
below worked against the demo before the fix:

* events and heartbeats naming a reservation of another room were
  accepted, and the files appeared on that order's portal: now 403, and
  the database itself refuses such a recording;
* the heartbeat's local_url was stored as given and copied into staff's
  Location header (/media/{id}/onsite): CR/LF injected headers.  Now it
  is parsed as a URL and refused otherwise, the database refuses one, and
  no response header can carry CR or LF whatever the caller;
* an uploaded file was stored (and served) under the extension the box
  chose: "evil.html" became text/html on the application's origin.  Now
  its name comes from its kind, nginx's media location sends only media
  types, nosniff and a sandboxing CSP;
* nginx accepted a whole chunk body before focusd checked the token: now
  nginx's auth_request checks the token and the file first, and a client
  holds at most 4 upload connections at once."""
import os
import socket
import threading
import time
from fmtest import Stack, TAP
from fmboxdata import setup, reservation, register_box
from fmupload import BoxAPI, sha

t = TAP()


with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    other = s.scalar("INSERT INTO orders (company_id, study_ref) SELECT company_id, 'AUTRE'"
                     " FROM orders WHERE id = %s RETURNING id" % order)
    st, token1, _ = register_box(c, room1, "Boîtier salle 1")
    st2, token2, _ = register_box(c, room2, "Boîtier salle 2")
    t.eq((st, st2), (201, 201), "two boxes, one per room")
    box1 = BoxAPI(s.url(""), token1)
    box2 = BoxAPI(s.url(""), token2)
    mine = reservation(s, room1, order, tariff, "-10 minutes", "1 hour")
    theirs = reservation(s, room2, other, tariff, "-10 minutes", "1 hour")

    # -- reservations of another room ----------------------------------------
    st, doc = box1.event("started", "rec-theirs", theirs, started_at=time.strftime(
        "%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    t.eq(st, 403, "an event for a reservation of another room: 403")
    t.eq(s.scalar("SELECT count(*) FROM recordings"), "0", "no recording made for it")
    st, doc = box1.event("file", "rec-theirs", theirs, kind="mp4", path="x.mp4",
                         bytes=10, sha256="0" * 64)
    t.eq(st, 403, "nor a file")
    t.eq(s.scalar("SELECT count(*) FROM media_files"), "0", "and no file reaches that order")
    try:
        s.psql("INSERT INTO recordings (reservation_id, box_id, box_key, starts_at, ends_at)"
               " SELECT %s, id, 'sql-theirs', now(), now() + interval '1 minute'"
               " FROM boxes WHERE room_id = %s" % (theirs, room1))
        sql_refused = False
    except RuntimeError as e:
        sql_refused = "not in the room of box" in str(e)
    t.ok(sql_refused, "the database itself refuses a box's recording of another room")
    st, doc = box1.event("started", "rec-mine", mine, started_at=time.strftime(
        "%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    t.eq(st, 200, "its own room's reservation: accepted")

    st, doc = box1.post("/box/api/heartbeat", {"state": "recording", "reservation": int(theirs)})
    t.eq(st, 403, "a heartbeat naming another room's reservation: 403")
    t.eq(s.scalar("SELECT count(*) FROM box_heartbeats"), "0", "not kept")
    st, doc = box1.post("/box/api/heartbeat", {"state": "recording", "reservation": int(mine)})
    t.eq(st, 200, "its own: 200")
    st, doc = box1.post("/box/api/heartbeat", {"state": "idle", "reservation": 987654})
    t.eq(st, 200, "a reservation deleted meanwhile: 200 (the box could not know)")
    t.eq(s.scalar("SELECT reservation_id IS NULL FROM boxes WHERE room_id = %s" % room1), "t",
         "and none is kept")

    # -- local_url -------------------------------------------------------------
    good = "http://10.0.0.5:8081"
    st, doc = box1.post("/box/api/heartbeat", {"state": "idle", "local_url": good})
    t.eq(st, 200, "local_url %s: accepted" % good)
    for bad in ("http://10.0.0.5:8081/\r\nSet-Cookie: fm_session=evil",
                "http://10.0.0.5/\nX-Injected: 1", "javascript:alert(1)",
                "http://user:pass@10.0.0.5/", "http://10.0.0.5:99999/", "ftp://10.0.0.5/",
                "http://10.0.0.5/a b", "http://10.0.0.5/?q=1", "http:///nohost",
                "http://10.0.0.5/\x00"):
        st, doc = box1.post("/box/api/heartbeat", {"state": "idle", "local_url": bad})
        t.eq(st, 400, "local_url %r: refused (400)" % bad)
    t.eq(s.scalar("SELECT local_url FROM boxes WHERE room_id = %s" % room1), good,
         "the stored address is still the good one")
    for ok_url in ("https://box-1.site.example/", "http://[fd00::5]:8081"):
        st, doc = box1.post("/box/api/heartbeat", {"state": "idle", "local_url": ok_url})
        t.eq(st, 200, "local_url %s: accepted" % ok_url)
    try:
        s.psql("UPDATE boxes SET local_url = E'http://x/\\r\\nSet-Cookie: a=b'"
               " WHERE room_id = %s" % room1)
        db_refused = False
    except RuntimeError as e:
        db_refused = "boxes_local_url" in str(e)
    t.ok(db_refused, "the database refuses a local_url with a line break")

    # No response header can carry a line break, whatever the value: with
    # the database's check dropped, a CR/LF address reaches the handler
    # that copies it into Location, and focusd refuses the whole answer.
    s.psql("UPDATE boxes SET local_url = 'http://10.0.0.5:8081' WHERE room_id = %s" % room1)
    st, doc = box1.event("file", "rec-mine", mine, kind="mp4", path="rec-mine/part1.mp4",
                         bytes=5, sha256=sha(b"12345"))
    t.eq(st, 200, "a file on the box")
    mid = s.scalar("SELECT id FROM media_files WHERE box_path = 'rec-mine/part1.mp4'")
    r = c.get("/media/%s/onsite" % mid)
    t.eq(r.status, 303, "the on-site link works with a good address")
    s.psql("ALTER TABLE boxes DROP CONSTRAINT boxes_local_url;"
           "UPDATE boxes SET local_url = E'http://10.0.0.5/\\r\\nSet-Cookie: fm_session=evil'"
           " WHERE room_id = %s" % room1)
    r = c.get("/media/%s/onsite" % mid)
    t.eq(r.status, 500, "a header with a line break: the answer is refused (500)")
    t.ok(not any(v.startswith("fm_session=evil") for v in r.headers_named("Set-Cookie")),
         "and nothing was injected", r.headers)
    t.contains(s.focusd_log(), "a response header with a line break was refused",
               "logged")
    s.psql("UPDATE boxes SET local_url = NULL WHERE room_id = %s" % room1)

    # -- what a box uploads is never a page of this site ---------------------------
    page = b"<html><script>alert(document.cookie)</script></html>"
    for kind, rel, want_ext, want_type in (
            ("mp4", "rec-mine/evil.html", ".mp4", "video/mp4"),
            ("other", "rec-mine/other.html", ".bin", "application/octet-stream"),
            ("mp3_room", "rec-mine/room.svg", ".mp3", "audio/mpeg")):
        st, doc = box1.event("file", "rec-mine", mine, kind=kind, path=rel,
                             bytes=len(page), sha256=sha(page))
        st, doc = box1.open("rec-mine", rel, page)
        media = doc.get("id")
        st, doc = box1.put(media, 0, page)
        st2, doc2 = box1.finish(media, sha(page))
        t.eq((st, st2), (200, 200), "%s %s uploaded and verified" % (kind, rel))
        stored = doc2.get("path", "")
        t.ok(stored.endswith("-" + kind + want_ext),
             "stored under a name from its kind, not the box's: %s" % stored)
        r = c.get("/download/%s?mode=watch" % media)
        t.eq(r.status, 200, "staff watch it")
        t.eq(r.raw, page, "the bytes")
        t.eq(r.header("Content-Type"), want_type, "served as %s, never text/html" % want_type)
        t.eq(r.header("X-Content-Type-Options"), "nosniff", "nosniff")
        t.contains(r.header("Content-Security-Policy") or "", "sandbox", "sandboxed (CSP)")

    # -- chunks are checked before nginx reads them --------------------------------
    body_dir = os.path.join(s.state, "data", "upload-body")
    head = ("PUT /box/api/uploads/%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            "Authorization: Bearer %s\r\nUpload-Offset: 0\r\n"
            "Content-Length: 10000000\r\n\r\n")
    data, secs = s.raw(head % (mid, s.port, "0" * 64))
    t.ok(data is not None and data.startswith(b"HTTP/1.1 401") and secs < 1.0,
         "a chunk with a wrong token: 401 before its body (%.3f s)" % secs, repr(data))
    t.ok(data and b'"error"' in data and b"WWW-Authenticate: Bearer" in data,
         "in JSON, with WWW-Authenticate", repr(data))
    data, secs = s.raw(head % (mid, s.port, token2))
    t.ok(data is not None and data.startswith(b"HTTP/1.1 404") and secs < 1.0,
         "another box's file: 404 before its body (%.3f s)" % secs, repr(data))
    t.eq(os.listdir(body_dir), [], "nginx wrote none of those chunks")

    # At most 4 upload connections per client address.
    st, doc = box1.event("file", "rec-mine", mine, kind="mp4", path="rec-mine/slow.mp4",
                         bytes=1000, sha256=sha(b"x" * 1000))
    st, doc = box1.open("rec-mine", "rec-mine/slow.mp4", b"x" * 1000)
    slow = doc.get("id")
    held = []
    for i in range(4):
        sock = socket.create_connection(("127.0.0.1", s.port), 5)
        sock.sendall(("PUT /box/api/uploads/%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      "%s\r\nUpload-Offset: 0\r\nContent-Length: 1000\r\n\r\nx"
                      % (slow, token1)).encode())
        held.append(sock)
    time.sleep(0.5)
    data, secs = s.raw("PUT /box/api/uploads/%s HTTP/1.1\r\nHost: x\r\nAuthorization: "
                     "Bearer %s\r\nUpload-Offset: 0\r\nContent-Length: 1000\r\n\r\n"
                     % (slow, token1))
    t.ok(data is not None and data.startswith(b"HTTP/1.1 429") and secs < 1.0,
         "a 5th upload connection from the same address: 429 (%.3f s)" % secs, repr(data))
    for sock in held:
        sock.close()
    time.sleep(0.5)
    st, doc = box1.put(slow, 0, b"x" * 1000)
    t.eq(st, 200, "once they are closed, a chunk goes through")
t.done()
