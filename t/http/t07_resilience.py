#!/usr/bin/env python3
"""focusd keeps serving: PostgreSQL restarted, a worker killed, SIGTERM
while a request runs, SIGHUP to reload the configuration and templates."""
import os
import shutil
import signal
import subprocess
import threading
import time
from fmtest import SRC, Stack, TAP


def wait_for(cond, seconds=15):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.1)
    return False


t = TAP()
tpl = None
with Stack(t, workers=3) as s:
    c = s.client()
    c.login_admin()
    master, workers = s.focusd_pids()
    t.eq(len(workers), 3, "3 workers as configured")

    # PostgreSQL restarted under focusd.
    t.eq(c.get("/healthz").status, 200, "healthy")
    s.dev_stack("pg-stop")
    r = c.get("/healthz")
    t.eq(r.status, 503, "database down: /healthz 503")
    r = c.get("/companies")
    t.eq(r.status, 503, "database down: pages answer 503")
    t.contains(r.text, "Service momentanément indisponible", "with a clean page")
    t.ok(r.header("Retry-After"), "and Retry-After")
    s.dev_stack("pg-start")
    t.ok(wait_for(lambda: c.get("/healthz").status == 200), "database back: /healthz 200 again")
    statuses = [c.get("/companies").status for _ in range(12)]
    t.eq(set(statuses), {200}, "every worker reconnected (12 requests)")
    t.eq(s.focusd_pids()[0], master, "without restarting focusd")

    # A worker killed with SIGKILL is replaced at once.
    victim = s.focusd_pids()[1][0]
    os.kill(victim, signal.SIGKILL)
    t.ok(wait_for(lambda: len(s.focusd_pids()[1]) == 3 and victim not in s.focusd_pids()[1], 5),
         "killed worker replaced", s.focusd_pids())
    statuses = [c.get("/companies").status for _ in range(30)]
    t.eq(set(statuses), {200}, "30 requests served after the kill")
    t.contains(s.focusd_log(), "killed by signal 9", "the death is logged")

    # SIGHUP: new configuration (4 workers), same master.
    conf = s.conf()
    with open(conf) as f:
        text = f.read()
    with open(conf, "w") as f:
        f.write(text.replace("Server.Workers = 3", "Server.Workers = 4"))
    os.kill(master, signal.SIGHUP)
    t.ok(wait_for(lambda: len(s.focusd_pids()[1]) == 4, 10), "SIGHUP: 4 workers now",
         s.focusd_pids())
    t.eq(s.focusd_pids()[0], master, "same master after reload")
    t.eq(c.get("/companies").status, 200, "serving after reload")
    with open(conf, "w") as f:
        f.write(text.replace("Server.Workers = 3", "Server.Workers = 0"))
    os.kill(master, signal.SIGHUP)
    t.ok(wait_for(lambda: "reload refused" in s.focusd_log(), 5), "a bad configuration is refused")
    t.eq(len(s.focusd_pids()[1]), 4, "the running configuration is kept")
    t.eq(c.get("/companies").status, 200, "and still serving")

    # SIGTERM waits for the request in flight: hold a lock so it runs long.
    locker = subprocess.Popen(["psql", "-XAtq", "-c", "BEGIN; LOCK TABLE companies; SELECT pg_sleep(2); COMMIT;"],
                              env=s.env(), stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    result = {}
    th = threading.Thread(target=lambda: result.update(r=c.get("/companies")))
    th.start()
    time.sleep(0.5)
    os.kill(master, signal.SIGTERM)
    th.join(20)
    locker.wait(10)
    t.eq(result["r"].status if "r" in result else None, 200,
         "SIGTERM: the request in flight completes")
    t.ok(wait_for(lambda: not os.path.exists("/proc/%d" % master) or
                  open("/proc/%d/stat" % master).read().split(")")[1].split()[0] == "Z", 10),
         "then focusd exits")
    t.contains(s.focusd_log(), "stopped", "and says so")

# SIGHUP re-reads the templates (a copy of them, so that we may edit it).
tpl_dir = "/tmp/fm-t07-templates-%d" % os.getpid()
shutil.copytree(os.path.join(SRC, "templates"), tpl_dir)
try:
    with Stack(t, templates=tpl_dir) as s:
        c = s.client()
        t.contains(c.get("/login").text, "Se connecter", "original template")
        path = os.path.join(tpl_dir, "auth", "login.cs")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('<?cs var:L.login.submit ?>', 'Entrer maintenant'))
        master = s.focusd_pids()[0]
        os.kill(master, signal.SIGHUP)
        t.ok(wait_for(lambda: "Entrer maintenant" in c.get("/login").text, 10),
             "SIGHUP: edited template served")
finally:
    shutil.rmtree(tpl_dir, ignore_errors=True)
t.done()
