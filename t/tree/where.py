"""dev/where finds, from a URL, its route row, handler, database functions,
SQL functions and templates (docs/architecture.md): for every row of the
route table the handler is found in its resource's file, and for a few
URLs the whole chain is the one a reader would find by hand."""
import importlib.machinery
import importlib.util
import os
import re

from fmtest import SRC, TAP

loader = importlib.machinery.SourceFileLoader("where", os.path.join(SRC, "dev", "where"))
spec = importlib.util.spec_from_loader("where", loader)
where = importlib.util.module_from_spec(spec)
loader.exec_module(where)

t = TAP()
rows = list(where.routes())
t.ok(len(rows) > 100, "dev/where reads the route table (%d rows)" % len(rows))
lost = []
for method, pattern, handler, access, flags, line in rows:
    url = re.sub(r"\{id\}", "7", pattern)
    w = where.where(method, url)
    if w["route"] is None or w["route"][1] != pattern:
        lost.append("%s %s: the URL %s finds %s" % (method, pattern, url,
                                                     w["route"] and w["route"][1]))
    elif not w["code"] or w["code"][0][3] != handler:
        lost.append("%s %s: handler %s not found" % (method, pattern, handler))
    elif not w["code"][0][1].startswith("fcgi/"):
        lost.append("%s %s: %s is outside fcgi/" % (method, pattern, w["code"][0][1]))
    for tm in w.get("templates", []):
        if not os.path.exists(os.path.join(SRC, "templates", tm)):
            lost.append("%s %s: template %s does not exist" % (method, pattern, tm))
t.ok(not lost, "every row's URL leads to its row, its handler and existing templates",
     "\n".join(lost))


def chain(method, url):
    w = where.where(method, url)
    code = ["%s %s" % (c[1], c[3]) for c in w["code"]]
    db = ["%s %s" % (d[0], d[2]) for d in w["db"]]
    sql = ["%s %s" % (s[0], s[2]) for d in w["db"] for s in d[3]]
    return code, db, sql, w["templates"]


code, db, sql, tmpl = chain("POST", "/orders/12/disbursements")
t.ok("fcgi/disbursements.c disbursements_create" in code
     and "fcgi/order_child.c order_child_write" in code,
     "a disbursement: its handler and the order-child write", "\n".join(code))
t.ok("fcgi/db/db_order_items.c db_disbursement_insert" in db, "its insert", "\n".join(db))
t.ok("orders/show.cs" in tmpl, "the order page it shows again", " ".join(tmpl))
code, db, sql, tmpl = chain("POST", "/documents/4/issue")
t.ok("db/functions/document_issue.sql issue_document" in sql,
     "issuing: issue_document() in db/functions/", "\n".join(sql))
code, db, sql, tmpl = chain("GET", "/portal")
t.ok("portal/body.cs" in tmpl and "fcgi/db/db_portal.c db_portal_lives" in db,
     "the portal: its kept part and its queries", "%s\n%s" % (tmpl, db))
t.eq(where.where("GET", "/box/api/heartbeat")["others"], ["POST"],
     "a URL of another method says which methods it answers")
t.done()
