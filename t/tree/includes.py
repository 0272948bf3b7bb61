"""The house plan, checked: what each folder may include (docs/architecture.md).

common/ includes only common/; box/ only box/ and common/; fcgi/ (with
fcgi/db/ and fcgi/render/) only fcgi/ and common/; tools/ tools/, fcgi/
and common/.  Nothing under common/ or box/ names a header of fcgi/ or
tools/, whatever path it spells.  The include paths of Makefile.am
already make most such files fail to compile; this test says which line
breaks the rule.
"""
import os
import re

from fmtest import SRC, TAP

ALLOWED = {"common": ["common"], "box": ["box", "common"],
           "fcgi": ["fcgi", "common"], "tools": ["tools", "fcgi", "common"]}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def server_headers():
    names = set()
    for top in ("fcgi", "tools"):
        for d, _, files in os.walk(os.path.join(SRC, top)):
            names.update(f for f in files if f.endswith(".h"))
    return names


t = TAP()
forbidden = server_headers()
def sources(folder):
    for d, _, names in os.walk(os.path.join(SRC, folder)):
        for name in sorted(names):
            if name.endswith((".c", ".h")):
                yield os.path.relpath(os.path.join(d, name), SRC)


def resolves(inc, path, allowed):
    """True when inc names a file of an allowed folder: beside path, or
    under an allowed root (fcgi/ spells "db/db.h"); the box and common/
    name their headers without a folder."""
    here = os.path.dirname(path)
    if folder in ("common", "box") and "/" in inc:
        return False
    for base in [here] + allowed:
        target = os.path.normpath(os.path.join(SRC, base, inc))
        rel = os.path.relpath(target, SRC)
        if os.path.exists(target) and any(rel.startswith(a + "/") for a in allowed):
            return True
    return False


for folder, allowed in ALLOWED.items():
    bad = []
    for path in sources(folder):
        text = open(os.path.join(SRC, path), encoding="utf-8").read()
        for inc in INCLUDE.findall(text):
            if not resolves(inc, path, allowed):
                bad.append("%s includes \"%s\"" % (path, inc))
    t.ok(not bad, "%s/ includes only %s" % (folder, " and ".join(a + "/" for a in allowed)),
         "\n".join(bad))
t.ok(not (set(os.listdir(os.path.join(SRC, "common"))) & forbidden),
     "no header of common/ has the name of a focusd or tools header")
t.done()
