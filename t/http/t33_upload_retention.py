#!/usr/bin/env python3
"""What the box keeps, against the real central server: a verified file
is deleted Upload.RetentionDays after its verification, the central server
told first (no more on-site link); a file the central server has not
verified is never deleted, however old, even when the box's own notes say
otherwise; a recording fm-box still works on is kept; the folders of a
recording go with its last file.  Upload windows: outside them nothing is
sent, --once sends anyway."""
import datetime
import os
import time
from fmtest import TAP, Stack
from fmboxdata import setup, reservation, register_box
from fmbox import rfc3339
from fmupload import UploadBox, media_rows, sent_bytes

t = TAP()


def days_ago(n):
    return rfc3339(time.time() - n * 86400 - 60)


with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier rétention")
    r1 = reservation(s, room1, order, tariff, "-3 hours", "1 hour")
    with UploadBox(t, "t33", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 64\n") as b:
        b.api.post("/box/api/heartbeat", {"state": "idle", "local_url": "http://127.0.0.1:9"})
        ka, (a1, a2) = b.add_recording(r1, [("mp4", "", "mp4", os.urandom(100000)),
                                            ("mp3", "", "mp3", os.urandom(50000))],
                                       start=time.time() - 20000)
        kc, (c1,) = b.add_recording(r1, [("mp4", "", "mp4", os.urandom(80000))],
                                    start=time.time() - 10000)
        rc, out = b.upload()
        t.ok(rc == 0 and b.upstate(a1) and b.upstate(a2) and b.upstate(c1), "all verified", out)
        # Not yet known to the central server: its event never arrived.
        kb, (b1,) = b.add_recording(r1, [("mp4", "", "mp4", os.urandom(60000))],
                                    start=time.time() - 15000, report=False)
        rc, out = b.upload()
        t.eq(rc, 1, "a file the central server does not know: exit 1 (later)")
        t.contains(out, "not known to the central server yet", "saying why")

        # a1 verified 8 days ago, a2 just now; c1 8 days ago but its
        # recording still has work (mono MP3s); b1 unverified, its notes lie.
        st1 = b.upstate(a1)
        st1["verified_at"] = days_ago(8)
        b.set_upstate(a1, st1)
        st3 = b.upstate(c1)
        st3["verified_at"] = days_ago(30)
        b.set_upstate(c1, st3)
        with open(os.path.join(b.state, "recordings", kc + ".json")) as f:
            rec_c = f.read()
        with open(os.path.join(b.state, "recordings", kc + ".json"), "w") as f:
            f.write(rec_c.replace('"mono_done": true', '"mono_done": false'))
        b.set_upstate(b1, {"media_id": 999, "verified_at": days_ago(30), "central_path": "x"})
        ma1 = media_rows(s, "box_path = '%s'" % a1)[0][0]
        t.eq(c.get("/media/%s/onsite" % ma1).status, 303, "a1 has its on-site link")

        rc, out = b.upload("--dry-run")
        t.contains(out, "would delete %s" % a1, "--dry-run: would delete a1")
        t.ok(os.path.exists(os.path.join(b.media, a1)), "and does not")

        rc, out = b.upload()
        t.contains(out, "%s: deleted" % a1, "a1, verified 8 days ago, is deleted")
        t.ok(not os.path.exists(os.path.join(b.media, a1)), "its file is gone from the box")
        t.ok(not os.path.exists(os.path.join(b.state, "files", a1 + ".json")) and
             b.upstate(a1) is None, "with its manifest and notes")
        t.eq(media_rows(s, "box_path = '%s'" % a1)[0][6:], ["f", "t"],
             "the central server knows it is no longer on the box, still has it")
        t.eq(c.get("/media/%s/onsite" % ma1).status, 404, "no more on-site link")
        t.ok(os.path.exists(os.path.join(b.media, a2)), "a2, verified just now, is kept")
        t.ok(os.path.exists(os.path.join(b.media, c1)),
             "c1 is kept while fm-box still has work on its recording")
        t.ok(os.path.exists(os.path.join(b.media, b1)),
             "b1, never verified by the central server, is kept (whatever the box noted)")
        t.contains(out, "%s: not deleted" % b1, "the central server said no for b1")
        t.contains(out, "%s: later: not known" % b1, "so the box tries to send it again")
        t.ok(os.path.isdir(os.path.join(b.media, ka)), "the recording's folder stays with a2")

        # The last file of a recording goes: its folders and state go too.
        st2 = b.upstate(a2)
        st2["verified_at"] = days_ago(7)
        b.set_upstate(a2, st2)
        rc, out = b.upload()
        t.contains(out, "%s: deleted" % a2, "a2 is deleted once its 7 days are over")
        t.ok(not os.path.exists(os.path.join(b.media, ka)), "the recording's media folder is gone")
        t.ok(not os.path.exists(os.path.join(b.state, "recordings", ka + ".json")) and
             not os.path.exists(os.path.join(b.state, "files", ka)),
             "and its state and manifests")
        t.ok(os.path.exists(os.path.join(b.state, "recordings", kc + ".json")),
             "another recording's state is kept")

    # Windows: outside them nothing is sent; --once sends anyway.
    now = datetime.datetime.now()
    start = (now + datetime.timedelta(hours=2)).strftime("%H:00")
    end = (now + datetime.timedelta(hours=3)).strftime("%H:00")
    with UploadBox(t, "t33w", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.Windows = %s-%s\n" % (start, end)) as b:
        kw, (w1,) = b.add_recording(r1, [("mp4", "", "mp4", os.urandom(70000))],
                                    start=time.time() - 9000)
        rc, out = b.upload()
        t.ok(rc == 0 and sent_bytes(out) == 0 and b.upstate(w1) is None,
             "outside the window %s-%s: exit 0, nothing sent" % (start, end), out)
        t.contains(out, "outside the upload windows", "saying so")
        rc, out = b.upload("--once")
        t.ok(rc == 0 and b.upstate(w1), "--once sends it anyway", out)
t.done()
