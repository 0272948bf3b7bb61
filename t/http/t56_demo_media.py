#!/usr/bin/env python3
"""The demo's recordings are what they claim: dev/demo-data loaded on a
stack and its videos script run (as dev/demo does), each recording of
the DEMO-VIDEO studies lasts, by its times, what its MP4 and MP3 files
last (ffprobe), never the booked 1 h 48 of the session; a second run
adds nothing."""
import glob
import os
import subprocess
from fmtest import Stack, TAP, SRC, BUILD

t = TAP()
with Stack(t) as s:
    env = dict(s.env(), FM_SRCDIR=SRC, FM_BUILDDIR=BUILD)
    for f in sorted(glob.glob(os.path.join(SRC, "dev", "demo-data", "*.sql"))):
        r = subprocess.run(["psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-1", "-f", f],
                           env=env, text=True, capture_output=True)
        t.ok(r.returncode == 0, "demo data %s loads" % os.path.basename(f), r.stderr)
    script = os.path.join(SRC, "dev", "demo-data", "0003_videos.logins.sh")
    r = subprocess.run(["bash", script], env=env, text=True, capture_output=True)
    t.ok(r.returncode == 0, "the videos script runs", r.stderr)
    rows = s.psql("""SELECT rec.id, extract(epoch FROM rec.ends_at - rec.starts_at)::int,
        m.kind, m.path FROM recordings rec JOIN reservations r ON r.id = rec.reservation_id
        JOIN orders o ON o.id = r.order_id JOIN media_files m ON m.recording_id = rec.id
        WHERE o.study_ref LIKE 'DEMO-VIDEO-%' ORDER BY rec.id, m.kind""")
    recs = {row[0] for row in rows}
    t.ok(len(recs) >= 6, "%d demo recordings" % len(recs))
    bad = []
    for rec, span, kind, path in rows:
        full = os.path.join(s.state, "data", "media", path)
        p = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "csv=p=0", full], text=True, capture_output=True)
        try:
            dur = float(p.stdout.strip())
        except ValueError:
            bad.append("%s %s: no duration (%s)" % (rec, kind, p.stderr.strip()))
            continue
        if abs(dur - int(span)) > 2:
            bad.append("recording %s: listed %s s, its %s lasts %.1f s" % (rec, span, kind, dur))
    t.ok(rows and not bad, "each recording's times are its files' length", "\n".join(bad))
    n = s.scalar("SELECT count(*) FROM recordings")
    r = subprocess.run(["bash", script], env=env, text=True, capture_output=True)
    t.ok(r.returncode == 0, "run again", r.stderr)
    t.eq(s.scalar("SELECT count(*) FROM recordings"), n, "nothing is made twice")
t.done()
