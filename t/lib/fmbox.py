"""fmbox - the kit for the recording box tests (standard library only).

Box runs build/fm-box with a lavfi test source (test card with a clock,
440 Hz on the left = room, 1000 Hz on the right = translation) in a
private folder, from a schedule written to its cache or served by
FakeCentral, a small stand-in for the box API of docs/box-api.md.  The
end-to-end tests against the real focusd use the same Box.

Measures: probe() (ffprobe), tones() (the pitch and level of each
channel, by zero crossings of the decoded PCM), playable() (a full
decode without error).
"""

import datetime
import glob
import hashlib
import hmac
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from fmtest import BUILD, SRC, free_port

TOKEN = "test-box-token-0123456789abcdef"
LEFT_HZ, RIGHT_HZ = 440, 1000


def rfc3339(t):
    return datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc) \
        .strftime("%Y-%m-%dT%H:%M:%SZ")


def resv(rid, start_in, length, rec=True, live=False, trad=True, overtime=0,
         stream_key="", label=None, now=None):
    """A reservation starting start_in seconds from now, length seconds long."""
    now = now or time.time()
    d = {"id": rid, "starts_at": rfc3339(now + start_in),
         "ends_at": rfc3339(now + start_in + length),
         "overtime_minutes": overtime, "rec": rec, "live": live,
         "trad": trad, "label": label or "TEST-%d" % rid}
    if live:
        d["stream_key"] = stream_key or "key%d" % rid
    return d


def schedule_doc(resvs, box_id=1):
    return {"box": box_id, "generated_at": rfc3339(time.time()),
            "reservations": resvs}


class Box:
    """One fm-box in its own folder."""

    def __init__(self, tap, name="box", central_url=None, token=TOKEN,
                 conf_extra="", size="320x240"):
        self.tap = tap
        self.dir = tempfile.mkdtemp(prefix="fm-%s-" % name)
        self.state = os.path.join(self.dir, "state")
        self.media = os.path.join(self.dir, "media")
        os.makedirs(self.state)
        self.http_port = free_port()
        self.relay_port = free_port()
        self.token = token
        self.proc = None
        self.conf = os.path.join(self.dir, "fm-box.conf")
        with open(self.conf, "w") as f:
            f.write("""# written by t/lib/fmbox.py
Central.URL = %s
Box.Token = %s
Central.Timeout = 5
Box.Room = Test room
Paths.State = %s
Paths.Media = %s
Input.Kind = lavfi
Input.Size = %s
Input.ToneLeft = %d
Input.ToneRight = %d
Recording.Preset = TEST
Presets.TEST.VideoBitrate = 400k
Presets.TEST.Size = %s
Recording.PreRoll = 0
Schedule.Interval = 2
Heartbeat.Interval = 2
Live.RelayPort = %d
Http.Listen = 127.0.0.1:%d
Http.PublicURL = http://127.0.0.1:%d
%s
""" % (central_url or "http://127.0.0.1:9", token, self.state, self.media,
                size, LEFT_HZ, RIGHT_HZ, size, self.relay_port, self.http_port,
                self.http_port, conf_extra))
        self.log_path = os.path.join(self.dir, "fm-box.log")

    # -- life cycle ---------------------------------------------------------
    def env(self):
        e = dict(os.environ)
        if os.environ.get("FM_SANITIZE"):
            e["ASAN_OPTIONS"] = ("log_path=%s/asan:detect_leaks=1:"
                                 "abort_on_error=0:exitcode=23" % self.dir)
            e["UBSAN_OPTIONS"] = ("log_path=%s/ubsan:print_stacktrace=1:"
                                  "halt_on_error=0" % self.dir)
            e["LSAN_OPTIONS"] = "suppressions=%s/t/lsan.supp:print_suppressions=0" % SRC
        return e

    def write_schedule(self, resvs):
        """Puts a schedule in the box's cache, as if fetched earlier."""
        path = os.path.join(self.state, "schedule.json")
        with open(path + ".new", "w") as f:
            json.dump(schedule_doc(resvs), f)
        os.rename(path + ".new", path)
        with open(path + ".etag", "w") as f:
            f.write("")

    def start(self):
        log = open(self.log_path, "a")
        self.proc = subprocess.Popen([os.path.join(BUILD, "fm-box"), "-c", self.conf],
                                     stdout=log, stderr=log, env=self.env(),
                                     stdin=subprocess.DEVNULL)
        log.close()
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        self.proc = None

    def finish(self):
        """Stops fm-box; checks sanitizer reports; removes the folder."""
        self.stop()
        reports = sorted(glob.glob(os.path.join(self.dir, "asan*")) +
                         glob.glob(os.path.join(self.dir, "ubsan*")))
        if os.environ.get("FM_SANITIZE") or reports:
            text = ""
            for p in reports:
                with open(p, errors="replace") as f:
                    text += "== %s\n%s\n" % (p, f.read())
            self.tap.ok(not reports, "fm-box: no sanitizer report", text)
        if os.environ.get("FM_KEEP"):
            self.tap.diag("box folder kept: " + self.dir)
        else:
            subprocess.run(["rm", "-rf", self.dir], check=False)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None and kind is not SystemExit:
            import traceback
            self.tap.ok(False, "test script raised %s" % kind.__name__,
                        "".join(traceback.format_exception(kind, value, tb)))
            self.tap.diag(self.log()[-4000:])
        self.finish()
        return False

    # -- looking at it ----------------------------------------------------------
    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def recordings(self):
        out = []
        for p in sorted(glob.glob(os.path.join(self.state, "recordings", "*.json"))):
            with open(p) as f:
                out.append(json.load(f))
        return out

    def recording(self, resv_id):
        for r in self.recordings():
            if r["reservation"] == int(resv_id):
                return r
        return None

    def spooled(self):
        out = []
        for p in sorted(glob.glob(os.path.join(self.state, "spool", "*.json"))):
            with open(p) as f:
                out.append(json.load(f))
        return out

    def path(self, rel):
        return os.path.join(self.media, rel)

    def file(self, rec, suffix="", ext="mp4"):
        return os.path.join(self.media, rec["key"], "%s%s.%s" % (rec["key"], suffix, ext))

    def ffmpeg_pids(self):
        """ffmpeg processes that this fm-box started (its children)."""
        if not self.proc:
            return []
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid), "ffmpeg"],
                             text=True, stdout=subprocess.PIPE).stdout.split()
        return [int(p) for p in out]

    def wait_for(self, pred, timeout, step=0.2):
        end = time.time() + timeout
        while time.time() < end:
            v = pred()
            if v:
                return v
            time.sleep(step)
        return pred()

    def wait_done(self, resv_id, timeout, mono=True):
        def done():
            r = self.recording(resv_id)
            return r if r and r["status"] in ("done", "failed") and \
                (not mono or r["mono_done"] or r["status"] == "failed") else None
        return self.wait_for(done, timeout)

    def link(self, rel, expires=None, token=None):
        return sign_link(token or self.token, "http://127.0.0.1:%d" % self.http_port,
                         rel, expires or int(time.time()) + 600)


# -- signed links, written again from docs/box-api.md -------------------------
def link_key(token):
    return hmac.new(token.encode(), b"focusmanager box link key v1",
                    hashlib.sha256).hexdigest()


def sign_link(token, base, rel, expires):
    path = "/dl/" + rel
    sig = hmac.new(link_key(token).encode(), ("%s\n%d" % (path, expires)).encode(),
                   hashlib.sha256).hexdigest()
    return "%s%s?e=%d&s=%s" % (base, urllib.parse.quote(path), expires, sig)


def fetch(url, headers=None):
    """GET url; returns (status, headers dict, body bytes)."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# -- measuring media ------------------------------------------------------------
def probe(path):
    """{'duration': s, 'video': codec, 'audio': codec, 'channels': n, ...}"""
    r = subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                        "format=duration,format_name:stream=codec_type,codec_name,channels,width,height",
                        "-of", "json", path], text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        return {"error": r.stderr}
    j = json.loads(r.stdout)
    out = {"duration": float(j.get("format", {}).get("duration", 0) or 0),
           "format": j.get("format", {}).get("format_name")}
    for s in j.get("streams", []):
        if s.get("codec_type") == "video":
            out["video"] = s["codec_name"]
            out["size"] = "%sx%s" % (s.get("width"), s.get("height"))
        elif s.get("codec_type") == "audio":
            out["audio"] = s["codec_name"]
            out["channels"] = s.get("channels")
    return out


def playable(path):
    """Decodes the whole file; returns the errors ffmpeg printed ('' = fine)."""
    r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-f", "null", "-"],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.stderr.strip() if r.returncode == 0 else "exit %d: %s" % (r.returncode, r.stderr)


def _pitch(s, rate=48000):
    """Frequency of a pure tone by its zero crossings, between the first
    and the last one (padding and priming samples aside)."""
    idx = [i for i in range(1, len(s)) if (s[i - 1] < 0) != (s[i] < 0)]
    if len(idx) < 3:
        return 0.0
    return (len(idx) - 1) / 2.0 / ((idx[-1] - idx[0]) / float(rate))


def _rms(s):
    return (sum(x * x for x in s) / max(1, len(s))) ** 0.5 / 32768.0


def _pcm(path, start, length, channels):
    import array
    r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-ss", str(start), "-t", str(length),
                        "-i", path, "-f", "s16le", "-ac", str(channels), "-ar", "48000", "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    a = array.array("h")
    a.frombytes(r.stdout[:len(r.stdout) - len(r.stdout) % (2 * channels)])
    return a


def tones(path, start=1.0, length=3.0):
    """Per channel of a stereo file: (frequency in Hz, RMS level 0..1)."""
    a = _pcm(path, start, length, 2)
    return [(_pitch(a[ch::2]), _rms(a[ch::2])) for ch in (0, 1)]


def mono_tone(path, start=1.0, length=3.0):
    """(frequency, RMS) of a mono file, and its channel count."""
    ch = probe(path).get("channels") or 0
    a = _pcm(path, start, length, 1)
    return (_pitch(a), _rms(a)), ch


def near(value, want, tol):
    return abs(value - want) <= tol


# -- a stand-in for the central box API -------------------------------------------
class FakeCentral:
    """Serves the box API of docs/box-api.md from memory, on loopback.

    schedule: the list of reservations to serve; heartbeats and events: what
    the box sent; not_modified: how many 304 answers were given.
    """

    def __init__(self, token=TOKEN, port=None):
        self.token = token
        self.port = port or free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.schedule = []
        self.heartbeats = []
        self.events = []
        self.not_modified = 0
        self.unauthorized = 0
        self.server = None
        self.lock = threading.Lock()
        # Uploads (docs/box-api.md, "Uploads"): the files the "file" events
        # reported, by id: {"key", "path", "bytes", "sha256", "data",
        # "verified", "on_box"}; chunks: (id, offset, length, started,
        # ended) of every PUT; upload_status: answer every upload call
        # with this status instead (507, 500...).
        self.files = {}
        self.chunks = []
        self.upload_status = None

    def etag(self):
        tag = hashlib.sha256(json.dumps(self.schedule, sort_keys=True).encode()).hexdigest()
        return '"%s"' % tag[:32], json.dumps(schedule_doc(self.schedule), sort_keys=True)

    def start(self):
        fake = self

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def authorized(self):
                if self.headers.get("Authorization") != "Bearer " + fake.token:
                    with fake.lock:
                        fake.unauthorized += 1
                    self.send_response(401)
                    self.end_headers()
                    return False
                return True

            def do_GET(self):
                if not self.authorized():
                    return
                if self.path != "/box/api/schedule":
                    self.send_response(404)
                    self.end_headers()
                    return
                with fake.lock:
                    tag, body = fake.etag()
                if self.headers.get("If-None-Match") == tag:
                    with fake.lock:
                        fake.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def answer(self, status, doc):
                data = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_PUT(self):
                started = time.time()
                if not self.authorized():
                    return
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                ended = time.time()
                parts = self.path.split("/")
                with fake.lock:
                    f = fake.files.get(int(parts[-1])) if parts[-1].isdigit() else None
                    if fake.upload_status:
                        return self.answer(fake.upload_status, {"error": "refused"})
                    if f is None:
                        return self.answer(404, {"error": "no such file"})
                    if f["verified"]:
                        return self.answer(409, {"error": "already verified",
                                                 "offset": f["bytes"], "verified": True})
                    off = int(self.headers.get("Upload-Offset", "-1"))
                    fake.chunks.append((int(parts[-1]), off, len(body), started, ended))
                    if off != len(f["data"]):
                        return self.answer(409, {"error": "offset", "offset": len(f["data"])})
                    f["data"] += body
                    return self.answer(200, {"offset": len(f["data"]), "bytes": f["bytes"]})

            def uploads(self, doc):
                """POST /box/api/uploads[/{id}/finish|removed]"""
                if fake.upload_status:
                    return self.answer(fake.upload_status, {"error": "refused"})
                parts = self.path.split("/")
                if self.path == "/box/api/uploads":
                    for i, f in fake.files.items():
                        if f["key"] == doc.get("recording") and f["path"] == doc.get("path"):
                            if f["bytes"] != doc.get("bytes") or f["sha256"] != doc.get("sha256"):
                                return self.answer(409, {"error": "other file", "id": i,
                                                         "verified": f["verified"]})
                            return self.answer(200, {
                                "id": i, "bytes": f["bytes"], "verified": f["verified"],
                                "offset": f["bytes"] if f["verified"] else len(f["data"]),
                                "chunk_max": 64 << 20})
                    return self.answer(404, {"error": "unknown file"})
                f = fake.files.get(int(parts[4])) if parts[4].isdigit() else None
                if f is None:
                    return self.answer(404, {"error": "no such file"})
                if parts[-1] == "removed":
                    if not f["verified"]:
                        return self.answer(409, {"error": "not verified"})
                    f["on_box"] = False
                    return self.answer(200, {"ok": True})
                if f["verified"]:
                    return self.answer(200, {"verified": True, "bytes": f["bytes"]})
                if len(f["data"]) != f["bytes"]:
                    return self.answer(409, {"error": "incomplete", "offset": len(f["data"])})
                if hashlib.sha256(bytes(f["data"])).hexdigest() != f["sha256"]:
                    f["data"] = bytearray()
                    return self.answer(422, {"error": "SHA-256 mismatch", "offset": 0})
                f["verified"] = True
                return self.answer(200, {"verified": True, "bytes": f["bytes"],
                                         "path": "x/%s" % parts[4], "sha256": f["sha256"]})

            def do_POST(self):
                if not self.authorized():
                    return
                n = int(self.headers.get("Content-Length") or 0)
                doc = json.loads(self.rfile.read(n) or b"{}")
                with fake.lock:
                    if self.path.startswith("/box/api/uploads"):
                        return self.uploads(doc)
                    if self.path == "/box/api/heartbeat":
                        fake.heartbeats.append(doc)
                    elif self.path == "/box/api/events":
                        fake.events.append(doc)
                        known = [i for i, f in fake.files.items()
                                 if (f["key"], f["path"]) == (doc.get("recording"), doc.get("path"))]
                        if doc.get("type") == "file" and not known:
                            fake.files[len(fake.files) + 1] = {
                                "key": doc["recording"], "path": doc["path"],
                                "bytes": doc["bytes"], "sha256": doc["sha256"],
                                "data": bytearray(), "verified": False, "on_box": True}
                    else:
                        self.send_response(404)
                        self.end_headers()
                        return
                data = b'{"ok":true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), H)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
