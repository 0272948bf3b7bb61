#!/usr/bin/env python3
"""fm-media: registers recordings and their files (copied or moved into
the media store as YYYY/MM/DD/r<recording>-<kind>.<ext>, SHA-256 computed
on the way), all or nothing; adds files to a recording; lists; verifies
the stored files against their SHA-256."""
import atexit
import hashlib
import os
import shutil
import stat
import tempfile
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import reserve, fm_media, media_path

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-MEDIA")
    res = reserve(s, o, ids["Salle 1"], "2030-03-11 10:00", "2030-03-11 12:00", ids["Journée"])
    src = tempfile.mkdtemp(prefix="fm-media-t-")
    atexit.register(shutil.rmtree, src, True)

    def make(name, data):
        p = os.path.join(src, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def store_files():
        out = set()
        for d, _, fs in os.walk(os.path.join(s.state, "data", "media")):
            out |= {os.path.relpath(os.path.join(d, f), os.path.join(s.state, "data", "media")) for f in fs}
        return out

    video, room, trad = os.urandom(150000), os.urandom(20000), os.urandom(20000)
    pv, pr, pt = make("séance 1.MP4", video), make("room.mp3", room), make("trad", trad)
    r = fm_media(s, "add", "-r", res, pv, "mp3_room=" + pr, "mp3_trad=" + pt, "-i", "Groupe 1")
    t.eq(r.returncode, 0, "add: exit 0", )
    rec = s.scalar("SELECT max(id) FROM recordings")
    t.contains(r.stdout, "recording %s (reservation %s, order %s)" % (rec, res, o), "it says what it recorded")
    rows = s.psql("SELECT kind, path, bytes, sha256, on_central FROM media_files WHERE recording_id = %s "
                  "ORDER BY id" % rec)
    want = [["mp4", "2030/03/11/r%s-mp4.mp4" % rec, str(len(video)), hashlib.sha256(video).hexdigest(), "t"],
            ["mp3_room", "2030/03/11/r%s-mp3_room.mp3" % rec, str(len(room)), hashlib.sha256(room).hexdigest(), "t"],
            ["mp3_trad", "2030/03/11/r%s-mp3_trad" % rec, str(len(trad)), hashlib.sha256(trad).hexdigest(), "t"]]
    t.eq(rows, want, "one media row per file: kind (from the extension or given), path by day, size, SHA-256")
    for kind, path, _, _, _ in want:
        with open(media_path(s, path), "rb") as f:
            data = f.read()
        t.ok(data == {"mp4": video, "mp3_room": room, "mp3_trad": trad}[kind], path + ": the bytes")
        t.eq(stat.S_IMODE(os.stat(media_path(s, path)).st_mode), 0o640, path + ": mode 0640")
    t.ok(os.path.exists(pv), "copied: the source stays")
    t.eq(s.psql("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD HH24:MI'), "
                "to_char(ends_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), info, times_edited FROM recordings "
                "WHERE id = %s" % rec), [["2030-03-11 10:00", "12:00", "Groupe 1", "f"]],
         "the recording takes the reservation's times by default, and the note")
    t.eq(s.psql("SELECT action, who LIKE 'fm-media (%%' FROM recording_events WHERE recording_id = %s" % rec),
         [["add", "t"]], "an event says who added it")

    # Times given; moved files; a name already taken.
    pv2 = make("autre.mp4", b"second video")
    r = fm_media(s, "add", "--reservation", res, "--start", "2030-03-11 10:05", "--end", "2030-03-11 11:55",
                 "--move", pv2)
    t.eq(r.returncode, 0, "add --move: exit 0")
    rec2 = s.scalar("SELECT max(id) FROM recordings")
    t.eq(s.psql("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), "
                "to_char(ends_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') FROM recordings WHERE id = %s" % rec2),
         [["10:05", "11:55"]], "the times given")
    t.ok(not os.path.exists(pv2), "moved: the source is gone")
    t.ok(os.path.exists(media_path(s, "2030/03/11/r%s-mp4.mp4" % rec2)), "and in the store")
    pv3 = make("more.mp4", b"third")
    r = fm_media(s, "add", "--recording", rec, pv3)
    t.eq(r.returncode, 0, "add --recording: files added to a recording")
    t.eq(s.scalar("SELECT path FROM media_files WHERE recording_id = %s ORDER BY id DESC LIMIT 1" % rec),
         "2030/03/11/r%s-mp4-2.mp4" % rec, "a taken name gets a number, nothing is overwritten")

    # All or nothing.
    before, nrec, nmed = store_files(), s.scalar("SELECT count(*) FROM recordings"), \
        s.scalar("SELECT count(*) FROM media_files")
    for args, what in ((["add", "-r", "999999", pv], "an unknown reservation"),
                       (["add", "-r", res, "-s", "2030-03-11 12:00", "-e", "2030-03-11 11:00", pv],
                        "an end before the start"),
                       (["add", "--recording", "999999", pv], "an unknown recording")):
        r = fm_media(s, *args)
        t.eq(r.returncode, 1, what + ": exit 1")
        t.ok(r.stderr.startswith("fm-media: "), what + ": says why", r.stderr)
    r = fm_media(s, "add", "-r", res, pv, os.path.join(src, "missing.mp4"))
    t.eq(r.returncode, 2, "a missing file: exit 2 before anything")
    t.contains(r.stderr, "missing.mp4: not a readable file", "named")
    r = fm_media(s, "add", "-r", res)
    t.eq(r.returncode, 2, "no file: usage")
    t.eq((store_files(), s.scalar("SELECT count(*) FROM recordings"), s.scalar("SELECT count(*) FROM media_files")),
         (before, nrec, nmed), "nothing recorded, no file left in the store")

    # list, verify.
    r = fm_media(s, "list", "-o", o)
    t.eq(r.returncode, 0, "list: exit 0")
    t.contains(r.stdout, "2030/03/11/r%s-mp3_room.mp3" % rec, "lists the files")
    r = fm_media(s, "verify")
    t.eq(r.returncode, 0, "verify: all good")
    t.contains(r.stdout, "5 media files checked, 0 missing or changed", "says so")
    with open(media_path(s, want[1][1]), "r+b") as f:
        f.write(b"X")
    os.unlink(media_path(s, want[2][1]))
    r = fm_media(s, "verify", "-o", o)
    t.eq(r.returncode, 1, "verify after damage: exit 1")
    t.contains(r.stdout, "CHANGED media", "a changed file is reported")
    t.contains(r.stdout, "MISSING media", "a missing one too")

    t.eq(c.get("/download/%s" % s.scalar("SELECT id FROM media_files WHERE path = '%s'" % want[0][1])).raw, video,
         "a registered file downloads")
t.done()
