"""Every C file is formatted as .clang-format says (clang-format 14, Debian 12).

Fails with the names of the files that are not; `dev/format` formats them.
"""
import os
import shutil
import subprocess

from fmtest import SRC, TAP

FOLDERS = ("common", "fcgi", "box", "tools", "t/unit", "t/fuzz", "bench")

t = TAP()
exe = shutil.which("clang-format")
if exe is None:
    t.ok(False, "clang-format is installed (dev/lib.sh installs it)")
    t.done()
files = []
for folder in FOLDERS:
    for d, _, names in os.walk(os.path.join(SRC, folder)):
        files += [os.path.join(d, n) for n in sorted(names) if n.endswith((".c", ".h"))]
bad = []
for f in files:
    r = subprocess.run([exe, "--dry-run", "--Werror", f], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(os.path.relpath(f, SRC))
t.ok(len(files) > 100, "%d C files found" % len(files))
t.ok(not bad, "every C file is formatted (dev/format formats them)",
     "\n".join(bad))
t.done()
