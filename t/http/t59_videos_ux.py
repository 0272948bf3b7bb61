#!/usr/bin/env python3
"""The order's videos page as staff read it: MP3 links say what they
hold ("MP3 salle + traduction", "MP3 salle", "MP3 traduction"), the
sponsors' downloads are listed apart from the staff's own, a "Choisir un
site" selector appears when the order's rooms are on more than one site,
and a refused edit of a recording's times still goes back, once saved,
to the page the user came from (the day list)."""
import html
import re
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import reserve, media_add, set_password, account

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="VID-UX")
    r1 = reserve(s, o, ids["Salle 1"], "2030-02-19 10:00", "2030-02-19 12:00", ids["Journée"], trad=True)
    reserve(s, o, ids["Salle A"], "2030-02-20 10:00", "2030-02-20 12:00", ids["Journée"])
    rec, (mp4, mp3, room, trad) = media_add(s, r1, [("mp4", b"v" * 5000), ("mp3", b"a" * 500),
                                                    ("mp3_room", b"r" * 300), ("mp3_trad", b"t" * 300)],
                                            "-s", "2030-02-19 10:05", "-e", "2030-02-19 11:50")
    page = html.unescape(c.get("/orders/%s/videos" % o).text)
    for media, label in ((mp3, "MP3 salle + traduction"), (room, "MP3 salle"), (trad, "MP3 traduction")):
        t.ok(re.search(r'href="/download/%s"[^>]*>%s</a>' % (media, re.escape(label)), page),
             "the MP3 link says « %s »" % label)
    t.lacks(page, ">trad.<", "no cryptic « trad. »")
    t.contains(page, "Choisir un site", "rooms on two sites: the « Choisir un site » selector")
    t.ok(re.search(r'<option value="%s"[^>]*>Lyon</option>' % ids["Lyon"], page), "offering Lyon")
    t.ok(re.search(r'<option value="%s"[^>]*>Paris</option>' % ids["Paris"], page), "and Paris")

    # Downloads: the staff's own apart from the sponsors'.
    set_password(s, "C" + o, "client-Pa55word")
    cl = account(s, "C" + o, "client-Pa55word")
    t.eq(cl.get("/download/%s" % mp3).status, 200, "the sponsor downloads the MP3")
    t.eq(c.get("/download/%s" % mp4).status, 200, "staff download the MP4")
    page = c.get("/orders/%s/videos" % o).text
    clients = re.search(r'<table class="list downloads clients">(.*?)</table>', page, re.S)
    staff = re.search(r'<table class="list downloads staff">(.*?)</table>', page, re.S)
    t.ok(clients and "C%s" % o in clients.group(1) and "admin" not in clients.group(1),
         "the clients' table holds the sponsor's download only")
    t.ok(staff and "admin" in staff.group(1) and "C%s" % o not in staff.group(1),
         "the staff's downloads are listed apart")
    t.contains(page, "Téléchargements de l&#39;équipe", "under their own heading")

    # A refused times edit, then saved: back to the day list.
    back = "/videos?date=2030-02-19"
    r = c.get("/recordings/%s/edit?back=%s" % (rec, "%2Fvideos%3Fdate%3D2030-02-19"))
    t.contains(r.text, 'name="back" value="%s"' % back.replace("?", "?"), "the edit page knows where to go back")
    r = c.post("/recordings/%s" % rec, {"day": "2030-02-19", "start": "12:00", "end": "11:00",
                                        "info": "", "back": back})
    t.eq(r.status, 422, "an end before the start: refused")
    t.contains(r.text, 'name="back" value="%s"' % back, "the form shown again still knows where to go back")
    r = c.post("/recordings/%s" % rec, {"day": "2030-02-19", "start": "10:05", "end": "11:55",
                                        "info": "", "back": back})
    t.eq((r.status, r.location), (303, back), "saved: back to the day list, not the order's videos")

    c.get("/lang/en")
    page = html.unescape(c.get("/orders/%s/videos" % o).text)
    t.contains(page, "MP3 room + translation", "English: « MP3 room + translation »")
    t.contains(page, "Staff downloads", "English: « Staff downloads »")
    c.get("/lang/fr")
t.done()
