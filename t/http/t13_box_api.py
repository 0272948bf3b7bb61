#!/usr/bin/env python3
"""The box API and /boxes, without a box: registration shows a token once
and keeps only its SHA-256; /box/api/ takes that token and nothing else;
the schedule (window, options, stream keys, ETag/304), heartbeats, the
recording events (idempotent), the red flags of /boxes, the recording
rate report and the signed on-site links."""
import hashlib
import hmac
import json
import re
import time
import urllib.parse
from fmtest import Stack, TAP
from fmboxdata import setup, reservation, register_box
from fmbox import link_key

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)

    # Registration.
    st, token, page = register_box(c, room1, "Boîtier salle 1")
    t.eq(st, 201, "register a box: the token page")
    t.ok(token is not None, "a 64-hex token is shown")
    t.contains(page.text, "ne sera plus jamais affiché", "once, and the page says so")
    box = s.scalar("SELECT id FROM boxes")
    t.eq(s.scalar("SELECT encode(token_hash, 'hex') FROM boxes"),
         hashlib.sha256(bytes.fromhex(token)).hexdigest(), "only the token's SHA-256 is stored")
    t.eq(s.scalar("SELECT link_key FROM boxes"), link_key(token),
         "and the link key derived from it (docs/box-api.md)")
    t.lacks(c.get("/boxes").text, token, "the list never shows it again")
    st, _, r = register_box(c, room1, "Doublon")
    t.eq(st, 409, "a second active box in the same room: 409")
    t.contains(r.text, "déjà un boîtier actif", "with a message")
    st, _, r = register_box(c, room2, "Boîtier salle 1")
    t.eq(st, 409, "a name already taken: 409")
    t.contains(r.text, "porte déjà ce nom", "with its own message")
    r = c.post("/boxes", {"room": room2, "name": ""})
    t.eq(r.status, 422, "name required: 422")
    r = c.post("/boxes", {"room": room2, "name": "x"}, csrf=False)
    t.eq(r.status, 403, "registration without CSRF token: 403")
    t.eq(int(s.scalar("SELECT count(*) FROM boxes")), 1, "nothing else written")

    # Authentication.
    api = s.client(origin=False)
    auth = {"Authorization": "Bearer " + token}
    r = api.get("/box/api/schedule")
    t.eq(r.status, 401, "no token: 401")
    t.ok("Bearer" in (r.header("WWW-Authenticate") or ""), "with WWW-Authenticate")
    t.eq(r.json().get("error") is not None, True, "and a JSON error")
    t.eq(api.get("/box/api/schedule", {"Authorization": "Bearer " + "0" * 64}).status, 401,
         "unknown token: 401")
    t.eq(api.get("/box/api/schedule", {"Authorization": "Basic " + token}).status, 401,
         "not a bearer token: 401")
    t.eq(c.get("/box/api/schedule").status, 401, "a staff session is not a box: 401")
    r = api.get("/companies", auth)
    t.ok(r.status in (303, 403) and "Études" not in r.text, "a box token opens no staff page")
    t.eq(api.get("/box/api/nothing", auth).status, 404, "unknown API path: 404")

    # Schedule: the box's room, rec or live, now to +48 h.
    ra = reservation(s, room1, order, tariff, "1 hour", "2 hours")
    rb = reservation(s, room1, order, tariff, "4 hours", "1 hour", rec=False, live=True)
    reservation(s, room1, order, tariff, "6 hours", "1 hour", rec=False, live=False)
    reservation(s, room1, order, tariff, "50 hours", "1 hour")
    re_ = reservation(s, room1, order, tariff, "-2 hours", "110 minutes", overtime=30)
    reservation(s, room1, order, tariff, "-3 hours", "30 minutes", overtime=30)
    reservation(s, room2, order, tariff, "1 hour", "1 hour")
    r = api.get("/box/api/schedule", auth)
    t.eq(r.status, 200, "schedule: 200")
    doc = r.json()
    ids = [x["id"] for x in doc["reservations"]]
    t.eq(ids, [int(re_), int(ra), int(rb)],
         "running (in its overtime), then coming, rec or live, this room, 48 h")
    t.eq((doc["box"], doc["room"]["name"], doc["room"]["site"]), (int(box), "Salle 1", "Site A"),
         "names the box and its room")
    a = doc["reservations"][1]
    t.eq((a["rec"], a["live"], a["trad"], a["overtime_minutes"]), (True, False, True, 0), "options")
    t.ok(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", a["starts_at"]), "times in UTC RFC 3339")
    t.eq(a["label"], "%s — ETUDE-BOX" % order, "label: order and study")
    b = doc["reservations"][2]
    t.ok(re.match(r"^[A-Za-z0-9_-]{16,64}$", b.get("stream_key", "")) and
         b.get("live_url", "").startswith("rtmp://"), "live: a stream key and the RTMP URL")
    t.ok("stream_key" not in a, "no stream key without live")
    etag = r.header("ETag")
    t.ok(etag and etag.startswith('"'), "an ETag")
    r2 = api.get("/box/api/schedule", dict(auth, **{"If-None-Match": etag}))
    t.eq((r2.status, r2.raw), (304, b""), "unchanged: 304, no body")
    t.eq(api.get("/box/api/schedule", auth).json()["reservations"][2]["stream_key"],
         b["stream_key"], "the stream key stays")
    s.psql("UPDATE reservations SET ends_at = ends_at + interval '30 minutes' WHERE id = %s" % ra)
    r3 = api.get("/box/api/schedule", dict(auth, **{"If-None-Match": etag}))
    t.ok(r3.status == 200 and r3.header("ETag") != etag, "staff extend: new schedule, new ETag")
    t.ok(s.scalar("SELECT last_seen > now() - interval '1 minute' FROM boxes") == "t", "last_seen kept")

    # Heartbeat.
    hb = {"state": "recording", "reservation": int(ra), "recording": "k1", "parts": 1,
          "ffmpeg": {"frame": 250, "bitrate": "1500kbits/s", "speed": "1x"},
          "live": "off", "encoding": "", "message": "", "disk_free_mb": 123456,
          "version": "0.1.0", "schedule_age": 3, "spooled_events": 0,
          "local_url": "http://127.0.0.1:18081"}
    post = lambda path, doc: api.request("POST", path, json.dumps(doc).encode(),
                                         dict(auth, **{"Content-Type": "application/json"}))
    r = post("/box/api/heartbeat", hb)
    t.eq(r.status, 200, "heartbeat: 200 (no CSRF token: the box token is enough)")
    t.ok(r.json().get("ok") and r.json().get("server_time"), "answer: ok and the server's time")
    t.eq(s.psql("SELECT state, reservation_id, version, disk_free_mb, local_url,"
                " (heartbeat->'ffmpeg'->>'frame') FROM boxes"),
         [["recording", ra, "0.1.0", "123456", "http://127.0.0.1:18081", "250"]], "stored on the box")
    t.eq(s.scalar("SELECT count(*) FROM box_heartbeats"), "1", "and in the history")
    t.eq(post("/box/api/heartbeat", dict(hb, state="dancing")).status, 400, "bad state: 400")
    r = api.request("POST", "/box/api/heartbeat", b"not json", dict(auth, **{"Content-Type": "application/json"}))
    t.eq(r.status, 400, "not JSON: 400")
    t.eq(api.request("POST", "/box/api/heartbeat", json.dumps(hb).encode(),
                     {"Content-Type": "application/json"}).status, 401, "heartbeat without token: 401")

    # Events.
    key = "20261126T100000Z-r%s" % ra
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    evs = [{"type": "started", "recording": key, "reservation": int(ra), "at": now, "seq": 1, "started_at": now},
           {"type": "part", "recording": key, "reservation": int(ra), "at": now, "seq": 2, "started_at": now,
            "part": 1, "path": key + "/part-001.mp4"},
           {"type": "stopped", "recording": key, "reservation": int(ra), "at": now, "seq": 3,
            "ended_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 20)), "parts": 1},
           {"type": "file", "recording": key, "reservation": int(ra), "at": now, "seq": 4, "kind": "mp4",
            "path": key + "/" + key + ".mp4", "bytes": 1234, "sha256": "ab" * 32, "duration_ms": 20000}]
    t.eq([post("/box/api/events", e).status for e in evs], [200, 200, 200, 200], "events accepted")
    t.eq([post("/box/api/events", e).status for e in evs], [200, 200, 200, 200], "sent twice: accepted again")
    t.eq(s.psql("SELECT reservation_id, box_id, parts, round(extract(epoch FROM ends_at - starts_at))"
                " FROM recordings"), [[ra, box, "1", "20"]], "one recording, linked to the reservation")
    t.eq(s.psql("SELECT kind, path, bytes, duration_ms, on_box, on_central FROM media_files"),
         [["mp4", key + "/" + key + ".mp4", "1234", "20000", "t", "f"]],
         "one media file, on the box, not on the central server")
    t.eq(s.scalar("SELECT count(*) FROM recording_parts"), "1", "one part")
    page = c.get("/boxes").text
    t.ok(re.search(r'id="recording-\d+">.*?20 s.*?/onsite', page, re.S),
         "/boxes lists the recording, its length and an on-site link")
    bad = dict(evs[3], path="../../etc/passwd")
    t.eq(post("/box/api/events", bad).status, 400, "a path out of the media folder: 400")
    t.eq(post("/box/api/events", dict(evs[3], kind="exe")).status, 400, "an unknown kind: 400")
    t.eq(post("/box/api/events", dict(evs[0], type="exploded")).status, 400, "an unknown type: 400")
    t.eq(post("/box/api/events", dict(evs[0], recording="a b")).status, 400, "a bad key: 400")
    orphan = {"type": "file", "recording": "orphan-1", "reservation": 999999, "at": now,
              "kind": "mp3", "path": "orphan-1/orphan-1.mp3", "bytes": 5, "sha256": "cd" * 32}
    r = post("/box/api/events", orphan)
    t.ok(r.status == 409 and "does not exist" in r.json().get("error", ""),
         "an event for a reservation deleted meanwhile: 409 (the box sets it aside)")
    t.eq(s.scalar("SELECT count(*) FROM recordings WHERE box_key = 'orphan-1'"), "0",
         "and nothing is written")
    t.eq(s.scalar("SELECT open FROM recordings WHERE box_key = '%s'" % key), "f",
         "a stopped recording is no longer open")

    # /boxes: the red flags.
    page = c.get("/boxes").text
    row = re.search(r'<tr id="box-%s" class="([^"]*)"' % box, page)
    t.ok(row and "alarm" not in row.group(1), "a box that just reported and records: not red")
    t.contains(page, "enregistre", "its state is shown")
    s.psql("UPDATE boxes SET last_heartbeat = now() - interval '3 minutes'")
    page = c.get("/boxes").text
    t.ok('class="alarm' in page and "Silencieux" in page, "silent for 3 minutes: red, saying why")
    post("/box/api/heartbeat", dict(hb, state="error", message="ffmpeg keeps failing"))
    page = c.get("/boxes").text
    t.ok('class="alarm' in page and "ffmpeg keeps failing" in page, "reports an error: red, with its message")
    late = reservation(s, room1, order, tariff, "-5 minutes", "1 hour")
    post("/box/api/heartbeat", dict(hb, state="idle", reservation=None))
    page = c.get("/boxes").text
    t.ok('class="alarm' in page and "enregistre pas la réservation en cours" in page,
         "a reservation with rec started 5 minutes ago and the box idle: red")
    post("/box/api/heartbeat", dict(hb, state="recording", reservation=int(late)))
    page = c.get("/boxes").text
    t.ok('class="alarm' not in page, "recording it: not red")
    post("/box/api/heartbeat", dict(hb, state="recording", reservation=int(late), live="pushing"))
    t.contains(c.get("/boxes").text, "live : en direct", "the live push's state, in the page's language")
    post("/box/api/heartbeat", dict(hb, state="recording", reservation=int(late), live="retrying"))
    t.contains(c.get("/boxes").text, "live : reconnexion", "and a push trying again")

    # Recording rate: three past reservations with rec (one from above),
    # one recorded.
    s.psql("DELETE FROM reservations WHERE id = %s" % late)
    p1 = reservation(s, room1, order, tariff, "-26 hours", "1 hour")
    reservation(s, room1, order, tariff, "-28 hours", "1 hour")
    s.psql("UPDATE boxes SET created_at = now() - interval '30 days'")
    k1 = "past-r%s" % p1
    post("/box/api/events", dict(evs[0], recording=k1, reservation=int(p1)))
    post("/box/api/events", dict(evs[3], recording=k1, reservation=int(p1), path=k1 + "/" + k1 + ".mp4"))
    year = s.scalar("SELECT extract(year FROM (now() - interval '26 hours') AT TIME ZONE 'Europe/Paris')::int")
    r = c.get("/boxes/report?year=%s" % year)
    m = re.search(r'<tr id="rate-%s" class="[^"]*">.*?<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>'
                  % box, r.text, re.S)
    t.ok(m and m.group(1, 2) == ("3", "0"),
         "the box's word alone (a file only on the box) is no proof: 0 recorded", m.groups() if m else None)
    # Uploaded and measured by the central server (t60 does it with
    # ffprobe): an hour of video for the 1-hour session.
    s.psql("UPDATE media_files SET on_central = true WHERE path = '%s/%s.mp4'" % (k1, k1))
    s.psql("UPDATE media_files SET probed_ms = 3600000, probed_at = now() WHERE path = '%s/%s.mp4'" % (k1, k1))
    s.psql("UPDATE recordings SET starts_at = v.starts_at, ends_at = v.ends_at FROM reservations v"
           " WHERE v.id = recordings.reservation_id AND box_key = '%s'" % k1)
    r = c.get("/boxes/report?year=%s" % year)
    t.eq(r.status, 200, "report page")
    m = re.search(r'<tr id="rate-%s" class="([^"]*)">.*?<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>\s*'
                  r'<td class="num">([^<]*)</td>' % box, r.text, re.S)
    t.ok(m and m.group(2, 3) == ("3", "1") and m.group(4).startswith("33,3"),
         "3 scheduled, 1 recorded: 33,3 % (a French decimal comma)", m.groups() if m else r.text[-2000:])
    t.ok(m and "alarm" in m.group(1), "below 98 %: red")
    s.psql("INSERT INTO box_outages (box_id, detected_at, repair_started_at, restored_at, note) VALUES "
           "(%s, now() - interval '29 hours', now() - interval '29 hours', now() - interval '27 hours',"
           " 'carte de capture')" % box)
    r = c.get("/boxes/report?year=%s" % year)
    m = re.search(r'<tr id="rate-%s" class="([^"]*)">.*?<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>'
                  % box, r.text, re.S)
    t.ok(m and m.group(2, 3) == ("2", "1"), "a declared outage is not counted: 1 of 2",
         m.groups() if m else None)

    # Signed on-site link.
    mid = s.scalar("SELECT m.id FROM media_files m JOIN recordings r ON r.id = m.recording_id"
                   " WHERE r.box_key = %s" % ("'" + key + "'"))
    r = c.get("/media/%s/onsite" % mid)
    t.eq(r.status, 303, "on-site link: a redirect")
    loc = urllib.parse.urlsplit(r.location or "")
    q = dict(urllib.parse.parse_qsl(loc.query))
    path = urllib.parse.unquote(loc.path)
    want = hmac.new(link_key(token).encode(), ("%s\n%s" % (path, q.get("e"))).encode(),
                    hashlib.sha256).hexdigest()
    t.ok(loc.netloc == "127.0.0.1:18081" and path == "/dl/" + key + "/" + key + ".mp4"
         and q.get("s") == want and 3 * 3600 < int(q.get("e", 0)) - time.time() <= 4 * 3600,
         "to the box's address, signed with the box's key, valid 4 hours", r.location)
    t.eq(api.get("/media/%s/onsite" % mid, auth).status in (303, 403), True,
         "a box cannot ask for links")
    t.eq(c.get("/media/999999/onsite").status, 404, "unknown file: 404")

    # New token, deactivation.
    old = token
    r = c.post("/boxes/%s/token" % box)
    m = re.search(r'id="box-token">([0-9a-f]{64})<', r.text)
    t.ok(r.status == 200 and m and m.group(1) != old, "a new token")
    t.eq(api.get("/box/api/schedule", auth).status, 401, "the old one stops working")
    t.eq(api.get("/box/api/schedule", {"Authorization": "Bearer " + m.group(1)}).status, 200,
         "the new one works")
    r = c.post("/boxes/%s/deactivate" % box)
    t.eq(r.status, 303, "deactivate")
    t.eq(api.get("/box/api/schedule", {"Authorization": "Bearer " + m.group(1)}).status, 401,
         "a deactivated box is refused")
    st, _, _ = register_box(c, room1, "Remplaçant")
    t.eq(st, 201, "and its room can have a new box")
t.done()
