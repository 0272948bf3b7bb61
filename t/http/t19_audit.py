#!/usr/bin/env python3
"""The document log and fm-audit: issuing, paying, sending and
downloading through focusd write chained entries; `fm-audit check`
proves the chain intact and prints an anchor, `--anchor` checks it
later, `fm-audit log` lists entries; an entry, a line or a payment
altered behind the triggers (by someone able to disable them) makes the
check fail, naming the entry."""
import os
import re
import subprocess
from fmtest import BUILD, Stack, TAP
from fmbilling import setup, billed_order, generate

t = TAP()
with Stack(t) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    oid = billed_order(s, c, ids)
    inv = generate(c, oid, "invoice")

    def audit(*args):
        return subprocess.run([os.path.join(BUILD, "fm-audit"), "-c", s.conf()] + list(args),
                               text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())

    a = audit("check")
    t.eq(a.returncode, 0, "an empty log checks out")
    t.contains(a.stdout, "ok: 0 entries", "0 entries")
    c.post("/documents/%s/issue" % inv)
    c.post("/documents/%s/payments" % inv, {"paid_on": "2030-04-01", "amount": "100", "method": "transfer"})
    c.post("/documents/%s/sent" % inv, {"channel": "post"})
    c.get("/documents/%s.pdf" % inv)
    number = s.scalar("SELECT number FROM documents WHERE id = %s" % inv)
    t.eq(s.psql("SELECT event, who FROM document_log ORDER BY seq"),
         [["issue", "admin"], ["archive", "admin"], ["payment", "admin"], ["send", "admin"],
          ["download", "admin"]],
         "issue, its archived Factur-X, payment, sending and download logged, by admin")
    a = audit("check")
    t.eq(a.returncode, 0, "fm-audit check: intact")
    t.contains(a.stdout, "ok: 5 entries, chain and documents intact", "it says so")
    m = re.search(r"last entry: (\d+) ([0-9a-f]{64})", a.stdout)
    t.ok(m is not None, "it prints the last entry's number and hash", a.stdout)
    anchor = "%s:%s" % (m.group(1), m.group(2))
    t.eq(m.group(2), s.scalar("SELECT encode(hash, 'hex') FROM document_log WHERE seq = 5"), "the real hash")
    t.eq(audit("check", "--anchor", anchor).returncode, 0, "the anchor matches")
    a = audit("log", "--document", number)
    t.eq(a.returncode, 0, "fm-audit log")
    t.eq([l.split("\t")[2].strip() for l in a.stdout.splitlines()], ["issue", "archive", "payment", "send",
                                                                    "download"],
         "lists the document's entries")
    t.eq(audit("frobnicate").returncode, 2, "a usage error: 2")

    # Behind the triggers.
    s.psql("ALTER TABLE document_log DISABLE TRIGGER document_log_append_only; "
           "UPDATE document_log SET who = 'someone' WHERE seq = 2; "
           "ALTER TABLE document_log ENABLE TRIGGER document_log_append_only")
    a = audit("check")
    t.eq(a.returncode, 1, "an altered entry: exit 1")
    t.contains(a.stdout, "ALTERED: entry 2 was altered", "names the entry")
    # Rewriting the whole chain from there on passes the chain check...
    s.psql("""
ALTER TABLE document_log DISABLE TRIGGER document_log_append_only;
DO $$ DECLARE e record; prev bytea; h bytea; BEGIN
	FOR e IN SELECT * FROM document_log ORDER BY seq LOOP
		IF prev IS NOT NULL THEN UPDATE document_log SET prev_hash = prev WHERE seq = e.seq; e.prev_hash := prev; END IF;
		h := document_log_hash(e.seq, e.at, e.event, e.document_id, e.number, e.who, e.detail, e.prev_hash);
		UPDATE document_log SET hash = h WHERE seq = e.seq;
		prev := h;
	END LOOP;
	UPDATE document_log_head SET hash = prev;
END $$;
ALTER TABLE document_log ENABLE TRIGGER document_log_append_only;""")
    t.eq(audit("check").returncode, 0, "a chain rebuilt from scratch passes the chain check...")
    a = audit("check", "--anchor", anchor)
    t.eq(a.returncode, 1, "... but not the anchor written down before")
    t.contains(a.stdout, "ALTERED: entry 5 does not have the anchored hash", "which says so")

    # The archived Factur-X changed behind the triggers.
    s.psql("CREATE TABLE kept_files AS SELECT * FROM document_files; "
           "ALTER TABLE document_files DISABLE TRIGGER document_files_append_only; "
           "UPDATE document_files SET bytes = bytes || '\\x0a'::bytea WHERE format = 'pdf'")
    a = audit("check")
    t.eq(a.returncode, 1, "an archived PDF changed after issue: exit 1")
    t.contains(a.stdout, "the archived pdf of document %s differs from the log" % number, "names it")
    s.psql("UPDATE document_files f SET bytes = k.bytes FROM kept_files k WHERE k.document_id = f.document_id "
           "AND k.format = f.format; ALTER TABLE document_files ENABLE TRIGGER document_files_append_only")
    t.eq(audit("check").returncode, 0, "put back: intact")

    # An issued document changed behind the triggers.
    s.psql("ALTER TABLE document_lines DISABLE TRIGGER document_lines_frozen; "
           "UPDATE document_lines SET quantity = quantity + 1 WHERE document_id = %s AND position = 1; "
           "ALTER TABLE document_lines ENABLE TRIGGER document_lines_frozen" % inv)
    a = audit("check")
    t.eq(a.returncode, 1, "a line changed after issue: exit 1")
    t.contains(a.stdout, "ALTERED: document %s differs from what was issued" % number, "names the document")
t.done()
