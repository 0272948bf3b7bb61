"""fmupload - the kit for the upload tests (standard library only).

A box's finished recordings are made by hand, as fm-box leaves them
(docs/box.md, "Finished files"): the files in the media folder, their
manifests in state/files/, the events sent to the central server with the
box's token.  fm-upload then runs against the real central server (or
FakeCentral) with the box's configuration; the helpers read what it said
and what the central server holds.
"""

import datetime
import hashlib
import http.client
import json
import os
import re
import subprocess
import time
import urllib.parse

from fmtest import BUILD
from fmbox import Box, rfc3339

UPLOAD = os.path.join(BUILD, "fm-upload")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def file_sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class BoxAPI:
    """The box API as a box calls it (token in Authorization)."""

    def __init__(self, url, token):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.token = token
        self.seq = 0

    def call(self, method, path, body=b"", headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        h = {"Authorization": "Bearer " + self.token}
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        try:
            doc = json.loads(data) if data else {}
        except ValueError:
            doc = {"raw": data.decode("utf-8", "replace")}
        return r.status, doc

    def post(self, path, doc):
        return self.call("POST", path, json.dumps(doc).encode(),
                         {"Content-Type": "application/json"})

    def event(self, type_, key, resv, **fields):
        self.seq += 1
        ev = {"type": type_, "seq": self.seq, "at": rfc3339(time.time()),
              "recording": key, "reservation": int(resv)}
        ev.update(fields)
        return self.post("/box/api/events", ev)

    def open(self, key, rel, data):
        return self.post("/box/api/uploads", {"recording": key, "path": rel,
                                              "bytes": len(data), "sha256": sha(data)})

    def put(self, media, offset, data):
        return self.call("PUT", "/box/api/uploads/%d" % media, data,
                         {"Upload-Offset": str(offset),
                          "Content-Type": "application/octet-stream"})

    def finish(self, media, digest):
        return self.post("/box/api/uploads/%d/finish" % media, {"sha256": digest})


def key_for(resv, start):
    return "%s-r%s" % (datetime.datetime.fromtimestamp(int(start), datetime.timezone.utc)
                       .strftime("%Y%m%dT%H%M%SZ"), resv)


class UploadBox(Box):
    """A Box (fmbox) whose recordings are written by hand, with fm-upload."""

    def __init__(self, tap, name="up", central_url=None, token=None, conf_extra=""):
        kw = {"central_url": central_url, "conf_extra": conf_extra}
        if token:
            kw["token"] = token
        Box.__init__(self, tap, name, **kw)
        self.api = BoxAPI(central_url, self.token) if central_url else None
        self.upload_log = os.path.join(self.dir, "fm-upload.log")

    def add_recording(self, resv, files, start=None, report=True):
        """files: [(kind, suffix, ext, data)].  Writes them and their
        manifests; reports the recording and files to the central server.
        Returns (key, [rel...])."""
        start = start or time.time() - 3600
        key = key_for(resv, start)
        os.makedirs(os.path.join(self.media, key), exist_ok=True)
        if report and self.api:
            st, _ = self.api.event("started", key, resv, started_at=rfc3339(start))
            assert st == 200, st
            st, _ = self.api.event("stopped", key, resv, ended_at=rfc3339(start + 600),
                                   parts=1)
            assert st == 200, st
        rels = []
        for kind, suffix, ext, data in files:
            rel = "%s/%s%s.%s" % (key, key, suffix, ext)
            with open(os.path.join(self.media, rel), "wb") as f:
                f.write(data)
            self.write_manifest(key, resv, kind, rel, data)
            if report and self.api:
                st, _ = self.api.event("file", key, resv, kind=kind, path=rel,
                                       bytes=len(data), sha256=sha(data))
                assert st == 200, st
            rels.append(rel)
        rec = {"key": key, "reservation": int(resv), "rec": True, "live": False,
               "label": "T", "status": "done", "started_at": rfc3339(start),
               "stopped_at": rfc3339(start + 600), "parts": [], "mp3_done": True,
               "mono_done": True, "extra_done": 0, "reported": True}
        self.write_recinfo(rec)
        return key, rels

    def write_manifest(self, key, resv, kind, rel, data):
        d = os.path.join(self.state, "files", key)
        os.makedirs(d, exist_ok=True)
        doc = {"recording": key, "reservation": int(resv), "kind": kind, "path": rel,
               "bytes": len(data), "sha256": sha(data), "duration_ms": 0,
               "finished_at": rfc3339(time.time())}
        with open(os.path.join(d, os.path.basename(rel) + ".json"), "w") as f:
            json.dump(doc, f)

    def write_recinfo(self, rec):
        d = os.path.join(self.state, "recordings")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, rec["key"] + ".json"), "w") as f:
            json.dump(rec, f)

    def recording_in_progress(self, resv, data):
        """A recording fm-box is writing: a part, its state, no manifest."""
        start = time.time() - 30
        key = key_for(resv, start)
        os.makedirs(os.path.join(self.media, key), exist_ok=True)
        rel = "%s/part-001.mp4" % key
        with open(os.path.join(self.media, rel), "wb") as f:
            f.write(data)
        self.write_recinfo({"key": key, "reservation": int(resv), "rec": True,
                            "live": False, "label": "T", "status": "recording",
                            "started_at": rfc3339(start), "stopped_at": None,
                            "parts": [{"started_at": rfc3339(start), "ended_at": None,
                                       "end": ""}],
                            "mp3_done": False, "mono_done": False, "extra_done": 0,
                            "reported": False})
        return key, rel

    def log(self):
        """fm-box's log (when it ran) and fm-upload's."""
        text = ""
        for p in (self.log_path, self.upload_log):
            if os.path.exists(p):
                with open(p, errors="replace") as f:
                    text += f.read()
        return text

    # -- fm-upload ------------------------------------------------------------
    def upload_cmd(self, *args):
        return [UPLOAD, "-c", self.conf, "--verbose"] + list(args)

    def upload(self, *args, timeout=300):
        """Runs fm-upload to its end; returns (exit status, its log)."""
        r = subprocess.run(self.upload_cmd(*args), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, env=self.env(),
                           timeout=timeout, stdin=subprocess.DEVNULL)
        with open(self.upload_log, "a") as f:
            f.write(r.stdout)
        return r.returncode, r.stdout

    def upload_start(self, *args):
        """Starts fm-upload; its output goes to out (a file) -> (Popen, path)."""
        path = os.path.join(self.dir, "fm-upload-%d.out" % time.time_ns())
        out = open(path, "w")
        p = subprocess.Popen(self.upload_cmd(*args), stdout=out, stderr=subprocess.STDOUT,
                             env=self.env(), stdin=subprocess.DEVNULL)
        out.close()
        return p, path

    def upstate(self, rel):
        p = os.path.join(self.state, "uploads", rel + ".json")
        if not os.path.exists(p):
            return None
        with open(p) as f:
            return json.load(f)

    def set_upstate(self, rel, doc):
        p = os.path.join(self.state, "uploads", rel + ".json")
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            json.dump(doc, f)


def sent_bytes(log):
    """Bytes fm-upload started to send, from its --verbose lines."""
    return sum(int(n) for n in re.findall(r"sending (\d+) bytes at offset", log))


def offsets(log):
    return [int(n) for n in re.findall(r"sending \d+ bytes at offset (\d+)", log)]


def media_rows(s, where="true"):
    """id, kind, path, box_path, bytes, sha256, on_box, on_central of media files."""
    return s.psql("SELECT id, kind, path, coalesce(box_path, ''), bytes, sha256,"
                  " on_box, on_central FROM media_files WHERE %s ORDER BY id" % where)


def uploads_row(s, media):
    """received, bytes_in, chunks, restarts, finished (t/f) of a media file."""
    rows = s.psql("SELECT received, bytes_in, chunks, restarts,"
                  " (finished_at IS NOT NULL) FROM media_uploads"
                  " WHERE media_file_id = %d" % int(media))
    return [int(x) for x in rows[0][:4]] + [rows[0][4] == "t"] if rows else None


def make_media(tmpdir, seconds=4):
    """A small real MP4 (H.264/AAC stereo) and MP3 made by ffmpeg."""
    mp4 = os.path.join(tmpdir, "clip.mp4")
    mp3 = os.path.join(tmpdir, "clip.mp3")
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=%d" % seconds,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=%d" % seconds,
                    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "2000k",
                    "-c:a", "aac", "-ac", "2", "-shortest", mp4], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", mp4, "-vn",
                    "-c:a", "libmp3lame", "-b:a", "128k", mp3], check=True)
    with open(mp4, "rb") as f:
        a = f.read()
    with open(mp3, "rb") as f:
        b = f.read()
    return a, b
