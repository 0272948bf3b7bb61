#!/usr/bin/env python3
"""Disks that fill up (issue 13).  Replays: a portal user or client
account could upload files without any limit until the media disk (which
the recordings share) was full.  Now each order's shared files have a
quota (Files.OrderQuotaMB), checked before nginx reads the body and again
in the same SQL step that records the file (two uploads at once cannot
both pass it); staff see each order's usage; below the free-space floor
(Uploads.MinFreeMB, the one the box uploads keep) uploads are refused with
a clear message, box chunks too, while downloads go on, and the staff
pages say the disk is low."""
import os
import signal
import threading
import time
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import set_password, account, PASSWORDS
from fmboxdata import setup, reservation, register_box
from fmupload import BoxAPI, sha

t = TAP()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(kb):
    return PDF + b"0" * (kb * 1024 - len(PDF))


with Stack(t, conf_extra="Files.OrderQuotaMB = 1") as s:
    ids = catalogue(s)
    staff = s.client()
    staff.login_admin()
    o = new_order(staff, ids["Acme Études"], study_ref="QUOTA")
    set_password(s, "C" + o, PASSWORDS["client"])
    set_password(s, "U" + o, PASSWORDS["user"])
    client = account(s, "C" + o, PASSWORDS["client"])
    user = account(s, "U" + o, PASSWORDS["user"])
    up = lambda c, name, data: c.post_multipart("/portal/files", {},
                                                {"file": (name, data, "application/pdf")})
    nfiles = lambda: int(s.scalar("SELECT count(*) FROM order_files"))

    r = up(client, "a.pdf", pdf(600))
    t.eq((r.status, r.location), (303, "/portal/files"), "600 KB under a 1 MB quota: stored")
    r = up(client, "b.pdf", pdf(600))
    t.eq((r.status, r.location), (303, "/portal/files?refused=quota"),
         "600 KB more: refused before nginx reads the body, back to the form")
    r = client.get(r.location)
    t.contains(r.text, "dépasseraient leur quota de 1 Mo", "which says why")
    t.eq(nfiles(), 1, "nothing stored")
    t.eq(s.scalar("SELECT bytes FROM order_file_usage WHERE order_id = %s" % o),
         str(600 * 1024), "the order's usage, kept by the database")
    r = staff.get("/orders/%s/files" % o)
    t.contains(r.text, "Espace occupé par les fichiers de la commande : 600,0 Ko sur 1,0 Mo",
               "staff see the order's usage against its quota")

    # Two uploads at once that each fit but not both: one is stored.
    fid = s.scalar("SELECT id FROM order_files")
    r = client.post("/files/%s/delete" % fid)
    t.eq(r.status, 303, "the file deleted")
    t.eq(s.scalar("SELECT bytes FROM order_file_usage WHERE order_id = %s" % o), "0",
         "the usage follows")
    answers = []

    def race(c, name):
        answers.append(up(c, name, pdf(700)).status)

    threads = [threading.Thread(target=race, args=(client, "c1.pdf")),
               threading.Thread(target=race, args=(user, "c2.pdf"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    t.eq(nfiles(), 1, "two uploads at once of 700 KB each under a 1 MB quota: one stored (%s)"
         % sorted(answers))
    t.ok(int(s.scalar("SELECT coalesce(sum(bytes), 0) FROM order_files")) <= 1024 * 1024,
         "the quota holds")

    # -- the free-space floor ----------------------------------------------------
    fid = s.scalar("SELECT id FROM order_files")
    room1, room2, border, tariff = setup(s)
    st, token, _ = register_box(staff, room1, "Boîtier disque")
    box = BoxAPI(s.url(""), token)
    resv = reservation(s, room1, border, tariff, "-10 minutes", "1 hour")
    box.event("started", "rec-disk", resv, started_at=time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                     time.gmtime()))
    box.event("file", "rec-disk", resv, kind="mp4", path="rec-disk/a.mp4", bytes=5,
              sha256=sha(b"12345"))
    st, doc = box.open("rec-disk", "rec-disk/a.mp4", b"12345")
    media = doc.get("id")
    t.ok(media, "a box's file to send")
    master, workers = s.focusd_pids()
    with open(s.conf(), "a") as f:
        f.write("Uploads.MinFreeMB = 100000000\n")
    os.kill(master, signal.SIGHUP)
    deadline = time.time() + 15
    while time.time() < deadline and not set(s.focusd_pids()[1]).isdisjoint(workers) is True:
        time.sleep(0.2)
    t.ok(set(s.focusd_pids()[1]).isdisjoint(workers), "focusd reloaded with a floor above "
         "the free space")
    r = up(client, "d.pdf", pdf(10))
    t.eq((r.status, r.location), (303, "/portal/files?refused=disk"),
         "below the floor: an upload refused before its body")
    r = client.get(r.location)
    t.contains(r.text, "manque d&#39;espace disque", "with a clear message")
    t.eq(nfiles(), 1, "nothing stored")
    st, doc = box.put(media, 0, b"12345")
    t.ok(st == 507 and "disk full" in doc.get("error", ""),
         "a box's chunk: 507, said in JSON (before nginx took the body)", doc)
    r = client.get("/files/%s" % fid)
    t.ok(r.status == 200 and len(r.raw) == 700 * 1024, "downloads go on")
    for path in ("/companies", "/boxes"):
        t.contains(staff.get(path).text, "Le serveur manque d&#39;espace disque",
                   "%s says the disk is low" % path)
    t.lacks(client.get("/portal").text, "Le serveur manque d&#39;espace disque : les nouveaux",
            "the portal's pages do not (the files tab says it when it matters)")
t.done()
