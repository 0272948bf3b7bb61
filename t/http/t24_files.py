#!/usr/bin/env python3
"""Files shared on an order: upload (portal and staff), the stored name
cannot escape the storage folder (the bytes are stored under the order and
the file's id), the content must be an accepted type matching the
extension, too large is refused with a clear message at every limit
(Files.MaxUploadMB, Limits.MaxBodyMB, nginx's client_max_body_size) and
leaves nothing behind (no spool file, no row, no file); download as an
attachment that a browser never renders; delete removes the file."""
import os
import struct
import urllib.parse
import zlib
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import set_password, account, media_path, PASSWORDS

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png():
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def new_files(before):
    """Files made since `before` in the state folder (logs and PostgreSQL
    aside)."""
    return {p for p in tree(s.state) - before
            if not p.startswith(("log" + os.sep, "pg" + os.sep))}


def tree(root):
    out = set()
    for d, _, fs in os.walk(root):
        for f in fs:
            out.add(os.path.relpath(os.path.join(d, f), root))
    return out


t = TAP()
with Stack(t, conf_extra="Limits.MaxBodyMB = 3\nFiles.MaxUploadMB = 1", nginx_max_body="5m") as s:
    ids = catalogue(s)
    staff = s.client()
    staff.login_admin()
    o = new_order(staff, ids["Acme Études"], study_ref="ETU-FILES")
    set_password(s, "C" + o, PASSWORDS["client"])
    c = account(s, "C" + o, PASSWORDS["client"])
    spool = os.path.join(s.state, "tmp")
    state_before = tree(s.state)

    def nfiles():
        return int(s.scalar("SELECT count(*) FROM order_files"))

    def up(client, name, data, ctype="application/octet-stream", path="/portal/files"):
        return client.post_multipart(path, {}, {"file": (name, data, ctype)})

    r = c.get("/portal/files")
    t.eq(r.status, 200, "the portal's Files tab")
    t.contains(r.text, 'enctype="multipart/form-data"', "an upload form")
    t.contains(r.text, "Taille maximale : 1 Mo", "that says the size limit")
    t.contains(r.text, 'data-max="1048576"', "(checked in the browser too)")

    # Upload, list, download.
    r = up(c, "Étude été.pdf", PDF, "application/pdf")
    t.eq((r.status, r.location), (303, "/portal/files"), "a PDF: 303 back to the list")
    fid, path, name, ctype, sha, by = s.psql(
        "SELECT id, path, name, content_type, sha256, uploaded_by FROM order_files")[0]
    t.eq((path, name, ctype, by), ("files/%s/%s" % (o, fid), "Étude été.pdf", "application/pdf", "C" + o),
         "stored under the order and its id, its name kept for display, its type, who added it")
    t.ok(len(sha) == 64, "with its SHA-256")
    with open(media_path(s, path), "rb") as f:
        t.ok(f.read() == PDF, "the bytes are in the media store")
    t.contains(c.get("/portal/files").text, "Étude été.pdf", "the list shows it")
    r = c.get("/files/%s" % fid)
    t.eq(r.status, 200, "download: 200")
    t.ok(r.raw == PDF, "the bytes")
    t.eq(r.header("Content-Type"), "application/octet-stream", "never shown by the browser (octet-stream)")
    t.eq(r.header("Content-Disposition"),
         "attachment; filename=\"_tude__t_.pdf\"; filename*=UTF-8''%s" % urllib.parse.quote("Étude été.pdf"),
         "an attachment with its name (RFC 5987)")
    t.contains(r.header("Content-Security-Policy") or "", "sandbox", "sandboxed should it be opened")
    t.eq(r.header("X-Content-Type-Options"), "nosniff", "nosniff")
    t.eq(s.client().get("/_files/%s/%s" % (o, fid)).status, 404, "never directly")
    r = staff.get("/orders/%s/files" % o)
    t.contains(r.text, "Étude été.pdf", "staff see it on the order's files page")
    r = up(staff, "photo.png", png(), "image/png", "/orders/%s/files" % o)
    t.eq((r.status, r.location), (303, "/orders/%s/files" % o), "staff upload: 303")
    t.eq(s.scalar("SELECT content_type FROM order_files WHERE name = 'photo.png'"), "image/png", "a PNG")
    t.contains(c.get("/portal/files").text, "photo.png", "the client sees the staff's file")

    # Names: the file goes under the order and its id whatever the name.
    for sent, shown in (("../../../etc/cron.d/evil.pdf", "evil.pdf"),
                        ("..\\..\\windows\\win.pdf", "win.pdf"),
                        ("/absolute/path.pdf", "path.pdf"),
                        ("a\x01b\x7fc.pdf", "abc.pdf"),
                        ("x" * 300 + ".pdf", None)):
        before = tree(s.state)
        r = up(c, sent, PDF, "application/pdf")
        if shown is None:
            t.eq(r.status, 422, "a name of 300 characters: refused")
            t.contains(r.text, "au plus 200 caractères", "with a message")
            continue
        t.eq(r.status, 303, "name %r accepted" % sent)
        fid2, path2 = s.psql("SELECT id, path FROM order_files WHERE name = '%s'" % shown)[0]
        t.eq(path2, "files/%s/%s" % (o, fid2), "name %r: stored as %s, shown as %r" % (sent, path2, shown))
        t.eq(new_files(before), {os.path.join("data", "media", path2)},
             "name %r: the only new file is in the store" % sent)
    for sent in ("..", ".", "/", "   "):
        r = up(c, sent, PDF, "application/pdf")
        t.eq(r.status, 422, "name %r: refused" % sent)
    t.ok(not os.path.exists("/etc/cron.d/evil.pdf"), "nothing outside the store")

    # Types: by content and extension.
    n0 = nfiles()
    for name, data, what in (("page.html", b"<html><script>alert(1)</script></html>", "HTML"),
                             ("fake.pdf", b"<html><script>alert(1)</script></html>", "HTML named .pdf"),
                             ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "SVG"),
                             ("prog.exe", b"MZ\x90\x00" + b"\x00" * 200, "a program"),
                             ("photo.jpg", png(), "a PNG named .jpg"),
                             ("noext", PDF, "no extension")):
        r = up(c, name, data, "application/pdf")
        t.eq(r.status, 422, what + ": refused")
        t.contains(r.text, "Type de fichier non accepté", what + ": says why")
    t.eq(nfiles(), n0, "none stored")
    r = up(c, "notes.txt", "Compte rendu de la séance.\n".encode(), "text/plain")
    t.eq(r.status, 303, "plain text: accepted")

    # Too large, at each limit: a clear message, nothing left behind.
    def nothing_behind(what, before, n):
        t.eq(nfiles(), n, what + ": no row")
        t.eq(os.listdir(spool), [], what + ": no spool file")
        t.eq(new_files(before), set(), what + ": no file")

    before, n0 = tree(s.state), nfiles()
    r = up(c, "big.pdf", PDF + b"0" * (1024 * 1024 + 10), "application/pdf")
    t.eq(r.status, 422, "over Files.MaxUploadMB: 422")
    t.contains(r.text, "Fichier trop volumineux : 1 Mo au plus", "with a clear message")
    nothing_behind("over Files.MaxUploadMB", before, n0)
    r = up(c, "bigger.pdf", PDF + b"0" * (3 * 1024 * 1024 + 10), "application/pdf")
    # Over focusd's Limits.MaxBodyMB but under nginx's limit: refused by
    # focusd's auth_request before nginx reads the body (issue 13), and
    # the browser is sent back to the form, which says why.
    t.eq((r.status, r.location), (303, "/portal/files?refused=size"),
         "over Limits.MaxBodyMB: refused before the body is read, back to the form")
    r = c.get(r.location)
    t.contains(r.text, "Fichier trop volumineux : 1 Mo au plus", "with a clear message")
    nothing_behind("over Limits.MaxBodyMB", before, n0)
    r = up(c, "huge.pdf", PDF + b"0" * (6 * 1024 * 1024), "application/pdf")
    t.eq(r.status, 413, "over nginx's client_max_body_size: 413")
    t.contains(r.text, "Envoi trop volumineux : 3 Mo au plus", "focusd's clear message too")
    t.contains(r.text, 'action="/logout"', "in the visitor's own page frame")
    nothing_behind("over nginx's limit", before, n0)
    t.eq(os.listdir(os.path.join(s.state, "nginx", "body")) if os.path.isdir(
        os.path.join(s.state, "nginx", "body")) else [], [], "nginx kept no body either")
    r = up(c, "empty.pdf", b"", "application/pdf")
    t.eq(r.status, 422, "an empty file: 422")
    r = c.post_multipart("/portal/files", {}, {})
    t.eq(r.status, 422, "no file: 422")
    t.contains(r.text, "Choisissez un fichier", "asks for one")

    # Delete.
    fpath = media_path(s, path)
    r = c.post("/files/%s/delete" % fid)
    t.eq(r.status, 303, "the client deletes a file: 303")
    t.eq(s.scalar("SELECT count(*) FROM order_files WHERE id = %s" % fid), "0", "the row is gone")
    t.ok(not os.path.exists(fpath), "the file is gone from the disk")
    t.contains(s.focusd_log(), "file %s \"Étude été.pdf\" of order %s deleted by C%s" % (fid, o, o), "logged")
    t.eq(c.get("/files/%s" % fid).status, 404, "downloading it now: 404")
    t.eq(c.post("/files/%s/delete" % fid).status, 404, "deleting it again: 404")
t.done()
