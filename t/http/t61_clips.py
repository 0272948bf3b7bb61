#!/usr/bin/env python3
"""Clips and reels: the order's user and client accounts and staff ask
for a clip of a recording (in/out marks, or a window around a note), a
live account cannot (403) and another order's account gets 404 on every
route (clips, reels, the list, the download); `fm-media clips` cuts it
without re-encoding (both audio channels kept: ffprobe), its duration
and first frame match the marks (the picture carries a barcode of its own
time), the clip is downloaded through /download/{media} and logged; a
reel's duration is the sum of its clips'; clips of different encodings
give a clear message; a job whose runner was killed (kill -9) is done
after a restart; the clips go with their recording."""
import os
import signal
import stat
import subprocess
import tempfile
import time
from fmtest import TAP, Stack, BUILD
from fmorders import catalogue, new_order
from fmportal import reserve, set_password, account, media_add, media_path, PASSWORDS

BITS, BW, BH = 16, 12, 14
BAR = ("geq=lum='if(lt(Y\\,%d)\\,255*mod(floor(T*10/pow(2\\,floor(X/%d)))\\,2)\\,lum(X\\,Y))'"
       ":cb='if(lt(Y\\,%d)\\,128\\,cb(X\\,Y))':cr='if(lt(Y\\,%d)\\,128\\,cr(X\\,Y))'" % (BH, BW, BH, BH))


def make_mp4(path, seconds, size="320x180", rate=25):
    """A recording as a box makes it: H.264 with a keyframe a second,
    AAC stereo (440 Hz left = room, 1000 Hz right = translation); the
    picture carries its own time in tenths of a second (barcode)."""
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=%s:rate=%d,%s" % (size, rate, BAR),
                    "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000",
                    "-f", "lavfi", "-i", "sine=f=1000:sample_rate=48000",
                    "-filter_complex", "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]",
                    "-map", "0:v", "-map", "[a]", "-t", str(seconds),
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                    "-g", str(rate), "-keyint_min", str(rate), "-sc_threshold", "0",
                    "-c:a", "aac", "-ar", "48000", "-movflags", "+faststart", "-y", path],
                   check=True)


def probe(path, what):
    return subprocess.run(["ffprobe", "-v", "error", "-show_entries", what, "-of", "csv=p=0", path],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


def first_code(path):
    d = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-frames:v", "1", "-vf",
                        "crop=%d:%d:0:0,scale=%d:1" % (BITS * BW, BH, BITS),
                        "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
                       stdout=subprocess.PIPE, check=True).stdout
    return sum((1 if b > 128 else 0) << k for k, b in enumerate(d[:BITS])) / 10.0


tmp = tempfile.mkdtemp(prefix="fm-clips-")
slow = os.path.join(tmp, "slow-ffmpeg")
with open(slow, "w") as f:
    f.write("#!/bin/sh\n[ -e %s/slow ] && sleep 30\nexec ffmpeg \"$@\"\n" % tmp)
os.chmod(slow, 0o755)
t = TAP()
with Stack(t, conf_extra="Clips.FFmpeg = %s\nClips.LeaseSeconds = 3" % slow) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-CLIPS")
    o2 = new_order(c, ids["Acme Études"], study_ref="ETU-AUTRE")
    resv = reserve(s, o, ids["Salle 1"], "now() - interval '2 hours'", "now() - interval '1 hour'",
                   ids["Journée"], live=True)
    for k in ("user", "client", "live"):
        set_password(s, "%s%s" % (k[0].upper(), o), PASSWORDS[k])
    set_password(s, "U%s" % o2, PASSWORDS["user"])
    user = account(s, "U%s" % o, PASSWORDS["user"])
    client = account(s, "C%s" % o, PASSWORDS["client"])
    viewer = account(s, "L%s" % o, PASSWORDS["live"])
    stranger = account(s, "U%s" % o2, PASSWORDS["user"])
    J = {"Accept": "application/json"}
    src = os.path.join(tmp, "rec.mp4")
    make_mp4(src, 60)
    with open(src, "rb") as f:
        rec, media = media_add(s, resv, [("mp4", f.read())])
    s.psql("UPDATE recordings SET starts_at = now() - interval '2 hours',"
           " ends_at = now() - interval '2 hours' + interval '60 seconds' WHERE id = %s" % rec)

    def runner(*args):
        return subprocess.run([os.path.join(BUILD, "fm-media"), "-c", s.conf(), "clips"] + list(args),
                              env=s.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=120)

    def clips(who=user):
        return {x["id"]: x for x in who.get("/portal/watch/%s/clips" % rec).json()["clips"]}

    def media_file(mid):
        return media_path(s, s.scalar("SELECT path FROM media_files WHERE id = %s" % mid))

    # Asking for clips.
    add = "/portal/watch/%s/clips" % rec
    r = user.post(add, {"name": "Prix trop cher", "start_ms": "12000", "end_ms": "22000"}, headers=J)
    t.ok(r.status == 200 and r.json()["ok"], "the user account asks for a clip from its marks", r.text)
    c1 = r.json()["id"]
    now_ms = int(float(s.scalar("SELECT extract(epoch FROM starts_at) * 1000 FROM recordings"
                                " WHERE id = %s" % rec)))
    note = s.scalar("INSERT INTO notes (order_id, reservation_id, moment, body, author, login, account_id)"
                    " SELECT %s, %s, to_timestamp(%f), 'Citation', 'C', 'C%s', id FROM order_accounts"
                    " WHERE login = 'C%s' RETURNING id" % (o, resv, (now_ms + 40000) / 1000.0, o, o))
    r = client.post(add, {"name": "Autour de la note", "note": note, "before": "5", "after": "3"},
                    headers=J)
    t.ok(r.status == 200, "the client account asks for one around a note (-5 s/+3 s)", r.text)
    c2 = r.json()["id"]
    for bad, why in (({"name": "x", "start_ms": "5000", "end_ms": "5500"}, "shorter than a second"),
                     ({"name": "x", "start_ms": "70000", "end_ms": "80000"}, "after the recording's end"),
                     ({"name": "", "start_ms": "1000", "end_ms": "5000"}, "without a name"),
                     ({"name": "x", "start_ms": "-1", "end_ms": "5000"}, "negative marks")):
        t.eq(user.post(add, bad, headers=J).status, 422, "refused: %s" % why)
    t.eq(viewer.post(add, {"name": "x", "start_ms": "1000", "end_ms": "5000"}, headers=J).status, 403,
         "a live account cannot make a clip")
    t.eq(viewer.get(add).status, 403, "nor list them")
    t.eq(stranger.post(add, {"name": "x", "start_ms": "1000", "end_ms": "5000"}, headers=J).status, 404,
         "another order's account: 404")
    t.eq(stranger.get(add).status, 404, "nor its list")
    t.eq(stranger.post("/portal/reels", {"name": "x", "clips": "%s,%s" % (c1, c2)}, headers=J).status, 422,
         "nor a reel of this order's clips (they are not its own: refused, nothing made)")
    t.eq(user.post(add, {"name": "x", "start_ms": "1000", "end_ms": "5000"}, csrf=False, headers=J).status,
         403, "no CSRF token: refused")
    t.eq(clips()[c1]["status"], "queued", "the job waits for the runner")

    # The runner.
    t0 = time.time()
    r = runner("--once")
    t.ok(r.returncode == 0, "fm-media clips --once works through the queue (%.2f s)" % (time.time() - t0),
         r.stderr)
    cl = clips()
    t.eq((cl[c1]["status"], cl[c2]["status"]), ("done", "done"), "both clips are done")
    p1 = media_file(cl[c1]["media"])
    dur = float(probe(p1, "format=duration"))
    # A cut without re-encoding starts on the keyframe at or before the in
    # mark: up to a second early with a keyframe every second.
    t.ok(9.95 <= dur <= 11.35, "the clip lasts its marks' 10 s, up to the second before (ffprobe: %.2f s)" % dur)
    code = first_code(p1)
    t.ok(11.0 <= code <= 12.05, "its first frame is the picture at its in mark, within a second"
         " (barcode %.1f s for 12 s)" % code)
    streams = probe(p1, "stream=codec_type,codec_name,channels").splitlines()
    t.ok("video,h264" in streams[0] or "h264,video" in streams[0] or "h264" in streams[0],
         "the picture is copied (H.264)", streams)
    t.ok(any(x.startswith("aac") and x.endswith(",2") or "audio" in x and "2" in x for x in streams),
         "and the sound with both channels (room, translation)", streams)
    enc = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags=encoder", "-of", "csv=p=0", p1],
                         stdout=subprocess.PIPE, text=True).stdout
    p2 = media_file(cl[c2]["media"])
    d2 = float(probe(p2, "format=duration"))
    t.ok(7.95 <= d2 <= 9.35, "the note's clip lasts -5/+3 s, up to the second before (%.2f s)" % d2)
    code2 = first_code(p2)
    t.ok(34.0 <= code2 <= 35.05, "and starts 5 s before the note (barcode %.1f s for 35 s)" % code2)

    # Download: /download/{media}, logged; the rights.
    mid = cl[c1]["media"]
    r = client.get("/download/%s" % mid)
    t.ok(r.status == 200 and (r.header("Content-Disposition") or "").endswith('.mp4"')
         and len(r.raw) == os.path.getsize(p1), "the order's accounts download the clip", r.status)
    t.eq(int(s.scalar("SELECT count(*) FROM download_log WHERE media_file_id = %s" % mid)), 1,
         "in the download log")
    t.eq(viewer.get("/download/%s" % mid).status, 403, "a live account cannot download a clip")
    t.eq(stranger.get("/download/%s" % mid).status, 404, "another order's account: 404")
    t.eq(c.get("/download/%s" % mid).status, 200, "staff may")

    # A reel.
    r = user.post("/portal/reels", {"name": "Le prix", "clips": "%s,%s" % (c2, c1)}, headers=J)
    t.ok(r.status == 200, "a reel of the two clips, the note's first", r.text)
    reel = r.json()["id"]
    t.eq(user.post("/portal/reels", {"name": "x", "clips": "%s" % c1}, headers=J).status, 422,
         "a reel of one clip: refused")
    t.eq(user.post("/portal/reels", {"name": "x", "clips": "1;2"}, headers=J).status, 422,
         "malformed clip list: refused")
    t.eq(viewer.post("/portal/reels", {"name": "x", "clips": "%s,%s" % (c1, c2)}, headers=J).status, 403,
         "a live account cannot make a reel")
    r = runner("--once")
    cl = clips()
    t.ok(cl[reel]["status"] == "done", "the reel is done", (cl[reel], r.stderr))
    pr = media_file(cl[reel]["media"])
    dr = float(probe(pr, "format=duration"))
    t.ok(abs(dr - (dur + d2)) <= 0.2, "its duration is the sum of its clips' (%.2f = %.2f + %.2f)" % (dr, d2, dur))
    t.ok(abs(first_code(pr) - code2) < 0.15, "it starts with the first clip chosen")

    # Clips of another encoding: a clear message.
    other = os.path.join(tmp, "other.mp4")
    make_mp4(other, 20, size="640x360")
    with open(other, "rb") as f:
        rec2, _ = media_add(s, resv, [("mp4", f.read())])
    r = user.post("/portal/watch/%s/clips" % rec2, {"name": "Autre", "start_ms": "2000", "end_ms": "6000"},
                  headers=J)
    c3 = r.json()["id"]
    runner("--once")
    r = user.post("/portal/reels", {"name": "Mélange", "clips": "%s,%s" % (c1, c3)}, headers=J)
    mixed = r.json()["id"]
    runner("--once")
    m = clips()[mixed]
    t.ok(m["status"] == "failed" and "codec parameters" in (m["error"] or ""),
         "clips of different encodings: the reel fails with a clear message", m)

    # kill -9 in the middle of a job; the next runner finishes it.
    r = user.post(add, {"name": "Interrompu", "start_ms": "30000", "end_ms": "35000"}, headers=J)
    c4 = r.json()["id"]
    open(os.path.join(tmp, "slow"), "w").close()
    p = subprocess.Popen([os.path.join(BUILD, "fm-media"), "-c", s.conf(), "clips"], env=s.env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 10
    while time.time() < deadline and clips()[c4]["status"] != "running":
        time.sleep(0.2)
    t.eq(clips()[c4]["status"], "running", "a runner took the job")
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    os.unlink(os.path.join(tmp, "slow"))
    t.eq(clips()[c4]["status"], "running", "killed (-9) with its ffmpeg: the job stays running")
    time.sleep(3.5)
    r = runner("--once")
    x = clips()[c4]
    t.ok(x["status"] == "done" and x["attempts"] == 2, "after its lease a new runner takes it again and"
         " finishes it", x)
    t.ok(not [f for f in os.listdir(os.path.dirname(media_file(x["media"]))) if ".part" in f],
         "no half file left behind")

    # Deleted with the recording.
    files = [media_file(clips()[k]["media"]) for k in (c1, c2, reel)]
    r = user.post("/recordings/%s/delete" % rec, {}, headers=J)
    t.ok(r.status in (200, 303), "the user deletes the recording", r.status)
    t.eq(int(s.scalar("SELECT count(*) FROM clips WHERE recording_id = %s" % rec)), 0,
         "its clips and reels are gone")
    t.ok(not any(os.path.exists(f) for f in files), "and their files")
subprocess.run(["rm", "-rf", tmp], check=False)
t.done()
