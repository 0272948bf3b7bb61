"""fmportal - orders with recordings, media files and accounts for the
videos and portal tests.

    ids = catalogue(s)                       (fmorders)
    res = reserve(s, order, ids["Salle 1"], "2030-03-11 10:00", "2030-03-11 12:00", ids["Journée"], live=True)
    rec, media = media_add(s, res, [("mp4", data), ("mp3_room", data2)])
    set_password(s, "C%s" % order, "client-Pa55word")
    c = account(s, "C%s" % order, "client-Pa55word")   # logged in, CSRF token read

Media files go through fm-media (so the tool is exercised too); their
bytes are whatever the test gives.
"""
import os
import re
import subprocess
import tempfile

from fmtest import BUILD

PASSWORDS = {"user": "user-Pa55word", "client": "client-Pa55word",
             "live": "live-Pa55word"}


def reserve(s, order, room, start, end, tariff, live=False, rec=True, trad=False):
    """A reservation (times in Europe/Paris); returns its id."""
    return s.scalar(
        "INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, live, "
        "trad) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id"
        % (order, room, paris(start), paris(end), tariff, rec, live, trad))


def paris(t):
    """SQL for a Europe/Paris local time "YYYY-MM-DD HH:MM", or an SQL
    expression such as now() as it is."""
    if "(" in t:
        return t
    return "('%s'::timestamp AT TIME ZONE 'Europe/Paris')" % t


def fm_media(s, *args):
    return subprocess.run([os.path.join(BUILD, "fm-media"), "-c", s.conf()] + list(args),
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=s.env())


def media_add(s, reservation, files, *extra):
    """Registers a recording of the reservation with files [(kind, bytes)]
    through fm-media; returns (recording id, [media ids])."""
    tmp = tempfile.mkdtemp(prefix="fm-media-src-")
    args = ["add", "-r", str(reservation)] + list(extra)
    for i, (kind, data) in enumerate(files):
        ext = ".mp4" if kind == "mp4" else ".mp3" if kind.startswith("mp3") else ".bin"
        path = os.path.join(tmp, "f%d%s" % (i, ext))
        with open(path, "wb") as f:
            f.write(data)
        args.append("%s=%s" % (kind, path))
    try:
        r = fm_media(s, *args)
    finally:
        subprocess.run(["rm", "-rf", tmp], check=False)
    if r.returncode != 0:
        raise RuntimeError("fm-media failed: %s%s" % (r.stdout, r.stderr))
    rec = re.search(r"^recording (\d+)", r.stdout, re.M).group(1)
    media = re.findall(r"^  media (\d+)", r.stdout, re.M)
    return rec, media


def set_password(s, login, password):
    r = s.admin("account", "passwd", login, stdin=password + "\n")
    if r.returncode != 0:
        raise RuntimeError("fm-admin account passwd failed: " + r.stderr)


def account(s, login, password):
    """A client logged in as an order account, with its CSRF token."""
    c = s.client()
    r = c.login(login, password)
    if r.status != 303:
        raise RuntimeError("login %s failed: %d\n%s" % (login, r.status, r.text[:1500]))
    c.get("/portal/test")   # any page: picks up the session's CSRF token
    return c


def media_path(s, rel):
    return os.path.join(s.state, "data", "media", rel)
