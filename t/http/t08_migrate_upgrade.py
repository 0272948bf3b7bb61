#!/usr/bin/env python3
"""fm-migrate and the database's layout: a database made by an earlier
main (before 0010_billing.sql was split and the functions moved to
db/functions/) is brought to the new layout with its data unchanged and
the schema of a fresh database; the repeatable functions folder is
applied again when a file changes, all of it or nothing.

The earlier trees come from git (skipped when the source is not a git
checkout with those commits)."""
import os
import re
import shutil
import subprocess
import tempfile
from fmtest import BUILD, SRC, Stack, TAP

# The mains whose databases must upgrade: before and after the house
# plan's first step (which changed comments of 0005 and 0040).
EARLIER = ["af061e1", "a349710"]
# The house plan's database layout (0010 split, db/functions/): the
# earlier databases are brought to it with nothing lost, then to today's
# tree, whose later migrations change data on purpose.
LAYOUT = "e89c690"

t = TAP()
migrate = os.path.join(BUILD, "fm-migrate")


def run(*args, env=None):
    return subprocess.run(list(args), text=True, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def have_commit(c):
    return run("git", "-C", SRC, "cat-file", "-e", c + "^{commit}").returncode == 0


def export(commit, dest, paths=("db/migrations", "dev/demo-data")):
    """paths of commit into dest."""
    os.makedirs(dest)
    arch = subprocess.run(["git", "-C", SRC, "archive", commit] + list(paths),
                          stdout=subprocess.PIPE, check=True)
    subprocess.run(["tar", "-x", "-C", dest], input=arch.stdout, check=True)


def dump(s, db, *args):
    """pg_dump of db without the per-run \\restrict key lines."""
    r = run("pg_dump", "-d", db, *args, env=s.env())
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return "\n".join(l for l in r.stdout.split("\n")
                     if not re.match(r"\\(un)?restrict ", l))


def q(s, db, sql):
    """One query's rows in db, tab-separated."""
    r = run("psql", "-XAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql,
            env=s.env())
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return r.stdout.strip()


def psql_file(s, db, path):
    return run("psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", db, "-1", "-f", path,
               env=s.env())


def old_migrate(s, db, mig):
    """What fm-migrate did before: each file in its transaction, recorded
    with the SHA-256 PostgreSQL computed of its text."""
    s.psql("CREATE DATABASE %s" % db)
    cmd = ["psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", db]
    subprocess.run(cmd + ["-c", "CREATE TABLE schema_migrations (version int PRIMARY KEY,"
                        " name text NOT NULL, checksum text NOT NULL,"
                        " applied_at timestamptz NOT NULL DEFAULT now())"],
                   env=s.env(), check=True)
    for name in sorted(os.listdir(mig)):
        if not re.match(r"^[0-9]{4}_[a-z0-9_]+\.sql$", name):
            continue
        with open(os.path.join(mig, name), encoding="utf-8") as f:
            text = f.read()
        r = subprocess.run(cmd + ["-1", "-f", "-", "-v", "body=" + text,
                                "-v", "name=" + name],
                           input=text + "\nINSERT INTO schema_migrations VALUES "
                           "(left(:'name', 4)::int, :'name', encode(sha256("
                           "convert_to(:'body', 'UTF8')), 'hex'));\n",
                           text=True, env=s.env(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise RuntimeError("%s: %s" % (name, r.stderr))


missing = [c for c in EARLIER + [LAYOUT] if not have_commit(c)]
if missing:
    print("1..0 # SKIP not a git checkout with %s" % " ".join(missing))
    raise SystemExit(0)

with Stack(t) as s:
    work = tempfile.mkdtemp(prefix="fm-t08u-")
    today_schema = dump(s, "focusmanager", "-s")
    layout = os.path.join(work, LAYOUT)
    export(LAYOUT, layout, ("db",))
    layout_mig = os.path.join(layout, "db", "migrations")
    fresh = "fresh_layout"
    s.psql("CREATE DATABASE %s" % fresh)
    r = run(migrate, "-d", s.dev_stack("conninfo").stdout.strip().replace(
        "dbname=focusmanager", "dbname=" + fresh), "--dir", layout_mig)
    t.ok(r.returncode == 0, "a fresh database in the house plan's layout (%s)" % LAYOUT,
         r.stderr)
    fresh_schema = dump(s, fresh, "-s")
    fresh_records = q(s, fresh, "SELECT version, name, checksum FROM schema_migrations"
                      " ORDER BY 1")
    fresh_records = [l.split("\t") for l in fresh_records.split("\n")]
    try:
        for commit in EARLIER:
            tree = os.path.join(work, commit)
            export(commit, tree)
            db = "old_" + commit
            old_migrate(s, db, os.path.join(tree, "db", "migrations"))
            for f in sorted(os.listdir(os.path.join(tree, "dev", "demo-data"))):
                if f.endswith(".sql"):
                    r = psql_file(s, db, os.path.join(tree, "dev", "demo-data", f))
                    t.ok(r.returncode == 0, "%s: demo data %s loads" % (commit, f), r.stderr)
            counts = q(s, db, "SELECT (SELECT count(*) FROM documents WHERE status = 'issued'),"
                       " (SELECT count(*) FROM document_log),"
                       " (SELECT count(*) FROM payments),"
                       " (SELECT count(*) FROM reservations)")
            t.ok(all(int(n) > 0 for n in counts.split("\t")),
                 "%s: the database holds issued documents, their log, payments and "
                 "reservations (%s)" % (commit, counts))
            data_before = dump(s, db, "-a", "-T", "schema_migrations")
            conninfo = s.dev_stack("conninfo").stdout.strip().replace(
                "dbname=focusmanager", "dbname=" + db)

            r = run(migrate, "-d", conninfo, "--dir", layout_mig, "--status")
            t.eq(r.returncode, 0, "%s: --status accepts the earlier texts" % commit)
            t.contains(r.stdout, "split    0010_billing.sql: 0013_payments.sql counts as "
                       "applied", "%s: and says 0010_billing.sql's parts count as applied"
                       % commit)
            t.lacks(r.stdout, "pending  0", "%s: no migration is pending" % commit)
            t.contains(r.stdout, "pending  functions/documents.sql",
                       "%s: the functions are" % commit)
            t.eq(q(s, db, "SELECT name FROM schema_migrations WHERE version = 10"),
                 "0010_billing.sql", "%s: --status changed nothing" % commit)

            r = run(migrate, "-d", conninfo, "--dir", layout_mig)
            t.eq(r.returncode, 0, "%s: fm-migrate upgrades the database" % commit)
            t.ok(r.stderr == "", "%s: without a word on stderr" % commit, r.stderr)
            t.contains(r.stdout, "0 migrations applied", "%s: applying no migration again"
                       % commit)
            t.contains(r.stdout, "rewritten 0020_portal.sql", "%s: naming the rewritten files"
                       % commit)
            t.eq(dump(s, db, "-a", "-T", "schema_migrations", "-T", "schema_functions"),
                 data_before, "%s: every row is as it was" % commit)
            t.eq(dump(s, db, "-s"), fresh_schema,
                 "%s: the schema is the one a fresh database gets" % commit)
            records = q(s, db, "SELECT version, name, checksum FROM schema_migrations"
                        " ORDER BY 1")
            t.eq([l.split("\t") for l in records.split("\n")], fresh_records,
                 "%s: its migrations are recorded as a fresh database's" % commit)
            r = run(migrate, "-d", conninfo, "--dir", layout_mig)
            t.eq(r.stdout, "0 migrations applied, database up to date\n",
                 "%s: a second run has nothing to do" % commit)
            r = run(migrate, "-d", conninfo, "--dir", os.path.join(SRC, "db", "migrations"))
            t.ok(r.returncode == 0 and r.stderr == "",
                 "%s: then today's migrations apply" % commit, r.stderr)
            t.eq(dump(s, db, "-s"), today_schema,
                 "%s: and its schema is today's fresh database's" % commit)

        # The repeatable folder.
        mig = os.path.join(work, "migrations")
        fn = os.path.join(work, "functions")
        shutil.copytree(os.path.join(SRC, "db", "migrations"), mig)
        shutil.copytree(os.path.join(SRC, "db", "functions"), fn)
        conninfo = s.dev_stack("conninfo").stdout.strip()
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.stdout, "0 migrations applied, database up to date\n",
             "--functions defaults to DIR/../functions: nothing changed")
        # A file may call a function of a file after it (SQL bodies are
        # checked once every file ran).
        with open(os.path.join(fn, "aa_test.sql"), "w") as f:
            f.write("CREATE OR REPLACE FUNCTION t_first() RETURNS int\n"
                    "LANGUAGE sql STABLE AS $$ SELECT t_second() + 1 $$;\n")
        with open(os.path.join(fn, "zz_test.sql"), "w") as f:
            f.write("CREATE OR REPLACE FUNCTION t_second() RETURNS int\n"
                    "LANGUAGE sql STABLE AS $$ SELECT 1 $$;\n")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.ok(r.returncode == 0, "new function files are applied", r.stderr)
        t.eq(r.stdout, "applied  functions/aa_test.sql\napplied  functions/zz_test.sql\n"
             "0 migrations applied, database up to date\n", "only them, named")
        t.eq(s.scalar("SELECT t_first()"), "2", "in any order of their files")
        with open(os.path.join(fn, "zz_test.sql"), "w") as f:
            f.write("CREATE OR REPLACE FUNCTION t_second() RETURNS int\n"
                    "LANGUAGE sql STABLE AS $$ SELECT 41 $$;\n")
        r = run(migrate, "-d", conninfo, "--dir", mig, "--status")
        t.contains(r.stdout, "pending  functions/zz_test.sql", "--status: a changed file")
        t.contains(r.stdout, "applied  functions/aa_test.sql", "and an unchanged one")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.contains(r.stdout, "applied  functions/zz_test.sql", "an edited file is applied again")
        t.lacks(r.stdout, "aa_test.sql", "alone")
        t.eq(s.scalar("SELECT t_first()"), "42", "its new definition is the current one")
        # A broken file: nothing of the changed files is applied.
        with open(os.path.join(fn, "aa_test.sql"), "w") as f:
            f.write("CREATE OR REPLACE FUNCTION t_first() RETURNS int\n"
                    "LANGUAGE sql STABLE AS $$ SELECT 7 $$;\n")
        with open(os.path.join(fn, "zz_test.sql"), "w") as f:
            f.write("CREATE OR REPLACE FUNCTION t_second() RETURNS int\n"
                    "LANGUAGE sql STABLE AS $$ SELECT no_such_column FROM orders $$;\n")
        r = run(migrate, "-d", conninfo, "--dir", mig)
        t.eq(r.returncode, 1, "a function that does not compile: exit 1")
        t.contains(r.stderr, "functions/zz_test.sql failed, no function file was applied",
                   "naming the file")
        t.eq(s.scalar("SELECT t_first()"), "42", "the other changed file was not applied")
        t.eq(s.scalar("SELECT count(*) FROM schema_functions WHERE name = 'aa_test.sql'"
                      " AND checksum = encode(sha256(convert_to(:'v1', 'UTF8')), 'hex')",
                      open(os.path.join(fn, "aa_test.sql")).read()), "0",
             "nor recorded")
        os.remove(os.path.join(fn, "zz_test.sql"))
        os.remove(os.path.join(fn, "aa_test.sql"))
        # The list of earlier texts is checked.
        with open(os.path.join(mig, "rewritten.txt"), "a") as f:
            f.write("0020_portal.sql not-a-checksum\n")
        r = run(migrate, "-d", conninfo, "--dir", mig, "--status")
        t.eq(r.returncode, 1, "a bad line of rewritten.txt is refused")
        t.contains(r.stderr, "rewritten.txt:", "with its line number")
        r = run(migrate, "-d", conninfo, "--dir", mig, "--functions",
                os.path.join(work, "nowhere"))
        t.eq(r.returncode, 1, "a missing functions folder is an error")
    finally:
        shutil.rmtree(work)
t.done()
