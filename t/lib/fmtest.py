"""fmtest - the HTTP end-to-end test kit (standard library only).

A test file is a Python script printing TAP:

    from fmtest import Stack, TAP
    t = TAP()
    with Stack(t) as s:
        c = s.client()
        c.login_admin()
        r = c.get("/companies")
        t.eq(r.status, 200, "companies list")
    t.done()

Stack starts a private PostgreSQL (copied from a migrated template
cluster), focusd and nginx through dev/stack, on a free loopback port,
and stops them at the end; under the sanitizer build it fails the test
when focusd wrote any AddressSanitizer/UBSan report.
"""

import fcntl
import glob
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

SRC = os.environ.get("FM_SRCDIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("FM_BUILDDIR") or SRC
STACK = os.path.join(SRC, "dev", "stack")
ADMIN_PASSWORD = "admin-test-Pa55"


class TAP:
    """Minimal TAP producer: each check prints one line."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            if diag:
                for line in str(diag).splitlines()[:40]:
                    print("#   " + line)
        sys.stdout.flush()
        return bool(cond)

    def todo(self, cond, name, reason, diag=None):
        """A check of something known not to hold steadily yet: a pass when
        it holds, else TAP's TODO (reported, not failed: automake's XFAIL);
        reason says what is missing."""
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name))
        else:
            print("not ok %d - %s # TODO %s" % (self.n, name, reason))
        if diag and not cond:
            for line in str(diag).splitlines()[:40]:
                print("#   " + line)
        sys.stdout.flush()
        return bool(cond)

    def eq(self, got, want, name):
        return self.ok(got == want, name, "got:  %r\nwant: %r" % (got, want))

    def contains(self, text, part, name):
        return self.ok(part in text, name,
                       "%r not found in:\n%s" % (part, text[:3000]))

    def lacks(self, text, part, name):
        return self.ok(part not in text, name, "%r found" % part)

    def diag(self, msg):
        for line in str(msg).splitlines():
            print("# " + line)

    def bail(self, msg):
        print("Bail out! " + msg)
        sys.exit(1)

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def migrations_key():
    h = hashlib.sha256()
    paths = sorted(glob.glob(os.path.join(SRC, "db", "migrations", "*.sql")))
    paths += sorted(glob.glob(os.path.join(SRC, "db", "functions", "*.sql")))
    for path in paths:
        h.update(os.path.relpath(path, SRC).encode())
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def pg_template():
    """A migrated, stopped cluster to copy: made once per migration set."""
    base = "/var/tmp/focusmanager-pgtemplate-%d" % os.getuid()
    os.makedirs(base, exist_ok=True)
    os.chmod(base, 0o755)
    target = os.path.join(base, migrations_key())
    with open(base + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(os.path.join(target, "pg", "data", "PG_VERSION")):
            return os.path.join(target, "pg", "data")
        if os.path.exists(target):
            subprocess.run(["rm", "-rf", target], check=False)
        os.makedirs(target)
        os.chmod(target, 0o755)
        env = dict(os.environ, FM_STATE=target, FM_QUIET="1",
                   FM_SRCDIR=SRC, FM_BUILDDIR=BUILD)
        subprocess.run([STACK, "pg-start"], env=env, check=True)
        subprocess.run([STACK, "migrate"], env=env, check=True)
        subprocess.run([STACK, "pg-stop"], env=env, check=True)
        return os.path.join(target, "pg", "data")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.raw = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def location(self):
        return self.header("Location")

    def csrf(self):
        m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', self.text)
        return m.group(1) if m else None

    def json(self):
        return json.loads(self.text)


class Client:
    """A browser-like HTTP client: cookies, Origin, CSRF token from pages."""

    def __init__(self, stack, origin=True, https=False, source=None):
        """source: the local address to connect from ("127.0.0.2": another
        client address on loopback)."""
        self.stack = stack
        self.https = https
        self.source = (source, 0) if source else None
        self.cookies = {}
        self.token = None
        self.send_origin = origin

    def request(self, method, path, body=None, headers=None):
        if self.https:
            port = self.stack.https_port
            conn = http.client.HTTPSConnection(
                "127.0.0.1", port, timeout=60, source_address=self.source,
                context=ssl._create_unverified_context())
        else:
            port = self.stack.port
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                              source_address=self.source)
        h = {"Host": "127.0.0.1:%d" % port, "User-Agent": "fmtest"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if method == "POST" and self.send_origin:
            h["Origin"] = "%s://127.0.0.1:%d" % ("https" if self.https else "http", port)
        if headers:
            h.update(headers)
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        r = Response(resp.status, resp.getheaders(), data)
        for value in r.headers_named("Set-Cookie"):
            name, _, rest = value.partition("=")
            val = rest.split(";", 1)[0]
            if "Max-Age=0" in value or val == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = val
        tok = r.csrf() if "html" in (r.header("Content-Type") or "") else None
        if tok:
            self.token = tok
        return r

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields=None, csrf=True, headers=None):
        """POST urlencoded fields (a dict or a list of pairs)."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields or [])
        if csrf and not any(k == "csrf_token" for k, _ in pairs):
            if self.token is None:
                self.get("/login")
            pairs.append(("csrf_token", self.token))
        body = urllib.parse.urlencode(pairs).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if headers:
            h.update(headers)
        return self.request("POST", path, body, h)

    def post_multipart(self, path, fields, files, csrf=True):
        """files: {name: (filename, bytes, content_type)}"""
        boundary = "fmtest" + os.urandom(8).hex()
        pairs = list(fields.items())
        if csrf:
            pairs.append(("csrf_token", self.token))
        out = []
        for k, v in pairs:
            out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                        % (boundary, k, v)).encode())
        for k, (fname, data, ctype) in files.items():
            out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                        "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                        % (boundary, k, fname, ctype)).encode() + data + b"\r\n")
        out.append(("--%s--\r\n" % boundary).encode())
        return self.request("POST", path, b"".join(out),
                            {"Content-Type": "multipart/form-data; boundary=" + boundary})

    def login(self, login, password, follow=False):
        self.get("/login")
        r = self.post("/login", {"login": login, "password": password})
        if follow and r.status == 303:
            return self.get(r.location)
        return r

    def login_admin(self):
        r = self.login("admin", ADMIN_PASSWORD)
        if r.status != 303:
            raise RuntimeError("admin login failed: %d" % r.status)
        self.get("/companies")   # picks up the session's CSRF token
        return r


class Stack:
    """PostgreSQL + focusd + nginx for one test file."""

    def __init__(self, tap, workers=2, name=None, https=False, templates=None,
                 conf_extra=None, nginx_max_body=None, live=False):
        """conf_extra: lines added to focusd.conf ("Mail.Command = ...");
        nginx_max_body: nginx's client_max_body_size (25m); live: nginx
        with nginx-rtmp on a free port (self.rtmp_port, its callbacks on
        self.rtmp_callback_port; HLS files in <state>/hls)."""
        self.tap = tap
        self.live = live
        self.rtmp_port = None
        self.rtmp_callback_port = None
        self.conf_extra = conf_extra
        self.nginx_max_body = nginx_max_body
        self.workers = workers
        self.https = https
        self.https_port = None
        self.templates = templates
        self.name = name or os.path.splitext(os.path.basename(sys.argv[0]))[0]
        self.port = None
        self.state = None

    # -- life cycle -------------------------------------------------------
    def env(self):
        e = dict(os.environ, FM_STATE=self.state, FM_HTTP_PORT=str(self.port),
                 FM_WORKERS=str(self.workers), FM_SRCDIR=SRC, FM_BUILDDIR=BUILD,
                 FM_QUIET="1", FM_PG_FSYNC="off")
        if self.https_port:
            e["FM_HTTPS_PORT"] = str(self.https_port)
        if self.templates:
            e["FM_TEMPLATES"] = self.templates
        if self.conf_extra:
            e["FM_CONF_EXTRA"] = self.conf_extra
        if self.nginx_max_body:
            e["FM_NGINX_MAX_BODY"] = self.nginx_max_body
        if self.rtmp_port:
            e["FM_RTMP_PORT"] = str(self.rtmp_port)
            e["FM_RTMP_CALLBACK_PORT"] = str(self.rtmp_callback_port)
        if os.environ.get("FM_SANITIZE"):
            logdir = os.path.join(self.state, "log")
            e["ASAN_OPTIONS"] = ("log_path=%s/asan:detect_leaks=1:"
                                 "abort_on_error=0:exitcode=23" % logdir)
            e["UBSAN_OPTIONS"] = ("log_path=%s/ubsan:print_stacktrace=1:"
                                  "halt_on_error=0" % logdir)
            e["LSAN_OPTIONS"] = "suppressions=%s/t/lsan.supp:print_suppressions=0" % SRC
        return e

    def dev_stack(self, *args, check=True):
        return subprocess.run([STACK] + list(args), env=self.env(), check=check,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)

    def start(self):
        template = pg_template()
        self.state = tempfile.mkdtemp(prefix="fm-t-%s-" % self.name)
        os.chmod(self.state, 0o755)
        os.environ["FM_PG_TEMPLATE"] = template
        for attempt in range(5):
            self.port = free_port()
            if self.https:
                self.https_port = free_port()
            if self.live:
                self.rtmp_port = free_port()
                self.rtmp_callback_port = free_port()
            r = self.dev_stack("start", check=False)
            if r.returncode == 0:
                break
            if "nginx did not start" not in r.stdout or attempt == 4:
                self.tap.bail("dev/stack start failed:\n" + r.stdout)
        with open(os.path.join(self.state, "env")) as f:
            for line in f:
                m = re.match(r"(PG\w+)=(.*)", line.strip())
                if m:
                    os.environ[m.group(1)] = m.group(2)
        self.admin("user", "add", "admin", "--name", "Admin Test", "--role",
                   "admin", stdin=ADMIN_PASSWORD + "\n")
        return self

    def stop(self):
        if self.state is None:
            return
        self.dev_stack("stop", check=False)
        reports = sorted(glob.glob(os.path.join(self.state, "log", "asan*")) +
                         glob.glob(os.path.join(self.state, "log", "ubsan*")))
        if os.environ.get("FM_SANITIZE") or reports:
            text = ""
            for p in reports:
                with open(p, errors="replace") as f:
                    text += "== %s\n%s\n" % (p, f.read())
            self.tap.ok(not reports, "no sanitizer report", text)
        if os.environ.get("FM_KEEP"):
            self.tap.diag("state kept in " + self.state)
        else:
            subprocess.run(["rm", "-rf", self.state], check=False)
        self.state = None

    def __enter__(self):
        return self.start()

    def __exit__(self, kind, value, tb):
        if kind is not None and kind is not SystemExit:
            self.tap.ok(False, "test script raised %s" % kind.__name__,
                        "".join(traceback.format_exception(kind, value, tb)))
            self.log_tail()
        self.stop()
        return False

    def log_tail(self, n=30):
        for name in ("focusd.log", "nginx-error.log"):
            p = os.path.join(self.state, "log", name)
            if os.path.exists(p):
                with open(p, errors="replace") as f:
                    lines = f.readlines()[-n:]
                self.tap.diag("--- %s\n%s" % (name, "".join(lines)))

    # -- helpers ------------------------------------------------------------
    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def rtmp_url(self, path=""):
        """rtmp://127.0.0.1:PORT/live<path> (a Stack(live=True))."""
        return "rtmp://127.0.0.1:%d/live%s" % (self.rtmp_port, path)

    def client(self, origin=True, https=False, source=None):
        return Client(self, origin, https, source)

    def conf(self):
        return os.path.join(self.state, "focusd.conf")

    def admin(self, *args, stdin=None):
        """Runs fm-admin against this stack; returns the CompletedProcess."""
        return subprocess.run([os.path.join(BUILD, "fm-admin"), "-c", self.conf()]
                              + list(args), input=stdin, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=self.env())

    def psql(self, sql, *args):
        """Runs SQL (psql variables :'v1'... for args); returns rows of fields."""
        cmd = ["psql", "-XAt", "-F", "\t", "-v", "ON_ERROR_STOP=1"]
        for i, a in enumerate(args, 1):
            cmd += ["-v", "v%d=%s" % (i, a)]
        r = subprocess.run(cmd, input=sql, text=True, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.env())
        if r.returncode != 0:
            raise RuntimeError("psql failed: %s\n%s" % (r.stderr, sql))
        out = r.stdout.rstrip("\n")
        return [line.split("\t") for line in out.split("\n")] if out else []

    def scalar(self, sql, *args):
        rows = self.psql(sql, *args)
        return rows[0][0] if rows else None

    def focusd_pids(self):
        """The master's pid and its workers' pids."""
        with open(os.path.join(self.state, "focusd.pid")) as f:
            master = int(f.read())
        out = subprocess.run(["pgrep", "-P", str(master)], text=True,
                             stdout=subprocess.PIPE).stdout.split()
        return master, sorted(int(p) for p in out)

    def raw(self, head, body=b"", wait=5.0, port=None):
        """Sends a request as bytes (headers, and a body or none) and
        returns (the first bytes of the answer or None when nothing came
        within wait seconds, the seconds it took): what a hostile client
        or nginx-rtmp sends, beyond what http.client lets one write."""
        sock = socket.create_connection(("127.0.0.1", port or self.port), 5)
        t0 = time.time()
        sock.sendall((head.encode() if isinstance(head, str) else head) + body)
        sock.settimeout(wait)
        try:
            data = sock.recv(4096)
        except socket.timeout:
            data = None
        sock.close()
        return data, time.time() - t0

    def focusd_log(self):
        with open(os.path.join(self.state, "log", "focusd.log"), errors="replace") as f:
            return f.read()
