#!/usr/bin/env python3
"""fm-upload on the box side, against FakeCentral (fmbox.py): its exit
statuses for cron (done, later, usage, already running, needs a human),
the bandwidth cap (the rate the server sees, within a few percent), the
lower cap while a recording runs, and a full disk on the central side."""
import os
import subprocess
import time
from fmtest import TAP
from fmbox import FakeCentral
from fmupload import UploadBox, sha

t = TAP()


def rate(fake, ids):
    """Bytes per second the server received, first chunk to last."""
    ch = [c for c in fake.chunks if c[0] in ids]
    return sum(c[2] for c in ch) / (max(c[4] for c in ch) - min(c[3] for c in ch))


fake = FakeCentral().start()
try:
    with UploadBox(t, "u01", central_url=fake.url,
                   conf_extra="Upload.ChunkKB = 256\nUpload.MaxKbps = 24000\n"
                   "Upload.MaxKbpsWhileRecording = 8000\n") as b:
        # A bad key: exit 2.
        bad = os.path.join(b.dir, "bad.conf")
        with open(b.conf) as f, open(bad, "w") as g:
            g.write(f.read() + "Upload.Windows = tonight\n")
        r = subprocess.run([b.upload_cmd()[0], "-c", bad], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, env=b.env())
        t.eq(r.returncode, 2, "a bad Upload.Windows: exit 2")
        t.contains(r.stdout, "Upload.Windows", "naming the key")
        t.ok("Traceback" not in r.stdout and len(r.stdout.strip().splitlines()) == 1,
             "in one line for the operator (no traceback)")
        r = subprocess.run([b.upload_cmd()[0], "-c", os.path.join(b.dir, "missing.conf")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=b.env())
        t.eq(r.returncode, 2, "no configuration file: exit 2")
        t.contains(r.stdout, "missing.conf not found", "saying which file")
        rc, out = b.upload("--bogus")
        t.eq(rc, 2, "an unknown option: exit 2")
        rc, out = b.upload()
        t.eq(rc, 0, "nothing to send: exit 0")

        # The cap: 24 Mbit/s is 3 MB/s.
        data = os.urandom(6 * 1024 * 1024)
        key, (rel,) = b.add_recording(1, [("mp4", "", "mp4", data)])
        rc, out = b.upload()
        t.eq(rc, 0, "sent: exit 0")
        fid = [i for i, f in fake.files.items() if f["path"] == rel][0]
        f = fake.files[fid]
        t.ok(f["verified"] and sha(bytes(f["data"])) == sha(data), "the server has it, verified")
        got = rate(fake, [fid]) / 3e6
        t.ok(0.85 <= got <= 1.05, "the server received it at %.3f of the cap" % got)

        # A recording runs: the lower cap (8 Mbit/s, 1 MB/s).
        b.recording_in_progress(2, os.urandom(1000))
        data = os.urandom(2 * 1024 * 1024)
        key, (rel,) = b.add_recording(3, [("mp4", "", "mp4", data)])
        rc, out = b.upload()
        fid = [i for i, f in fake.files.items() if f["path"] == rel][0]
        got = rate(fake, [fid]) / 1e6
        t.ok(rc == 0 and 0.85 <= got <= 1.05,
             "while a recording runs: %.3f of the lower cap" % got)

        # Two at once: the second one does nothing, exit 3.
        data = os.urandom(3 * 1024 * 1024)
        key, (rel,) = b.add_recording(4, [("mp4", "", "mp4", data)])
        p, outp = b.upload_start()
        time.sleep(0.3)
        rc, out = b.upload()
        t.eq(rc, 3, "while another runs: exit 3")
        t.eq(p.wait(60), 0, "the first one finishes")

        # The central server's disk is full: exit 1, the file kept.
        fake.upload_status = 507
        data = os.urandom(500000)
        key, (rel,) = b.add_recording(5, [("mp4", "", "mp4", data)])
        rc, out = b.upload()
        t.eq(rc, 1, "a full disk there: exit 1 (later)")
        t.ok(os.path.exists(os.path.join(b.media, rel)) and b.upstate(rel) is None,
             "the file stays, not verified")
        fake.upload_status = None

        # A changed file on the box: exit 4.
        with open(os.path.join(b.media, rel), "r+b") as fh:
            fh.write(b"x")
        rc, out = b.upload()
        t.eq(rc, 4, "a file changed on the box since it was finished: exit 4")
        t.contains(out, "no longer has the size and SHA-256", "saying so")
        b.write_manifest(key, 5, "mp4", rel, b"x" + data[1:])

        # The token refused: exit 4.
        fake.token = "another-token-0123456789"
        rc, out = b.upload()
        t.eq(rc, 4, "the token refused: exit 4")
        t.contains(out, "refused the box's token", "saying so")
        fake.token = b.token
        rc, out = b.upload()
        t.eq(rc, 1, "a file the central server knows with another SHA-256: later, exit 1")

    # The central server unreachable: exit 1.
    with UploadBox(t, "u01b", central_url="http://127.0.0.1:9") as b:
        key, (rel,) = b.add_recording(1, [("mp4", "", "mp4", os.urandom(1000))], report=False)
        rc, out = b.upload()
        t.eq(rc, 1, "the central server unreachable: exit 1 (later)")
        t.contains(out, "central server unreachable", "saying so")
finally:
    fake.stop()
t.done()
