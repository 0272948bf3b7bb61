#!/usr/bin/env python3
"""bench/box.py - what a recording box costs.

  bench/box.py [SECONDS]        (default 30: length of each recording)

1. CPU of one recording with the HD preset (1280x720 at 25 fps, 3 Mbit/s,
   x264 veryfast), measured on fm-box and its ffmpeg children over the
   steady part of a real fm-box recording, without and then with the live
   output (one encode feeding the MP4 and, through the loopback relay, an
   RTMP server).  The lavfi test source is measured alone and subtracted:
   a capture card costs next to nothing.
2. The MP3 work (stereo 128k + room and translation mono 64k) of
   `fm-box --encode` on a 10-minute recording, as a multiple of real time,
   beside a plain ffmpeg command doing the same work in the same run; the
   best of 3 alternated runs each.  Target: fm-box >= 0.9 of plain ffmpeg.

Runs from a build in build/ (FM_BUILDDIR to change).  Prints figures.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
BUILD = os.environ.get("FM_BUILDDIR") or os.path.join(SRC, "build")
FMBOX = os.path.join(BUILD, "fm-box")
TICK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count()
SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ONLY_MP3 = os.environ.get("FM_BENCH_ONLY") == "mp3"
MP3_SOURCE_SECONDS = 600


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(t)))


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total


def tree(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], text=True,
                         stdout=subprocess.PIPE).stdout.split()
    return [pid] + [int(p) for p in out]


def steady_cpu(pids_fn, t_from, t_to):
    """CPU use (in cores) of the processes pids_fn() between two times.
    Sampled each half second, so that a child that changes is seen."""
    while time.time() < t_from:
        time.sleep(0.05)
    pids = pids_fn()
    c0, w0 = cpu_ticks(pids), time.time()
    while time.time() < t_to:
        time.sleep(0.5)
    pids2 = pids_fn()
    c1, w1 = cpu_ticks(pids2), time.time()
    return (c1 - c0) / TICK / (w1 - w0), len(pids2) - 1


def box_config(d, rtmp_port, relay_port):
    conf = os.path.join(d, "fm-box.conf")
    with open(conf, "w") as f:
        f.write("""Central.URL = http://127.0.0.1:9
Box.Token = bench-token-0123456789abcdef
Paths.State = %s/state
Paths.Media = %s/media
Input.Kind = lavfi
Input.Size = 1280x720
Input.Rate = 25
Recording.Preset = HD
Recording.PreRoll = 0
Live.URL = rtmp://127.0.0.1:%d/live
Live.RelayPort = %d
Encode.OnlyWhenIdle = 1
""" % (d, d, rtmp_port, relay_port))
    return conf


def record(d, rid, live, rtmp_port):
    """One fm-box recording of SECONDS; returns (cores, children)."""
    os.makedirs(os.path.join(d, "state"), exist_ok=True)
    t0 = time.time() + 3
    doc = {"box": 1, "reservations": [{
        "id": rid, "starts_at": rfc3339(t0), "ends_at": rfc3339(t0 + SECONDS),
        "overtime_minutes": 0, "rec": True, "live": live, "trad": True,
        "stream_key": "bench", "label": "bench"}]}
    with open(os.path.join(d, "state", "schedule.json"), "w") as f:
        json.dump(doc, f)
    conf = box_config(d, rtmp_port, free_port())
    sink = None
    if live:
        sink = subprocess.Popen(["ffmpeg", "-v", "error", "-nostdin", "-listen", "1",
                                 "-f", "flv", "-i", "rtmp://127.0.0.1:%d/live/bench" % rtmp_port,
                                 "-c", "copy", "-f", "null", "-"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = open(os.path.join(d, "fm-box-%d.log" % rid), "w")
    box = subprocess.Popen([FMBOX, "-c", conf], stdout=log, stderr=log)
    start = int(t0) + 1
    cores, children = steady_cpu(lambda: tree(box.pid), start + 5, start + SECONDS - 3)
    time.sleep(max(0, start + SECONDS + 2 - time.time()))
    box.send_signal(signal.SIGTERM)
    box.wait(60)
    if sink:
        sink.kill()
        sink.wait()
    log.close()
    with open(os.path.join(d, "fm-box-%d.log" % rid)) as f:
        text = f.read()
    m = re.search(r"record: started pid \d+: .* -i (testsrc2\S+(?: \S+)*?) -map", text)
    return cores, children, (m.group(1) if m else None), text


def source_only(graph):
    p = subprocess.Popen(["ffmpeg", "-v", "error", "-nostdin", "-re", "-f", "lavfi", "-i", graph,
                          "-map", "0:v", "-map", "0:a", "-f", "null", "-"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    now = time.time()
    cores, _ = steady_cpu(lambda: [p.pid], now + 4, now + SECONDS - 4)
    p.kill()
    p.wait()
    return cores


def timed(cmd):
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr.decode()[-2000:]))
    return time.monotonic() - t0


def main():
    if not os.access(FMBOX, os.X_OK):
        sys.exit("build fm-box first: . dev/lib.sh && fm_build build")
    d = tempfile.mkdtemp(prefix="fm-bench-box-")
    try:
        print("bench/box.py: %d cores, recordings of %d s, HD preset (1280x720 25 fps 3000k, "
              "x264 veryfast)" % (CORES, SECONDS))
        rtmp = free_port()
        if ONLY_MP3:
            return mp3_work(d, rtmp)
        rec, n1, graph, log1 = record(d, 1, False, rtmp)
        live, n2, _, log2 = record(d, 2, True, rtmp)
        if "live: started" not in log2:
            print("warning: the live push did not start")
        src = source_only(graph) if graph else 0.0
        print()
        print("| recording (steady state) | CPU, cores | of the machine | ffmpeg processes |")
        print("|---|---:|---:|---:|")
        print("| test source alone (lavfi 720p + drawtext) | %.2f | %.0f%% | 1 |" % (src, 100 * src / CORES))
        print("| recording, MP4 only | %.2f | %.0f%% | %d |" % (rec, 100 * rec / CORES, n1))
        print("| recording, MP4 + live push | %.2f | %.0f%% | %d |" % (live, 100 * live / CORES, n2))
        print("| encode only, MP4 (minus the source) | %.2f | %.0f%% | |" % (rec - src, 100 * (rec - src) / CORES))
        print("| encode only, MP4 + live (minus the source) | %.2f | %.0f%% | |"
              % (live - src, 100 * (live - src) / CORES))
        print("\nlive costs %+.2f cores over the MP4 alone (the relay copies packets; one encode)"
              % (live - rec))
        mp3_work(d, rtmp)
    finally:
        if os.environ.get("FM_KEEP"):
            print("kept " + d)
        else:
            shutil.rmtree(d, ignore_errors=True)


def mp3_work(d, rtmp):
    # MP3 work on a 10-minute recording.
    mp4 = os.path.join(d, "session.mp4")
    graph10 = ("testsrc2=size=640x360:rate=25[out0];sine=f=440:sample_rate=48000[l];"
               "sine=f=1000:sample_rate=48000[r];[l][r]join=inputs=2:channel_layout=stereo[out1]")
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", graph10,
                    "-t", str(MP3_SOURCE_SECONDS), "-map", "0:v", "-map", "0:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "3000k",
                    "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart",
                    "-y", mp4], check=True)
    conf = box_config(d, rtmp, free_port())
    plain_dir = os.path.join(d, "plain")
    box_dir = os.path.join(d, "box")
    os.makedirs(plain_dir)
    os.makedirs(box_dir)
    plain = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", mp4,
             "-filter_complex", "[0:a]asplit=3[s][a][b];[a]pan=mono|c0=c0[l];[b]pan=mono|c0=c1[r]",
             "-map", "[s]", "-c:a", "libmp3lame", "-b:a", "128k", plain_dir + "/s.mp3",
             "-map", "[l]", "-c:a", "libmp3lame", "-b:a", "64k", plain_dir + "/room.mp3",
             "-map", "[r]", "-c:a", "libmp3lame", "-b:a", "64k", plain_dir + "/trad.mp3"]
    fmbox = [FMBOX, "-c", conf, "--encode", mp4, box_dir]
    tp, tb = [], []
    for _ in range(3):
        tp.append(timed(plain))
        tb.append(timed(fmbox))
    xp = MP3_SOURCE_SECONDS / min(tp)
    xb = MP3_SOURCE_SECONDS / min(tb)
    print("\nMP3 work on a %d-minute recording (stereo 128k + room and translation mono 64k), "
          "best of 3:" % (MP3_SOURCE_SECONDS // 60))
    print("| | seconds | × real time |")
    print("|---|---:|---:|")
    print("| plain ffmpeg, one pass | %.2f | %.0f× |" % (min(tp), xp))
    print("| fm-box --encode | %.2f | %.0f× |" % (min(tb), xb))
    print("\nfm-box / plain ffmpeg: %.2f (target >= 0.9)" % (xb / xp))


main()
