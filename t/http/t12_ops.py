#!/usr/bin/env python3
"""The operator tools against a private stack: fm-backup (dump, media
listing, pruning, lock), fm-restore (back to the backup, the replaced
database kept, a damaged backup refused, focusd reconnecting),
fm-export-all (SQL that loads into an empty database, one CSV per table,
the media manifest with SHA-256).  The Debian package test runs them
again as root on the installed system."""
import csv
import fcntl
import glob
import hashlib
import io
import os
import subprocess
import tempfile
from fmtest import BUILD, SRC, Stack, TAP

t = TAP()


def tool(s, name, *args):
    env = dict(s.env(), FM_USER="", FM_PG_ADMIN="", FM_PG_ADMIN_ROLE="focus",
               FM_ADMIN=os.path.join(BUILD, "fm-admin"),
               FM_MIGRATE=os.path.join(BUILD, "fm-migrate"),
               FM_MIGRATIONS=os.path.join(SRC, "db", "migrations"),
               FM_BACKUP_SETTINGS="/nonexistent",
               # The tools ignore libpq's environment, as focusd does.
               PGHOST="/nonexistent", PGUSER="nobody")
    return subprocess.run([os.path.join(SRC, "ops", name), "-c", s.conf()] + list(args),
                          env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)


with Stack(t) as s:
    c = s.client()
    c.login_admin()
    data = os.path.join(s.state, "data")
    s.psql("INSERT INTO companies (name, city) VALUES ('Études, \"Mercator\"', 'Paris')")
    media = os.path.join(data, "media", "2026", "03", "04")
    os.makedirs(media)
    content = os.urandom(50000)
    name = 'séance 1, "salle B".mp4'
    with open(os.path.join(media, name), "wb") as f:
        f.write(content)
    rel = "media/2026/03/04/" + name

    # -- fm-backup ----------------------------------------------------------------
    backups = os.path.join(s.state, "backups")
    old = os.path.join(backups, "focusmanager-20000101-000000")
    os.makedirs(old)
    os.utime(old, (946684800, 946684800))
    r = tool(s, "fm-backup", "-o", backups, "-k", "14", "-q")
    t.eq((r.returncode, r.stdout), (0, ""), "fm-backup -q: quiet when all is well")
    latest = os.path.join(backups, "latest")
    t.ok(os.path.islink(latest), "latest points to the new backup")
    t.ok(not os.path.exists(old), "a backup older than KEEP_DAYS was removed")
    t.eq(glob.glob(os.path.join(backups, "*.partial")), [], "no partial folder left")
    with open(os.path.join(latest, "files.list0"), "rb") as f:
        t.eq(f.read(), rel.encode() + b"\0", "files.list0: the media file, NUL-terminated")
    with open(os.path.join(latest, "files.tsv")) as f:
        row = f.read().rstrip("\n").split("\t")
    t.eq((row[0], row[2]), (str(len(content)), rel), "files.tsv: size and path")
    r = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=latest)
    t.eq(r.returncode, 0, "SHA256SUMS check")
    r = subprocess.run(["pg_restore", "--list", os.path.join(latest, "database.pgdump")],
                       stdout=subprocess.PIPE, text=True)
    t.ok(r.returncode == 0 and "TABLE DATA public companies" in r.stdout,
         "the dump is a pg_dump archive with the data")
    r = subprocess.run(["tar", "-tzf", os.path.join(latest, "etc.tar.gz")],
                       stdout=subprocess.PIPE, text=True)
    t.ok(s.conf().lstrip("/") in r.stdout.split("\n"), "etc.tar.gz holds focusd.conf", r.stdout)
    with open(os.path.join(backups, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = tool(s, "fm-backup", "-o", backups, "-q")
    t.ok(r.returncode == 1 and "another fm-backup is running" in r.stdout,
         "a second fm-backup at the same time refuses", r.stdout)

    # -- fm-restore ---------------------------------------------------------------
    s.psql("DELETE FROM companies; INSERT INTO companies (name) VALUES ('Après')")
    r = tool(s, "fm-restore", "--no-service", latest)
    t.ok(r.returncode == 1 and "add -y" in r.stdout,
         "fm-restore wants -y when not on a terminal", r.stdout)
    r = tool(s, "fm-restore", "-y", "--no-service", latest)
    t.eq(r.returncode, 0, "fm-restore -y")
    t.contains(r.stdout, "every file of the backup's listing is present", "media listing checked")
    t.eq(s.scalar("SELECT string_agg(name, ',') FROM companies"), 'Études, "Mercator"',
         "the data are back as they were at the backup")
    kept = s.scalar("SELECT datname FROM pg_database WHERE datname LIKE 'focusmanager_before_restore_%'")
    t.ok(kept, "the replaced database is kept")
    t.eq(c.get("/companies").status, 200, "focusd reconnects to the restored database")
    t.contains(c.get("/companies").text, "Mercator", "and shows its data")
    s.psql("DROP DATABASE \"%s\"" % kept)

    os.remove(os.path.join(media, name))
    r = tool(s, "fm-restore", "-y", "--no-service", latest)
    t.contains(r.stdout, "1 file(s) of the backup's listing are missing", "a missing media file is reported")
    for d in s.psql("SELECT datname FROM pg_database WHERE datname LIKE 'focusmanager_before_restore_%'"):
        s.psql("DROP DATABASE \"%s\"" % d[0])
    with open(os.path.join(media, name), "wb") as f:
        f.write(content)

    damaged = os.path.join(s.state, "damaged")
    subprocess.run(["cp", "-a", os.path.realpath(latest), damaged], check=True)
    with open(os.path.join(damaged, "database.pgdump"), "r+b") as f:
        f.seek(100)
        f.write(b"\xff\xff\xff\xff")
    s.psql("INSERT INTO companies (name) VALUES ('Intacte')")
    r = tool(s, "fm-restore", "-y", "--no-service", damaged)
    t.ok(r.returncode == 1 and "SHA256SUMS" in r.stdout, "a damaged backup is refused", r.stdout)
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE name = 'Intacte'"), "1",
         "and the database is untouched")

    # -- fm-export-all -------------------------------------------------------------
    out = tempfile.mkdtemp(prefix="fm-t09-export-")
    try:
        with open(os.path.join(out, "x"), "w") as f:
            f.write("x")
        r = tool(s, "fm-export-all", out)
        t.ok(r.returncode == 1 and "not empty" in r.stdout, "a non-empty folder is refused")
        os.remove(os.path.join(out, "x"))
        r = tool(s, "fm-export-all", out)
        t.eq(r.returncode, 0, "fm-export-all")
        tables = sorted(os.listdir(os.path.join(out, "tables")))
        t.ok("public.companies.csv" in tables and "public.schema_migrations.csv" in tables,
             "one CSV per table", tables)
        n = int(s.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
        t.eq(len(tables), n, "every table")
        with open(os.path.join(out, "tables", "public.companies.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        t.eq(sorted(r_["name"] for r_ in rows), ['Intacte', 'Études, "Mercator"'],
             "the CSV reads back with a CSV parser (header, quoting, UTF-8)")
        with open(os.path.join(out, "media-manifest.csv"), newline="") as f:
            manifest = list(csv.reader(f))
        t.eq(manifest, [["path", "bytes", "sha256"],
                        [rel, str(len(content)), hashlib.sha256(content).hexdigest()]],
             "media-manifest.csv: path, bytes, SHA-256")
        r = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out)
        t.eq(r.returncode, 0, "SHA256SUMS check")
        t.ok(os.path.exists(os.path.join(out, "README.txt")), "README.txt")
        # The SQL dump loads into an empty database, as anywhere else.
        s.psql("CREATE DATABASE export_check")
        env = dict(s.env(), PGDATABASE="export_check")
        with open(os.path.join(s.state, "env")) as f:
            for line in f:
                if line.startswith(("PGHOST=", "PGPORT=", "PGUSER=")):
                    k, _, v = line.strip().partition("=")
                    env[k] = v
        r = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-f",
                            os.path.join(out, "database.sql")], env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        t.ok(r.returncode == 0, "database.sql loads into an empty database", r.stdout[-2000:])
        r = subprocess.run(["psql", "-XAtq", "-c", "SELECT count(*) FROM companies"], env=env,
                           text=True, stdout=subprocess.PIPE)
        t.eq(r.stdout.strip(), "2", "with the data")
        s.psql("DROP DATABASE export_check")
    finally:
        subprocess.run(["rm", "-rf", out])
t.done()
