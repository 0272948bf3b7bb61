#!/usr/bin/env python3
"""fm-backup with borgbackup (BORG_REPO): a new local repository made with
its passphrase, two archives per run (mgmt-: the database dumped in the
run and the configuration; av-: the media store), incremental (a second
run stores little), prune rules per prefix; fm-restore ARCHIVE puts back
the database, the configuration and the media (SHA-256 checked by
fm-media verify); the run's outcome for fm-alerts."""
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from fmtest import Stack, TAP, BUILD, SRC

t = TAP()
if shutil.which("borg") is None:
    t.ok(True, "# SKIP borgbackup is not installed (dev/lib.sh installs it)")
    t.done()
    raise SystemExit(0)
with Stack(t) as s:
    tmp = tempfile.mkdtemp(prefix="fm-t63-")
    repo = os.path.join(tmp, "repo")
    passfile = os.path.join(tmp, "borg-passphrase")
    settings = os.path.join(tmp, "backup.conf")
    with open(settings, "w") as f:
        f.write("BORG_REPO=%s\nKEEP_DAILY=5\nKEEP_AV_YEARS=3\nBACKUP_DIR=%s\n"
                % (repo, os.path.join(tmp, "work")))
    env = dict(s.env(), FM_USER="", FM_PG_ADMIN="", FM_PG_ADMIN_ROLE="focus",
               FM_ADMIN=os.path.join(BUILD, "fm-admin"),
               FM_MIGRATE=os.path.join(BUILD, "fm-migrate"),
               FM_MEDIA=os.path.join(BUILD, "fm-media"),
               FM_MIGRATIONS=os.path.join(SRC, "db", "migrations"),
               FM_BACKUP_SETTINGS=settings, BORG_PASSPHRASE_FILE=passfile,
               BORG_BASE_DIR=os.path.join(tmp, "borg-home"),
               PGHOST="/nonexistent", PGUSER="nobody")

    def tool(name, *args):
        return subprocess.run([os.path.join(SRC, "ops", name), "-c", s.conf()] + list(args),
                              env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def borg(*args):
        e = dict(env, BORG_REPO=repo, BORG_PASSCOMMAND="cat " + passfile)
        return subprocess.run(["borg"] + list(args), env=e, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    s.psql("INSERT INTO companies (name) VALUES ('Sauvegardée SA')")
    media = os.path.join(s.state, "data", "media", "2026", "03", "04")
    os.makedirs(media)
    content = os.urandom(200000)
    with open(os.path.join(media, "séance.mp4"), "wb") as f:
        f.write(content)
    rec = s.scalar("INSERT INTO sites (name) VALUES ('S') RETURNING id")

    r = tool("fm-backup")
    t.ok(r.returncode == 0, "fm-backup with BORG_REPO", r.stdout)
    t.contains(r.stdout, "created the repository", "a new local repository, said")
    t.ok(os.path.getsize(passfile) > 20 and (os.stat(passfile).st_mode & 0o077) == 0,
         "with a random passphrase only its owner reads")
    names = borg("list", "--short").stdout.split()
    t.ok(len(names) == 2 and names[0].startswith("mgmt-") and names[1].startswith("av-")
         and names[0][5:] == names[1][3:], "two archives of the same time: mgmt- and av-", names)
    info = borg("info", "--json").stdout
    t.ok('"mode": "repokey-blake2"' in info, "encrypted and authenticated (repokey-blake2)", info[:300])
    files = borg("list", "--short", "::" + names[0]).stdout.split()
    t.eq(sorted(files), ["INFO", "SHA256SUMS", "database.pgdump", "etc.tar.gz"],
         "mgmt-: the database dumped in this run, the configuration")
    files = borg("list", "--short", "::" + names[1]).stdout.split()
    t.ok("media/2026/03/04/séance.mp4" in files, "av-: the media store", files)
    with open(os.path.join(s.state, "data", "backup.status")) as f:
        t.ok(f.read().startswith("ok "), "the outcome for fm-alerts")

    # Incremental: the second run adds little.
    import time
    time.sleep(1.1)
    r = tool("fm-backup")
    t.ok(r.returncode == 0, "a second run", r.stdout)
    m = re.search(r"This archive:\s+\S+ \S+\s+\S+ \S+\s+(\S+) (\S+)", r.stdout)
    t.ok(m and (m.group(2) in ("B", "kB") or (m.group(2) == "MB" and float(m.group(1)) < 0.5)),
         "deduplicated: the media archive adds almost nothing", m.group(0) if m else r.stdout[-1500:])
    t.eq(len(borg("list", "--short").stdout.split()), 4, "two runs, four archives")

    # Prune rules: 5 daily management archives, 3 years of audiovisual ones.
    with open(settings, "a") as f:
        f.write("KEEP_DAILY=1\n")
    time.sleep(1.1)
    r = tool("fm-backup")
    arch = borg("list", "--short").stdout.split()
    t.eq((len([a for a in arch if a.startswith("mgmt-")]), len([a for a in arch if a.startswith("av-")])),
         (1, 3), "KEEP_DAILY=1: one management archive of the day left; the audiovisual ones kept")

    # Restore: the database, the media.
    s.psql("DELETE FROM companies; INSERT INTO companies (name) VALUES ('Après')")
    os.unlink(os.path.join(media, "séance.mp4"))
    r = tool("fm-restore", "-y", "--no-service", "latest")
    t.ok(r.returncode == 0, "fm-restore -y latest", r.stdout)
    t.eq(s.scalar("SELECT string_agg(name, ',') FROM companies"), "Sauvegardée SA",
         "the database is back")
    with open(os.path.join(media, "séance.mp4"), "rb") as f:
        t.eq(hashlib.sha256(f.read()).hexdigest(), hashlib.sha256(content).hexdigest(),
             "the media file is back, same SHA-256")
    t.contains(r.stdout, "media files checked, 0 missing or changed", "fm-media verify ran")
    for d in s.psql("SELECT datname FROM pg_database WHERE datname LIKE 'focusmanager_before_restore_%'"):
        s.psql("DROP DATABASE \"%s\"" % d[0])
    r = tool("fm-restore", "-y", "--no-service", "mgmt-19990101-000000")
    t.ok(r.returncode != 0, "an archive that does not exist: refused", r.stdout)
    shutil.rmtree(tmp, True)
t.done()
