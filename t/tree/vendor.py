#!/usr/bin/env python3
"""The hls.js kept in vendor/hls.js (so that a Debian build needs no
network) is the release package.json names: the version in SOURCE.md is
package.json's and package-lock.json's, the SHA-256 in SOURCE.md is the
file's, and, when npm installed the package (node_modules/hls.js), its
version and its dist/hls.min.js are the same."""
import hashlib
import json
import os
import re
import sys

SRC = os.environ.get("FM_SRCDIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "t", "lib"))
from fmtest import TAP  # noqa: E402

t = TAP()
vendor = os.path.join(SRC, "vendor", "hls.js")
with open(os.path.join(vendor, "SOURCE.md")) as f:
    source = f.read()
with open(os.path.join(vendor, "hls.min.js"), "rb") as f:
    data = f.read()
with open(os.path.join(SRC, "package.json")) as f:
    want = json.load(f)["dependencies"]["hls.js"]
m = re.search(r"hls\.js \*\*([0-9.]+)\*\*", source)
t.eq(m.group(1) if m else None, want, "SOURCE.md names the version package.json asks for")
with open(os.path.join(SRC, "package-lock.json")) as f:
    lock = json.load(f)
t.eq(lock.get("packages", {}).get("node_modules/hls.js", {}).get("version"), want,
     "and package-lock.json pins it")
t.contains(source, hashlib.sha256(data).hexdigest(), "SOURCE.md gives the file's SHA-256")
t.ok(os.path.getsize(os.path.join(vendor, "LICENSE")) > 1000, "the licence is beside it")
npm = os.path.join(SRC, "node_modules", "hls.js")
if os.path.exists(os.path.join(npm, "package.json")):
    with open(os.path.join(npm, "package.json")) as f:
        t.eq(json.load(f)["version"], want, "the npm package installed is that version")
    with open(os.path.join(npm, "dist", "hls.min.js"), "rb") as f:
        t.ok(f.read() == data, "and its dist/hls.min.js is the file kept here")
else:
    t.ok(True, "# SKIP node_modules/hls.js not installed (npm install)")
    t.ok(True, "# SKIP")
t.done()
