#!/usr/bin/env python3
"""Box uploads against the real nginx + focusd + PostgreSQL: the chunk
protocol of docs/box-api.md (the box's token, its own files only, the
offset checked, the SHA-256 at the end, JSON answers), then fm-upload
with a real MP4 and MP3: both verified and in the media store, the
recording downloadable on the portal with the same SHA-256; a recording
being made is left alone; a second run changes nothing; --dry-run sends
nothing."""
import glob
import os
import tempfile
import time
from fmtest import TAP, Stack
from fmboxdata import setup, reservation, register_box
from fmportal import set_password, account
from fmbox import rfc3339
from fmupload import (BoxAPI, UploadBox, file_sha, key_for, make_media,
                      media_rows, sha, uploads_row)

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier envoi")
    t.eq(st, 201, "box registered")
    st, other_token, _ = register_box(c, room2, "Autre boîtier")
    r1 = reservation(s, room1, order, tariff, "-3 hours", "1 hour")
    r2 = reservation(s, room1, order, tariff, "-1 hour", "2 hours")
    store = os.path.join(s.state, "data", "media")
    partials = os.path.join(s.state, "data", "uploads")

    # -- the protocol, as a box speaks it ------------------------------------
    api = BoxAPI(s.url(""), token)
    other = BoxAPI(s.url(""), other_token)
    t0 = time.time() - 7200
    key = key_for(r1, t0)
    rel = "%s/%s.mp4" % (key, key)
    data = os.urandom(700000)
    digest = sha(data)
    api.event("started", key, r1, started_at=rfc3339(t0))
    api.event("stopped", key, r1, ended_at=rfc3339(t0 + 3000), parts=1)
    st, doc = api.open(key, rel, data)
    t.eq((st, doc.get("error", "")[:12]), (404, "unknown file"),
         "a file whose event has not arrived: 404, said in JSON")
    api.event("file", key, r1, kind="mp4", path=rel, bytes=len(data), sha256=digest)
    st, doc = api.open(key, rel, data)
    t.ok(st == 200 and doc["offset"] == 0 and doc["verified"] is False and
         doc["bytes"] == len(data) and doc["chunk_max"] == 64 << 20,
         "open: its id, offset 0, not verified, the largest chunk", doc)
    media = doc["id"]
    st, doc = BoxAPI(s.url(""), "0" * 64).put(media, 0, data[:1000])
    t.eq(st, 401, "a chunk without a known token: 401")
    st, doc = other.open(key, rel, data)
    t.eq(st, 404, "another box does not find this box's file")
    st, doc = other.put(media, 0, data[:1000])
    t.eq(st, 404, "nor can it send a chunk of it")
    t.ok(not glob.glob(os.path.join(partials, "*.part")) or
         os.path.getsize(os.path.join(partials, "%d.part" % media)) == 0,
         "and nothing was written for it")
    st, doc = api.open(key, rel, data[:-1])
    t.eq(st, 409, "open with another size than reported: 409")
    st, doc = api.put(media, 0, data[:300000])
    t.eq((st, doc.get("offset")), (200, 300000), "first chunk: the new offset")
    t.eq(os.path.getsize(os.path.join(partials, "%d.part" % media)), 300000,
         "appended to the partial file")
    st, doc = api.put(media, 100000, data[100000:200000])
    t.eq((st, doc.get("offset")), (409, 300000),
         "a chunk at the wrong offset: 409 with the offset to go on from")
    t.eq(os.path.getsize(os.path.join(partials, "%d.part" % media)), 300000,
         "nothing appended")
    st, doc = api.put(media, 300000, data[300000:] + b"x" * 10)
    t.eq(st, 400, "a chunk past the end of the file: 400")
    st, doc = api.finish(media, digest)
    t.eq((st, doc.get("offset")), (409, 300000), "finish before the end: 409 with the offset")
    st, doc = api.post("/box/api/uploads/%d/removed" % media, {})
    t.eq(st, 409, "the box may not delete a file the central server has not verified")
    st, doc = api.call("PUT", "/box/api/uploads/%d" % media, data[300000:])
    t.eq(st, 400, "a chunk without Upload-Offset: 400")
    st, doc = api.put(media, 300000, data[300000:])
    t.eq((st, doc.get("offset")), (200, len(data)), "last chunk")
    st, doc = api.finish(media, "0" * 64)
    t.eq(st, 409, "finish with another SHA-256 than reported: 409")
    st, doc = api.finish(media, digest)
    day = s.scalar("SELECT to_char(starts_at, 'YYYY/MM/DD') FROM recordings WHERE box_key = '%s'" % key)
    t.ok(st == 200 and doc.get("verified") is True and doc.get("path") == "%s/r1-mp4.mp4" % day,
         "finish: verified, in the store under the recording's day", doc)
    stored = os.path.join(store, doc.get("path", "x"))
    t.ok(os.path.exists(stored) and file_sha(stored) == digest, "the stored file has the SHA-256")
    t.ok(not os.path.exists(os.path.join(partials, "%d.part" % media)), "the partial file is gone")
    t.eq(media_rows(s, "id = %d" % media),
         [[str(media), "mp4", doc.get("path"), rel, str(len(data)), digest, "t", "t"]],
         "media file: on central, its store path, the box's path kept")
    t.eq(uploads_row(s, media), [len(data), len(data) + 500010, 2, 0, True],
         "received, every chunk byte handed over (refused ones too), chunks appended")
    st, doc = api.put(media, 0, data[:1000])
    t.ok(st == 409 and doc.get("verified") is True, "a chunk of a verified file: 409, verified")
    st, doc = api.finish(media, digest)
    t.ok(st == 200 and doc.get("verified") is True, "finish again (an answer lost): 200")
    st, doc = api.open(key, rel, data)
    t.ok(st == 200 and doc["verified"] is True and doc["offset"] == len(data), "open: verified")
    st, doc = api.post("/box/api/uploads/%d/removed" % media, {})
    t.eq(st, 200, "the box says it deleted its copy")
    t.eq(s.scalar("SELECT on_box FROM media_files WHERE id = %d" % media), "f", "on_box false")
    before = media_rows(s)
    api.event("file", key, r1, kind="mp4", path=rel, bytes=len(data), sha256=digest)
    t.eq(media_rows(s), before, "the file event again (a retry) changes nothing")
    t.eq(s.scalar("SELECT count(*) FROM media_files"), "1", "and adds no row")

    # A mismatch: a byte changed on the way.  The partial is thrown away.
    key2 = key_for(r1, t0 + 60)
    rel2 = "%s/%s.mp3" % (key2, key2)
    data2 = os.urandom(200000)
    api.event("started", key2, r1, started_at=rfc3339(t0 + 60))
    api.event("file", key2, r1, kind="mp3", path=rel2, bytes=len(data2), sha256=sha(data2))
    st, doc = api.open(key2, rel2, data2)
    m2 = doc["id"]
    bad = bytearray(data2)
    bad[1234] ^= 0xff
    api.put(m2, 0, bytes(bad))
    st, doc = api.finish(m2, sha(data2))
    t.ok(st == 422 and doc.get("offset") == 0 and "SHA-256" in doc.get("error", ""),
         "finish of a file that does not verify: 422, start again from 0", doc)
    t.ok(not os.path.exists(os.path.join(partials, "%d.part" % m2)), "its partial was discarded")
    t.eq(s.psql("SELECT on_central, path FROM media_files WHERE id = %d" % m2), [["f", rel2]],
         "nothing of it reached the store")
    t.eq(uploads_row(s, m2)[3], 1, "the restart is counted")

    # Staff delete a recording while its box sends it: the partial goes
    # with it, and the box is told the file is unknown (it keeps its copy).
    key3 = key_for(r1, t0 + 120)
    rel3 = "%s/%s.mp4" % (key3, key3)
    data3 = os.urandom(300000)
    api.event("started", key3, r1, started_at=rfc3339(t0 + 120))
    api.event("stopped", key3, r1, ended_at=rfc3339(t0 + 600), parts=1)
    api.event("file", key3, r1, kind="mp4", path=rel3, bytes=len(data3), sha256=sha(data3))
    st, doc = api.open(key3, rel3, data3)
    m3 = doc["id"]
    api.put(m3, 0, data3[:100000])
    t.ok(os.path.getsize(os.path.join(partials, "%d.part" % m3)) == 100000, "(a partial is there)")
    rec3 = s.scalar("SELECT id FROM recordings WHERE box_key = '%s'" % key3)
    t.eq(c.post("/recordings/%s/delete" % rec3).status, 303, "staff delete the recording")
    t.ok(not os.path.exists(os.path.join(partials, "%d.part" % m3)), "its partial upload is gone too")
    st, doc = api.put(m3, 100000, data3[100000:])
    t.eq(st, 404, "the box's next chunk: 404 (unknown file)")

    # -- fm-upload with a real MP4 and MP3 ---------------------------------------
    tmp = tempfile.mkdtemp(prefix="fm-t30-")
    mp4, mp3 = make_media(tmp)
    with UploadBox(t, "t30", central_url=s.url("").rstrip("/"), token=token,
                   conf_extra="Upload.ChunkKB = 128\n") as b:
        k3, (rel_mp4, rel_mp3) = b.add_recording(r2, [("mp4", "", "mp4", mp4),
                                                      ("mp3", "", "mp3", mp3)])
        k4, part = b.recording_in_progress(r2, os.urandom(300000))
        part_path = os.path.join(b.media, part)
        before = os.stat(part_path)
        rc, out = b.upload()
        t.ok(rc == 0, "fm-upload: exit 0, nothing left", out[-3000:])
        rows = {r[1]: r for r in media_rows(s, "box_path LIKE '%s/%%'" % k3)}
        t.ok(rows.get("mp4", [0] * 8)[7] == "t" and rows.get("mp3", [0] * 8)[7] == "t",
             "MP4 and MP3 verified on the central server", rows)
        for kind, data3 in (("mp4", mp4), ("mp3", mp3)):
            p = os.path.join(store, rows[kind][2])
            t.ok(os.path.exists(p) and file_sha(p) == sha(data3),
                 "%s in the store with its SHA-256 (%s)" % (kind, rows[kind][2]))
        n_chunks = (len(mp4) + 131071) // 131072
        t.eq(uploads_row(s, rows["mp4"][0])[:3], [len(mp4), len(mp4), n_chunks],
             "every byte of the MP4 sent once, in chunks of 128 KB")
        st3 = b.upstate(rel_mp4)
        t.ok(st3 and st3["verified_at"] and st3["media_id"] == int(rows["mp4"][0]) and
             st3["central_path"] == rows["mp4"][2], "the box noted the verification", st3)
        t.ok(os.path.exists(os.path.join(b.media, rel_mp4)), "and keeps its copy")
        t.lacks(out, "part-001", "the recording being made was not touched")
        after = os.stat(part_path)
        t.eq((after.st_size, after.st_mtime_ns), (before.st_size, before.st_mtime_ns),
             "its part is as it was")

        # The portal serves the uploaded file, the very bytes.
        set_password(s, "C" + order, "client-Pa55word")
        cl = account(s, "C" + order, "client-Pa55word")
        for kind, data3 in (("mp4", mp4), ("mp3", mp3)):
            r = cl.get("/download/%s" % rows[kind][0])
            t.ok(r.status == 200 and sha(r.raw) == sha(data3),
                 "the client account downloads the %s with the same SHA-256" % kind,
                 "%d, %d bytes" % (r.status, len(r.raw)))
        page = cl.get("/portal").text
        t.contains(page, "/download/%s" % rows["mp4"][0], "the portal lists the recording's video")

        # Nothing to do: nothing changes.
        puts = s.focusd_log().count("PUT /box/api/uploads/")
        calls = s.focusd_log().count("/box/api/uploads")
        snap = s.psql("SELECT * FROM media_uploads ORDER BY media_file_id")
        mtimes = [os.stat(os.path.join(store, rows[k][2])).st_mtime_ns for k in ("mp4", "mp3")]
        rc, out = b.upload()
        t.eq(rc, 0, "second run: exit 0")
        t.contains(out, "0 verified, 0 deleted, 0 waiting; 0 bytes sent", "and says it had nothing to do")
        t.eq(s.focusd_log().count("/box/api/uploads"), calls, "it did not even call the central server")
        t.eq(s.focusd_log().count("PUT /box/api/uploads/"), puts, "no chunk")
        t.eq(s.psql("SELECT * FROM media_uploads ORDER BY media_file_id"), snap, "no upload row changed")
        t.eq([os.stat(os.path.join(store, rows[k][2])).st_mtime_ns for k in ("mp4", "mp3")], mtimes,
             "the stored files are untouched")

        # --dry-run says what it would send, and sends nothing.
        k5, (rel5,) = b.add_recording(r2, [("mp3_room", "-room", "mp3", os.urandom(50000))],
                                      start=None)
        rc, out = b.upload("--dry-run")
        t.ok(rc == 0 and "would send %s" % rel5 in out, "--dry-run: would send the new file", out)
        t.eq(s.scalar("SELECT count(*) FROM media_uploads u JOIN media_files m"
                      " ON m.id = u.media_file_id WHERE m.box_path = '%s'" % rel5), "0",
             "and sent nothing")
        t.eq(b.upstate(rel5), None, "nor noted anything")

        # /boxes shows the box's uploads.
        page = c.get("/boxes").text
        t.contains(page, "upload-", "/boxes has the uploads of the box")
t.done()
