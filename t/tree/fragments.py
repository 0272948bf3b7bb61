"""No fragment-cached template reads Session.* (fragcache.h): a worker keeps
a rendered part for every viewer of the same key, so what it shows must
not depend on who is looking.

The cached templates are found in the C code: those a function renders
(tmpl_render) when it also stores a part (frag_put).  With them go every
template they include and every macro they call (layout/macros.cs's
csrf() reads Session.csrf: calling it in a cached part is what this
catches); a macro only defined there is not read.
"""
import os
import re

from fmtest import SRC, TAP

FUNC = re.compile(r"^[a-z_][a-z0-9_]*\(.*?^\}", re.M | re.S)
RENDER = re.compile(r'tmpl_render\([^;]*?"([a-z0-9_/]+\.cs)"', re.S)
INCLUDE = re.compile(r'<\?cs\s+l?include:\s*"([^"]+)"\s*\?>')
DEF = re.compile(r"<\?cs\s+def:\s*([a-z_0-9]+)\s*\(.*?\?>(.*?)<\?cs\s+/def\s*\?>", re.S)
CALL = re.compile(r"<\?cs\s+call:\s*([a-z_0-9]+)\s*\(")
SESSION = re.compile(r"\bSession\.[A-Za-z_]+")


def cached_templates():
    """{template: C file} for each template rendered into a kept part."""
    found = {}
    fcgi = os.path.join(SRC, "fcgi")
    for name in sorted(os.listdir(fcgi)):
        if not name.endswith(".c") or name == "fragcache.c":
            continue
        text = open(os.path.join(fcgi, name), encoding="utf-8").read()
        for m in FUNC.finditer(text):
            if "frag_put(" in m.group(0):
                for tmpl in RENDER.findall(m.group(0)):
                    found[tmpl] = name
    return found


def read(tmpl):
    with open(os.path.join(SRC, "templates", tmpl), encoding="utf-8") as f:
        return f.read()


def session_reads(tmpl, read=read):
    """The Session.* a template reads, with its includes and called macros:
    [(where, what)]."""
    texts, macros, seen, todo = {}, {}, set(), [tmpl]
    while todo:
        t = todo.pop()
        if t in seen:
            continue
        seen.add(t)
        text = read(t)
        for name, body in DEF.findall(text):
            macros[name] = (t, body)
        texts[t] = DEF.sub("", text)
        todo += INCLUDE.findall(text)
    reads, called, queue = [], set(), []
    for t, text in texts.items():
        reads += [(t, s) for s in SESSION.findall(text)]
        queue += CALL.findall(text)
    while queue:
        name = queue.pop()
        if name in called or name not in macros:
            continue
        called.add(name)
        where, body = macros[name]
        reads += [("%s (%s())" % (where, name), s) for s in SESSION.findall(body)]
        queue += CALL.findall(body)
    return reads


t = TAP()
cached = cached_templates()
t.ok(len(cached) >= 4, "the kept parts are found: %s" % ", ".join(sorted(cached)))
for tmpl, where in sorted(cached.items()):
    reads = session_reads(tmpl)
    t.ok(not reads, "%s (kept by %s) reads no Session.*" % (tmpl, where),
         "\n".join("%s: %s" % r for r in reads))

# The detector itself: a part calling the CSRF macro, one only including
# the macros, one reading the session directly.
probes = {
    "probe/calls.cs": '<?cs include:"layout/macros.cs" ?><form><?cs call:csrf() ?></form>',
    "probe/defines.cs": '<?cs include:"layout/macros.cs" ?><p>ok</p>',
    "probe/reads.cs": '<?cs if:Session.kind == "user" ?>x<?cs /if ?>',
}


def probe_read(tmpl):
    return probes[tmpl] if tmpl in probes else read(tmpl)


t.ok(session_reads("probe/calls.cs", probe_read),
     "a part that calls csrf() is caught")
t.eq(session_reads("probe/defines.cs", probe_read), [],
     "a part that only includes the macros is not")
t.ok(session_reads("probe/reads.cs", probe_read), "a part that reads Session.kind is caught")
t.done()
