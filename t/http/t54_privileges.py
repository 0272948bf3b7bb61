#!/usr/bin/env python3
"""focusd's privileges (issue 13).  Replay: focusd held CAP_DAC_READ_SEARCH
(read any file on the machine) for its whole life in every worker, and the
workers parse what the internet sends.  Here focusd runs as the package
runs it: an unprivileged user with that one capability, beside an nginx
of another user whose upload bodies are mode 0600.  The workers hold no
capability at all; only the body file helper (focusd-bodyfile) holds it,
and a box's chunk still goes through it; a helper that dies is replaced.

Needs root (to start focusd as another user); skipped otherwise."""
import os
import signal
import subprocess
import time
from fmtest import BUILD, Stack, TAP
from fmboxdata import setup, reservation, register_box
from fmupload import BoxAPI, sha

t = TAP()
if os.getuid() != 0:
    print("1..0 # SKIP needs root to run focusd as another user")
    raise SystemExit(0)

NOBODY = 65534
DAC_READ_SEARCH = 1 << 2


def caps(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("CapInh", "CapPrm", "CapEff", "CapAmb", "Uid"):
                out[k] = v.split()[0] if k == "Uid" else int(v.strip(), 16)
    return out


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], text=True,
                         stdout=subprocess.PIPE).stdout.split()
    return [int(p) for p in out]


def name(pid):
    """The process's name; None when it has just ended (a worker or the
    helper being replaced between pgrep and here)."""
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def wait_for(pred, timeout):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.2)
    return pred()


with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier privilèges")
    resv = reservation(s, room1, order, tariff, "-10 minutes", "1 hour")

    # focusd again, as an unprivileged user with the one capability the
    # package's unit gives it (AmbientCapabilities=CAP_DAC_READ_SEARCH).
    s.dev_stack("focusd-stop")
    os.chmod(s.state, 0o777)
    os.chmod(os.path.join(s.state, "log"), 0o777)   # sanitizer reports
    for d in ("data", "data/media", "data/uploads", "tmp"):
        if os.path.isdir(os.path.join(s.state, d)):
            os.chown(os.path.join(s.state, d), NOBODY, NOBODY)
    body_dir = os.path.join(s.state, "data", "upload-body")
    os.chmod(body_dir, 0o700)   # nginx's (root here): nobody else reads it
    log = open(os.path.join(s.state, "log", "focusd.log"), "a")
    p = subprocess.Popen(["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY,
                          "--clear-groups", "--inh-caps=+dac_read_search",
                          "--ambient-caps=+dac_read_search",
                          os.path.join(BUILD, "focusd"), "-c", s.conf()],
                         stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                         env=s.env(), start_new_session=True)
    with open(os.path.join(s.state, "focusd.pid"), "w") as f:
        f.write(str(p.pid))
    master = p.pid
    t.ok(wait_for(lambda: len(children(master)) >= 3, 15),
         "focusd started as nobody: master, workers and helper", s.focusd_log()[-1500:])
    procs = {pid: name(pid) for pid in children(master)}
    helpers = [pid for pid, n in procs.items() if n == "focusd-bodyfile"]
    workers = [pid for pid, n in procs.items() if n != "focusd-bodyfile"]
    t.eq(len(helpers), 1, "one body file helper")
    m = caps(master)
    t.ok(m["Uid"] == str(NOBODY) and m["CapEff"] == 0 and m["CapPrm"] == DAC_READ_SEARCH,
         "the master keeps the capability permitted only (to replace the helper)", m)
    for w in workers:
        wc = caps(w)
        t.ok(wc["CapPrm"] == 0 and wc["CapEff"] == 0 and wc["CapInh"] == 0
             and wc["CapAmb"] == 0, "worker %d holds no capability at all" % w, wc)
    hc = caps(helpers[0]) if helpers else {}
    t.eq(hc.get("CapEff"), DAC_READ_SEARCH, "the helper alone holds it, effective")

    # A box's chunk: nginx (root) writes it mode 0600, the helper opens
    # it for the worker.
    box = BoxAPI(s.url(""), token)
    data = b"chunk of a recording " * 1000
    box.event("started", "rec-priv", resv, started_at=time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                     time.gmtime()))
    box.event("file", "rec-priv", resv, kind="mp4", path="rec-priv/a.mp4", bytes=len(data),
              sha256=sha(data))
    st, doc = box.open("rec-priv", "rec-priv/a.mp4", data)
    media = doc.get("id")
    st, doc = box.put(media, 0, data[:10000])
    t.ok((st, doc.get("offset")) == (200, 10000),
         "a chunk nginx wrote 0600 for another user: read through the helper", doc)

    # A helper that dies is replaced on the same socket.
    os.kill(helpers[0], signal.SIGKILL)
    fresh = wait_for(lambda: [pid for pid in children(master)
                              if name(pid) == "focusd-bodyfile" and pid != helpers[0]], 10)
    t.ok(fresh, "a new helper replaces the one killed")
    st, doc = box.put(media, 10000, data[10000:])
    t.eq((st, doc.get("offset")), (200, len(data)), "and the next chunk goes through")
    st, doc = box.finish(media, sha(data))
    t.eq(st, 200, "the file is verified")
    t.contains(s.focusd_log(), "body file helper", "the helper's start is logged")
    os.chmod(s.state, 0o755)
t.done()
