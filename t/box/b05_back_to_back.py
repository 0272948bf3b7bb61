#!/usr/bin/env python3
"""Back-to-back reservations (the second starts when the first ends):
the second recording starts on time, the first is joined and gets its
stereo MP3 meanwhile, and its mono MP3s and extra formats wait until the
box is idle (Encode.OnlyWhenIdle)."""
import calendar
import os
import time
from fmtest import TAP
from fmbox import Box, resv, probe, near

EXTRA = ("Encode.OnlyWhenIdle = 1\nEncode.Extra.0.Name = copy\nEncode.Extra.0.Ext = mkv\n"
         "Encode.Extra.0.Args = -map 0 -c copy\n")
t = TAP()
with Box(t, "b05", conf_extra=EXTRA) as b:
    t0 = time.time()
    b.write_schedule([resv(51, 2, 12, now=t0), resv(52, 14, 12, now=t0)])
    b.start()
    time.sleep(max(0, t0 + 14 + 6 - time.time()))
    r1, r2 = b.recording(51), b.recording(52)
    t.ok(r1 and r2, "both recordings exist", b.log()[-2000:])
    t.ok(r2["status"] == "recording", "the second one is recording")
    late = r2["parts"][0] and (time.mktime(time.strptime(r2["started_at"], "%Y-%m-%dT%H:%M:%SZ"))
                               - time.mktime(time.strptime(r1["stopped_at"], "%Y-%m-%dT%H:%M:%SZ")))
    t.ok(0 <= late <= 1, "it started %d s after the first stopped" % late)
    t.eq((r1["status"], r1["mp3_done"], r1["mono_done"]), ("done", True, False),
         "meanwhile the first is joined and has its stereo MP3, not yet its mono MP3s")
    t.ok(not os.path.exists(b.file(r1, "-copy", "mkv")), "nor its extra format")
    done1 = b.wait_done(51, 30)
    done2 = b.wait_done(52, 30)
    t.ok(done1 and done2, "once idle, every file is made")
    stop2 = calendar.timegm(time.strptime(done2["stopped_at"], "%Y-%m-%dT%H:%M:%SZ"))
    t.ok(os.path.getmtime(b.file(r1, "-room", "mp3")) >= stop2 - 1,
         "the first one's mono MP3s came after the second recording")
    t.ok(b.wait_for(lambda: os.path.exists(b.file(r1, "-copy", "mkv")), 20), "and its extra format")
    for r, n in ((r1, "first"), (r2, "second")):
        p = probe(b.file(r))
        t.ok(near(p.get("duration", 0), 12, 2.5), "%s recording: %.1f s" % (n, p.get("duration", 0)))
t.done()
