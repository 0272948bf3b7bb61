#!/usr/bin/env python3
"""Browser test of the portal in headless Chromium (t/browser/portal.js):
a client account logs in, plays a real recording (H.264/AAC made here
with FFmpeg's test sources) and sees its currentTime advance, picks the
translation channel, seeks, downloads the file (byte for byte), and runs
the video test (screen, test clip, speed).  The download is then in the
download log, complete once fm-downloads imported nginx's log.  Needs
Debian's chromium, ffmpeg and playwright-core (`npm install`)."""
import atexit
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from fmtest import Stack, TAP, SRC, BUILD
from fmorders import catalogue, new_order
from fmportal import reserve, set_password, fm_media, PASSWORDS

t = TAP()
for tool in ("/usr/bin/chromium", "/usr/bin/ffmpeg"):
    if not os.path.exists(tool):
        t.bail("%s is missing (apt-get install %s)" % (tool, os.path.basename(tool)))
if not os.path.isdir(os.path.join(SRC, "node_modules", "playwright-core")):
    t.bail("playwright-core is missing: run `npm install` in %s" % SRC)
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-BROWSER")
    res = reserve(s, o, ids["Salle 1"], "2030-03-11 10:00", "2030-03-11 12:00", ids["Journée"], trad=True)
    tmp = tempfile.mkdtemp(prefix="fm-browser-media-")
    atexit.register(shutil.rmtree, tmp, True)
    mp4 = os.path.join(tmp, "session.mp4")
    r = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
                        "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000",
                        "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=48000",
                        "-filter_complex", "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]",
                        "-map", "0:v", "-map", "[a]", "-t", "8", "-c:v", "libx264", "-preset", "veryfast",
                        "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart",
                        mp4], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    t.ok(r.returncode == 0, "ffmpeg makes an 8-second H.264/AAC recording", r.stdout)
    mp3 = os.path.join(tmp, "session.mp3")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", mp4, "-vn",
                    "-c:a", "libmp3lame", "-b:a", "96k", mp3], check=True)
    with open(mp4, "rb") as f:
        data = f.read()
    r = fm_media(s, "add", "-r", res, mp4, mp3)
    t.ok(r.returncode == 0, "fm-media registers it", r.stderr)
    rec = s.scalar("SELECT max(id) FROM recordings")
    media = s.scalar("SELECT id FROM media_files WHERE recording_id = %s AND kind = 'mp4'" % rec)
    set_password(s, "C" + o, PASSWORDS["client"])
    params = {"recording": int(rec), "mp4": int(media), "size": len(data),
              "sha256": hashlib.sha256(data).hexdigest()}
    env = dict(os.environ, NODE_PATH=os.path.join(SRC, "node_modules"))
    r = subprocess.run(["node", os.path.join(SRC, "t", "browser", "portal.js"), s.url(""), "C" + o,
                        PASSWORDS["client"], json.dumps(params)], cwd=SRC, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    lines = [l for l in r.stdout.splitlines() if l.startswith(("ok - ", "not ok - ", "# "))]
    for line in lines:
        if line.startswith("# "):
            t.diag(line[2:])
            continue
        ok = line.startswith("ok - ")
        name, _, diag = line.split(" - ", 1)[1].partition(" # ")
        t.ok(ok, name, diag)
    t.ok(r.returncode == 0 and len([l for l in lines if not l.startswith("#")]) >= 20,
         "the browser script ran to its end", r.stdout[-3000:])
    subprocess.run([os.path.join(BUILD, "fm-downloads"), "-c", s.conf(), "import"], env=s.env(),
                   stdout=subprocess.PIPE, check=True)
    t.eq(s.psql("SELECT status, bytes_sent FROM download_log WHERE mode = 'download' AND media_file_id = %s"
                % media), [["complete", str(len(data))]], "the download is in the log, complete")
    t.ok(int(s.scalar("SELECT count(*) FROM download_log WHERE mode = 'watch' AND media_file_id = %s" % media)) >= 1,
         "watching is logged too")
t.done()
