#!/usr/bin/env python3
"""fm-upload cut off and resumed, against the real nginx + focusd +
PostgreSQL: kill -9 of fm-upload in the middle of a file, nginx stopped in
the middle of a file, then a new run goes on where the central server is
and sends again at most the chunk that was cut (counted on the box and by
the central server); bytes flipped in the central server's partial file
are found at the end and the file is sent again, right; two runs at once
do not overlap."""
import os
import signal
import time
from fmtest import TAP, Stack
from fmboxdata import setup, reservation, register_box
from fmupload import (UploadBox, file_sha, media_rows, offsets, sent_bytes,
                      sha, uploads_row)

CHUNK = 256 * 1024
SIZE = 6 * 1024 * 1024 + 12345
t = TAP()


def received(s, rel):
    v = s.scalar("SELECT u.received FROM media_uploads u JOIN media_files m"
                 " ON m.id = u.media_file_id WHERE m.box_path = '%s'" % rel)
    return int(v) if v else 0


def media_id(s, rel):
    return int(s.scalar("SELECT id FROM media_files WHERE box_path = '%s'" % rel))


def wait(pred, timeout, step=0.02):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def log_of(path):
    with open(path, errors="replace") as f:
        return f.read()


with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier coupé")
    r1 = reservation(s, room1, order, tariff, "-3 hours", "1 hour")
    store = os.path.join(s.state, "data", "media")
    partials = os.path.join(s.state, "data", "uploads")
    # 16 Mbit/s: 2 MB/s, a chunk every eighth of a second.
    with UploadBox(t, "t31", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 256\nUpload.MaxKbps = 16000\n") as b:
        datas = [os.urandom(SIZE)]
        key, rels = b.add_recording(r1, [("mp4", "", "mp4", datas[0])])

        # 1. kill -9 in the middle of the first file.
        p, out1 = b.upload_start()
        t.ok(wait(lambda: received(s, rels[0]) >= 2 * 1024 * 1024, 30),
             "fm-upload is sending the first file")
        time.sleep(0.06)   # into the next chunk
        p.kill()
        p.wait()
        at_kill = received(s, rels[0])
        log1 = log_of(out1)
        t.ok(0 < at_kill < SIZE and at_kill % CHUNK == 0,
             "killed with -9 half way: the central server has %d whole chunks" % (at_kill // CHUNK))
        t.eq(os.path.getsize(os.path.join(partials, "%d.part" % media_id(s, rels[0]))), at_kill,
             "its partial file holds exactly those")
        rc, log2 = b.upload()
        t.ok(rc == 0, "the next run ends with exit 0 (the lock died with the killed one)", log2[-2000:])
        t.eq(offsets(log2)[0], at_kill, "it went on at the central server's offset")
        m0 = media_id(s, rels[0])
        t.eq(media_rows(s, "id = %d" % m0)[0][7], "t", "the first file is verified")
        resent = sent_bytes(log1 + log2) - sum(len(d) for d in datas)
        t.ok(0 <= resent <= CHUNK, "the box sent again %d bytes: at most the chunk that was cut" % resent)
        u = uploads_row(s, m0)
        t.ok(u[1] - SIZE <= CHUNK, "the central server was handed %d bytes more than the file"
             % (u[1] - SIZE))
        p0 = os.path.join(store, media_rows(s, "id = %d" % m0)[0][2])
        t.eq(file_sha(p0), sha(datas[0]), "the stored file has the SHA-256")

    # Files that wait again: a new recording for each step.
    with UploadBox(t, "t31b", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 256\nUpload.MaxKbps = 16000\n") as b:
        data = os.urandom(SIZE)
        key, (rel,) = b.add_recording(r1, [("mp4", "", "mp4", data)], start=time.time() - 5000)

        # 2. nginx stops in the middle of a file.
        p, out1 = b.upload_start()
        t.ok(wait(lambda: received(s, rel) >= 2 * 1024 * 1024, 30), "sending")
        time.sleep(0.06)
        with open(os.path.join(s.state, "nginx.pid")) as f:
            nginx = int(f.read())
        os.kill(nginx, signal.SIGTERM)   # fast: open connections are cut
        rc = p.wait(60)
        log1 = log_of(out1)
        t.eq(rc, 1, "nginx gone: fm-upload ends with exit 1 (later)")
        t.contains(log1, "central server unreachable", "and says why")
        s.dev_stack("nginx-start")
        at_stop = received(s, rel)
        rc, log2 = b.upload()
        t.ok(rc == 0, "nginx back: the next run finishes", log2[-2000:])
        t.eq(offsets(log2)[0], at_stop, "from the central server's offset (%d)" % at_stop)
        m = media_id(s, rel)
        resent = sent_bytes(log1 + log2) - SIZE
        t.ok(0 <= resent <= CHUNK, "sent again: %d bytes, at most one chunk" % resent)
        t.ok(uploads_row(s, m)[1] - SIZE <= CHUNK, "handed to focusd twice: %d bytes"
             % (uploads_row(s, m)[1] - SIZE))
        t.eq(file_sha(os.path.join(store, media_rows(s, "id = %d" % m)[0][2])), sha(data),
             "the stored file has the SHA-256")

    with UploadBox(t, "t31c", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 256\nUpload.MaxKbps = 16000\n") as b:
        data = os.urandom(SIZE)
        key, (rel,) = b.add_recording(r1, [("mp4", "", "mp4", data)], start=time.time() - 6000)

        # 3. Bytes flipped in the central server's partial file.
        p, out1 = b.upload_start()
        t.ok(wait(lambda: received(s, rel) >= 3 * 1024 * 1024, 30), "sending")
        p.kill()
        p.wait()
        m = media_id(s, rel)
        part = os.path.join(partials, "%d.part" % m)
        with open(part, "r+b") as f:
            f.seek(100000)
            byte = f.read(1)
            f.seek(100000)
            f.write(bytes([byte[0] ^ 0xff]))
        rc, log2 = b.upload()
        t.ok(rc == 0, "the damaged upload ends verified in the same run", log2[-3000:])
        t.contains(log2, "SHA-256 mismatch", "the central server found the mismatch at the end")
        t.eq(offsets(log2).count(0), 1, "and the file was sent again from the start, once")
        t.eq(uploads_row(s, m)[3], 1, "one restart counted")
        t.eq(file_sha(os.path.join(store, media_rows(s, "id = %d" % m)[0][2])), sha(data),
             "the stored file is the right one")

        # 4. Two runs at once do not overlap.
        data = os.urandom(SIZE)
        key, (rel,) = b.add_recording(r1, [("mp4", "", "mp4", data)], start=time.time() - 7000)
        pa, outa = b.upload_start()
        t.ok(wait(lambda: received(s, rel) > 0, 30), "a run is sending")
        t0 = time.time()
        rc, logb = b.upload()
        t.eq(rc, 3, "a second run at the same time: exit 3")
        t.ok(time.time() - t0 < 5, "at once")
        t.contains(logb, "another fm-upload is running", "saying why")
        t.eq(sent_bytes(logb), 0, "it sent nothing")
        t.eq(pa.wait(60), 0, "the first run finishes")
        m = media_id(s, rel)
        n = (SIZE + CHUNK - 1) // CHUNK
        t.eq(uploads_row(s, m)[:3], [SIZE, SIZE, n],
             "every chunk once, none refused: the runs did not overlap")
        t.eq(file_sha(os.path.join(store, media_rows(s, "id = %d" % m)[0][2])), sha(data),
             "the stored file has the SHA-256")
t.done()
