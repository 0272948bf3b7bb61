#!/usr/bin/env python3
"""The command-line tools: fm-migrate, fm-admin, focusd --check-config."""
import os
import shutil
import subprocess
import tempfile
from fmtest import BUILD, SRC, Stack, TAP

t = TAP()


def run(*args, stdin=None, env=None):
    return subprocess.run(list(args), input=stdin, text=True, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


with Stack(t) as s:
    migrate = os.path.join(BUILD, "fm-migrate")
    conninfo = s.dev_stack("conninfo").stdout.strip()
    work = tempfile.mkdtemp(prefix="fm-t08-")
    mig = os.path.join(work, "migrations")
    shutil.copytree(os.path.join(SRC, "db", "migrations"), mig)
    shutil.copytree(os.path.join(SRC, "db", "functions"), os.path.join(work, "functions"))
    try:
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.returncode, 0, "fm-migrate on an up-to-date database")
        t.contains(r.stdout, "0 migrations applied", "is a no-op")
        r = run(migrate, "-d", conninfo, "--dir", mig, "--status")
        t.contains(r.stdout, "applied  0001_foundation.sql", "--status lists applied files")
        checksum = s.scalar("SELECT checksum FROM schema_migrations WHERE version = 1")
        t.eq(len(checksum), 64, "each migration is recorded with its SHA-256")

        with open(os.path.join(mig, "9001_test_add.sql"), "w") as f:
            f.write("CREATE TABLE t_added (id int);\nINSERT INTO t_added VALUES (1);\n")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.returncode, 0, "a new migration is applied")
        t.contains(r.stdout, "applied  9001_test_add.sql", "and named")
        t.eq(s.scalar("SELECT count(*) FROM t_added"), "1", "its statements ran")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.contains(r.stdout, "0 migrations applied", "not applied twice")

        with open(os.path.join(mig, "9002_test_broken.sql"), "w") as f:
            f.write("CREATE TABLE t_half (id int);\nINSERT INTO no_such_table VALUES (1);\n")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.returncode, 1, "a failing migration: exit 1")
        t.contains(r.stderr, "nothing of it was applied", "with a clear message")
        t.eq(s.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 't_half'"), "0",
             "its first statement was rolled back")
        t.eq(s.scalar("SELECT count(*) FROM schema_migrations WHERE version = 9002"), "0",
             "and it is not recorded")
        os.remove(os.path.join(mig, "9002_test_broken.sql"))

        with open(os.path.join(mig, "9001_test_add.sql"), "a") as f:
            f.write("-- an innocent comment\n")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.returncode, 1, "an edited applied migration is refused")
        t.contains(r.stderr, "9001_test_add.sql was changed after it was applied",
                   "naming the file")

        with open(os.path.join(mig, "9003_other.sql"), "w") as f:
            f.write("SELECT 1;")
        shutil.copy(os.path.join(mig, "9003_other.sql"), os.path.join(mig, "9003_twin.sql"))
        r = run(migrate, "-d", conninfo, "--dir", mig, "--status")
        t.eq(r.returncode, 1, "two migrations with one number are refused")
    finally:
        shutil.rmtree(work)

    # fm-admin
    r = s.admin("user", "add", "marie", "--name", "Marie Curie", stdin="short\n")
    t.eq(r.returncode, 1, "fm-admin refuses a short password")
    t.contains(r.stderr, "at least 8 characters", "and says why")
    r = s.admin("user", "add", "marie", "--name", "Marie Curie", stdin="radium-1898\n")
    t.eq(r.returncode, 0, "fm-admin user add (password on stdin)")
    r = s.admin("user", "add", "Marie", stdin="radium-1898\n")
    t.eq(r.returncode, 1, "a login differing only by case is refused")
    r = s.admin("user", "list")
    t.contains(r.stdout, "marie", "user list")
    t.contains(r.stdout, "Marie Curie", "with the name")
    c = s.client()
    t.eq(c.login("marie", "radium-1898").status, 303, "the new user logs in")
    t.eq(c.get("/companies").status, 200, "and works")
    r = s.admin("user", "passwd", "marie", stdin="polonium-1898\n")
    t.eq(r.returncode, 0, "fm-admin user passwd")
    t.eq(c.get("/companies").status, 303, "changing the password ended the sessions")
    t.eq(s.client().login("marie", "radium-1898").status, 401, "old password refused")
    t.eq(s.client().login("marie", "polonium-1898").status, 303, "new password works")
    t.eq(s.admin("user", "passwd", "nobody", stdin="whatever-123\n").returncode, 1,
         "passwd of an unknown user: exit 1")
    t.eq(s.admin("user", "frobnicate", "x").returncode, 2, "unknown command: usage, exit 2")
    r = s.admin("config", "get", "Paths.Data")
    t.eq((r.returncode, r.stdout), (0, os.path.join(s.state, "data") + "\n"),
         "fm-admin config get prints a value (operator scripts read focusd.conf with it)")
    r = s.admin("config", "get", "Server.SocketGroup")
    t.eq((r.returncode, r.stdout), (1, ""), "config get of an unset key: exit 1, no output")

    # focusd --check-config
    focusd = os.path.join(BUILD, "focusd")
    r = run(focusd, "-c", s.conf(), "--check-config")
    t.eq(r.returncode, 0, "--check-config on a good file")
    t.contains(r.stdout, "configuration OK", "says OK")
    bad = os.path.join(s.state, "bad.conf")
    with open(s.conf()) as f:
        text = f.read()
    with open(bad, "w") as f:
        f.write(text.replace("Server.Workers = 2", "Server.Workers = many"))
    r = run(focusd, "-c", bad, "--check-config")
    t.eq(r.returncode, 1, "--check-config on a bad value: exit 1")
    t.contains(r.stderr, "Server.Workers", "naming the key")
    with open(bad, "w") as f:
        f.write(text.replace("Paths.Templates = ", "Paths.Templates = /nonexistent"))
    r = run(focusd, "-c", bad, "--check-config")
    t.eq(r.returncode, 1, "missing templates folder: exit 1")
    r = run(focusd, "-c", "/nonexistent.conf", "--check-config")
    t.eq(r.returncode, 1, "missing file: exit 1")
    r = run(focusd, "-c", s.conf())
    t.eq(r.returncode, 1, "a second focusd on the same socket refuses to start")
    t.contains(r.stderr, "in use", "and says why")
t.done()
