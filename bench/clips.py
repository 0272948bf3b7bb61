#!/usr/bin/env python3
"""bench/clips.py - the cost of a clip: a 30 s clip cut from a one-hour
3 Mbit/s recording (the box's HD preset: H.264 1280x720 25 fps, x264
"veryfast", a keyframe a second, AAC stereo 128k) without re-encoding, as
`fm-media clips` cuts it (-ss before -i, -map 0 -c copy), against
re-encoding the same 30 s with the box's settings; wall clock and CPU
(user + system of the child) side by side, each the median of RUNS runs.

  bench/clips.py [RUNS]        (default 3; the recording is made once in
                                 $TMPDIR/fm-bench-clips/: 60 s encoded,
                                 then joined 60 times without re-encoding)
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
DIR = os.path.join(tempfile.gettempdir(), "fm-bench-clips")
os.makedirs(DIR, exist_ok=True)
MINUTE = os.path.join(DIR, "minute.mp4")
HOUR = os.path.join(DIR, "hour.mp4")
BOX = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-b:v", "3000k",
       "-maxrate", "3000k", "-bufsize", "3000k", "-g", "25", "-keyint_min", "25",
       "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def duration(path):
    return float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                 "-of", "csv=p=0", path], stdout=subprocess.PIPE, text=True,
                                check=True).stdout)


if not os.path.exists(HOUR):
    print("# making the recording: 60 s encoded, joined 60 times", flush=True)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                    "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000", "-t", "60",
                    "-map", "0:v", "-map", "1:a"] + BOX + ["-y", MINUTE], check=True)
    lst = os.path.join(DIR, "list.txt")
    with open(lst, "w") as f:
        f.write("file 'minute.mp4'\n" * 60)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "concat", "-safe", "0", "-i", lst, "-c", "copy",
                    "-movflags", "+faststart", "-y", HOUR], check=True)
size = os.path.getsize(HOUR)
print("# recording: %.0f s, %.0f MB, %.2f Mbit/s" % (duration(HOUR), size / 1e6,
                                                    size * 8 / duration(HOUR) / 1e6))
copy, enc = [], []
for i in range(RUNS):
    out = os.path.join(DIR, "clip-copy.mp4")
    copy.append(timed(["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-ss", "1800.000", "-i", HOUR,
                       "-t", "30.000", "-map", "0", "-c", "copy", "-avoid_negative_ts", "make_zero",
                       "-movflags", "+faststart", "-f", "mp4", "-y", out]))
    dc = duration(out)
    out2 = os.path.join(DIR, "clip-encode.mp4")
    enc.append(timed(["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-ss", "1800.000", "-i", HOUR,
                      "-t", "30.000", "-map", "0"] + BOX + ["-movflags", "+faststart", "-y", out2]))
    de = duration(out2)
    print("run %d: stream copy %.3f s wall, %.3f s CPU (%.2f s clip) | re-encode %.2f s wall, %.2f s CPU"
          " (%.2f s clip)" % (i + 1, copy[-1][0], copy[-1][1], dc, enc[-1][0], enc[-1][1], de), flush=True)
cw, cc = statistics.median(x[0] for x in copy), statistics.median(x[1] for x in copy)
ew, ec = statistics.median(x[0] for x in enc), statistics.median(x[1] for x in enc)
print("median: stream copy %.3f s wall, %.3f s CPU; re-encode %.2f s wall, %.2f s CPU;"
      " CPU ratio %.0fx, wall ratio %.0fx" % (cw, cc, ew, ec, ec / max(cc, 1e-3), ew / max(cw, 1e-3)))
print("targets: copy under 0.5 s wall: %s; at least 50x less CPU: %s"
      % ("yes" if cw < 0.5 else "NO", "yes" if ec / max(cc, 1e-3) >= 50 else "NO"))
