"""Every refusal's status comes from an error type of errors.c's table:
no handler writes a 4xx or 5xx status itself (r->status = 422, http_send
with 409...).  They refuse with http_refuse(r, FM_ERR_FORM), not_found(r),
http_json_refuse(r, TYPE, doc) or by returning an error; errors.c, http.c
and dispatch.c are where types become statuses.
"""
import os
import re

from fmtest import SRC, TAP

WHERE_STATUSES_ARE_MADE = {"errors.c", "http.c", "dispatch.c"}
LITERAL = re.compile(
    r"(r->status\s*=[^;]*\b[45]\d\d\b"
    r"|\bhttp_send(?:_fd)?\(\s*r\s*,\s*[^,]*\b[45]\d\d\b"
    r"|\b\w+\(\s*r\s*,\s*[45]\d\d\s*[,)])")


def literal_statuses(text):
    """The lines of a C text that write a 4xx/5xx status: [(line, text)]."""
    found = []
    for n, line in enumerate(text.split("\n"), 1):
        code = line.split("//")[0]
        if code.lstrip().startswith(("*", "/*")):
            continue
        if LITERAL.search(code):
            found.append((n, line.strip()))
    return found


t = TAP()
bad = []
files = 0
for d, _, names in os.walk(os.path.join(SRC, "fcgi")):
    for name in sorted(names):
        if not name.endswith(".c") or name in WHERE_STATUSES_ARE_MADE:
            continue
        files += 1
        path = os.path.join(d, name)
        text = open(path, encoding="utf-8").read()
        bad += ["%s:%d: %s" % (os.path.relpath(path, SRC), n, l)
                for n, l in literal_statuses(text)]
t.ok(files > 40, "%d handler and pipeline files read" % files)
t.ok(not bad, "no handler writes a 4xx or 5xx status: they name an error type",
     "\n".join(bad))
t.eq(len(literal_statuses("\tr->status = 422;\n\treturn http_send(r, 409, NULL, \"\", 0);\n"
                          "\treturn refuse(r, 403, \"muted\");\n"
                          "\treturn http_send(r, 200, NULL, \"\", 0);\n")), 3,
     "the check finds each way of writing one (and leaves 200 alone)")
t.done()
