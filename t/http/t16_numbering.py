#!/usr/bin/env python3
"""Numbering under concurrency: 30 draft invoices issued at the same time
through focusd (6 workers, 30 client threads) get 30 consecutive numbers,
no gap, no duplicate, even with refused issues among them; then 30 credit
notes issued by 30 parallel psql sessions calling issue_document()."""
import subprocess
import threading
from fmtest import Stack, TAP
from fmbilling import setup, billed_order

t = TAP()
with Stack(t, workers=6) as s:
    ids = setup(s)
    c = s.client()
    c.login_admin()
    year = int(s.scalar("SELECT extract(year FROM current_date)::int"))
    oid = billed_order(s, c, ids)
    s.psql("SELECT set_config('fm.who', 'test', false); "
           "SELECT document_from_order(%s, 'invoice', true) FROM generate_series(1, 30)" % oid)
    docs = [r[0] for r in s.psql("SELECT id FROM documents ORDER BY id")]
    t.eq(len(docs), 30, "30 draft invoices")
    # Three more that must be refused (the client has no address).
    nowhere = billed_order(s, c, ids, company="Zeta Conseil", day="2030-03-12")
    s.psql("SELECT document_from_order(%s, 'invoice', true) FROM generate_series(1, 3)" % nowhere)
    refused = [r[0] for r in s.psql("SELECT id FROM documents WHERE order_id = %s ORDER BY id" % nowhere)]

    results = {}
    start = threading.Barrier(len(docs) + len(refused))

    def issue(doc):
        cl = s.client()
        cl.cookies = dict(c.cookies)
        cl.token = c.token
        start.wait()
        results[doc] = cl.post("/documents/%s/issue" % doc).status

    threads = [threading.Thread(target=issue, args=(d,)) for d in docs + refused]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t.eq(sorted(results[d] for d in docs), [303] * 30, "30 issues at once: all succeed")
    t.eq([results[d] for d in refused], [422] * 3, "the refused ones are refused")
    numbers = [r[0] for r in s.psql("SELECT number FROM documents WHERE kind = 'invoice' "
                                    "AND status = 'issued' ORDER BY seq")]
    t.eq(numbers, ["F%d-%05d" % (year, n) for n in range(1, 31)],
         "30 consecutive numbers, no gap, no duplicate")
    t.eq(s.scalar("SELECT last FROM document_counters WHERE kind = 'invoice' AND year = %d" % year), "30",
         "the counter says 30")
    t.eq(s.scalar("SELECT count(*) FROM documents WHERE id IN (%s) AND status = 'draft'"
                  % ",".join(refused)), "3", "the refused invoices are still drafts")
    t.eq(s.scalar("SELECT count(DISTINCT number) FROM document_log WHERE event = 'issue'"), "30",
         "30 issue entries in the log")
    t.eq(s.scalar("SELECT ok FROM document_log_verify()"), "t", "the log's chain holds")

    # The same straight from PostgreSQL: 30 sessions at once.
    s.psql("SELECT credit_note_from_invoice(id, NULL, 1, 20, 'Geste') FROM documents "
           "WHERE kind = 'invoice' AND status = 'issued'")
    cns = [r[0] for r in s.psql("SELECT id FROM documents WHERE kind = 'credit_note' ORDER BY id")]
    procs = [subprocess.Popen(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c",
                               "SELECT issue_document(%s)" % d], env=s.env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in cns]
    outs = [p.communicate() for p in procs]
    t.ok([p.returncode for p in procs] == [0] * 30, "30 psql sessions issue credit notes at once",
         "\n".join(e for _, e in outs))
    t.eq(sorted(o.strip() for o, _ in outs), ["AV%d-%05d" % (year, n) for n in range(1, 31)],
         "30 consecutive credit note numbers")
    t.eq(s.scalar("SELECT ok FROM document_log_verify()"), "t", "the chain still holds")
t.done()
