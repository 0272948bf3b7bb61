#!/usr/bin/env python3
"""GET /metrics: Prometheus' text format (every sample after its HELP and
TYPE, counters named _total, seconds and bytes in their units), for a
loopback client or one with Metrics.Token; requests per route and status
with their duration, worker restarts, boxes by state and the age of their
heartbeat, files waiting per box, the outbox, the media store's disk."""
import json
import os
import re
import signal
import time
from fmtest import Stack, TAP
from fmboxdata import setup, register_box

TOKEN = "m" * 40
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$')


def parse(text):
    """{(name, labels): value}; checks the format on the way."""
    types, out, bad = {}, {}, []
    for line in text.splitlines():
        if line.startswith("# HELP "):
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            if name in types:
                bad.append("TYPE twice: " + name)
            types[name] = kind
            continue
        m = SAMPLE.match(line)
        if not m:
            bad.append("not a sample: " + line)
            continue
        name = m.group(1)
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name not in types and base not in types:
            bad.append("no TYPE before " + name)
        kind = types.get(name) or types.get(base)
        if kind == "counter" and not name.endswith("_total"):
            bad.append("a counter not named _total: " + name)
        out[(name, m.group(2) or "")] = float(m.group(3))
    return out, types, bad


t = TAP()
with Stack(t, conf_extra="Metrics.Token = %s" % TOKEN) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    c.get("/login")
    c.get("/companies")
    c.get("/nothing-here")
    r = c.get("/metrics")
    t.eq(r.status, 200, "a loopback client reads /metrics")
    t.ok((r.header("Content-Type") or "").startswith("text/plain; version=0.0.4"),
         "Prometheus' text format 0.0.4")
    m, types, bad = parse(r.text)
    t.eq(bad, [], "every line is a sample of a typed metric; counters end in _total")
    t.ok(m.get(("fm_http_requests_total", '{method="GET",route="/companies",status="200"}'), 0) >= 1,
         "requests per route and status")
    t.ok(m.get(("fm_http_requests_total", '{method="",route="-",status="404"}'), 0) >= 1,
         "a path no route has: route \"-\"")
    t.eq(types.get("fm_http_request_duration_seconds"), "histogram", "durations: a histogram in seconds")
    t.ok(m.get(("fm_http_request_duration_seconds_count", '{method="GET",route="/companies"}'), 0) >= 1
         and ("fm_http_request_duration_seconds_bucket", '{method="GET",route="/companies",le="+Inf"}') in m,
         "with its buckets and count")
    for name in ("fm_worker_restarts_total", "fm_db_errors_total", "fm_recordings_in_progress",
                 "fm_uploads_in_flight", "fm_live_sessions_on_air", "fm_live_viewers",
                 "fm_chat_messages_total", "fm_media_store_free_bytes", "fm_alerts_open"):
        t.ok((name, "") in m, name + " is there")
    t.ok(m.get(("fm_media_store_free_bytes", ""), 0) > 0, "the media store's free bytes")

    # Boxes.
    st, token, _ = register_box(c, room1, "Boîtier \"métriques\"")
    api = s.client(origin=False)
    hb = {"state": "recording", "reservation": None, "disk_free_mb": 5000, "version": "0.1.0"}
    api.request("POST", "/box/api/heartbeat", json.dumps(hb).encode(),
                {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    s.psql("UPDATE boxes SET last_heartbeat = now() - interval '90 seconds'")
    m, _, bad = parse(c.get("/metrics").text)
    t.eq(bad, [], "still well formed (a box name with quotes is escaped)")
    t.eq(m.get(("fm_boxes", '{state="recording"}')), 1.0, "boxes by state")
    age = m.get(("fm_box_heartbeat_age_seconds", '{box="Boîtier \\"métriques\\""}'), -1)
    t.ok(89 <= age <= 120, "seconds since the box's heartbeat", age)
    t.eq(m.get(("fm_box_files_waiting", '{box="Boîtier \\"métriques\\""}')), 0.0, "files waiting: 0")
    s.psql("INSERT INTO outbox (\"to\", subject, body, created_by) VALUES ('a@b.test', 's', 'b', 't')")
    m, _, _ = parse(c.get("/metrics").text)
    t.eq(m.get(("fm_outbox_messages", '{status="pending"}')), 1.0, "the outbox queue")

    # A worker killed: replaced, counted.
    master, workers = s.focusd_pids()
    os.kill(workers[0], signal.SIGKILL)
    for _ in range(50):
        time.sleep(0.1)
        if len(s.focusd_pids()[1]) == len(workers):
            break
    seen = 0
    for _ in range(4):
        m, _, _ = parse(c.get("/metrics").text)
        seen = m.get(("fm_worker_restarts_total", ""))
    t.eq(seen, 1.0, "a worker killed and replaced: fm_worker_restarts_total 1 (whichever worker answers)")

    # The token.
    r = c.get("/metrics", {"Authorization": "Bearer " + TOKEN})
    t.eq(r.status, 200, "with the token")

with Stack(t, conf_extra="Metrics.Token = %s\nMetrics.Loopback = 0" % TOKEN) as s:
    c = s.client()
    t.eq(c.get("/metrics").status, 404, "Metrics.Loopback = 0: loopback alone is not enough (404)")
    t.eq(c.get("/metrics", {"Authorization": "Bearer " + "x" * 40}).status, 404, "a wrong token: 404")
    r = c.get("/metrics", {"Authorization": "Bearer " + TOKEN})
    t.ok(r.status == 200 and "fm_http_requests_total" in r.text, "the right token: the metrics")
t.done()
