#!/usr/bin/env python3
"""Runs one pgTAP file against a fresh migrated database and passes its
TAP through (automake's TAP driver reads it).  Usage: run_pgtap.py FILE"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from fmtest import Stack, TAP  # noqa: E402

path = sys.argv[1]
t = TAP()
s = Stack(t, name=os.path.splitext(os.path.basename(path))[0])
s.start()
try:
    s.psql("CREATE EXTENSION IF NOT EXISTS pgtap")
    r = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-f", path],
                       env=s.env(), text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        print("Bail out! psql failed: " + r.stderr.strip().replace("\n", " "))
        sys.exit(1)
finally:
    s.dev_stack("stop", check=False)
    subprocess.run(["rm", "-rf", s.state], check=False)
