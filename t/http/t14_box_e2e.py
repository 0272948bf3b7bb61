#!/usr/bin/env python3
"""fm-box against the real central server (nginx + focusd + PostgreSQL),
with reservations of 12-15 s: the recording appears with the right
duration and its files; with the central server stopped at the start
time the box records from its cached schedule and reports once the
server is back; with the live server down the local recording is intact;
the on-site link of the videos page downloads the file from the box."""
import hashlib
import json
import os
import re
import time
import urllib.request
from fmtest import TAP, Stack, free_port
from fmbox import Box, probe, near, fetch
from fmboxdata import setup, reservation, register_box

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier e2e")
    t.eq(st, 201, "box registered")
    media = lambda rid: s.psql(
        "SELECT m.kind, m.bytes, m.sha256, coalesce(m.duration_ms, 0), m.path, m.id"
        " FROM media_files m JOIN recordings r ON r.id = m.recording_id"
        " WHERE r.reservation_id = %s ORDER BY m.kind" % rid)
    cached = lambda b, rid: os.path.exists(os.path.join(b.state, "schedule.json")) and \
        ('"id":%s,' % rid) in open(os.path.join(b.state, "schedule.json")).read().replace(" ", "")

    with Box(t, "e2e", central_url=s.url("").rstrip("/"), token=token) as b:
        # 1. A reservation with rec, 15 s, starting in 6 s.
        r1 = reservation(s, room1, order, tariff, "6 seconds", "15 seconds")
        b.start()
        t.ok(b.wait_for(lambda: cached(b, r1), 10), "the box fetched its schedule")
        t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 12), "and started recording at the start time")
        time.sleep(4)
        page = c.get("/boxes").text
        t.ok(re.search(r'state-recording', page) and 'class="alarm' not in page,
             "/boxes shows it recording, not red")
        t.eq(b.wait_for(lambda: s.psql("SELECT open, ends_at > starts_at + interval '2 seconds'"
                                       " FROM recordings WHERE reservation_id = %s" % r1), 5),
             [["t", "t"]], "the recording is there while it runs, its end following the heartbeats")
        t.ok(b.wait_for(lambda: len(media(r1)) == 4, 45), "MP4 and three MP3s reported", b.log()[-2000:])
        rows = s.psql("SELECT round(extract(epoch FROM ends_at - starts_at)), parts FROM recordings"
                      " WHERE reservation_id = %s" % r1)
        t.ok(rows and near(float(rows[0][0]), 15, 2.5) and rows[0][1] == "1",
             "recording row: %s s, one part" % (rows[0][0] if rows else "?"))
        m = {k: (int(n), h, int(d), p, i) for k, n, h, d, p, i in media(r1)}
        t.eq(sorted(m), ["mp3", "mp3_room", "mp3_trad", "mp4"], "kinds")
        t.ok(near(m["mp4"][2] / 1000.0, 15, 2.5), "MP4 duration %.1f s" % (m["mp4"][2] / 1000.0))
        p = probe(b.path(m["mp4"][3]))
        t.eq((p.get("video"), p.get("audio"), p.get("channels")), ("h264", "aac", 2),
             "the file on the box is H.264/AAC stereo")
        # The videos page's on-site link: signed by focusd, served by the box.
        r = c.get("/media/%s/onsite" % m["mp4"][4])
        st, _, body = fetch(r.location or "")
        t.ok(r.status == 303 and st == 200 and hashlib.sha256(body).hexdigest() == m["mp4"][1],
             "on-site link downloads the very file from the box")

        # 2. The central server is down at the start time.
        r2 = reservation(s, room1, order, tariff, "10 seconds", "12 seconds")
        t.ok(b.wait_for(lambda: cached(b, r2), 8), "next reservation in the cached schedule")
        s.dev_stack("app-stop")
        t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 15), "server down: the box records anyway")
        rec2 = b.wait_done(r2, 40)
        t.ok(rec2 and rec2["status"] == "done", "recorded and MP3s made while the server is down")
        t.ok(len(b.spooled()) >= 5, "its events wait on the box (%d)" % len(b.spooled()))
        s.dev_stack("app-start")
        t.ok(b.wait_for(lambda: len(media(r2)) == 4, 30), "server back: everything reported")
        t.ok(b.wait_for(lambda: b.spooled() == [], 10), "nothing left waiting on the box")
        d2 = s.scalar("SELECT round(extract(epoch FROM ends_at - starts_at)) FROM recordings"
                      " WHERE reservation_id = %s" % r2)
        t.ok(d2 and near(float(d2), 12, 2.5), "with its times: %s s" % d2)
        t.ok(b.wait_for(lambda: s.scalar("SELECT last_heartbeat > now() - interval '10 seconds'"
                                         " FROM boxes") == "t", 10), "heartbeats again")

        # 3. Live with the live server down.
        dead = free_port()
        with open(s.conf(), "a") as f:
            f.write("Live.RTMPURL = rtmp://127.0.0.1:%d/live\n" % dead)
        s.dev_stack("focusd-start")
        r3 = reservation(s, room1, order, tariff, "8 seconds", "14 seconds", live=True)
        t.ok(b.wait_for(lambda: cached(b, r3), 8), "live reservation in the schedule")
        sched = json.load(open(os.path.join(b.state, "schedule.json")))
        lr = [x for x in sched["reservations"] if x["id"] == int(r3)][0]
        t.ok(lr["live_url"].endswith(":%d/live" % dead) and lr["stream_key"], "with its stream key")
        rec3 = b.wait_done(r3, 45)
        t.ok(rec3 and rec3["status"] == "done" and len(rec3["parts"]) == 1,
             "recorded in one part although the push failed")
        t.ok("live push ended" in b.log(), "the push was tried and retried")
        t.ok(b.wait_for(lambda: len(media(r3)) == 4, 20), "reported")
        m3 = {k: int(d) for k, _, _, d, _, _ in media(r3)}
        t.ok(near(m3["mp4"] / 1000.0, 14, 2.5), "local MP4 intact: %.1f s" % (m3["mp4"] / 1000.0))
    t.eq(s.scalar("SELECT count(*) FROM recordings"), "3", "three recordings, no stray one")
t.done()
