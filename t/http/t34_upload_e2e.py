#!/usr/bin/env python3
"""From the room to the portal: fm-box records a 10 s reservation against
the real central server and fm-upload, run meanwhile, leaves the recording
alone; once fm-box has made the MP4 and the MP3s (each with its manifest,
fm-box's side of the contract), fm-upload sends them, fm-box reports
"uploading" while it does, and the order's client account downloads each
file from the portal with the SHA-256 the box computed."""
import json
import os
import time
from fmtest import TAP, Stack
from fmboxdata import setup, reservation, register_box
from fmportal import set_password, account
from fmupload import UploadBox, file_sha, media_rows, sent_bytes, sha

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier complet")
    # 800 kbit/s: the files take a few seconds, long enough to be seen.
    with UploadBox(t, "t34", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 64\nUpload.MaxKbps = 800\n") as b:
        r1 = reservation(s, room1, order, tariff, "4 seconds", "10 seconds")
        b.start()
        t.ok(b.wait_for(lambda: b.ffmpeg_pids(), 20), "fm-box records")
        time.sleep(3)
        rc, out = b.upload()
        t.ok(rc == 0 and sent_bytes(out) == 0, "fm-upload during the recording: nothing to send",
             out)
        rec = b.recording(r1)
        t.eq(os.listdir(os.path.join(b.state, "files")) if os.path.isdir(
            os.path.join(b.state, "files")) else [], [], "no manifest while recording")
        set_password(s, "C" + order, "client-Pa55word")
        cl = account(s, "C" + order, "client-Pa55word")
        t.ok(b.wait_for(lambda: "Enregistrement en cours" in cl.get("/portal").text, 10),
             "the portal says the session is being recorded")
        part = os.path.join(b.media, rec["key"], "part-001.mp4")
        t.ok(os.path.exists(part), "the part being written is there, untouched")
        done = b.wait_done(r1, 60)
        t.ok(done and done["status"] == "done", "recorded, joined, MP3s made")
        mdir = os.path.join(b.state, "files", rec["key"])
        t.ok(b.wait_for(lambda: os.path.isdir(mdir) and len(os.listdir(mdir)) == 4, 20),
             "fm-box wrote a manifest for each of the four files")
        manifests = {}
        for name in sorted(os.listdir(mdir)):
            with open(os.path.join(mdir, name)) as f:
                m = json.load(f)
            manifests[m["kind"]] = m
        t.eq(sorted(manifests), ["mp3", "mp3_room", "mp3_trad", "mp4"], "MP4 and three MP3s")
        t.ok(all(file_sha(os.path.join(b.media, m["path"])) == m["sha256"] and
                 os.path.getsize(os.path.join(b.media, m["path"])) == m["bytes"]
                 for m in manifests.values()),
             "each manifest has its file's size and SHA-256")
        t.ok(b.wait_for(lambda: s.scalar("SELECT count(*) FROM media_files") == "4", 20),
             "the central server got the four file events")
        page = cl.get("/portal").text
        t.ok("Transfert depuis la salle en cours" in page and "/download/" not in page,
             "the portal says the files are on their way, with no link yet")
        t.contains(c.get("/orders/%s/videos" % order).text, "Transfert depuis la salle en cours",
                   "and so does the order's videos page")

        p, logp = b.upload_start()
        t.ok(b.wait_for(lambda: s.scalar("SELECT state FROM boxes") == "uploading", 15),
             "/boxes: the box says it is uploading")
        t.eq(p.wait(120), 0, "fm-upload sent everything: exit 0")
        with open(logp) as f:
            log = f.read()
        t.contains(log, "4 verified", "four files verified")
        rows = {r[1]: r for r in media_rows(s)}
        t.ok(all(rows[k][7] == "t" and rows[k][5] == manifests[k]["sha256"] for k in manifests),
             "all on the central server with the box's SHA-256")
        for k in sorted(manifests):
            r = cl.get("/download/%s" % rows[k][0])
            t.ok(r.status == 200 and sha(r.raw) == manifests[k]["sha256"],
                 "the portal serves the %s with the same SHA-256" % k)
        page = cl.get("/portal").text
        t.contains(page, "/download/%s" % rows["mp3_room"][0], "the portal lists the room's MP3")
        t.ok("Transfert depuis" not in page and "Enregistrement en cours" not in page,
             "and no longer says they are coming")
        t.ok(b.wait_for(lambda: s.scalar("SELECT state FROM boxes") == "idle", 15),
             "the box is idle again")
t.done()
