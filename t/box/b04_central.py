#!/usr/bin/env python3
"""fm-box and the box API (against FakeCentral, the stand-in of
t/lib/fmbox.py): the schedule is fetched with its ETag (unchanged = 304)
and cached; heartbeats report the state; the server down at start time
changes nothing (recorded from the cache), and the events reach it in
order once it is back; staff extending or cutting short a reservation
is obeyed at the next fetch."""
import time
from fmtest import TAP
from fmbox import Box, FakeCentral, resv, probe, near, rfc3339

t = TAP()
central = FakeCentral().start()
with Box(t, "b04", central_url=central.url) as b:
    T0 = time.time()
    central.schedule = [resv(41, 7, 10, now=T0)]
    b.start()
    t.ok(b.wait_for(lambda: central.not_modified >= 1, 8),
         "schedule fetched, then unchanged: 304 (ETag)")
    t.ok(b.wait_for(lambda: len(central.heartbeats) >= 1, 5), "heartbeats arrive")
    hb = central.heartbeats[-1]
    t.eq((hb.get("state"), hb.get("reservation")), ("idle", None), "idle before the start")
    t.ok(hb.get("disk_free_mb", 0) > 0 and hb.get("version") and "ffmpeg" in hb,
         "with disk free, version and ffmpeg progress", hb)
    t.eq(central.unauthorized, 0, "the token is accepted")

    # The server goes down before the start time.
    central.stop()
    time.sleep(max(0, T0 + 7 + 4 - time.time()))
    t.ok(b.ffmpeg_pids(), "records from the cached schedule while the server is down")
    r = b.wait_done(41, 30, mono=True)
    t.ok(r and r["status"] == "done", "recording done offline")
    p = probe(b.file(r))
    t.ok(near(p["duration"], 10, 2.5), "duration %.1f s" % p["duration"])
    waiting = b.spooled()
    t.eq(len(waiting), 7, "its 7 events wait in the spool")

    # Back: everything is delivered, in order.
    central = FakeCentral(port=central.port).start()
    central.schedule = [resv(41, 7 - (time.time() - T0), 10)]
    t.ok(b.wait_for(lambda: len(central.events) >= 7, 10), "events delivered once the server is back")
    t.eq([e["seq"] for e in central.events], [e["seq"] for e in waiting], "in the order they happened")
    t.eq([e["type"] for e in central.events],
         ["started", "part", "stopped", "file", "file", "file", "file"], "all of them")
    t.eq(b.wait_for(lambda: b.spooled() == [], 5), True, "spool empty")

    # Staff extend, then cut short, a running reservation.
    T1 = time.time()
    a = resv(42, 3, 8, now=T1)
    central.schedule = [a]
    t.ok(b.wait_for(lambda: b.recording(42), 10), "next reservation starts")
    time.sleep(max(0, T1 + 3 + 3 - time.time()))
    hb = b.wait_for(lambda: [h for h in central.heartbeats if h.get("state") == "recording"
                             and h.get("ffmpeg", {}).get("frame", 0) > 0], 5)
    t.ok(hb and hb[-1]["reservation"] == 42 and hb[-1]["parts"] == 1 and hb[-1]["recording"],
         "heartbeat while recording: reservation, parts, ffmpeg frames", hb[-1:] if hb else central.heartbeats[-2:])
    central.schedule = [dict(a, ends_at=rfc3339(T1 + 3 + 20))]   # extended
    time.sleep(max(0, T1 + 3 + 10 - time.time()))
    t.ok(b.recording(42)["status"] == "recording", "still recording past the first end")
    central.schedule = [dict(a, ends_at=rfc3339(T1 + 3 + 13))]   # stopped early
    r = b.wait_done(42, 30, mono=False)
    p = probe(b.file(r))
    t.ok(near(p["duration"], 13, 3.5), "stopped at the new end: %.1f s of 13" % p["duration"])
    t.ok(b.wait_for(lambda: len([e for e in central.events if e.get("reservation") == 42
                                 and e["type"] == "file"]) >= 1, 10), "its MP4 reported")
central.stop()
t.done()
