#!/usr/bin/env python3
"""The recording guarantee: the central server measures each media file
itself (fm-media, ffprobe: a box's word is not proof), a session counts as
recorded when its media cover the report's threshold of its booked time
(the union of its recordings, never more than booked), a recording that
covers less is "Incomplet"; the report per box and per month with the
98 % line, its chart and its XLSX; outages declared by staff, proposed by
the server for a silent box during a reservation, confirmed or
dismissed, and the sessions they pause from the repair's start."""
import atexit
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from fmtest import Stack, TAP
from fmboxdata import setup, reservation
from fmportal import fm_media, set_password, account

tmp = tempfile.mkdtemp(prefix="fm-t60-")
atexit.register(shutil.rmtree, tmp, True)


def clip(secs):
    """A real MP4 of secs seconds (1 frame a second, 64x64)."""
    p = os.path.join(tmp, "clip-%d.mp4" % secs)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=gray:s=64x64:r=1", "-t", str(secs), "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv420p", p], check=True)
    return p


def coverage(s, resv):
    return s.psql("SELECT booked_s, covered_s, pct, measured, complete"
                  " FROM reservation_coverage(%s)" % resv)[0]


t = TAP()
short, full = clip(85), clip(600)
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    box = s.scalar("INSERT INTO boxes (room_id, name, token_hash, created_at)"
                   " VALUES (%s, 'Boîtier A', sha256('t60'), now() - interval '60 days')"
                   " RETURNING id" % room1)
    # Two past 10-minute sessions the same day (the report counts by month).
    r1 = reservation(s, room1, order, tariff, "-50 hours", "10 minutes")
    r2 = reservation(s, room1, order, tariff, "-49 hours", "10 minutes")
    year = s.scalar("SELECT extract(year FROM (now() - interval '50 hours')"
                    " AT TIME ZONE 'Europe/Paris')::int")
    month = s.scalar("SELECT extract(month FROM (now() - interval '50 hours')"
                     " AT TIME ZONE 'Europe/Paris')::int")

    # Durations measured by the central server.
    r = fm_media(s, "add", "-r", r1, "-b", "Boîtier A", short)
    t.eq(r.returncode, 0, "fm-media add: a recording of 85 s for a 10-minute session")
    rec1 = s.scalar("SELECT max(id) FROM recordings")
    ms = int(s.scalar("SELECT probed_ms FROM media_files WHERE recording_id = %s" % rec1) or -1)
    t.ok(84000 <= ms <= 86000, "add measures the file with ffprobe: 85 s", ms)
    t.eq(coverage(s, r1), ["600", "85", "14.2", "t", "f"],
         "booked 600 s, covered 85 s: measured, not complete")
    s.psql("UPDATE media_files SET duration_ms = 600000 WHERE recording_id = %s" % rec1)
    t.eq(coverage(s, r1)[1], "85", "what the box says (duration_ms) changes nothing")
    r = fm_media(s, "add", "-r", r1, "-b", "Boîtier A", short)
    t.eq(coverage(s, r1)[1], "85",
         "a second recording of the same 85 s: the union, not the sum")
    r = fm_media(s, "add", "-r", r2, "-b", "Boîtier A", full)
    rec2 = s.scalar("SELECT max(id) FROM recordings")
    t.eq(coverage(s, r2), ["600", "600", "100.0", "t", "t"], "600 s of media: complete")
    s.psql("UPDATE recordings SET starts_at = starts_at - interval '5 minutes',"
           " ends_at = ends_at - interval '5 minutes' WHERE id = %s" % rec2)
    t.eq(coverage(s, r2)[1], "300", "media before the session do not cover it: 300 s left")
    s.psql("UPDATE recordings SET starts_at = starts_at + interval '5 minutes',"
           " ends_at = ends_at + interval '5 minutes' WHERE id = %s" % rec2)

    # Parts: the joined file laid from each part's start.
    s.psql("INSERT INTO recording_parts (recording_id, part, starts_at, path)"
           " SELECT id, 1, starts_at, 'p1' FROM recordings WHERE id = %s;"
           " INSERT INTO recording_parts (recording_id, part, starts_at, path)"
           " SELECT id, 2, starts_at + interval '60 seconds', 'p2' FROM recordings WHERE id = %s"
           % (rec1, rec1))
    t.eq(s.scalar("SELECT string_agg(extract(epoch FROM upper(x) - lower(x))::int::text, ' ')"
                  " FROM recording_media_ranges(%s) x" % rec1), "60 25",
         "two parts: 60 s until the second started, the 25 s left from there")

    # Not a media file: it covers nothing, and says why.
    bad = os.path.join(tmp, "bad.mp4")
    with open(bad, "wb") as f:
        f.write(os.urandom(5000))
    r3 = reservation(s, room2, order, tariff, "-48 hours", "10 minutes")
    fm_media(s, "add", "-r", r3, bad)
    t.ok(s.scalar("SELECT probe_error IS NOT NULL AND probed_ms IS NULL FROM media_files"
                  " WHERE id = (SELECT max(id) FROM media_files)") == "t",
         "a file ffprobe cannot read: an error kept, no duration")
    t.eq(coverage(s, r3)[1:4], ["0", "0.0", "t"], "and nothing covered")

    # fm-media probe: the files still to measure (after an upload).
    s.psql("UPDATE media_files SET on_central = false WHERE recording_id = %s" % rec2)
    t.eq(s.scalar("SELECT probed_at IS NULL FROM media_files WHERE recording_id = %s" % rec2), "t",
         "a file that changes in the store is to be measured again")
    s.psql("UPDATE media_files SET on_central = true WHERE recording_id = %s" % rec2)
    t.eq(coverage(s, r2)[3:5], ["f", "f"], "not measured yet: not proven, not complete")
    r = fm_media(s, "probe")
    t.ok(r.returncode == 0 and "1 media files measured, 0 unreadable" in r.stdout,
         "fm-media probe measures the one waiting", r.stdout + r.stderr)
    t.eq(coverage(s, r2)[4], "t", "then complete again")
    r = fm_media(s, "probe")
    t.contains(r.stdout, "0 media files measured", "a second run has nothing to do")

    # The report.
    def rate_row():
        page = c.get("/boxes/report?year=%s" % year).text
        m = re.search(r'<tr id="rate-%s" class="([^"]*)">.*?<td class="num">(\d+)</td>\s*'
                      r'<td class="num">(\d+)</td>\s*<td class="num">([^<]*)</td>\s*'
                      r'<td class="num">(\d+)</td>' % box, page, re.S)
        return page, (m.groups() if m else None)

    page, row = rate_row()
    t.eq(row, ("alarm", "2", "1", "50,0 %", "0"),
         "2 sessions, the 85-s one not recorded: 50,0 %, below the line (red)")
    t.contains(page, "<strong>90 %</strong>", "the report says its threshold")
    t.contains(page, "<strong>98 %</strong>", "and the guarantee")
    m = re.search(r'<tr id="missed-%s">(.*?)</tr>' % r1, page, re.S)
    t.ok(m and "Incomplet" in m.group(1) and "14,2 %" in m.group(1),
         "the session missed is listed, incomplete, with what its media cover",
         m.group(1) if m else None)
    t.ok('<svg id="rate-chart"' in page and 'id="rate-line" x1="45" y1="24"' in page,
         "a chart with the 98 % line (2 px a percent above y = 220)")
    t.ok(re.search(r'<rect class="bar below" x="%d" y="120" width="36" height="100"'
                   % (50 + (int(month) - 1) * 45), page),
         "the month's bar at 50 %, red")
    m = re.search(r'<tr id="month-%s" class="alarm"><td>[^<]+</td><td class="num">2</td>'
                  r'<td class="num">1</td><td class="num">0</td><td class="num">50,0 %%</td>'
                  % month, page)
    t.ok(m, "the month's row for the site")

    # The threshold is a setting (admin).
    r = c.post("/boxes/report/settings", {"coverage_pct": "10"})
    t.eq(r.status, 303, "the threshold set to 10 %")
    page, row = rate_row()
    t.eq(row, ("", "2", "2", "100,0 %", "0"), "85 s of 600 is above 10 %: both recorded")
    t.contains(page, "<strong>10 %</strong>", "the report says the new threshold")
    r = c.post("/boxes/report/settings", {"coverage_pct": "0"})
    t.eq(r.status, 422, "0 %: refused")
    c.post("/boxes/report/settings", {"coverage_pct": "90"})

    # XLSX.
    r = c.get("/boxes/report.xlsx?year=%s" % year)
    t.ok(r.status == 200 and "spreadsheetml" in (r.header("Content-Type") or ""),
         "the report as a workbook")
    z = zipfile.ZipFile(io.BytesIO(r.raw))
    sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    strings = z.read("xl/sharedStrings.xml").decode()
    t.eq(len(sheets), 4, "four sheets: summary, boxes, months, sessions not recorded")
    boxes_xml = z.read("xl/worksheets/sheet2.xml").decode()
    t.ok("Boîtier A" in strings and re.search(r'<v>50</v>', boxes_xml)
         and re.search(r'<c r="D2"[^>]*><v>2</v>', boxes_xml),
         "the box's row: 2 scheduled, rate 50 as a number", boxes_xml[-600:])

    # Outages declared by staff: the count pauses from the repair's start.
    page = c.get("/boxes/%s" % box)
    t.eq(page.status, 200, "the box's page")
    t.contains(page.text, "Aucune panne", "no outage yet")
    hm = lambda iv: s.scalar("SELECT to_char((now() - interval '%s') AT TIME ZONE 'Europe/Paris', 'HH24:MI')" % iv)
    dd = lambda iv: s.scalar("SELECT to_char((now() - interval '%s') AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')" % iv)
    r = c.post("/boxes/%s/outages" % box, {
        "detected_day": dd("51 hours"), "detected_time": hm("51 hours"),
        "repair_day": dd("51 hours"), "repair_time": "",
        "restored_day": "", "restored_time": "", "note": "câble"})
    t.eq(r.status, 422, "a repair day without its time: 422")
    t.contains(r.text, "Indiquez le jour", "saying what is missing")
    r = c.post("/boxes/%s/outages" % box, {
        "detected_day": dd("51 hours"), "detected_time": hm("51 hours"),
        "repair_day": dd("52 hours"), "repair_time": hm("52 hours"),
        "restored_day": "", "restored_time": "", "note": "câble"})
    t.eq(r.status, 422, "a repair before the detection: 422")
    t.contains(r.text, "doivent se suivre", "with its message")
    r = c.post("/boxes/%s/outages" % box, {
        "detected_day": dd("51 hours"), "detected_time": hm("51 hours"),
        "repair_day": dd("50 hours 30 minutes"), "repair_time": hm("50 hours 30 minutes"),
        "restored_day": dd("49 hours 30 minutes"), "restored_time": hm("49 hours 30 minutes"),
        "note": "carte de capture"})
    t.eq(r.status, 303, "an outage declared, repaired 30 minutes after detection, restored an hour later")
    t.eq(s.psql("SELECT status, created_by, note FROM box_outages"),
         [["confirmed", "admin", "carte de capture"]], "confirmed, by whom, with its note")
    page, row = rate_row()
    t.eq(row, ("", "1", "1", "100,0 %", "1"),
         "the session during the repair is not counted: 1 of 1, 1 in outage")
    t.contains(c.get("/boxes/%s" % box).text, "carte de capture", "the box's page lists it")
    t.contains(c.get("/boxes").text, "carte de capture", "and /boxes")
    s.psql("UPDATE box_outages SET repair_started_at = detected_at + interval '75 minutes'")
    _, row = rate_row()
    t.eq(row[1:], ("2", "1", "50,0 %", "0"),
         "a repair that started after the session: the session counts")

    # The server proposes an outage: a silent box during a reservation.
    s.psql("DELETE FROM box_outages")
    s.psql("UPDATE boxes SET last_heartbeat = now() - interval '10 minutes', state = 'recording'")
    now_r = reservation(s, room1, order, tariff, "-5 minutes", "1 hour")
    r = fm_media(s, "propose")
    t.ok(r.returncode == 0 and re.search(r"outage \d+ proposed: box Boîtier A silent during reservation %s"
                                         % now_r, r.stdout), "fm-media propose: one proposal", r.stdout)
    t.eq(fm_media(s, "propose").stdout, "", "once: a second run proposes nothing")
    oid = s.scalar("SELECT id FROM box_outages")
    page = c.get("/boxes").text
    m = re.search(r'<tr id="outage-%s" class="([^"]*)">(.*?)</tr>' % oid, page, re.S)
    t.ok(m and "alarm" in m.group(1) and "proposée" in m.group(2) and "silencieux" in m.group(2),
         "/boxes shows the proposal in red, and why")
    r = c.get("/outages/%s" % oid)
    t.ok(r.status == 200 and 'name="detected_day"' in r.text, "the proposal's page: a form to confirm it")
    r = c.post("/outages/%s" % oid, {
        "detected_day": dd("3 minutes"), "detected_time": hm("3 minutes"),
        "repair_day": dd("2 minutes"), "repair_time": hm("2 minutes"),
        "restored_day": "", "restored_time": "", "note": "boîtier débranché"})
    t.eq(r.status, 303, "confirmed with the repair's start")
    t.eq(s.psql("SELECT status, decided_by, restored_at IS NULL FROM box_outages"),
         [["confirmed", "admin", "t"]], "confirmed, by admin, still open")
    t.eq(fm_media(s, "propose").stdout, "", "no new proposal while an outage is open")
    s.psql("UPDATE box_outages SET restored_at = now()")
    s.psql("UPDATE boxes SET state = 'error', last_heartbeat = now()")
    r2now = reservation(s, room2, order, tariff, "-5 minutes", "1 hour")
    s.psql("DELETE FROM box_outages")
    r = fm_media(s, "propose")
    t.contains(r.stdout, "error during reservation %s" % now_r, "a box in error: proposed too")
    oid = s.scalar("SELECT id FROM box_outages")
    r = c.post("/outages/%s/dismiss" % oid)
    t.eq(r.status, 303, "dismissed")
    t.eq(s.scalar("SELECT status FROM box_outages"), "dismissed", "kept as dismissed")
    t.eq(fm_media(s, "propose").stdout, "", "and not proposed again for that reservation")
    t.eq(c.post("/outages/%s/dismiss" % oid).status, 404, "dismissing it again: 404")
    s.psql("DELETE FROM reservations WHERE id IN (%s, %s)" % (now_r, r2now))

    # Incomplete on /boxes.
    page = c.get("/boxes").text
    m = re.search(r'<tr id="recording-%s">(.*?)</tr>' % rec1, page, re.S)
    t.ok(m and "85 s" in m.group(1) and "Incomplet" in m.group(1),
         "/boxes: the recording's measured 85 s, incomplete", m.group(1) if m else None)
    m = re.search(r'<tr id="recording-%s">(.*?)</tr>' % rec2, page, re.S)
    t.ok(m and "600 s" in m.group(1) and "Incomplet" not in m.group(1), "the complete one is not flagged")

    # Incomplete on the videos pages and the portal, with the covered time.
    page = c.get("/orders/%s/videos" % order).text
    m = re.search(r'<tr id="rec-%s">(.*?)</tr>' % rec1, page, re.S)
    t.ok(m and "Incomplet" in m.group(1) and "00:01:25 / 00:10:00 (14,2 %)" in m.group(1),
         "the order's videos: incomplete, 1:25 of 10:00", m.group(1)[-400:] if m else None)
    m = re.search(r'<tr id="rec-%s">(.*?)</tr>' % rec2, page, re.S)
    t.ok(m and "Incomplet" not in m.group(1), "the complete one is not flagged")
    day = s.scalar("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') FROM recordings"
                   " WHERE id = %s" % rec1)
    page = c.get("/videos?date=%s" % day).text
    m = re.search(r'<tr id="rec-%s">(.*?)</tr>' % rec1, page, re.S)
    t.ok(m and "Incomplet" in m.group(1), "the day's videos: incomplete")
    set_password(s, "C%s" % order, "client-Pa55word")
    client = account(s, "C%s" % order, "client-Pa55word")
    page = client.get("/portal").text
    m = re.search(r'<tr id="rec-%s">(.*?)</tr>' % rec1, page, re.S)
    t.ok(m and "Incomplet" in m.group(1) and "00:01:25 / 00:10:00" in m.group(1),
         "the portal: incomplete, with the covered time", page[-1500:] if not m else m.group(1))
    c.post("/boxes/report/settings", {"coverage_pct": "10"})
    page = client.get("/portal").text
    m = re.search(r'<tr id="rec-%s">(.*?)</tr>' % rec1, page, re.S)
    t.ok(m and "Incomplet" not in m.group(1), "a new threshold reaches the portal's kept page")
    c.post("/boxes/report/settings", {"coverage_pct": "90"})

    # English.
    c.get("/lang/en")
    page, row = rate_row()
    t.eq(row[3], "50.0 %", "in English: 50.0 %")
    t.contains(page, "Incomplete", "and Incomplete")
t.done()
