#!/usr/bin/env python3
"""bench/live.py - live viewing's figures, against a private stack with
nginx-rtmp on loopback (fmtest.Stack(live=True)):

  1. The delay.  A box's push (FFmpeg, 320x180, a keyframe a second, as
     fm-box sends) carries in its picture a barcode of the wall clock at
     which each frame was made (24 blocks of 12x14 pixels: centiseconds
     since the start of the run, drawn by geq from RTCTIME).
     a) a player in Python reloads the playlist every 0.5 s and fetches
        each new fragment at once: for each fragment, the time from the
        making of its first frame (the oldest) and of its last frame to
        the end of its fetch;
     b) Chromium plays the live page (hls.js) and reads the barcode of
        the frames it shows (requestVideoFrameCallback, canvas): the time
        from the making of a frame to its display.
  2. 200 viewers (asyncio, one keep-alive connection each) fetch the
     playlist, each new fragment and the live page's poll every second
     for SECONDS; the latency of each kind of request at the client, and
     of the auth_request path in focusd (its access log: /_auth/live).

  bench/live.py [SECONDS]      (the 200 viewers' run, default 30)
  FM_BENCH_VIEWERS=200, FM_WORKERS=4
"""
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "t", "lib"))
os.environ.setdefault("FM_SRCDIR", ROOT)
os.environ.setdefault("FM_BUILDDIR", os.path.join(ROOT, "build"))
from fmtest import Stack, TAP  # noqa: E402
from fmlive import signed_path, wait_for, playlist  # noqa: E402
from fmboxdata import setup, reservation, register_box  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
VIEWERS = int(os.environ.get("FM_BENCH_VIEWERS", "200"))
BASE = int(time.time()) - 10      # the barcode counts centiseconds from here
BITS, BW, BH = 24, 12, 14


def push(url, seconds):
    bar = ("geq=lum='if(lt(Y\\,%d)\\,255*mod(floor(T*100/pow(2\\,floor(X/%d)))\\,2)\\,lum(X\\,Y))'"
           ":cb='if(lt(Y\\,%d)\\,128\\,cb(X\\,Y))':cr='if(lt(Y\\,%d)\\,128\\,cr(X\\,Y))'"
           % (BH, BW, BH, BH))
    video = ("testsrc2=size=320x180:rate=25,setpts='(RTCTIME-%d000000)/(TB*1000000)',%s"
             % (BASE, bar))
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
           "-f", "lavfi", "-i", video,
           "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000",
           "-map", "0:v", "-map", "1:a", "-t", str(seconds),
           "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
           "-b:v", "400k", "-maxrate", "400k", "-bufsize", "400k",
           "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
           # a keyframe every second of the stream's clock, as fm-box
           # (box/ffcmd.c): with -g alone a GOP is 25 frames, and when the
           # loaded machine makes fewer than 25 frames a second (geq is
           # slow) the GOP, so the fragment, grows past 1 s.
           "-force_key_frames", "expr:gte(t,n_forced*1)",
           "-c:a", "aac", "-b:a", "64k", "-f", "flv", url]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def barcodes(ts_bytes):
    """The barcode (seconds since BASE) of every frame of an MPEG-TS fragment."""
    r = subprocess.run(["ffmpeg", "-v", "error", "-i", "pipe:0", "-vf",
                        "crop=%d:%d:0:0,scale=%d:1" % (BITS * BW, BH, BITS),
                        "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
                       input=ts_bytes, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    d = r.stdout
    return [sum((1 if b > 128 else 0) << k for k, b in enumerate(d[i:i + BITS])) / 100.0
            for i in range(0, len(d) - BITS + 1, BITS)]


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))] if v else float("nan")


# -- a minimal keep-alive HTTP/1.1 client -------------------------------------
class Conn:
    def __init__(self, port, cookie):
        self.port, self.cookie = port, cookie
        self.r = self.w = None

    async def get(self, path):
        if self.w is None:
            self.r, self.w = await asyncio.open_connection("127.0.0.1", self.port)
        self.w.write(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: fm_session=%s\r\n"
                      "Accept: */*\r\n\r\n" % (path, self.port, self.cookie)).encode())
        head = await self.r.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        m = re.search(rb"(?i)content-length: *(\d+)", head)
        body = await self.r.readexactly(int(m.group(1))) if m else b""
        if re.search(rb"(?i)connection: *close", head):
            self.w.close()
            self.w = None
        return status, body


async def viewer(port, cookie, resv, until, lat, errors):
    c = Conn(port, cookie)
    seen = set()
    pl = "/hls/r%s/index.m3u8" % resv
    poll = "/portal/live/%s/poll?after=0&hseq=0" % resv
    await asyncio.sleep(hash(cookie) % 1000 / 1000.0)   # spread the viewers
    after = 0
    while time.time() < until:
        t0 = time.time()
        try:
            st, body = await c.get(pl)
            lat["playlist"].append(time.time() - t0)
            if st != 200:
                errors.append(("playlist", st))
            frags = re.findall(rb"^(\d+\.ts)$", body, re.M)
            for f in frags[-1:]:
                if f not in seen:
                    seen.add(f)
                    t1 = time.time()
                    st, _ = await c.get("/hls/r%s/%s" % (resv, f.decode()))
                    lat["fragment"].append(time.time() - t1)
                    if st != 200:
                        errors.append(("fragment", st))
            t2 = time.time()
            st, body = await c.get(poll.replace("after=0", "after=%d" % after))
            lat["poll"].append(time.time() - t2)
            if st == 200:
                after = json.loads(body).get("after", after)
            else:
                errors.append(("poll", st))
        except (OSError, asyncio.IncompleteReadError) as e:
            errors.append(("conn", str(e)))
            c = Conn(port, cookie)
        await asyncio.sleep(max(0, 1.0 - (time.time() - t0)))


def main():
    t = TAP()
    with Stack(t, live=True, workers=int(os.environ.get("FM_WORKERS", "4"))) as s:
        c = s.client()
        c.login_admin()
        room1, _, order, tariff = setup(s)
        st, token, _ = register_box(c, room1, "Boîtier banc")
        resv = reservation(s, room1, order, tariff, "-5 minutes", "2 hours", live=True)
        s.psql("INSERT INTO live_streams (reservation_id) VALUES (%s)" % resv)
        key = s.scalar("SELECT stream_key FROM live_streams WHERE reservation_id = %s" % resv)
        # The viewers' sessions (the order's live account), made in SQL.
        acct = s.scalar("SELECT id FROM order_accounts WHERE login = 'L%s'" % order)
        cookies = [os.urandom(32).hex() for _ in range(VIEWERS)]
        s.psql("INSERT INTO sessions (token_hash, order_account_id, csrf_token, expires_at)"
               " SELECT sha256(decode(t, 'hex')), %s, md5(t), now() + interval '1 day'"
               " FROM unnest(string_to_array(:'v1', ',')) t" % acct, ",".join(cookies))
        from fmportal import set_password, PASSWORDS
        set_password(s, "U%s" % order, PASSWORDS["user"])
        p = push(s.rtmp_url(signed_path(token, resv, key)), SECONDS + 400)
        try:
            if not wait_for(lambda: os.path.exists(playlist(s, resv)), 20):
                t.bail("no playlist: %s" % p.stderr.read1(2000) if p.poll() is not None else "")
            time.sleep(4)

            # 1a. The Python player.
            import urllib.request
            opener = urllib.request.build_opener()
            opener.addheaders = [("Cookie", "fm_session=" + cookies[0])]
            got, first, last = set(), [], []
            end = time.time() + 20
            while time.time() < end:
                body = opener.open(s.url("/hls/r%s/index.m3u8" % resv)).read().decode()
                for f in re.findall(r"^(\d+\.ts)$", body, re.M):
                    if f in got:
                        continue
                    got.add(f)
                    data = opener.open(s.url("/hls/r%s/%s" % (resv, f))).read()
                    done = time.time() - BASE
                    codes = barcodes(data)
                    if codes and len(got) > 6:     # the first ones were already old
                        first.append(done - codes[0])
                        last.append(done - codes[-1])
                time.sleep(0.5)
            print("# delay, frame made -> its fragment fetched (%d fragments): first frame median %.2f s,"
                  " max %.2f s; last frame median %.2f s" % (len(first), statistics.median(first),
                                                             max(first), statistics.median(last)))

            # 1b. Chromium with hls.js, and with its own HLS player.
            env = dict(os.environ, NODE_PATH=os.path.join(ROOT, "node_modules"))
            # Three runs of each player: each run's median, and the worst.
            worst = {}
            for run_no in (1, 2, 3):
                for mode in ("hls.js", "native"):
                    r = subprocess.run(["node", os.path.join(HERE, "live-delay.js"), s.url(""),
                                        str(resv), "U%s" % order, PASSWORDS["user"], str(BASE), "20",
                                        mode], env=env, text=True, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, timeout=180)
                    try:
                        d = json.loads(r.stdout.strip().splitlines()[-1])
                        med = statistics.median(d["delays"])
                        worst[d["player"]] = max(worst.get(d["player"], 0), med)
                        print("# run %d: delay, frame made -> shown by Chromium (%s, %d frames): median"
                              " %.2f s, p90 %.2f s, max %.2f s" % (run_no, d["player"], len(d["delays"]),
                                                                  med, pct(d["delays"], 90),
                                                                  max(d["delays"])))
                    except (ValueError, IndexError, KeyError):
                        print("# run %d: the browser delay (%s) could not be measured:\n%s"
                              % (run_no, mode, r.stdout[-2000:]))
            for player, w in sorted(worst.items()):
                print("# worst median of the 3 runs (%s): %.2f s (target: 5 s at most): %s"
                      % (player, w, "yes" if w <= 5 else "NO"))

            # 2. 200 viewers.
            logpos = os.path.getsize(os.path.join(s.state, "log", "focusd.log"))
            lat = {"playlist": [], "fragment": [], "poll": []}
            errors = []
            until = time.time() + SECONDS

            async def run():
                await asyncio.gather(*(viewer(s.port, ck, resv, until, lat, errors)
                                       for ck in cookies))
            t0 = time.time()
            asyncio.run(run())
            wall = time.time() - t0
            total = sum(len(v) for v in lat.values())
            print("# %d viewers for %.0f s: %d requests (%.0f/s), %d errors%s"
                  % (VIEWERS, wall, total, total / wall, len(errors),
                     (" " + repr(errors[:5])) if errors else ""))
            print("| request | count | p50 ms | p99 ms | max ms |")
            print("|---|---:|---:|---:|---:|")
            for k, v in lat.items():
                print("| %s (client) | %d | %.2f | %.2f | %.2f |"
                      % (k, len(v), pct(v, 50) * 1e3, pct(v, 99) * 1e3, max(v) * 1e3))
            with open(os.path.join(s.state, "log", "focusd.log"), errors="replace") as f:
                f.seek(logpos)
                text = f.read()
            for route in ("/_auth/live", "/portal/live/%s/poll" % resv):
                ms = [float(x) for x in re.findall(r"GET %s \d+ ([0-9.]+)ms" % re.escape(route), text)]
                if ms:
                    print("| %s (focusd) | %d | %.2f | %.2f | %.2f |"
                          % (route.replace(str(resv), "{id}"), len(ms), pct(ms, 50), pct(ms, 99),
                             max(ms)))
        finally:
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
