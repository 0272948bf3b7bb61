#!/usr/bin/env python3
"""focusd and systemd's notify protocol (Type=notify, WatchdogSec): READY=1
once its workers run, WATCHDOG=1 every second while they do, RELOADING=1
then READY=1 around a SIGHUP, STOPPING=1 on SIGTERM; NOTIFY_SOCKET is
played here by a datagram socket of the test (no systemd needed)."""
import os
import signal
import socket
import subprocess
import tempfile
import time
from fmtest import Stack, TAP, BUILD

t = TAP()
with Stack(t) as s:
    tmp = tempfile.mkdtemp(prefix="fm-t64-")
    conf = os.path.join(tmp, "focusd.conf")
    with open(s.conf()) as f:
        text = f.read()
    with open(conf, "w") as f:
        f.write(text + "\nServer.Socket = %s\nServer.Workers = 2\n" % os.path.join(tmp, "focusd.sock"))
    path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.2)
    env = dict(os.environ, NOTIFY_SOCKET=path)
    p = subprocess.Popen([os.path.join(BUILD, "focusd"), "-c", conf], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def until(pred, secs):
        got = []
        end = time.time() + secs
        while time.time() < end:
            try:
                got.append(sock.recv(4096).decode())
            except socket.timeout:
                pass
            if pred(got):
                break
        return got

    try:
        got = until(lambda g: any("READY=1" in m for m in g), 10)
        t.ok(any("READY=1" in m and "STATUS=2 workers" in m for m in got), "READY=1 once the workers run", got)
        got = until(lambda g: sum("WATCHDOG=1" in m for m in g) >= 2, 4)
        t.ok(sum("WATCHDOG=1" in m for m in got) >= 2, "WATCHDOG=1 every second", got)
        p.send_signal(signal.SIGHUP)
        got = until(lambda g: any("READY=1" in m for m in g), 10)
        t.ok(any("RELOADING=1" in m for m in got) and any("READY=1" in m for m in got),
             "SIGHUP: RELOADING=1, then READY=1", got)
        p.send_signal(signal.SIGTERM)
        got = until(lambda g: any("STOPPING=1" in m for m in g), 10)
        t.ok(any("STOPPING=1" in m for m in got), "SIGTERM: STOPPING=1", got)
        t.eq(p.wait(timeout=40), 0, "and it stops")
    finally:
        if p.poll() is None:
            p.kill()
        sock.close()
t.done()
