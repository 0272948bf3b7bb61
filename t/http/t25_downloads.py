#!/usr/bin/env python3
"""Downloads go through nginx, never through focusd: focusd answers with
X-Accel-Redirect to the internal /_media/ location (a direct request there
is refused) and writes the download log; nginx sends the bytes (ranges
too: seeking, resumed downloads) and logs what it sent under the download
id; fm-downloads imports that log: bytes sent, end time and status
(complete, incomplete, in progress), once per line however often it runs,
across a log rotation."""
import hashlib
import http.client
import os
import socket
import subprocess
import time
from fmtest import Stack, TAP, BUILD
from fmorders import catalogue, new_order
from fmportal import reserve, media_add, set_password, account, media_path

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-DL")
    res = reserve(s, o, ids["Salle 1"], "2030-03-11 10:00", "2030-03-11 12:00", ids["Journée"])
    video = os.urandom(3 * 1024 * 1024 + 17)
    audio = os.urandom(200000)
    rec, (mp4, mp3) = media_add(s, res, [("mp4", video), ("mp3", audio)])
    set_password(s, "C" + o, "client-Pa55word")
    cl = account(s, "C" + o, "client-Pa55word")
    log = os.path.join(s.state, "log", "downloads.log")

    def imp(*extra):
        return subprocess.run([os.path.join(BUILD, "fm-downloads"), "-c", s.conf(), "import"] + list(extra),
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())

    def row(did, cols="status, requests, transfers, bytes_sent, bytes_total"):
        return s.psql("SELECT %s FROM download_log WHERE id = %s" % (cols, did))[0]

    def last_download():
        return s.scalar("SELECT max(id) FROM download_log")

    # A whole download.
    r = cl.get("/download/%s" % mp4)
    t.eq(r.status, 200, "the client downloads the video: 200")
    t.ok(r.raw == video, "every byte, as stored")
    t.eq(r.header("Content-Type"), "video/mp4", "as video/mp4")
    t.contains(r.header("Content-Disposition") or "", "attachment; filename=\"order%s-2030-03-11_1000-%s.mp4\"" % (o, mp4),
               "as an attachment with a readable name")
    t.eq(r.header("Accept-Ranges"), "bytes", "ranges accepted")
    t.eq(r.header("X-Accel-Redirect"), None, "the internal redirect does not reach the browser")
    t.eq(r.header("X-Download-Id"), None, "nor the download id")
    d1 = last_download()
    t.eq(s.psql("SELECT login, order_id, media_file_id, media_kind, mode, status, bytes_total, "
                "host(ip), user_agent, session_id IS NOT NULL, account_id IS NOT NULL FROM download_log "
                "WHERE id = %s" % d1),
         [["C" + o, o, mp4, "mp4", "download", "in_progress", str(len(video)), "127.0.0.1", "fmtest", "t", "t"]],
         "focusd logged the download: account, order, media, IP, user agent, in progress")
    t.ok(os.path.exists(log), "nginx wrote its download log")
    with open(log) as f:
        line = f.read().strip().split("\n")[-1].split("\t")
    t.eq((line[1], line[2], line[3]), (d1, "200", str(len(video))),
         "nginx's line: the download id, the status, the bytes it sent")
    r = imp()
    t.eq(r.returncode, 0, "fm-downloads import: exit 0")
    t.contains(r.stdout, "1 lines read, 1 transfers recorded", "it read one line")
    t.eq(row(d1), ["complete", "1", "1", str(len(video)), str(len(video))], "the download is complete")
    t.ok(s.scalar("SELECT ended_at IS NOT NULL AND ended_at >= started_at FROM download_log WHERE id = %s" % d1) == "t",
         "with its end time")
    r = imp()
    t.contains(r.stdout, "0 lines read", "run again: nothing new")
    s.psql("DELETE FROM download_import_state")
    r = imp()
    t.contains(r.stdout, "1 lines read, 0 transfers recorded", "even from the start again, a line counts once")
    t.eq(row(d1)[3], str(len(video)), "bytes unchanged")

    # A line older than the download it names (ids come again after a
    # restore or a new database) is another download's: skipped.
    with open(log, "a") as f:
        f.write("%.3f\t%s\t200\t999\t0.001\tOK\t%s\t-\n" % (time.time() - 3600, d1, "f" * 32))
    r = imp()
    t.contains(r.stdout, "1 lines read, 0 transfers recorded, 1 skipped", "a line older than its download is skipped")
    t.eq(row(d1)[3], str(len(video)), "its bytes are not counted")

    # Ranges: a player seeking, a download resumed.
    r = cl.get("/download/%s?mode=watch" % mp4, headers={"Range": "bytes=1000-1999"})
    t.eq(r.status, 206, "a range: 206")
    t.ok(r.raw == video[1000:2000], "the bytes of that range")
    t.eq(r.header("Content-Range"), "bytes 1000-1999/%d" % len(video), "Content-Range")
    t.contains(r.header("Content-Disposition"), "inline", "watching: inline")
    d2 = last_download()
    t.ok(d2 != d1, "watching is another entry than downloading")
    r = cl.get("/download/%s?mode=watch" % mp4, headers={"Range": "bytes=2000000-"})
    t.eq(r.status, 206, "another range, from the middle to the end")
    t.eq(last_download(), d2, "the same session's requests for the file share the entry")
    imp()
    t.eq(row(d2), ["incomplete", "2", "2", str(1000 + len(video) - 2000000), str(len(video))],
         "two ranges, part of the file: incomplete")

    # A download cut short, then resumed from where it stopped (another
    # session: a session's requests for one file share an entry).
    cl2 = account(s, "C" + o, "client-Pa55word")
    port = s.port
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(("GET /download/%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: fm_session=%s\r\n"
                  "User-Agent: cut-short\r\n\r\n" % (mp4, port, cl2.cookies["fm_session"])).encode())
    got = b""
    while len(got) < 60000:
        got += sock.recv(65536)
    sock.close()
    time.sleep(0.5)
    d3 = last_download()
    imp()
    st = row(d3)
    t.eq(st[0], "incomplete", "a download cut short: incomplete")
    t.ok(0 < int(st[3]) < len(video), "with the bytes actually sent (%s of %d)" % (st[3], len(video)))
    sent = int(st[3])
    r = cl2.get("/download/%s" % mp4, headers={"Range": "bytes=%d-" % sent, "User-Agent": "resumed"})
    t.eq(r.status, 206, "resumed with a range")
    t.ok(r.raw == video[sent:], "the rest of the file")
    t.eq(last_download(), d3, "the resumed request counts in the same entry")
    imp()
    t.eq(row(d3)[0], "complete", "once resumed to the end: complete")
    t.eq(row(d3)[3], str(len(video)), "all the bytes sent")

    # In progress: a request nginx has not logged yet.
    s.psql("UPDATE download_log SET requests = requests + 1, status = 'in_progress' WHERE id = %s" % d1)
    imp()
    t.eq(row(d1)[0], "in_progress", "a request not logged by nginx yet: in progress")
    s.psql("UPDATE download_log SET last_request_at = now() - interval '7 hours' WHERE id = %s" % d1)
    imp()
    t.eq(row(d1)[0], "complete", "after 6 hours without its line it is judged on what was sent")

    # Rotation: the rest of the old file, then the new one.
    cl.get("/download/%s" % mp3, headers={"User-Agent": "before-rotation"})
    d4 = last_download()
    os.rename(log, log + ".1")
    with open(os.path.join(s.state, "nginx.pid")) as f:
        os.kill(int(f.read()), 10)   # SIGUSR1: nginx reopens its logs
    time.sleep(0.5)
    r = cl.get("/download/%s?mode=watch" % mp3, headers={"User-Agent": "after-rotation"})
    time.sleep(0.3)
    d5 = last_download()
    r = imp()
    t.contains(r.stdout, "2 lines read, 2 transfers recorded", "after a rotation both files are read")
    t.eq((row(d4)[0], row(d5)[0]), ("complete", "complete"), "the downloads of both files are complete")

    # The staff page shows the log.
    r = c.get("/orders/%s/videos" % o)
    t.contains(r.text, "Téléchargements vidéos clients", "the order's videos page has the download log")
    t.contains(r.text, "C" + o, "with the account")
    t.contains(r.text, "RAS", "the status of complete downloads")
    t.contains(r.text, "Incomplet", "and of incomplete ones")
    t.contains(r.text, "resumed", "the user agent")
    t.contains(r.text, "3,0 Mo", "sizes in French units")

    # Never directly, never through focusd.
    for path in ("/_media/", "/_media/%s" % s.scalar("SELECT path FROM media_files WHERE id = %s" % mp4),
                 "/_files/", "/_media/../focusd.conf"):
        r = cl.get(path)
        t.eq(r.status, 404, "a direct request to %s: 404" % path)
        t.ok(r.raw != video and len(r.raw) < 10000, "and no media bytes")
    t.ok(os.path.exists(media_path(s, s.scalar("SELECT path FROM media_files WHERE id = %s" % mp4))),
         "(the file is there)")
    with open(os.path.join(s.state, "log", "focusd.log")) as f:
        flog = f.read()
    t.ok("GET /download/%s 200" % mp4 in flog, "focusd answered the download requests")
    biggest = max(len(x) for x in flog.split("\n"))
    t.ok(biggest < 2000, "but never carried media bytes")

    # Staff too; unknown media: 404.
    r = c.get("/download/%s" % mp3)
    t.eq((r.status, r.raw == audio), (200, True), "staff download any order's media")
    t.eq(s.psql("SELECT login, staff_user_id IS NOT NULL, account_id IS NULL FROM download_log "
                "WHERE id = %s" % last_download()), [["admin", "t", "t"]], "logged as staff")
    t.eq(cl.get("/download/999999").status, 404, "an unknown media file: 404")
    s.psql("UPDATE media_files SET on_central = false WHERE id = %s" % mp3)
    t.eq(cl.get("/download/%s" % mp3).status, 404, "a file not (yet) on the central server: 404")
t.done()
