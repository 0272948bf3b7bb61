#!/usr/bin/env python3
"""The 95th-percentile bandwidth report with a synthetic month whose
percentile is known by construction: June 2026 (8640 slots of 5 minutes)
with 8000 slots at 10 Mbit/s, 300 at 120 and 340 at 400: the 8208th
smallest (95 %) is 120 Mbit/s; above the 100 Mbit/s floor, 20 Mbit/s at
30 EUR = 600 EUR.  fm-bandwidth reads nginx's byte log (once: a second run
adds nothing) and nginx-rtmp's statistics (what came in since the last
reading); the page, its chart and the CSV."""
import http.server
import os
import re
import subprocess
import tempfile
import threading
from fmtest import Stack, TAP, BUILD

tmp = tempfile.mkdtemp(prefix="fm-t65-")
log = os.path.join(tmp, "bytes.log")
START = 1780264800  # 2026-06-01 00:00 Europe/Paris (22:00 UTC the day before)
rates = [10] * 8000 + [120] * 300 + [400] * 340
# Spread the high slots across the month (the order does not matter).
order = sorted(range(8640), key=lambda i: (i * 7919) % 8640)
uris = ["/hls/r12/345.ts", "/download/7", "/companies", "/box/api/uploads/3"]
with open(log, "w") as f:
    for n, i in enumerate(order):
        at = START + i * 300 + 17
        total = rates[n] * 1000000 * 300 // 8
        # Two requests per slot: what was sent adds up to the slot's rate.
        f.write("%d.123\t%d\t%d\t%s\n" % (at, 500, total // 2, uris[n % 4]))
        f.write("%d.456\t%d\t%d\t%s\n" % (at + 100, 300, total - total // 2, "/portal"))

stat = {"bytes_in": 5000000}


class Stat(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("<?xml version=\"1.0\"?><rtmp><nginx_version>1.22</nginx_version>"
                "<bytes_in>%d</bytes_in><bytes_out>0</bytes_out></rtmp>" % stat["bytes_in"]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


srv = http.server.HTTPServer(("127.0.0.1", 0), Stat)
threading.Thread(target=srv.serve_forever, daemon=True).start()

t = TAP()
with Stack(t, conf_extra="Bandwidth.Log = %s\nBandwidth.RtmpStatURL = http://127.0.0.1:%d/stat"
           % (log, srv.server_port)) as s:
    def tool():
        return subprocess.run([os.path.join(BUILD, "fm-bandwidth"), "-c", s.conf(), "import"],
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())

    r = tool()
    t.ok(r.returncode == 0 and "17280 requests imported" in r.stdout, "fm-bandwidth import reads the log",
         r.stdout + r.stderr)
    t.eq(s.scalar("SELECT count(DISTINCT at) FROM bandwidth_samples WHERE class <> 'rtmp_in'"), "8640",
         "one sample per 5 minutes")
    r = tool()
    t.contains(r.stdout, "0 requests imported", "a second run adds nothing")
    t.eq(s.psql("SELECT class, count(*) FROM bandwidth_samples GROUP BY class ORDER BY class"),
         [["box_uploads", "2160"], ["downloads", "2160"], ["hls", "2160"], ["pages", "8640"]],
         "each request in its class by its URI")
    stat["bytes_in"] += 1500000
    r = tool()
    t.contains(r.stdout, "1500000 bytes in by RTMP", "nginx-rtmp: what came in since the last reading")
    t.eq(s.scalar("SELECT sum(bytes_in) FROM bandwidth_samples WHERE class = 'rtmp_in'"), "1500000",
         "recorded as rtmp_in in the current slot")
    t.eq(s.psql("SELECT slots, p95, peak, overage, amount FROM bandwidth_month('2026-06-01')"),
         [["8640", "120.000", "400.000", "20.000", "600.00"]],
         "June: 8640 slots, 95th percentile 120 Mbit/s (known by construction), 20 over the floor, 600 EUR")

    c = s.client()
    c.login_admin()
    r = c.get("/bandwidth?month=2026-06")
    t.eq(r.status, 200, "the report page (admin)")
    t.ok(re.search(r'id="bw-p95">120 Mbit/s<', r.text) and re.search(r'id="bw-amount"><strong>600,00 €<', r.text)
         and re.search(r'id="bw-floor">100 Mbit/s<', r.text) and re.search(r'id="bw-overage">20 Mbit/s<', r.text),
         "95th percentile, floor, overage and price, in French")
    m = re.search(r'<polyline id="bw-samples"[^>]* points="([^"]*)"', r.text)
    t.ok(m and len(m.group(1).split()) == 8640, "the chart: the month's 8640 samples")
    m = re.search(r'id="bw-p95-line" x1="40" y1="([0-9.]+)"', r.text)
    t.ok(m and abs(float(m.group(1)) - (210 - 200 * 120 / 440)) < 0.2, "and the 95th-percentile line",
         m.group(1) if m else None)
    r = c.post("/bandwidth/settings", {"floor_mbps": "150", "price_per_mbps": "30"})
    t.eq(r.status, 303, "a floor of 150 Mbit/s")
    r = c.get("/bandwidth?month=2026-06")
    t.ok(re.search(r'id="bw-amount"><strong>0,00 €<', r.text), "above the 95th percentile: nothing to pay")
    r = c.post("/bandwidth/settings", {"floor_mbps": "100", "price_per_mbps": "-3"})
    t.eq(r.status, 422, "a negative price: refused")
    r = c.get("/bandwidth.csv?month=2026-06")
    lines = r.text.strip().split("\r\n")
    t.ok(r.status == 200 and lines[0] == "at,mbps_out,mbps_in,mbps" and len(lines) == 8641,
         "the CSV: a header and 8640 samples", lines[:2])
    t.ok(lines[1].startswith("2026-05-31T22:00:00Z,"), "from the month's first slot (UTC)", lines[1])
    c.get("/lang/en")
    r = c.get("/bandwidth?month=2026-06")
    t.ok(re.search(r'id="bw-p95">120 Mbit/s<', r.text), "in English too")
    # The stack's own nginx writes the byte log in the site's format.
    before = s.scalar("SELECT coalesce(sum(bytes_out), 0) FROM bandwidth_samples WHERE class = 'pages'"
                      " AND at > now() - interval '1 hour'")
    page = c.get("/companies")
    r = subprocess.run([os.path.join(BUILD, "fm-bandwidth"), "-c", s.conf(), "import", "--log",
                        os.path.join(s.state, "log", "bytes.log")],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())
    after = s.scalar("SELECT coalesce(sum(bytes_out), 0) FROM bandwidth_samples WHERE class = 'pages'"
                     " AND at > now() - interval '1 hour'")
    t.ok(r.returncode == 0 and int(after) - int(before) >= len(page.raw),
         "nginx's own byte log (fm_bytes): the pages just served are counted", r.stdout + r.stderr)
    staff = s.client()
    s.admin("user", "add", "clerk", "--name", "Clerk", "--role", "staff", stdin="Cl3rk-Pa55word\n")
    staff.login("clerk", "Cl3rk-Pa55word")
    t.eq(staff.get("/bandwidth").status, 403, "staff who are not admins: 403")
srv.shutdown()
t.done()
