#!/usr/bin/env python3
"""Live: one encode feeds the local MP4 and the RTMP push.  With the live
server down at the start, the local recording is intact; once the server
is up, the push starts by itself and carries the same stream; the server
going away again changes nothing for the local file."""
import os
import subprocess
import time
from fmtest import TAP, free_port
from fmbox import Box, resv, probe, playable, tones, near, LEFT_HZ, RIGHT_HZ

LENGTH = 26
t = TAP()
rtmp_port = free_port()
with Box(t, "b03", conf_extra="Live.URL = rtmp://127.0.0.1:%d/live\n" % rtmp_port) as b:
    t0 = time.time()
    b.write_schedule([resv(31, 2, LENGTH, live=True, stream_key="k31", now=t0)])
    b.start()
    t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 8), "recording started, live server down")
    time.sleep(max(0, t0 + 2 + 7 - time.time()))
    t.ok(b.wait_for(lambda: "live push ended" in b.log(), 5),
         "the push fails and is retried", b.log()[-1500:])

    # A stand-in RTMP server: ffmpeg listening, keeping what it receives.
    got = os.path.join(b.dir, "received.flv")
    srv = subprocess.Popen(["ffmpeg", "-v", "error", "-nostdin", "-listen", "1",
                            "-timeout", "20", "-f", "flv",
                            "-i", "rtmp://127.0.0.1:%d/live/k31" % rtmp_port,
                            "-c", "copy", "-y", got],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(max(0, t0 + 2 + 18 - time.time()))
    srv.terminate()          # the live server goes away mid-session
    srv.wait(10)
    p = probe(got)
    t.ok(p.get("video") == "h264" and p.get("audio") == "aac" and p.get("duration", 0) >= 4,
         "the push started by itself once the server was up: %.1f s received"
         % p.get("duration", 0), p)

    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                          "packet=pts_time,flags", "-of", "csv=p=0", got],
                         text=True, stdout=subprocess.PIPE).stdout.split()
    keys = [float(x.split(",")[0]) for x in out if ",K" in x]
    gaps = sorted(set(round(b2 - a, 2) for a, b2 in zip(keys, keys[1:])))
    t.eq(gaps, [1.0], "a keyframe every second, the HLS fragment length")

    r = b.wait_done(31, LENGTH + 40)
    t.ok(r and r["status"] == "done", "recording done", b.log()[-3000:])
    t.eq(len(r["parts"]), 1, "one part: the live failures never touched the encoder")
    mp4 = b.file(r)
    p = probe(mp4)
    t.ok(near(p["duration"], LENGTH, 2.5), "local MP4 complete: %.2f s" % p["duration"])
    t.eq(playable(mp4), "", "and decodes without error")
    (lf, _), (rf, _) = tones(mp4, 3, 3)
    t.ok(near(lf, LEFT_HZ, 10) and near(rf, RIGHT_HZ, 10), "both channels right")
    t.ok(b.file(r, "", "mp3") and os.path.exists(b.file(r, "", "mp3")), "MP3 made as usual")
t.done()
