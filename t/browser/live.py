#!/usr/bin/env python3
"""Browser test of the live page in headless Chromium (t/browser/live.js)
against the real nginx-rtmp + focusd: a box's push (FFmpeg's test card,
440 Hz on the left = room, 1000 Hz on the right = translation, signed
with the box's token) is on air; the user account's page starts the
player by itself (native HLS if Chromium has it, else hls.js), the live
account's page with hls.js (native HLS hidden from it); currentTime
advances; the language buttons route the channels (measured with an
AnalyserNode per output channel); a chat message posted in one browser
context appears in the other within 3 s, as text; when the push ends
the page says so.  Needs chromium, ffmpeg, nginx-rtmp and the npm
packages playwright-core and hls.js (`npm install`)."""
import json
import os
import subprocess
from fmtest import Stack, TAP, SRC, ADMIN_PASSWORD
from fmboxdata import setup, reservation, register_box
from fmportal import set_password, PASSWORDS
from fmlive import push, signed_path, wait_for, playlist

t = TAP()
for tool in ("/usr/bin/chromium", "/usr/bin/ffmpeg", "/usr/lib/nginx/modules/ngx_rtmp_module.so"):
    if not os.path.exists(tool):
        t.bail("%s is missing" % tool)
for mod in ("playwright-core", "hls.js"):
    if not os.path.isdir(os.path.join(SRC, "node_modules", mod)):
        t.bail("%s is missing: run `npm install` in %s" % (mod, SRC))
with Stack(t, live=True) as s:
    c = s.client()
    c.login_admin()
    room1, _, order, tariff = setup(s)
    st, token, _ = register_box(c, room1, "Boîtier live")
    live = reservation(s, room1, order, tariff, "-5 minutes", "1 hour", live=True)
    s.psql("INSERT INTO live_streams (reservation_id) VALUES (%s)" % live)
    key = s.scalar("SELECT stream_key FROM live_streams WHERE reservation_id = %s" % live)
    for k in ("user", "live"):
        set_password(s, "%s%s" % (k[0].upper(), order), PASSWORDS[k])
    p = push(s.rtmp_url(signed_path(token, live, key)), 150)
    try:
        t.ok(wait_for(lambda: os.path.exists(playlist(s, live)), 20), "the push is on air")
        params = {"reservation": int(live), "user": "U%s" % order, "user_pw": PASSWORDS["user"],
                  "live": "L%s" % order, "live_pw": PASSWORDS["live"],
                  "staff": "admin", "staff_pw": ADMIN_PASSWORD,
                  "shots": os.environ.get("FM_SCREENSHOTS", "")}
        env = dict(os.environ, NODE_PATH=os.path.join(SRC, "node_modules"))
        node = subprocess.Popen(["node", os.path.join(SRC, "t", "browser", "live.js"), s.url(""),
                                 json.dumps(params)], cwd=SRC, env=env, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        lines, checks = [], 0
        for line in node.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            if line == "STOP-THE-PUSH":
                # The script waits for the end of the live: stop the box.
                p.terminate()
                p.wait(10)
                node.stdin.write("stopped\n")
                node.stdin.flush()
            elif line.startswith("# "):
                t.diag(line[2:])
            elif line.startswith(("ok - ", "not ok - ")):
                checks += 1
                name, _, diag = line.split(" - ", 1)[1].partition(" # ")
                t.ok(line.startswith("ok - "), name, diag)
        node.wait(60)
        t.ok(node.returncode == 0 and checks >= 15, "the browser script ran to its end",
             "\n".join(lines[-30:]))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
t.done()
