#!/usr/bin/env python3
"""The Debian packages, for real, on this machine.

Builds focusmanager and focusmanager-box (dev/package), runs lintian and
shellcheck, installs them with apt (so on a disposable machine: root,
Debian 12; dev/test runs it on CI), then checks that focusd answers
/healthz through the system nginx on port 80, creates a staff user with
fm-admin and logs in like a browser, backs up, damages and restores the
database, exports everything, upgrades to a rebuilt package carrying an
extra migration and checks that the data survived, removes (data kept),
purges (data kept), reinstalls over the kept data, and purges with
FOCUSMANAGER_PURGE_DATA=yes (everything gone).

The machine is left as found: the packages purged, the system PostgreSQL
cluster and nginx stopped again if the test started them, the
policy-rc.d put back.  The test lets focusmanager, nginx and postgresql
start from maintainer scripts meanwhile (a temporary policy-rc.d: Docker
images forbid every start, and without an init system invoke-rc.d would
refuse too).

Prints TAP.  FM_SKIP_PACKAGE_TEST=1 skips it; FM_KEEP=1 keeps the work
folder (packages, logs).  One package test runs at a time on a machine
(a lock in /run/lock); it refuses to run where focusmanager is already
installed, unless FM_PACKAGE_TEST_FORCE=1.
"""

import fcntl
import glob
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("FM_SRCDIR") or os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SRC, "t", "lib"))
from fmtest import TAP, Client  # noqa: E402

with open(os.path.join(SRC, "debian", "changelog")) as _f:
    V1 = re.match(r"focusmanager \(([^)]+)\)", _f.readline()).group(1)
V2 = V1 + "+upgradetest1"       # sorts after V1 for dpkg
PASSWORD = "package-test-Pa55"
POLICY = "/usr/sbin/policy-rc.d"
POLICY_SAVED = POLICY + ".fm-package-test"
DATA = "/var/lib/focusmanager"
CONF = "/etc/focusmanager/focusd.conf"
# Lintian warnings the packages are allowed to have: explained in
# docs/operations.md ("Lintian").  Anything else fails the test.
LINTIAN_ALLOWED = {"missing-systemd-timer-for-cron-script"}
APT = ["apt-get", "-y", "-q", "--no-install-recommends",
       "-o", "DPkg::Lock::Timeout=600",
       "-o", "Dpkg::Options::=--force-confdef",
       "-o", "Dpkg::Options::=--force-confold"]

t = TAP()


def run(cmd, check=False, env=None, input=None, cwd=None, timeout=900):
    """Runs a command; returns (returncode, stdout + stderr)."""
    e = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if env:
        e.update(env)
    r = subprocess.run(cmd, input=input, text=True, env=e, cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    if check and r.returncode != 0:
        t.diag("$ %s\n%s" % (" ".join(cmd), r.stdout[-4000:]))
        t.bail("%s failed (exit %d)" % (cmd[0], r.returncode))
    return r.returncode, r.stdout


def skip(why):
    print("1..0 # SKIP %s" % why)
    sys.exit(0)


def installed(pkg):
    rc, out = run(["dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", pkg])
    return out.strip() if rc == 0 else ""


class SystemSite:
    """What fmtest.Client needs: the system nginx on port 80."""
    port = 80
    https = False


def client():
    return Client(SystemSite())


def healthz(tries=30):
    """GET /healthz through nginx: (status, body), retried while starting."""
    last = (0, "")
    for _ in range(tries):
        try:
            r = client().get("/healthz")
            last = (r.status, r.text)
            if r.status == 200:
                return last
        except OSError as e:
            last = (0, str(e))
        time.sleep(0.5)
    return last


def as_app_psql(sql):
    rc, out = run(["runuser", "-u", "focusmanager", "--", "psql", "-XAtq",
                   "-v", "ON_ERROR_STOP=1", "-d", "dbname=focusmanager"],
                  input=sql, cwd="/")
    if rc != 0:
        raise RuntimeError("psql: " + out)
    return out.strip()


def as_pg_psql(sql):
    rc, out = run(["runuser", "-u", "postgres", "--", "psql", "-XAtq", "-d",
                   "postgres"], input=sql, cwd="/")
    return out.strip() if rc == 0 else None


def focusd_pid():
    """The focusd master's pid, under systemd or the init script."""
    if os.path.isdir("/run/systemd/system"):
        rc, out = run(["systemctl", "show", "-p", "MainPID", "--value",
                       "focusmanager.service"])
        pid = out.strip()
        return int(pid) if pid.isdigit() and pid != "0" else None
    try:
        with open("/run/focusmanager.pid") as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def nginx_running():
    try:
        with open("/run/nginx.pid") as f:
            os.kill(int(f.read().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def port_busy(port):
    s = socket.socket()
    s.settimeout(1)
    try:
        return s.connect_ex(("127.0.0.1", port)) == 0
    finally:
        s.close()


def port_80_busy():
    return port_busy(80)


def copy_tree(src, dst):
    """The files of the checkout (as dev/package takes them)."""
    os.makedirs(dst)
    rc, _ = run(["git", "-C", src, "rev-parse", "--is-inside-work-tree"])
    if rc == 0:
        files = subprocess.run(
            ["git", "-C", src, "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], stdout=subprocess.PIPE, check=True).stdout
        tar = subprocess.Popen(["tar", "--null", "--ignore-failed-read", "-T", "-",
                                "-cf", "-"], cwd=src, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        untar = subprocess.Popen(["tar", "-xf", "-", "-C", dst], stdin=tar.stdout)
        tar.stdin.write(files)
        tar.stdin.close()
        tar.stdout.close()
        untar.wait()
        tar.wait()
    else:
        shutil.rmtree(dst)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns(
            "build", "build-asan", "build-deb", "run", ".git"))


class Machine:
    """What the test changes on the machine, and how to put it back."""

    def __init__(self):
        self.policy_swapped = False
        self.nginx_was_running = nginx_running()
        self.pg_started = None       # (version, name) of a cluster we started
        self.pg_created = None
        self.default_site = os.path.lexists("/etc/nginx/sites-enabled/default")

    def allow_services(self):
        if os.path.exists(POLICY_SAVED):           # a previous run died
            os.replace(POLICY_SAVED, POLICY)
        if os.path.exists(POLICY):
            os.replace(POLICY, POLICY_SAVED)
        with open(POLICY, "w") as f:
            f.write("""#!/bin/sh
# Temporary, written by FocusManager's t/package/test_package.py (the
# original, if any, is %s and comes back at the end).
case "$1" in
focusmanager | focusmanager-box | nginx | postgresql) exit 0 ;;
esac
[ -x %s ] && exec %s "$@"
exit 101
""" % (POLICY_SAVED, POLICY_SAVED, POLICY_SAVED))
        os.chmod(POLICY, 0o755)
        self.policy_swapped = True

    def start_postgresql(self):
        rc, out = run(["pg_lsclusters", "-h"])
        clusters = [line.split() for line in out.splitlines() if line.strip()]
        if not clusters:
            rc, out = run(["ls", "/usr/lib/postgresql"])
            version = sorted(out.split(), key=lambda v: int(v))[-1]
            run(["pg_createcluster", version, "main"], check=True)
            self.pg_created = (version, "main")
            clusters = [[version, "main", "5432", "down"]]
        version, name, _, status = clusters[0][:4]
        if status != "online":
            run(["pg_ctlcluster", version, name, "start"], check=True)
            self.pg_started = (version, name)
        return version, name

    def restore(self):
        if self.policy_swapped:
            os.remove(POLICY)
            if os.path.exists(POLICY_SAVED):
                os.replace(POLICY_SAVED, POLICY)
        if not self.nginx_was_running and nginx_running():
            run(["/etc/init.d/nginx", "stop"])
            if nginx_running():
                run(["nginx", "-s", "quit"])
        if self.pg_started:
            run(["pg_ctlcluster"] + list(self.pg_started) + ["stop"])
        if self.pg_created:
            run(["pg_dropcluster"] + list(self.pg_created))


def purge_all(data=True):
    env = {"FOCUSMANAGER_PURGE_DATA": "yes"} if data else {}
    return run(APT + ["purge", "focusmanager", "focusmanager-box"], env=env)


def lint(t, changes):
    rc, out = run(["lintian", "--display-info", "--pedantic", changes])
    tags = [line for line in out.splitlines() if re.match(r"^[EWIPX]: ", line)]
    errors = [line for line in tags if line.startswith("E: ")]
    warnings = [line for line in tags if line.startswith("W: ")]
    t.ok(not errors, "lintian: no error", "\n".join(errors))
    unexpected = [w for w in warnings
                  if w.split()[2] not in LINTIAN_ALLOWED]
    t.ok(not unexpected, "lintian: no warning but the documented ones",
         "\n".join(unexpected))
    t.diag("lintian:\n" + ("\n".join(tags) or "(nothing)"))


def main():
    if os.environ.get("FM_SKIP_PACKAGE_TEST"):
        skip("FM_SKIP_PACKAGE_TEST is set")
    if os.geteuid() != 0:
        skip("needs root (it installs the packages on this machine)")
    if not shutil.which("apt-get") or not os.path.exists("/etc/debian_version"):
        skip("needs Debian")
    # One package test at a time on a machine (other checkouts run theirs).
    lock = open("/run/lock/focusmanager-package-test.lock", "w")
    waited = time.time()
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            if time.time() - waited > 1200:
                t.bail("another package test has held the machine for 20 minutes")
            time.sleep(2)
    if time.time() - waited > 2:
        t.diag("waited %ds for another package test" % (time.time() - waited))
    state = installed("focusmanager") + installed("focusmanager-box")
    if state and not os.environ.get("FM_PACKAGE_TEST_FORCE"):
        t.bail("focusmanager is installed here (%s): the test would replace and "
               "purge it; FM_PACKAGE_TEST_FORCE=1 allows it" % state)

    # Our own build and runtime dependencies (dev/lib.sh's lists).
    run(["bash", "-c", '. "$1/dev/lib.sh" && FM_EXTRA_PACKAGES="$FM_DEB_PACKAGES" '
         'fm_install_deps', "-", SRC], check=True)
    if port_80_busy() and not nginx_running():
        skip("port 80 is taken by something else than the system nginx")
    # The packages' nginx takes the live ports on every address: a program
    # holding one (an older dev/demo on 1935, say) would make the install
    # fail half-way.  Said before anything is installed.
    taken = [p for p in (1935, 1936) if port_busy(p)]
    if taken and not nginx_running():
        t.bail("port %s is in use on this machine (a demo? `dev/demo stop`): the "
               "packages' nginx needs 1935 and 1936; stop it and run again"
               % " and ".join(map(str, taken)))

    work = tempfile.mkdtemp(prefix="fm-pkgtest-")
    machine = Machine()
    ok = False
    try:
        steps(work, machine)
        ok = t.failed == 0
    except SystemExit:
        raise
    except Exception:
        t.ok(False, "the test ran to its end", traceback.format_exc())
    finally:
        if installed("focusmanager") or installed("focusmanager-box"):
            if not ok:
                collect_logs()
            purge_all(data=True)
        machine.restore()
        if os.environ.get("FM_KEEP") or not ok:
            t.diag("work folder kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    t.done()


def collect_logs():
    for path in ("/var/log/focusmanager/focusd.log", "/var/log/nginx/error.log"):
        if os.path.exists(path):
            with open(path, errors="replace") as f:
                t.diag("--- %s\n%s" % (path, "".join(f.readlines()[-30:])))


def steps(work, machine):
    # -- build ------------------------------------------------------------
    with open(os.path.join(SRC, "configure.ac")) as f:
        m = re.search(r"AC_INIT\(\[focusmanager\], \[([^]]+)\]", f.read())
    t.eq(V1, m.group(1) if m else None, "debian/changelog's version is configure.ac's")
    v1 = os.path.join(work, "v1")
    rc, out = run([os.path.join(SRC, "dev", "package"), "-o", v1])
    if not t.ok(rc == 0, "dev/package builds the packages", out[-3000:]):
        t.bail("no packages")
    debs1 = sorted(glob.glob(os.path.join(v1, "focusmanager*_%s_*.deb" % V1)))
    debs1 = [d for d in debs1 if "dbgsym" not in d]
    t.eq(sorted(os.path.basename(d).split("_")[0] for d in debs1),
         ["focusmanager", "focusmanager-box"], "two packages, version " + V1)
    t.ok(not os.path.exists(os.path.join(SRC, "config.status")),
         "the checkout is not configured in place by the build")
    lint(t, glob.glob(os.path.join(v1, "*.changes"))[0])

    # The same tree plus one migration, as a newer version.
    tree2 = os.path.join(work, "tree-v2")
    copy_tree(SRC, tree2)
    with open(os.path.join(tree2, "db", "migrations", "9000_package_upgrade_test.sql"), "w") as f:
        f.write("CREATE TABLE package_upgrade_test (note text NOT NULL);\n"
                "INSERT INTO package_upgrade_test VALUES ('added by the upgrade');\n")
    v2 = os.path.join(work, "v2")
    rc, out = run([os.path.join(SRC, "dev", "package"), "-o", v2, "--source", tree2,
                   "--version", V2, "--nocheck"])
    t.ok(rc == 0, "the upgrade package (an extra migration) builds", out[-3000:])
    debs2 = [d for d in sorted(glob.glob(os.path.join(v2, "focusmanager*_%s_*.deb" % V2)))
             if "dbgsym" not in d]

    if shutil.which("shellcheck"):
        scripts = [os.path.join(SRC, "ops", f) for f in ("fm-backup", "fm-restore", "fm-export-all")]
        scripts += [os.path.join(SRC, "dev", "package")]
        maint = glob.glob(os.path.join(SRC, "debian", "*.post*")) + \
            [os.path.join(SRC, "debian", "focusmanager.init")]
        rc1, out1 = run(["shellcheck", "-x"] + scripts, cwd=SRC)
        rc2, out2 = run(["shellcheck", "-s", "sh"] + maint)
        t.ok(rc1 == 0 and rc2 == 0, "shellcheck: operator and maintainer scripts", out1 + out2)

    # -- install ------------------------------------------------------------
    machine.allow_services()
    cluster = machine.start_postgresql()
    rc, out = run(APT + ["install"] + debs1)
    if not t.ok(rc == 0, "apt installs both packages", out[-5000:]):
        t.bail("installation failed")
    t.diag("what the maintainer scripts said:\n" + "\n".join(
        line for line in out.splitlines()
        if line.startswith(("focusmanager", "  ", "FocusManager", "Create", "Then", "see "))))
    t.contains(out, "runuser -u focusmanager -- fm-admin user add",
               "postinst says how to create the first staff user")
    t.contains(out, "created the PostgreSQL role focusmanager and database focusmanager",
               "postinst created the database")
    t.eq(installed("focusmanager"), "installed " + V1, "focusmanager installed")
    t.eq(installed("focusmanager-box"), "installed " + V1, "focusmanager-box installed")
    rc, out = run(["stat", "-c", "%U:%G %a", CONF])
    t.eq(out.strip(), "root:focusmanager 640", "focusd.conf: root:focusmanager 0640")
    rc, out = run(["stat", "-c", "%U:%G %a", "/etc/focusmanager/box.conf"])
    t.eq(out.strip(), "root:focusbox 640", "box.conf: root:focusbox 0640")
    t.ok(os.path.islink("/etc/nginx/sites-enabled/focusmanager"), "the nginx site is enabled")
    t.ok(not os.path.lexists("/etc/nginx/sites-enabled/default"),
         "nginx's stock default site stepped aside")
    t.ok(focusd_pid() is not None, "focusd runs (started by the postinst)")
    rc, out = run(["stat", "-c", "%U:%G %a", "/run/focusmanager/focusd.sock"])
    t.eq(out.strip(), "focusmanager:www-data 660", "its socket belongs to group www-data")
    status, body = healthz()
    t.eq((status, body), (200, "ok\n"), "GET /healthz through nginx on port 80: 200 ok")
    # Live (docs/live.md): nginx-rtmp listens, HLS answers only with a
    # session, hls.js is served from the package, the callbacks are not
    # reachable through the site.
    with socket.socket() as so:
        t.eq(so.connect_ex(("127.0.0.1", 1935)), 0, "nginx-rtmp listens on port 1935")
    rc, out = run(["stat", "-c", "%U:%G %a", "/var/lib/focusmanager/hls"])
    t.eq(out.strip(), "www-data:www-data 750", "the HLS folder belongs to nginx's workers")
    t.eq(client().get("/hls/r1/index.m3u8").status, 401, "/hls/ without a session: 401")
    r = client().get("/vendor/hls.js/hls.min.js")
    t.ok(r.status == 200 and len(r.raw) > 100000, "hls.js is served from the package")
    t.eq(client().post("/_rtmp/publish", {"name": "x"}, csrf=False).status, 404,
         "nginx-rtmp's callbacks are not reachable through the site")
    import urllib.request
    with urllib.request.urlopen("http://127.0.0.1:1936/stat", timeout=10) as f:
        t.contains(f.read().decode(), "<rtmp>",
                   "nginx-rtmp's statistics for fm-bandwidth (Bandwidth.RtmpStatURL) on loopback")
    t.eq(client().get("/stat").status, 404, "but not through the site")
    if shutil.which("systemd-analyze"):
        units = ["/lib/systemd/system/focusmanager.service",
                 "/lib/systemd/system/focusmanager-backup.service",
                 "/lib/systemd/system/focusmanager-backup.timer",
                 "/lib/systemd/system/focusmanager-mail.service",
                 "/lib/systemd/system/focusmanager-mail.timer",
                 "/lib/systemd/system/focusmanager-downloads.service",
                 "/lib/systemd/system/focusmanager-downloads.timer",
                 "/lib/systemd/system/focusmanager-media.service",
                 "/lib/systemd/system/focusmanager-media.timer",
                 "/lib/systemd/system/focusmanager-alerts.service",
                 "/lib/systemd/system/focusmanager-alerts.timer",
                 "/lib/systemd/system/focusmanager-bandwidth.service",
                 "/lib/systemd/system/focusmanager-bandwidth.timer"]
        rc, out = run(["systemd-analyze", "verify", "--man=no"] + units)
        t.ok(rc == 0, "systemd-analyze verify: the central units", out)
    t.ok(os.path.exists("/usr/share/man/man8/fm-backup.8.gz"), "the manual pages are installed")

    # -- first staff user, login ------------------------------------------------
    rc, out = run(["runuser", "-u", "focusmanager", "--", "fm-admin", "user", "add",
                   "admin", "--name", "Package Test", "--role", "admin"],
                  input=PASSWORD + "\n", cwd="/")
    t.eq(rc, 0, "fm-admin user add (as focusmanager, as the postinst says)")
    c = client()
    r = c.login("admin", PASSWORD)
    t.eq(r.status, 303, "the staff user logs in through nginx")
    r = c.get("/companies/new")
    r = c.post("/companies", {"name": "Paquet Témoin SA", "city": "Paris"})
    t.eq(r.status, 303, "and creates a company")
    t.eq(as_app_psql("SELECT count(*) FROM companies WHERE name = 'Paquet Témoin SA'"), "1",
         "it is in the database")

    # -- a document as PDF: libharu and the fonts made at build time -----------
    doc = as_app_psql(
        "INSERT INTO orders (company_id) SELECT id FROM companies WHERE name = 'Paquet Témoin SA';"
        "INSERT INTO services (order_id, label, quantity, unit_price, vat_rate)"
        " SELECT max(id), 'Location « salle »', 1, 850, 20 FROM orders;"
        "SELECT document_from_order(max(id), 'invoice', true) FROM orders;")
    r = c.get("/documents/%s.pdf" % doc)
    t.ok(r.status == 200 and r.raw.startswith(b"%PDF-") and b"/FontFile2" in r.raw,
         "a PDF with its fonts embedded (/usr/share/focusmanager/fonts)", r.status)
    rc, out = run(["runuser", "-u", "focusmanager", "--", "fm-audit", "check"], cwd="/")
    t.ok(rc == 0 and "ok: 0 entries" in out, "fm-audit check", out)
    as_app_psql("DELETE FROM documents; DELETE FROM orders;")

    # -- backup, restore -----------------------------------------------------
    media = os.path.join(DATA, "media", "2026", "01", "15")
    os.makedirs(media, exist_ok=True)
    content = os.urandom(100000)
    with open(os.path.join(media, "séance 1.mp4"), "wb") as f:
        f.write(content)
    run(["chown", "-R", "focusmanager:www-data", os.path.join(DATA, "media")])
    rc, out = run(["fm-backup"])
    t.ok(rc == 0, "fm-backup (borgbackup, the package's backup.conf)", out)
    t.ok(os.path.getsize("/var/backups/focusmanager/borg-passphrase") > 20,
         "a new repository with its random passphrase", out)
    borg_env = dict(os.environ, BORG_REPO="/var/backups/focusmanager/borg",
                    BORG_BASE_DIR="/var/backups/focusmanager/.borg",
                    BORG_PASSCOMMAND="cat /var/backups/focusmanager/borg-passphrase")
    rc, out = run(["borg", "list", "--short"], env=borg_env)
    t.ok(rc == 0 and re.search(r"^mgmt-\d{8}-\d{6}$", out, re.M) and re.search(r"^av-\d{8}-\d{6}$", out, re.M),
         "borg list: a management and an audiovisual archive", out)
    rc, out = run(["borg", "list", "--short", "::" + re.search(r"^av-\S+", out, re.M).group(0)], env=borg_env)
    t.contains(out, "media/2026/01/15/séance 1.mp4", "the media file is in the audiovisual archive")
    as_app_psql("DELETE FROM companies; INSERT INTO companies (name) VALUES ('Après la sauvegarde');")
    rc, out = run(["fm-restore", "-y", "latest"])
    t.ok(rc == 0, "fm-restore -y latest", out)
    t.eq(as_app_psql("SELECT string_agg(name, ',') FROM companies"), "Paquet Témoin SA",
         "the restore brought the backed-up data back, and only it")
    kept = as_pg_psql("SELECT datname FROM pg_database WHERE datname LIKE 'focusmanager_before_restore_%'")
    t.ok(kept, "the replaced database was kept", kept)
    if kept:
        for name in kept.split():
            run(["runuser", "-u", "postgres", "--", "dropdb", name], cwd="/")
    t.contains(out, "0 missing or changed", "fm-media verify checked the media")
    t.eq(healthz()[0], 200, "focusd answers again after the restore")
    t.eq(client().login("admin", PASSWORD).status, 303, "and the staff user logs in")

    # -- export ---------------------------------------------------------------
    export = os.path.join(work, "export")
    rc, out = run(["fm-export-all", export])
    t.ok(rc == 0, "fm-export-all", out)
    with open(os.path.join(export, "database.sql"), errors="replace") as f:
        t.contains(f.read(), "CREATE TABLE public.companies", "export: a plain SQL dump")
    with open(os.path.join(export, "tables", "public.companies.csv")) as f:
        text = f.read()
    t.ok(text.startswith("id,name,") and "Paquet Témoin SA" in text,
         "export: one CSV per table, with a header", text[:500])
    with open(os.path.join(export, "media-manifest.csv")) as f:
        manifest = f.read()
    line = "media/2026/01/15/séance 1.mp4,%d,%s" % (len(content), hashlib.sha256(content).hexdigest())
    t.contains(manifest, line, "export: the media manifest has path, size and SHA-256")
    rc, out = run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=export)
    t.eq(rc, 0, "export: its SHA256SUMS check")

    # -- a recording through nginx, the download log, the outbox ---------------
    order = as_app_psql(
        "INSERT INTO sites (name) VALUES ('Site paquet');"
        "INSERT INTO rooms (site_id, name) SELECT id, 'Salle paquet' FROM sites;"
        "INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate)"
        " VALUES ('Journée', 'Day', 'day', '09:00', '18:00', 100, 20);"
        "INSERT INTO orders (company_id) SELECT id FROM companies RETURNING id").split()[0]
    res = as_app_psql(
        "INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)"
        " SELECT %s, r.id, '2030-03-11 10:00+01', '2030-03-11 12:00+01', t.id FROM rooms r, tariffs t"
        " RETURNING id" % order).split()[0]
    src = os.path.join(work, "session.mp4")
    video = os.urandom(300000)
    with open(src, "wb") as f:
        f.write(video)
    os.chmod(work, 0o755)
    os.chmod(src, 0o644)
    rc, out = run(["runuser", "-u", "focusmanager", "--", "fm-media", "add", "-r", res, src], cwd="/")
    t.ok(rc == 0, "fm-media add (as focusmanager) registers a recording", out)
    media_id = as_app_psql("SELECT max(id) FROM media_files")
    rc, out = run(["runuser", "-u", "focusmanager", "--", "fm-admin", "account", "passwd", "C" + order],
                  input=PASSWORD + "\n", cwd="/")
    t.eq(rc, 0, "fm-admin account passwd: a client account")
    cc = client()
    t.eq(cc.login("C" + order, PASSWORD).status, 303, "the client account logs in through nginx")
    r = cc.get("/download/%s" % media_id)
    t.ok(r.status == 200 and r.raw == video, "and downloads the recording: nginx reads the media store",
         "%d, %d bytes" % (r.status, len(r.raw)))
    t.eq(client().get("/_media/").status, 404, "the internal media location refuses direct requests")
    time.sleep(1)
    rc, out = run(["runuser", "-u", "focusmanager", "-g", "focusmanager", "-G", "adm", "--",
                   "fm-downloads", "import"], cwd="/")
    t.ok(rc == 0 and "1 transfers recorded" in out,
         "fm-downloads import (as focusmanager, group adm) reads nginx's download log", out)
    t.eq(as_app_psql("SELECT status FROM download_log"), "complete", "the download is complete")
    rc, out = run(["runuser", "-u", "focusmanager", "--", "fm-mail", "send"], cwd="/")
    t.eq(rc, 0, "fm-mail send (as focusmanager): nothing queued, nothing to do")
    box_upload(work, res, order, cc)
    disaster(t, work, debs1, order, media_id, video)
    as_app_psql("DELETE FROM download_log; DELETE FROM recordings; DELETE FROM orders;"
                "DELETE FROM boxes; DELETE FROM tariffs; DELETE FROM rooms; DELETE FROM sites")

    # -- upgrade ----------------------------------------------------------------
    before = focusd_pid()
    rc, out = run(APT + ["install"] + debs2)
    if not t.ok(rc == 0, "apt upgrades to " + V2, out[-5000:]):
        t.bail("upgrade failed")
    t.contains(out, "applied  9000_package_upgrade_test.sql", "the upgrade ran fm-migrate")
    t.eq(installed("focusmanager"), "installed " + V2, "focusmanager is now " + V2)
    after = focusd_pid()
    t.ok(after is not None and after != before, "focusd was restarted",
         "before %s, after %s" % (before, after))
    t.eq(healthz(), (200, "ok\n"), "/healthz after the upgrade")
    t.eq(as_app_psql("SELECT note FROM package_upgrade_test"), "added by the upgrade",
         "the new migration's table is there")
    t.eq(as_app_psql("SELECT count(*) FROM companies WHERE name = 'Paquet Témoin SA'"), "1",
         "the data survived the upgrade")
    t.eq(client().login("admin", PASSWORD).status, 303, "the staff user still logs in")
    rc, out = run(["stat", "-c", "%U:%G %a", CONF])
    t.eq(out.strip(), "root:focusmanager 640", "focusd.conf kept its permissions")

    # -- remove ---------------------------------------------------------------------
    rc, out = run(APT + ["remove", "focusmanager", "focusmanager-box"])
    t.eq(rc, 0, "apt removes both packages")
    t.ok(focusd_pid() is None, "focusd stopped")
    t.ok(not os.path.exists("/usr/bin/focusd"), "the programs are gone")
    t.ok(os.path.exists(CONF), "the configuration stays")
    t.ok(os.path.exists(os.path.join(media, "séance 1.mp4")), "the media stay")
    t.eq(as_app_psql("SELECT count(*) FROM companies"), "1", "the database stays")
    t.ok(not os.path.lexists("/etc/nginx/sites-enabled/focusmanager"), "the site is disabled")
    t.eq(os.path.lexists("/etc/nginx/sites-enabled/default"), machine.default_site,
         "nginx's default site is back as it was")
    t.eq(run(["nginx", "-t", "-q"])[0], 0, "nginx's configuration is valid")

    # -- purge, keeping the data ----------------------------------------------------
    rc, out = purge_all(data=False)
    t.eq(rc, 0, "apt purges both packages")
    t.contains(out, "kept the data", "saying the data were kept")
    t.ok(not os.path.exists("/etc/focusmanager"), "the configuration is gone")
    t.ok(os.path.exists(os.path.join(media, "séance 1.mp4")), "the media stay")
    t.eq(as_pg_psql("SELECT count(*) FROM pg_database WHERE datname = 'focusmanager'"), "1",
         "the database stays")
    t.eq(installed("focusmanager"), "", "nothing of the package is left in dpkg")

    # -- reinstall over the kept data -------------------------------------------
    rc, out = run(APT + ["install"] + debs2)
    t.eq(rc, 0, "a new installation over the kept data")
    t.eq(healthz(), (200, "ok\n"), "/healthz")
    t.eq(client().login("admin", PASSWORD).status, 303, "the old staff user logs in")

    # -- purge everything -------------------------------------------------------------
    rc, out = purge_all(data=True)
    t.eq(rc, 0, "FOCUSMANAGER_PURGE_DATA=yes apt purge")
    t.contains(out, "dropped the database focusmanager", "says it dropped the database")
    gone(t)

    # -- PostgreSQL only after focusmanager (apt configures a Recommends late) ---------
    version, name = cluster
    run(["pg_ctlcluster", version, name, "stop"], check=True)
    try:
        rc, out = run(APT + ["install"] + debs2)
        t.eq(rc, 0, "installation without a running PostgreSQL")
        t.contains(out, "tried again at the end of this installation",
                   "the postinst defers the database setup")
        t.contains(out, "no local PostgreSQL answers, so the database is not created",
                   "and explains what to do when it is still missing at the end")
        t.eq(healthz(tries=4)[0], 503, "/healthz: 503 without a database")
    finally:
        run(["pg_ctlcluster", version, name, "start"], check=True)
    # What installing a PostgreSQL server package does (a file trigger).
    run(["dpkg-trigger", "--no-await", "/usr/lib/postgresql"], check=True)
    rc, out = run(["dpkg", "--triggers-only", "--pending"])
    t.eq(rc, 0, "the trigger runs")
    t.contains(out, "created the PostgreSQL role focusmanager and database focusmanager",
               "the database is created when PostgreSQL arrives")
    t.contains(out, "applied  0001_foundation.sql", "and migrated")
    t.eq(healthz(), (200, "ok\n"), "/healthz: 200, focusd found its database by itself")
    rc, out = purge_all(data=True)
    t.eq(rc, 0, "purge again")
    gone(t)


def disaster(t, work, debs, order, media_id, video):
    """Back up to a repository off the package's folders, purge the
    packages and all their data, install again, restore: the database,
    the media (SHA-256), the logins, a recording served."""
    repo = "/var/tmp/fm-package-borg"
    shutil.rmtree(repo, ignore_errors=True)
    with open("/etc/focusmanager/backup.conf", "a") as f:
        f.write("BORG_REPO=%s\n" % repo)
    rc, out = run(["fm-backup"])
    t.ok(rc == 0, "disaster: fm-backup to a repository elsewhere", out)
    with open("/var/backups/focusmanager/borg-passphrase") as f:
        passphrase = f.read()        # what the operator keeps off the machine
    companies = as_app_psql("SELECT string_agg(name, ',' ORDER BY id) FROM companies")
    path = as_app_psql("SELECT path FROM media_files WHERE id = %s" % media_id)
    rc, out = purge_all(data=True)
    t.eq(rc, 0, "disaster: purge the packages and all their data")
    t.ok(not os.path.exists(DATA) and not os.path.exists("/etc/focusmanager"),
         "disaster: nothing left of the data and the configuration")
    t0 = time.time()
    rc, out = run(APT + ["install"] + debs)
    t.eq(rc, 0, "disaster: a fresh installation")
    with open("/var/backups/focusmanager/borg-passphrase", "w") as f:
        f.write(passphrase)
    os.chmod("/var/backups/focusmanager/borg-passphrase", 0o600)
    t1 = time.time()
    rc, out = run(["fm-restore", "-y", "-r", repo, "latest"])
    t2 = time.time()
    t.ok(rc == 0, "disaster: fm-restore -y -r REPO latest", out)
    t.diag("restore timing: reinstall %.1f s, fm-restore %.1f s" % (t1 - t0, t2 - t1))
    with open(os.path.join(work, "restore-timing.txt"), "w") as f:
        f.write("reinstall %.1f s, fm-restore %.1f s\n" % (t1 - t0, t2 - t1))
    for name in as_pg_psql("SELECT datname FROM pg_database"
                           " WHERE datname LIKE 'focusmanager_before_restore_%'").split():
        run(["runuser", "-u", "postgres", "--", "dropdb", name], cwd="/")
    t.eq(as_app_psql("SELECT string_agg(name, ',' ORDER BY id) FROM companies"), companies,
         "disaster: the database content is back")
    with open(os.path.join(DATA, "media", path), "rb") as f:
        t.eq(hashlib.sha256(f.read()).hexdigest(), hashlib.sha256(video).hexdigest(),
             "disaster: the media file is back (SHA-256)")
    t.contains(out, "0 missing or changed", "disaster: fm-media verify finds every file")
    t.eq(healthz()[0], 200, "disaster: focusd answers")
    t.eq(client().login("admin", PASSWORD).status, 303, "disaster: the staff user logs in")
    cc = client()
    t.eq(cc.login("C" + order, PASSWORD).status, 303, "disaster: the client account logs in")
    r = cc.get("/download/%s" % media_id)
    t.ok(r.status == 200 and r.raw == video, "disaster: and the site serves the recording",
         "%d, %d bytes" % (r.status, len(r.raw)))
    shutil.rmtree(repo, ignore_errors=True)


def box_upload(work, res, order, cc):
    """The installed fm-upload (as focusbox) sends a file through the
    system nginx (www-data, which writes each chunk to a file only it may
    read) to focusd (focusmanager, CAP_DAC_READ_SEARCH for that file)."""
    from fmupload import BoxAPI, sha
    ca = client()
    ca.login("admin", PASSWORD)
    ca.get("/boxes")
    room = as_app_psql("SELECT id FROM rooms WHERE name = 'Salle paquet'")
    r = ca.post("/boxes", {"room": room, "name": "Boîtier paquet"})
    m = re.search(r'id="box-token">([0-9a-f]{64})<', r.text)
    if not t.ok(r.status == 201 and m, "a box registered on /boxes"):
        return
    token = m.group(1)
    box = os.path.join(work, "box")
    key = "20300311T090000Z-r%s" % res
    rel = "%s/%s.mp4" % (key, key)
    data = os.urandom(300000)
    os.makedirs(os.path.join(box, "media", key))
    os.makedirs(os.path.join(box, "state", "files", key))
    with open(os.path.join(box, "media", rel), "wb") as f:
        f.write(data)
    with open(os.path.join(box, "state", "files", key, key + ".mp4.json"), "w") as f:
        f.write('{"recording": "%s", "reservation": %s, "kind": "mp4", "path": "%s",'
                ' "bytes": %d, "sha256": "%s", "duration_ms": 0, "finished_at": null}'
                % (key, res, rel, len(data), sha(data)))
    conf = os.path.join(box, "box.conf")
    with open(conf, "w") as f:
        f.write("Central.URL = http://127.0.0.1\nBox.Token = %s\nPaths.Data = %s\n"
                "Input.Kind = lavfi\nUpload.ChunkKB = 64\n" % (token, box))
    run(["chown", "-R", "focusbox:focusbox", box], check=True)
    api = BoxAPI("http://127.0.0.1", token)
    for ev in (("started", {"started_at": "2030-03-11T09:00:00Z"}),
               ("file", {"kind": "mp4", "path": rel, "bytes": len(data), "sha256": sha(data)})):
        api.event(ev[0], key, res, **ev[1])
    rc, out = run(["runuser", "-u", "focusbox", "--", "fm-upload", "-c", conf, "--once",
                   "--verbose"], cwd="/")
    t.ok(rc == 0 and "verified by the central server" in out,
         "fm-upload (as focusbox) sends a file through nginx to focusd", out[-3000:])
    log = "/var/log/focusmanager/focusd.log"   # the init script's (no systemd)
    if os.path.exists(log):
        with open(log, errors="replace") as f:
            t.contains(f.read(), "it alone may read nginx's upload bodies",
                       "focusd started its body file helper to read nginx's chunks")
    # The helper alone holds the capability, effective; the master keeps it
    # permitted only (to start the helper again); the workers hold none.
    procs = {}
    for pid in run(["pgrep", "-u", "focusmanager", "^focusd"])[1].split():
        try:
            with open("/proc/%s/status" % pid) as f:
                st = dict(l.split(":\t", 1) for l in f.read().splitlines() if ":\t" in l)
        except OSError:
            continue            # a worker that ended meanwhile
        procs[pid] = (st["Name"].strip(), st["PPid"].strip(),
                      int(st["CapPrm"], 16), int(st["CapEff"], 16))
    dac = 1 << 2                # CAP_DAC_READ_SEARCH
    helper = [v for v in procs.values() if v[0] == "focusd-bodyfile"]
    master = [v for v in procs.values() if v[0] == "focusd" and v[1] not in procs]
    workers = [v for v in procs.values() if v[0] == "focusd" and v[1] in procs]
    t.ok(len(helper) == 1 and helper[0][2:] == (dac, dac),
         "the body file helper holds CAP_DAC_READ_SEARCH, effective", procs)
    t.ok(len(master) == 1 and master[0][3] == 0, "the master holds it permitted, not effective",
         procs)
    t.ok(workers and all(w[2:] == (0, 0) for w in workers),
         "the workers, which parse requests, hold no capability", procs)
    path = as_app_psql("SELECT path FROM media_files WHERE box_path = '%s' AND on_central" % rel)
    stored = os.path.join(DATA, "media", path) if path else "/nonexistent"
    rc, out = run(["stat", "-c", "%U:%G %a", stored])
    t.eq(out.strip(), "focusmanager:www-data 640", "the file is in the media store, nginx's group")
    mid = as_app_psql("SELECT id FROM media_files WHERE box_path = '%s'" % rel)
    r = cc.get("/download/%s" % mid)
    t.ok(r.status == 200 and r.raw == data, "the client account downloads it from the portal")


def gone(t):
    t.eq(as_pg_psql("SELECT count(*) FROM pg_database WHERE datname = 'focusmanager'"), "0",
         "the database is gone")
    t.eq(as_pg_psql("SELECT count(*) FROM pg_roles WHERE rolname = 'focusmanager'"), "0",
         "the role is gone")
    left = [p for p in (DATA, "/var/backups/focusmanager", "/var/lib/focusmanager-box",
                        "/etc/focusmanager", "/var/log/focusmanager") if os.path.exists(p)]
    t.eq(left, [], "no folder of the packages is left")
    t.eq(run(["nginx", "-t", "-q"])[0], 0, "nginx's configuration is still valid")
    t.ok(healthz(tries=1)[1] != "ok\n", "port 80 no longer serves FocusManager")


main()
