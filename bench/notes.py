#!/usr/bin/env python3
"""bench/notes.py - how fast a note reaches the viewers of a live: 200
viewers (asyncio, one keep-alive connection each, the order's accounts'
sessions made in SQL) poll /portal/live/{id}/poll with their notes
cursor every second, as the live page does; a writer adds a note every
2 s; for each note and each viewer, the time from the writer's POST
answer to the poll answer that brought it.  Prints the median, p90, p99
and max, and the poll's own latency.  The notes travel with the chat's
poll (a poll every second, not a held long poll: focusd's workers serve
one request at a time), so the figure is the poll interval's half on
average, plus the request.

  bench/notes.py [SECONDS]     (default 30; FM_BENCH_VIEWERS=200, FM_WORKERS=4)
"""
import asyncio
import json
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "t", "lib"))
os.environ.setdefault("FM_SRCDIR", ROOT)
os.environ.setdefault("FM_BUILDDIR", os.path.join(ROOT, "build"))
from fmtest import Stack, TAP  # noqa: E402
from fmboxdata import setup, reservation  # noqa: E402
from fmportal import set_password, account, PASSWORDS  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
VIEWERS = int(os.environ.get("FM_BENCH_VIEWERS", "200"))


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))] if v else float("nan")


class Conn:
    def __init__(self, port, cookie):
        self.port, self.cookie = port, cookie
        self.r = self.w = None

    async def get(self, path):
        if self.w is None:
            self.r, self.w = await asyncio.open_connection("127.0.0.1", self.port)
        self.w.write(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: fm_session=%s\r\n"
                      "Accept: application/json\r\n\r\n" % (path, self.port, self.cookie)).encode())
        head = await self.r.readuntil(b"\r\n\r\n")
        m = re.search(rb"(?i)content-length: *(\d+)", head)
        body = await self.r.readexactly(int(m.group(1))) if m else b""
        if re.search(rb"(?i)connection: *close", head):
            self.w.close()
            self.w = None
        return int(head[9:12]), body


async def viewer(port, cookie, resv, until, posted, seen, lat, errors):
    c = Conn(port, cookie)
    nseq = 0
    await asyncio.sleep(hash(cookie) % 1000 / 1000.0)
    while time.time() < until:
        t0 = time.time()
        try:
            st, body = await c.get("/portal/live/%s/poll?after=0&hseq=0&nseq=%d" % (resv, nseq))
            lat.append(time.time() - t0)
            if st != 200:
                errors.append(st)
            else:
                d = json.loads(body)
                now = time.time()
                for n in d.get("notes", []):
                    if n["id"] in posted and nseq:
                        seen.append(now - posted[n["id"]])
                nseq = d.get("nseq", nseq)
        except (OSError, asyncio.IncompleteReadError) as e:
            errors.append(str(e))
            c = Conn(port, cookie)
        await asyncio.sleep(max(0, 1.0 - (time.time() - t0)))


async def writer(s, who, resv, until, posted):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3)
    i = 0
    while time.time() < until - 3:
        i += 1
        ms = str(int(time.time() * 1000) - 4000)
        r = await loop.run_in_executor(None, lambda: who.post(
            "/portal/live/%s/notes" % resv, {"moment": ms, "body": "note %d" % i},
            headers={"Accept": "application/json"}))
        if r.status == 200:
            posted[r.json()["id"]] = time.time()
        await asyncio.sleep(2)


def main():
    t = TAP()
    with Stack(t, workers=int(os.environ.get("FM_WORKERS", "4"))) as s:
        c = s.client()
        c.login_admin()
        room1, _, order, tariff = setup(s)
        resv = reservation(s, room1, order, tariff, "-5 minutes", "2 hours", live=True)
        acct = s.scalar("SELECT id FROM order_accounts WHERE login = 'L%s'" % order)
        cookies = [os.urandom(32).hex() for _ in range(VIEWERS)]
        s.psql("INSERT INTO sessions (token_hash, order_account_id, csrf_token, expires_at)"
               " SELECT sha256(decode(t, 'hex')), %s, md5(t), now() + interval '1 day'"
               " FROM unnest(string_to_array(:'v1', ',')) t" % acct, ",".join(cookies))
        set_password(s, "U%s" % order, PASSWORDS["user"])
        who = account(s, "U%s" % order, PASSWORDS["user"])
        posted, seen, lat, errors = {}, [], [], []
        until = time.time() + SECONDS

        async def run():
            await asyncio.gather(writer(s, who, resv, until, posted),
                                 *[viewer(s.port, k, resv, until, posted, seen, lat, errors)
                                   for k in cookies])
        asyncio.run(run())
        print("# %d viewers, %d s, %d notes, %d deliveries, %d errors" % (VIEWERS, SECONDS, len(posted),
                                                                      len(seen), len(errors)))
        print("note -> viewer: median %.3f s, p90 %.3f s, p99 %.3f s, max %.3f s"
              % (statistics.median(seen), pct(seen, 90), pct(seen, 99), max(seen)))
        print("poll request: median %.1f ms, p99 %.1f ms" % (statistics.median(lat) * 1000, pct(lat, 99) * 1000))
        print("target p99 under 1 s: %s" % ("yes" if pct(seen, 99) < 1 else "NO"))
        t.ok(not errors, "no errors", errors[:5])
        t.done()


main()
