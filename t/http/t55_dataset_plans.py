#!/usr/bin/env python3
"""Every page's cost independent of the data's size: dev/dataset at two
scales (0.02 and 0.1 of five years), each page asked once with
auto_explain logging the plan of every statement focusd runs (nested
ones too: the SQL functions' queries); no sequential scan on a table of
more than 10,000 rows, and each statement that reads such a table reads
it the same way at both sizes (the same scans of the big tables, in the
same order; how smaller tables are read and joined is not compared)."""
import os
import re
import subprocess
from fmtest import Stack, TAP, SRC

SCALES = [("small", "0.02"), ("medium", "0.1")]
PAGES = [
    "/companies", "/companies?q=lumiere", "/contacts", "/contacts?q=dupont",
    "/orders", "/orders?q=dupont", "/orders?q=ETU", "/orders?vip=1",
    "/orders?from=2024-01-01&to=2024-03-31", "/documents", "/documents?status=unpaid",
    "/documents?q=F2024", "/videos?date={day}", "/videos?q=etu", "/exports", "/boxes",
    "/config/sites", "/config/rooms", "/planning?view=day&date={day}", "/planning?date={day}",
    "/orders/{order}", "/documents/{doc}", "/orders/{order}/videos",
    "/portal/live/{live}", "/portal/live/{live}/poll",
]
ENTRY = re.compile(r"^\S+ \S+ \S+ \[\d+\] (?:\S+ )?LOG:  duration: [0-9.]+ ms  plan:$", re.M)


SCANS = ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan")


def shape(plan, big, index_table):
    """The plan's nodes with the relations they read, no costs or values.
    How a table of fewer than 10,000 rows (not in big) is read, in a
    sequence or through an index, is not part of the shape: its scan is
    "Scan <table>" (the bitmap's index node dropped)."""
    out = []
    for line in plan.split("\n"):
        m = re.match(r"^(\s*)(?:->\s+)?([A-Z][A-Za-z ]+?)(?: Backward)?(?: using (\S+))?(?: on (\w+))?(?: \w+)?\s+\(cost", line)
        if not m:
            continue
        node, index, rel = m.group(2), m.group(3), m.group(4)
        if node == "Bitmap Index Scan":
            rel = index_table.get(rel, rel)
            if rel not in big:
                continue
        elif node in SCANS and rel not in big:
            node = "Scan"
        out.append("%s %s" % (node, rel or ""))
    return "\n".join(out)


def plans_of(log_text):
    """{query text: [plan, ...]} from auto_explain's entries."""
    found = {}
    starts = [m.end() for m in ENTRY.finditer(log_text)] + [len(log_text)]
    for a, b in zip(starts, starts[1:]):
        body = log_text[a:b]
        body = re.split(r"^\S+ \S+ \S+ \[\d+\] ", body, flags=re.M)[0]
        m = re.search(r"Query Text: (.*?)\n(\s*\S.*\(cost.*)", body, re.S)
        if not m:
            continue
        query = " ".join(m.group(1).split())
        found.setdefault(query, []).append(m.group(2))
    return found


t = TAP()
shapes, tables = {}, {}
for name, scale in SCALES:
    with Stack(t, name="t55-" + name) as s:
        r = subprocess.run([os.path.join(SRC, "dev", "dataset"), "--scale", scale],
                           env=s.env(), text=True, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        t.ok(r.returncode == 0, "%s: dev/dataset --scale %s" % (name, scale), r.stdout)
        t.diag(r.stdout.strip())
        s.psql("ALTER DATABASE focusmanager SET session_preload_libraries = 'auto_explain';"
               "ALTER DATABASE focusmanager SET auto_explain.log_min_duration = 0;"
               "ALTER DATABASE focusmanager SET auto_explain.log_nested_statements = on;")
        big = set(x[0] for x in s.psql(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > 10000"))
        t.ok(len(big) >= 3, "%s: tables over 10,000 rows: %s" % (name, ", ".join(sorted(big))))
        order, doc, live, day = s.psql(
            "SELECT (SELECT order_id FROM reservations WHERE starts_at < now() ORDER BY starts_at DESC LIMIT 1),"
            " (SELECT id FROM documents WHERE kind = 'invoice' AND status = 'issued' ORDER BY id DESC LIMIT 1),"
            " (SELECT r.id FROM reservations r WHERE r.live ORDER BY r.starts_at DESC LIMIT 1),"
            " (SELECT to_char(max(starts_at), 'YYYY-MM-DD') FROM reservations WHERE starts_at < now())")[0]
        # New connections: the workers start again (auto_explain loads).
        s.dev_stack("app-stop")
        s.dev_stack("app-start")
        log = os.path.join(os.environ["PGHOST"], "postgresql.log")
        with open(log, errors="replace") as f:
            f.seek(0, 2)
            before = f.tell()
        c = s.client()
        c.login_admin()
        for p in PAGES:
            path = p.format(order=order, doc=doc, live=live, day=day)
            r = c.get(path)
            t.eq(r.status, 200, "%s: %s answers" % (name, p))
        c.get("/orders")  # a second time: the same plans (prepared)
        with open(log, errors="replace") as f:
            f.seek(before)
            text = f.read()
        found = plans_of(text)
        t.ok(len(found) > 20, "%s: auto_explain logged %d statements" % (name, len(found)))
        bad = []
        for q, ps in found.items():
            for plan in ps:
                for rel in re.findall(r"Seq Scan on (\w+)", plan):
                    if rel in big:
                        bad.append("%s on %s\n  in %s\n%s" % ("Seq Scan", rel, q[:300], plan))
        t.ok(not bad, "%s: no sequential scan on a table over 10,000 rows" % name,
             "\n".join(bad[:5]))
        index_table = dict((x[0], x[1]) for x in s.psql(
            "SELECT i.relname, t.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"))
        shapes[name] = {q: [p for p in ps] for q, ps in found.items()}
        tables[name] = (big, index_table)

# The shapes, with the tables of over 10,000 rows of the larger dataset.
big, index_table = tables.get("medium", (set(), {}))
small = {q: shape(ps[0], big, index_table) for q, ps in shapes.get("small", {}).items()}
medium = {q: shape(ps[0], big, index_table) for q, ps in shapes.get("medium", {}).items()}
common = sorted(set(small) & set(medium))
t.ok(len(common) > 20, "the same %d statements ran at both sizes" % len(common))
# How the small tables are joined may change with their size; what must
# not is how each table of over 10,000 rows is read (the same scans, in
# the same order, at both sizes: no index scan that becomes a sequential
# or bitmap one as the data grows).
def big_scans(text):
    return [line for line in text.split("\n")
            if " " in line and line.strip().rsplit(" ", 1)[-1] in big]
reads_big = lambda text: bool(big_scans(text))
changed = [q for q in common if reads_big(medium[q]) and big_scans(small[q]) != big_scans(medium[q])]
t.diag("%d statements read a table of over 10,000 rows" % sum(1 for q in common if reads_big(medium[q])))
t.ok(not changed, "every statement's plan has the same shape at both sizes",
     "\n\n".join("%s\n-- small:\n%s\n-- medium:\n%s" % (q[:400], small[q], medium[q])
                 for q in changed[:5]))
t.done()
