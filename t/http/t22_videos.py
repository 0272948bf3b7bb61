#!/usr/bin/env python3
"""Staff "Vidéos": the recordings of a day (today by default) with a
month calendar and the days around, a search on any day (order number,
study ref, company, contact), each row with its references, room, times,
options, a mark when the times were edited, and its actions; an order's
videos in time order with download and watch links, the note, moving to
another reservation (of this order or another), deleting (the files leave
the disk, the event is kept), the times edit page (422 keeps what was
typed and changes nothing)."""
import html
import os
import re
import urllib.parse
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import reserve, media_add, media_path

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    A = new_order(c, ids["Acme Études"], contact_id=ids["Durand"], study_ref="Routine - Concert")
    B = new_order(c, ids["Zeta Conseil"], contact_id=ids["Zed"], study_ref="ETU-ZETA")
    today = s.scalar("SELECT (now() AT TIME ZONE 'Europe/Paris')::date")
    rA = reserve(s, A, ids["Salle 1"], today + " 08:00", today + " 09:30", ids["Journée"], live=True, trad=True)
    rA2 = reserve(s, A, ids["Salle 2"], "2030-02-19 12:30", "2030-02-19 19:07", ids["Journée"])
    rB = reserve(s, B, ids["Salle A"], "2030-02-19 14:00", "2030-02-19 16:00", ids["Journée"])
    rec1, m1 = media_add(s, rA, [("mp4", b"v" * 5000), ("mp3", b"a" * 500), ("mp3_room", b"r" * 300),
                                 ("mp3_trad", b"t" * 300)], "-s", today + " 08:05", "-e", today + " 09:20")
    rec2, m2 = media_add(s, rA2, [("mp4", b"w" * 6000)], "-s", "2030-02-19 13:35", "-e", "2030-02-19 14:30",
                         "-i", "Groupe 1")
    rec3, m3 = media_add(s, rB, [("mp4", b"z" * 7000)])

    # Today by default.
    r = c.get("/videos")
    t.eq(r.status, 200, "/videos")
    t.contains(r.text, 'href="/videos" class="on"', "in the main menu")
    label = "/".join(reversed(today.split("-")))
    t.contains(r.text, "Enregistrements du " + label, "today's recordings by default")
    t.contains(r.text, 'id="rec-%s"' % rec1, "today's recording is listed")
    t.lacks(r.text, 'id="rec-%s"' % rec2, "not another day's")
    row = re.search(r'<tr id="rec-%s">.*?</tr>' % rec1, r.text, re.S).group(0)
    t.contains(row, "<strong>%s</strong> - Routine - Concert" % A, "order number and study ref")
    t.contains(row, "Acme Études - Alice Durand", "company and contact")
    t.contains(row, "Salle 1", "room")
    t.contains(row, label + " 08:05-09:20", "date, start-end")
    t.contains(row, "Auto</i>", "option: Auto (recording)")
    t.contains(row, "Live</i>", "option: Live")
    t.contains(row, "Trad</i>", "option: Trad")
    t.lacks(row, "✱", "no mark: times as recorded")
    for href, what in (("/recordings/%s/edit" % rec1, "edit the times"), ("/orders/%s\"" % A, "open the order"),
                       ("/orders/%s/files" % A, "the order's files"), ("/orders/%s/access/fr" % A, "codes in French"),
                       ("/orders/%s/access/en" % A, "codes in English"), ("/orders/%s/videos" % A, "the order's videos")):
        t.contains(row, 'href="' + href, "action: " + what)
    t.contains(r.text, "Légende", "a legend")
    t.contains(r.text, 'class="cal"', "a month calendar")

    # Another day, days around, the calendar.
    r = c.get("/videos?date=2030-02-19")
    t.contains(r.text, "Enregistrements du 19/02/2030", "another day")
    t.ok('id="rec-%s"' % rec2 in r.text and 'id="rec-%s"' % rec3 in r.text, "its recordings")
    t.ok(r.text.index('id="rec-%s"' % rec2) < r.text.index('id="rec-%s"' % rec3), "in time order")
    t.contains(r.text, 'href="/videos?date=2030-02-18" rel="prev"', "the day before")
    t.contains(r.text, 'href="/videos?date=2030-02-20" rel="next"', "the day after")
    t.contains(r.text, "Février 2030", "the calendar's month")
    t.contains(r.text, '<td class=" sel has"><a href="/videos?date=2030-02-19" title="2 enregistrements">19</a>',
               "the day chosen, with recordings, marked")
    t.contains(r.text, '<td class="out"><a href="/videos?date=2030-01-28">28</a>', "days of the month around, apart")
    t.contains(r.text, 'href="/videos?date=2030-01-01"', "the previous month")
    r = c.get("/videos?date=31/02/2030")
    t.eq(r.status, 200, "a wrong date: today instead")
    t.contains(r.text, "Enregistrements du " + label, "(today)")

    # Search on every day.
    for q, found, what in ((A, {rec1, rec2}, "the order number"), ("n° %s" % B, {rec3}, "n° and the number"),
                           ("routine", {rec1, rec2}, "the study ref"), ("zeta", {rec3}, "the company"),
                           ("durand", {rec1, rec2}, "the contact"), ("ALICE", {rec1, rec2}, "the first name"),
                           ("%", set(), "% literally")):
        r = c.get("/videos?q=" + urllib.parse.quote_plus(q))
        got = set(re.findall(r'<tr id="rec-(\d+)">', r.text))
        t.eq(got, found, "search by " + what)
    t.contains(c.get("/videos?q=zeta").text, "Enregistrements : «\u00a0zeta\u00a0»", "the search is said")

    # An order's videos.
    r = c.get("/orders/%s/videos" % A)
    t.eq(r.status, 200, "an order's videos")
    t.contains(r.text, "Vidéos de la commande", "titled")
    t.ok(r.text.index('id="rec-%s"' % rec1) < r.text.index('id="rec-%s"' % rec2), "in time order")
    row = re.search(r'<tr id="rec-%s">.*?</tr>' % rec1, r.text, re.S).group(0)
    t.contains(row, 'href="/download/%s" download>MP4' % m1[0], "download the video")
    t.contains(row, 'href="/download/%s" download class="dl-mp3">MP3 salle + traduction' % m1[1],
               "download the audio (both channels, said so)")
    t.contains(row, 'href="/download/%s" download class="dl-mp3" title="Son de la salle seul (MP3)">MP3 salle<'
               % m1[2], "the room's sound alone")
    t.contains(row, 'href="/download/%s" download class="dl-mp3" title="Traduction seule (MP3)">MP3 traduction<'
               % m1[3], "the translation alone")
    t.contains(row, 'href="/portal/watch/%s"' % rec1, "watch online")
    t.contains(row, 'action="/recordings/%s/delete"' % rec1, "delete")
    t.contains(row, 'href="/recordings/%s/move"' % rec1, "change reservation")
    t.contains(row, "Enregistrer", "save")
    t.lacks(r.text, "(sur site)", "no on-site columns: no box link here")
    t.contains(r.text, "il faut être sur le réseau du site", "the page says where on-site downloads work")
    t.lacks(r.text, 'id="rec-%s"' % rec3, "not another order's")
    t.eq(c.get("/orders/999999/videos").status, 404, "an unknown order: 404")
    r = c.get("/portal/watch/%s" % rec1)
    t.contains(r.text, 'src="/download/%s?mode=watch"' % m1[0], "staff watch online too")

    # The note, from the list.
    r = c.post("/recordings/%s" % rec2, {"day": "19/02/2030", "start": "13:35", "end": "14:30", "info": "Groupe 1 bis",
                                          "back": "/orders/%s/videos" % A})
    t.eq((r.status, r.location), (303, "/orders/%s/videos" % A), "the note saved, back to the list")
    t.eq(s.psql("SELECT info, times_edited FROM recordings WHERE id = %s" % rec2), [["Groupe 1 bis", "f"]],
         "a note alone does not mark the times edited")

    # Times.
    r = c.get("/recordings/%s/edit" % rec2)
    t.contains(r.text, 'value="2030-02-19"', "the edit page shows the day")
    t.contains(r.text, 'value="13:35"', "and the times")
    r = c.post("/recordings/%s" % rec2, {"day": "2030-02-19", "start": "15:00", "end": "14:00", "info": "x"})
    t.eq(r.status, 422, "an end before the start: 422")
    t.contains(r.text, "La fin doit suivre le début", "with a message")
    t.contains(r.text, 'value="15:00"', "what was typed is kept")
    r = c.post("/recordings/%s" % rec2, {"day": "2030-02-30", "start": "25:00", "end": "14:00"})
    t.eq(r.status, 422, "a bad day and time: 422")
    t.eq(s.psql("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), info FROM recordings "
                "WHERE id = %s" % rec2), [["13:35", "Groupe 1 bis"]], "nothing written")
    r = c.post("/recordings/%s" % rec2, {"day": "2030-02-19", "start": "13:40", "end": "14:25", "info": "Groupe 1"})
    t.eq(r.status, 303, "times saved")
    t.eq(s.psql("SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), "
                "to_char(ends_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'), times_edited FROM recordings "
                "WHERE id = %s" % rec2), [["13:40", "14:25", "t"]], "stored, marked as edited by hand")
    t.contains(c.get("/videos?date=2030-02-19").text, "13:40-14:25 <span class=\"edited\"", "the list marks it ✱")

    # Move to another order's reservation.
    r = c.get("/recordings/%s/move" % rec2)
    t.eq(r.status, 200, "the move page")
    t.contains(r.text, 'value="%s" id="c-%s" checked' % (rA2, rA2), "the current reservation is chosen")
    t.contains(r.text, 'value="%s"' % rB, "a reservation of the same day in another order is offered")
    r = c.get("/recordings/%s/move?order=%s" % (rec2, B))
    t.contains(r.text, 'value="%s"' % rB, "so are another order's, by number")
    t.eq(c.post("/recordings/%s/move" % rec2, {"reservation_id": ""}).status, 422, "no choice: 422")
    t.eq(c.post("/recordings/%s/move" % rec2, {"reservation_id": "999999"}).status, 404,
         "an unknown reservation: 404")
    t.eq(s.scalar("SELECT reservation_id FROM recordings WHERE id = %s" % rec2), rA2, "nothing moved")
    r = c.post("/recordings/%s/move" % rec2, {"reservation_id": rB})
    t.eq((r.status, r.location), (303, "/orders/%s/videos" % A), "moved: back to the first order")
    t.eq(s.scalar("SELECT reservation_id FROM recordings WHERE id = %s" % rec2), rB, "it belongs to the other one")
    t.contains(c.get("/orders/%s/videos" % B).text, 'id="rec-%s"' % rec2, "which now lists it")
    t.eq(s.scalar("SELECT count(*) FROM recording_events WHERE recording_id = %s AND action = 'move'" % rec2), "2",
         "the move is in both orders' history")

    # A recording its box is still making cannot be deleted (its next
    # event would make it again): no button, and the POST is refused.
    s.psql("UPDATE recordings SET open = true WHERE id = %s" % rec1)
    t.lacks(c.get("/orders/%s/videos" % A).text, 'action="/recordings/%s/delete"' % rec1,
            "being recorded: no delete button")
    r = c.post("/recordings/%s/delete" % rec1, {"back": "/orders/%s/videos" % A})
    t.eq((r.status, s.scalar("SELECT count(*) FROM recordings WHERE id = %s" % rec1)), (303, "1"),
         "being recorded: deleting it is refused")
    t.contains(c.get(r.location).text, "il pourra être effacé quand il sera terminé", "saying why")
    s.psql("UPDATE recordings SET open = false WHERE id = %s" % rec1)

    # Delete: files gone from the disk, the event kept.
    paths = [p for (p,) in s.psql("SELECT path FROM media_files WHERE recording_id = %s" % rec1)]
    t.ok(all(os.path.exists(media_path(s, p)) for p in paths), "(the files are on disk)")
    r = c.post("/recordings/%s/delete" % rec1, {"back": "/orders/%s/videos" % A})
    t.eq(r.status, 303, "delete: 303")
    t.eq(s.scalar("SELECT count(*) FROM recordings WHERE id = %s" % rec1), "0", "the recording is gone")
    t.eq(s.scalar("SELECT count(*) FROM media_files WHERE recording_id = %s" % rec1), "0", "its media rows too")
    t.ok(not any(os.path.exists(media_path(s, p)) for p in paths), "and its files from the disk")
    log = s.focusd_log()
    t.contains(log, "recording %s of order %s deleted by admin" % (rec1, A), "logged")
    t.ok(all(("removed %s" % media_path(s, p)) in log for p in paths), "each file removal logged")
    r = c.get("/orders/%s/videos" % A)
    t.contains(r.text, "Historique des enregistrements", "the order's videos page keeps the history")
    t.contains(r.text, "suppression", "with the deletion")
    t.eq(c.post("/recordings/%s/delete" % rec1).status, 404, "deleting it again: 404")
    t.eq(c.get("/download/%s" % m1[0]).status, 404, "its media: 404")

    # Download on site: a file still on the box that recorded it gets a
    # link signed for that box (the box serves it to its site's network).
    r = c.get("/orders/%s/videos" % B)
    t.lacks(r.text, "192.168.50.7", "no on-site link while no box holds the file")
    box = s.scalar("INSERT INTO boxes (room_id, name, token_hash, link_key, local_url) VALUES "
                   "(%s, 'box-a', sha256('t'), repeat('ab', 32), 'http://192.168.50.7:8090') RETURNING id"
                   % ids["Salle A"])
    s.psql("UPDATE recordings SET box_id = %s WHERE id = %s" % (box, rec3))
    s.psql("UPDATE media_files SET on_box = true WHERE recording_id = %s" % rec3)
    r = c.get("/orders/%s/videos" % B)
    m = re.search(r'href="(http://192\.168\.50\.7:8090/[^"]+)"', r.text)
    t.ok(m is not None, "an on-site link to the box", r.text[-3000:])
    if m:
        link = html.unescape(m.group(1))
        q = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        t.ok("e" in q or "expires" in q or "sig" in q or "s" in q, "signed, with an expiry", link)
t.done()
