#!/usr/bin/env python3
"""Crash safety: kill -9 of ffmpeg mid-recording leaves a playable part
cut at most a second or two before, and fm-box restarts ffmpeg within
seconds; kill -9 of fm-box itself makes ffmpeg close its part, and the
restarted fm-box resumes the recording, even when the part lost its tail
as in a power cut; at the end the parts are joined into one playable MP4
that lost only a few seconds."""
import os
import shutil
import signal
import time
from fmtest import TAP
from fmbox import Box, resv, probe, playable, tones, near, LEFT_HZ, RIGHT_HZ

LENGTH = 24
t = TAP()
with Box(t, "b02") as b:
    t0 = time.time()
    b.write_schedule([resv(21, 2, LENGTH, now=t0)])
    b.start()
    pids = b.wait_for(lambda: b.ffmpeg_pids(), 8)
    t.ok(pids, "recording started")
    time.sleep(max(0, t0 + 2 + 7 - time.time()))

    # 1. kill -9 ffmpeg, 7 s into the recording.
    part1 = b.path(b.recordings()[0]["key"] + "/part-001.mp4")
    os.kill(pids[0], signal.SIGKILL)
    killed = time.time()
    snap = os.path.join(b.dir, "part1-after-kill.mp4")
    shutil.copy(part1, snap)
    p = probe(snap)
    t.ok(p.get("video") == "h264" and p["duration"] >= 4.5,
         "the part cut by kill -9 plays: %.2f s of ~7" % p.get("duration", 0), p)
    t.eq(playable(snap), "", "and decodes without error")
    new = b.wait_for(lambda: [x for x in b.ffmpeg_pids() if x != pids[0]], 6, 0.05)
    took = time.time() - killed
    t.ok(new and took < 4, "ffmpeg restarted %.1f s after the kill" % took)
    time.sleep(max(0, t0 + 2 + 14 - time.time()))

    # 2. kill -9 fm-box, 14 s in: its ffmpeg gets SIGINT and ends too.
    b.kill9()
    gone = b.wait_for(lambda: not any(os.path.exists("/proc/%d" % x) and
                                      open("/proc/%d/stat" % x).read().split()[2] != "Z"
                                      for x in new), 10)
    t.ok(gone, "ffmpeg does not outlive fm-box")
    # As after a power cut, the end of the part never reached the disk:
    # cut it in the middle of a fragment.
    part2 = b.path(b.recordings()[0]["key"] + "/part-002.mp4")
    os.truncate(part2, os.path.getsize(part2) - 7000)
    b.start()
    t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 6), "restarted fm-box resumes the recording")

    r = b.wait_done(21, LENGTH + 40)
    t.ok(r and r["status"] == "done", "recording done", b.log()[-3000:])
    t.eq(len(r["parts"]), 3, "three parts registered")
    t.eq([x["end"] for x in r["parts"]], ["killed", "crash", "stop"],
         "with why each ended")
    t.eq([e["part"] for e in b.spooled() if e["type"] == "part"], [1, 2, 3],
         "each part reported")
    mp4 = b.file(r)
    p = probe(mp4)
    t.eq((p.get("video"), p.get("audio")), ("h264", "aac"), "joined MP4 is H.264/AAC")
    t.eq(playable(mp4), "", "joined MP4 decodes without error")
    lost = LENGTH - p["duration"]
    t.ok(0 <= lost <= 6, "two crashes lost %.1f s of %d (a few seconds each at most)"
         % (lost, LENGTH))
    (lf, _), (rf, _) = tones(mp4, p["duration"] - 4, 3)
    t.ok(near(lf, LEFT_HZ, 10) and near(rf, RIGHT_HZ, 10), "channels right in the last part")
    t.ok(not any(n.startswith("part-") for n in os.listdir(b.path(r["key"]))),
         "parts removed after the join")
t.done()
