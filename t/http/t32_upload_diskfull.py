#!/usr/bin/env python3
"""The central server's disk fills up during an upload (a small tmpfs
made for the test holds Paths.Data: the media store, the partial files
and nginx's chunk bodies): the box gets a clear 507 and keeps its file,
/boxes shows the blocked uploads in red; once space is back the next run
goes on where it stopped and the file arrives whole.  Needs root (mount);
the tmpfs is unmounted at the end whatever happens."""
import os
import subprocess
import sys
from fmtest import TAP, Stack
from fmboxdata import setup, reservation, register_box
from fmupload import UploadBox, file_sha, media_rows, offsets, sent_bytes, sha, uploads_row

CHUNK = 256 * 1024
SIZE = 4 * 1024 * 1024 + 999
t = TAP()
if os.geteuid() != 0:
    print("1..0 # SKIP mounting a tmpfs needs root")
    sys.exit(0)


def free_kb(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize // 1024


with Stack(t, conf_extra="Uploads.MinFreeMB = 0") as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier plein")
    r1 = reservation(s, room1, order, tariff, "-3 hours", "1 hour")
    data_dir = os.path.join(s.state, "data")
    s.dev_stack("app-stop")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m,mode=0755", "fm-t32", data_dir],
                   check=True)
    try:
        s.dev_stack("app-start")
        filler = os.path.join(data_dir, "filler")
        with open(filler, "wb") as f:
            f.write(b"\0" * ((free_kb(data_dir) - 1536) * 1024))
        t.ok(free_kb(data_dir) < 2048, "the central server's data disk has %d KB left"
             % free_kb(data_dir))
        with UploadBox(t, "t32", central_url=s.url("").rstrip("/"), token=token,
                       conf_extra="Upload.ChunkKB = 256\n") as b:
            b.api.post("/box/api/heartbeat", {"state": "idle"})
            t.lacks(c.get("/boxes").text, 'class="alarm', "/boxes: the box is fine")
            data = os.urandom(SIZE)
            key, (rel,) = b.add_recording(r1, [("mp4", "", "mp4", data)])
            rc, log1 = b.upload()
            t.eq(rc, 1, "disk full: fm-upload ends with exit 1 (later)")
            t.contains(log1, "disk full on the central server", "and says why")
            t.ok(file_sha(os.path.join(b.media, rel)) == sha(data) and
                 b.upstate(rel) is None, "the box keeps its file, not verified")
            m = int(s.scalar("SELECT id FROM media_files WHERE box_path = '%s'" % rel))
            got = uploads_row(s, m)
            t.ok(got and 0 < got[0] < SIZE, "part of it is on the central server (%s)" % got)
            t.contains(s.focusd_log(), "disk full on the central server",
                       "focusd logged it")
            page = c.get("/boxes").text
            t.contains(page, "disque plein sur le serveur central",
                       "/boxes says the uploads are blocked by the full disk")
            t.contains(page, 'class="alarm', "in red")
            t.ok(s.scalar("SELECT upload_error IS NOT NULL FROM boxes") == "t",
                 "the box's upload error is recorded")

            # Full to the last byte: nginx itself cannot write the chunk.
            filler2 = os.path.join(data_dir, "filler2")
            with open(filler2, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass
            rc, log3 = b.upload()
            t.ok(rc == 1 and "disk full on the central server" in log3,
                 "nginx cannot store the chunk: the box gets the same answer", log3[-1500:])
            with open(os.path.join(s.state, "log", "nginx-error.log")) as f:
                t.contains(f.read(), "No space left on device", "(nginx failed to write it)")
            t.eq(uploads_row(s, m)[0], got[0], "nothing more was appended")
            log1 += log3

            os.unlink(filler2)
            os.unlink(filler)
            b.api.post("/box/api/heartbeat", {"state": "idle"})
            rc, log2 = b.upload()
            t.ok(rc == 0, "space is back: the next run finishes", log2[-2000:])
            t.eq(offsets(log2)[0], got[0], "from where the central server stopped")
            row = media_rows(s, "id = %d" % m)[0]
            t.eq(row[7], "t", "verified")
            t.eq(file_sha(os.path.join(data_dir, "media", row[2])), sha(data),
                 "the stored file is whole, with its SHA-256")
            resent = sent_bytes(log1 + log2) - SIZE
            t.ok(0 <= resent <= 2 * CHUNK, "sent again: %d bytes, the two refused chunks" % resent)
            t.ok(uploads_row(s, m)[1] - SIZE <= 2 * CHUNK, "handed over twice: %d bytes"
                 % (uploads_row(s, m)[1] - SIZE))
            t.eq(s.scalar("SELECT upload_error IS NULL FROM boxes"), "t",
                 "the upload error is cleared")
            t.lacks(c.get("/boxes").text, 'class="alarm', "/boxes is no longer red")
    finally:
        s.dev_stack("app-stop")
        subprocess.run(["umount", data_dir], check=False)
t.done()
