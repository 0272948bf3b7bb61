"""The house plan, checked: what each folder may include (docs/architecture.md).

common/ includes only common/; box/ only box/ and common/; nothing under
common/ or box/ names a header of fcgi/ or tools/, whatever path it
spells.  The include paths of Makefile.am already make such a file fail
to compile; this test says which line breaks the rule.
"""
import os
import re

from fmtest import SRC, TAP

ALLOWED = {"common": ["common"], "box": ["box", "common"]}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def server_headers():
    names = set()
    for top in ("fcgi", "tools"):
        for d, _, files in os.walk(os.path.join(SRC, top)):
            names.update(f for f in files if f.endswith(".h"))
    return names


t = TAP()
forbidden = server_headers()
for folder, allowed in ALLOWED.items():
    bad = []
    for name in sorted(os.listdir(os.path.join(SRC, folder))):
        if not name.endswith((".c", ".h")):
            continue
        text = open(os.path.join(SRC, folder, name), encoding="utf-8").read()
        for inc in INCLUDE.findall(text):
            found = [a for a in allowed
                     if "/" not in inc and os.path.exists(os.path.join(SRC, a, inc))]
            if not found:
                bad.append("%s/%s includes \"%s\"" % (folder, name, inc))
    t.ok(not bad, "%s/ includes only %s" % (folder, " and ".join(a + "/" for a in allowed)),
         "\n".join(bad))
t.ok(not (set(os.listdir(os.path.join(SRC, "common"))) & forbidden),
     "no header of common/ has the name of a focusd or tools header")
t.done()
