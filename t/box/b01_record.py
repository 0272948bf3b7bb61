#!/usr/bin/env python3
"""fm-box records a reservation from its cached schedule while the central
server is unreachable: an H.264/AAC MP4 of the right length, room tone on
the left and translation tone on the right; then the stereo and the two
mono MP3s; every file reported to the spool with its SHA-256; local
downloads only through signed links."""
import hashlib
import os
import time
from fmtest import TAP
from fmbox import Box, resv, probe, tones, mono_tone, near, fetch, playable, \
    LEFT_HZ, RIGHT_HZ

LENGTH = 15
t = TAP()
EXTRA = "Encode.Extra.0.Name = copy\nEncode.Extra.0.Ext = mkv\nEncode.Extra.0.Args = -map 0 -c copy\n"
with Box(t, "b01", conf_extra=EXTRA) as b:
    b.write_schedule([resv(11, 2, LENGTH, label="ETUDE-11"),
                      resv(12, 3600, 60)])          # later: not recorded now
    b.start()
    t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 8), "ffmpeg starts at the start time")

    def box_metrics():
        st, h, body = fetch("http://127.0.0.1:%d/metrics" % b.http_port)
        vals = {}
        for line in body.decode().splitlines():
            if line and not line.startswith("#"):
                k, v = line.rsplit(" ", 1)
                vals[k] = float(v)
        return st, h, vals

    t.ok(b.wait_for(lambda: box_metrics()[2].get('fm_box_state{state="recording"}') == 1
                    and box_metrics()[2].get("fm_box_ffmpeg_speed", 0) > 0.5, 10),
         "the box's /metrics while it records: state recording, ffmpeg's speed", box_metrics()[2])
    st, h, m = box_metrics()
    t.ok(st == 200 and h.get("Content-Type", "").startswith("text/plain; version=0.0.4")
         and m.get("fm_box_disk_free_bytes", 0) > 0 and "fm_box_spooled_events" in m
         and "fm_box_ffmpeg_dropped_frames" in m and m.get("fm_box_ffmpeg_frames", 0) > 0,
         "Prometheus' text format: frames, dropped frames, free disk, spooled events", m)
    r = b.wait_done(11, LENGTH + 40)
    t.ok(r is not None and r["status"] == "done", "recording done, MP3s made", b.log()[-3000:])
    t.eq(len(r["parts"]), 1, "one part (nothing crashed)")
    mp4 = b.file(r)
    p = probe(mp4)
    t.eq((p.get("video"), p.get("audio"), p.get("channels")), ("h264", "aac", 2),
         "MP4 is H.264 + AAC stereo")
    t.ok(near(p["duration"], LENGTH, 2.5), "duration %.2f s for a %d s reservation" %
         (p["duration"], LENGTH))
    t.eq(playable(mp4), "", "decodes without error")
    (lf, ll), (rf, rl) = tones(mp4, 2, 4)
    t.ok(near(lf, LEFT_HZ, 10) and ll > 0.05, "left (room) carries %d Hz: %.1f Hz" % (LEFT_HZ, lf))
    t.ok(near(rf, RIGHT_HZ, 10) and rl > 0.05, "right (translation) carries %d Hz: %.1f Hz" % (RIGHT_HZ, rf))
    t.ok(not os.path.exists(b.path(r["key"] + "/part-001.mp4")), "the part is removed once joined")

    mp3 = b.file(r, "", "mp3")
    p3 = probe(mp3)
    t.eq((p3.get("audio"), p3.get("channels")), ("mp3", 2), "stereo MP3")
    t.ok(near(p3["duration"], p["duration"], 0.5), "stereo MP3 as long as the video")
    (lf, _), (rf, _) = tones(mp3, 2, 4)
    t.ok(near(lf, LEFT_HZ, 10) and near(rf, RIGHT_HZ, 10), "stereo MP3 keeps both channels apart")
    (f, lvl), ch = mono_tone(b.file(r, "-room", "mp3"), 2, 4)
    t.ok(ch == 1 and near(f, LEFT_HZ, 10) and lvl > 0.05,
         "room MP3: mono, the left tone (%d ch, %.1f Hz)" % (ch, f))
    (f, lvl), ch = mono_tone(b.file(r, "-trad", "mp3"), 2, 4)
    t.ok(ch == 1 and near(f, RIGHT_HZ, 10) and lvl > 0.05,
         "translation MP3: mono, the right tone (%d ch, %.1f Hz)" % (ch, f))

    # The events wait in the spool for the server, in order.
    ev = b.spooled()
    t.ok(b.wait_for(lambda: len(b.spooled()) == 8, 10), "the extra format follows")
    ev = b.spooled()
    t.eq([e["type"] for e in ev], ["started", "part", "stopped", "file", "file", "file", "file", "file"],
         "events spooled in order")
    t.eq([e["kind"] for e in ev if e["type"] == "file"],
         ["mp4", "mp3", "mp3_room", "mp3_trad", "other"], "one file event per file, MP3s then extras")
    px = probe(b.file(r, "-copy", "mkv"))
    t.ok(px.get("video") == "h264" and "matroska" in (px.get("format") or ""),
         "extra format from the configuration (Encode.Extra): %s" % px.get("format"))
    fe = [e for e in ev if e["type"] == "file" and e["kind"] == "mp4"][0]
    with open(mp4, "rb") as f:
        data = f.read()
    t.eq((fe["bytes"], fe["sha256"]), (len(data), hashlib.sha256(data).hexdigest()),
         "file event carries size and SHA-256")
    t.ok(all(e["reservation"] == 11 and e["recording"] == r["key"] for e in ev),
         "events name the reservation and the recording")
    t.ok(near(fe.get("duration_ms", 0) / 1000.0, p["duration"], 0.5), "and the duration")

    # Local downloads: signed links only.
    rel = fe["path"]
    st, h, body = fetch(b.link(rel))
    t.eq((st, len(body)), (200, len(data)), "signed link downloads the MP4")
    t.eq(hashlib.sha256(body).hexdigest(), fe["sha256"], "the same bytes")
    t.eq(h.get("Content-Type"), "video/mp4", "as video/mp4")
    st, h, body = fetch(b.link(rel), {"Range": "bytes=100-199"})
    t.eq((st, body, h.get("Content-Range")), (206, data[100:200], "bytes 100-199/%d" % len(data)),
         "Range requests resume downloads")
    st, _, _ = fetch(b.link(rel), {"Range": "bytes=%d-" % (len(data) + 10)})
    t.eq(st, 416, "range past the end: 416")
    st, _, _ = fetch(b.link(rel, token="another-token-0123456789"))
    t.eq(st, 403, "link signed with another key: 403")
    st, _, body = fetch(b.link(rel, expires=int(time.time()) - 5))
    t.ok(st == 403 and b"expired" in body, "expired link: 403 saying so")
    st, _, _ = fetch("http://127.0.0.1:%d/dl/%s" % (b.http_port, rel))
    t.eq(st, 403, "unsigned: 403")
    st, _, _ = fetch(b.link(rel).replace("e=", "e=9"))
    t.eq(st, 403, "expiry changed: 403")
    st, _, _ = fetch(b.link("../state/schedule.json"))
    t.eq(st, 404, "no way out of the media folder")
    st, _, _ = fetch(b.link(r["key"] + "/.tmp-x.mp4"))
    t.eq(st, 404, "no temporary files")

    t.ok(b.recording(12) is None, "the later reservation is not recorded yet")
t.done()
