#!/usr/bin/env python3
"""Sending an issued document by e-mail: the form on its page (the billing
contact's address, subject and message in the document's language), the
message queued in the outbox with the PDF, fm-mail handing it to the mail
command (here t/lib/capture-mail) as multipart/mixed with the very bytes
GET /documents/{id}.pdf serves, the sending in the document's
hash-chained log with the file's SHA-256; drafts are not sent; a document
without a billing e-mail says why and has no send button; the outbox
refuses an oversized attachment."""
import atexit
import email
import email.policy
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from fmtest import Stack, TAP, SRC, BUILD
from fmbilling import setup, billed_order, generate, totals, money_fr, money_en, pdftext

maildir = tempfile.mkdtemp(prefix="fm-docmail-")
atexit.register(shutil.rmtree, maildir, True)
os.chmod(maildir, 0o777)
conf = ("Mail.Command = %s/t/lib/capture-mail %s -t -oi\n"
        "Mail.From = Focus Salles <noreply@focus.example>\n" % (SRC, maildir))


def messages():
    return sorted(glob.glob(os.path.join(maildir, "msg-*.eml")),
                  key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))


def unescape(x):
    return x.replace("&#39;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&")


def form_of(html):
    """The send form's fields as the page fills them."""
    m = re.search(r'<form method="post" action="/documents/\d+/mail".*?</form>', html, re.S)
    if not m:
        return None
    f = dict(re.findall(r'name="(mail_[a-z]+)" value="([^"]*)"', m.group(0)))
    t_ = re.search(r'<textarea id="f-mail_message" name="mail_message"[^>]*>(.*?)</textarea>', m.group(0), re.S)
    f["mail_message"] = t_.group(1) if t_ else None
    return {k: unescape(v) if v is not None else None for k, v in f.items()}


t = TAP()
with Stack(t, conf_extra=conf) as s:
    def fm_mail(*args):
        return subprocess.run([os.path.join(BUILD, "fm-mail"), "-c", s.conf()] + list(args),
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())

    ids = setup(s)
    s.psql("UPDATE contacts SET email = 'compta@acme.example', first_name = 'Claire' WHERE last_name = 'Compta'")
    c = s.client()
    c.login_admin()
    outbox = lambda: int(s.scalar("SELECT count(*) FROM outbox"))
    sends = lambda d: int(s.scalar("SELECT count(*) FROM document_log WHERE event = 'send' AND document_id = %s" % d))

    o1 = billed_order(s, c, ids)
    inv = generate(c, o1, "invoice")
    r = c.get("/documents/%s" % inv)
    t.eq(form_of(r.text), None, "a draft has no send form")
    r = c.post("/documents/%s/mail" % inv, {"mail_to": "compta@acme.example", "mail_subject": "x",
                                            "mail_message": "y"})
    t.eq(r.status, 409, "a draft cannot be sent: 409")
    t.contains(r.text, "Un brouillon ne peut pas être envoyé", "it says why")
    t.eq(outbox(), 0, "nothing queued")

    t.eq(c.post("/documents/%s/issue" % inv).status, 303, "invoice issued")
    number = s.scalar("SELECT number FROM documents WHERE id = %s" % inv)
    due_on = s.scalar("SELECT to_char(due_on, 'DD/MM/YYYY') FROM documents WHERE id = %s" % inv)
    issued_on = s.scalar("SELECT to_char(issued_on, 'DD/MM/YYYY') FROM documents WHERE id = %s" % inv)
    r = c.get("/documents/%s" % inv)
    f = form_of(r.text)
    t.ok(f is not None and 'id="mail-send"' in r.text, "an issued document has the send form and its button")
    t.eq(f["mail_to"], "compta@acme.example", "to the billing contact")
    t.eq(f["mail_subject"], "Facture %s – Focus Salles Paris" % number, "a subject in French")
    body = f["mail_message"]
    t.contains(body, "Bonjour Claire Compta,", "the message greets the contact")
    t.contains(body, "facture %s du %s" % (number, issued_on), "names the invoice and its date")
    t.contains(body, "%s €" % money_fr(totals(s, inv)[4]), "the amount due as French writes it")
    t.contains(body, "au plus tard le %s" % due_on, "the due date")
    t.contains(r.text, "%s.pdf" % number, "the attached file is named")

    # Bad input: kept, nothing queued.
    r = c.post("/documents/%s/mail" % inv, dict(f, mail_to="pas-une-adresse", mail_subject="TYPED"))
    t.eq(r.status, 422, "a bad recipient: 422")
    t.contains(r.text, "Adresse e-mail invalide", "the error next to the field")
    t.contains(r.text, 'value="TYPED"', "typed values kept")
    r = c.post("/documents/%s/mail" % inv, dict(f, mail_subject=""))
    t.eq(r.status, 422, "no subject: 422")
    t.eq((outbox(), sends(inv)), (0, 0), "nothing queued, nothing logged")
    t.eq(c.post("/documents/%s/mail" % inv, f, csrf=False).status, 403, "the CSRF token is needed")

    # Sent, to an edited recipient.
    r = c.post("/documents/%s/mail" % inv, dict(f, mail_to="boss@acme.example",
                                                mail_subject="Votre facture %s" % number))
    t.eq(r.status, 303, "sent: back to the document")
    t.contains(c.get(r.location).text, "Message mis en file d&#39;envoi avec le PDF", "the page says so")
    row = s.psql("SELECT id, \"to\", subject, document_id, order_id, status FROM outbox")
    t.eq([x[1:] for x in row], [["boss@acme.example", "Votre facture %s" % number, inv, str(o1), "pending"]],
         "one message in the outbox, for the document")
    mid = row[0][0]
    log = s.psql("SELECT detail::text, who FROM document_log WHERE event = 'send' AND document_id = %s" % inv)
    t.eq(len(log), 1, "the sending is in the document's log")
    detail = json.loads(log[0][0])
    t.eq((detail["channel"], detail["to"], detail["outbox_id"], detail["file"]),
         ("email", "boss@acme.example", int(mid), "%s.pdf" % number), "with channel, recipient, message, file")
    t.eq(log[0][1], "admin", "and who sent it")
    t.eq(s.scalar("SELECT ok FROM document_log_verify()"), "t", "the chain still verifies")

    r = fm_mail("send")
    t.eq(r.returncode, 0, "fm-mail send: exit 0")
    files = messages()
    t.eq(len(files), 1, "the mail command got one message")
    with open(files[0], "rb") as fh:
        raw = fh.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    t.eq(msg["To"], "boss@acme.example", "To")
    t.eq(str(msg["Subject"]), "Votre facture %s" % number, "Subject")
    t.eq(msg.get_content_type(), "multipart/mixed", "multipart/mixed")
    t.ok(raw.isascii() and all(len(l) <= 78 for l in raw.split(b"\n")), "plain ASCII, short lines")
    parts = list(msg.iter_parts())
    t.eq([p.get_content_type() for p in parts], ["text/plain", "application/pdf"], "the text, then the PDF")
    t.contains(parts[0].get_content(), "Bonjour Claire Compta,", "the message as typed")
    t.eq(parts[1].get_filename(), "%s.pdf" % number, "the PDF named after the document")
    t.eq(parts[1].get_content_disposition(), "attachment", "as an attachment")
    pdf = parts[1].get_content()
    served = c.get("/documents/%s.pdf" % inv).raw
    t.eq(pdf, served, "the attachment is what GET /documents/{id}.pdf serves, byte for byte")
    t.eq(hashlib.sha256(pdf).hexdigest(), detail["sha256"], "its SHA-256 is the one in the log")
    t.contains(pdftext(pdf)[0], number, "a PDF of the invoice")
    t.eq(s.scalar("SELECT status FROM outbox WHERE id = %s" % mid), "sent", "marked sent")

    # An English document: the texts in its language, whatever the page's.
    s.psql("UPDATE contacts SET email = 'olivia@global.example' WHERE last_name = 'Smith'")
    o2 = billed_order(s, c, ids, company="Global Insight Ltd", day="2030-03-14", billing_contact_id=ids["Smith"])
    en = generate(c, o2, "invoice")
    s.psql("UPDATE documents SET language = 'en', vat_mode = 'export' WHERE id = %s" % en)
    t.eq(c.post("/documents/%s/issue" % en).status, 303, "an English invoice issued")
    en_number = s.scalar("SELECT number FROM documents WHERE id = %s" % en)
    f2 = form_of(c.get("/documents/%s" % en).text)
    t.eq(f2["mail_subject"], "Invoice %s – Focus Salles Paris" % en_number, "an English subject on a French page")
    t.contains(f2["mail_message"], "Dear Olivia Smith,", "an English message")
    t.contains(f2["mail_message"], "€%s" % money_en(totals(s, en)[4]), "the amount as English writes it")

    # Without a billing e-mail: why, and no button.
    s.psql("UPDATE contacts SET email = NULL WHERE last_name = 'Smith'")
    r = c.get("/documents/%s" % en)
    t.eq(form_of(r.text), None, "no e-mail: no send form")
    t.ok('id="mail-send"' not in r.text, "... no send button")
    t.contains(r.text, "son contact de facturation n&#39;a pas d&#39;adresse e-mail", "it says why")
    t.eq(c.post("/documents/%s/mail" % en, {"mail_to": "x@y.example", "mail_subject": "s",
                                           "mail_message": "m"}).status, 409, "and sending is refused")
    o3 = billed_order(s, c, ids, company="Payeur SA", day="2030-03-12")
    nocontact = generate(c, o3, "invoice")
    t.eq(c.post("/documents/%s/issue" % nocontact).status, 303, "an invoice without a billing contact")
    r = c.get("/documents/%s" % nocontact)
    t.ok(form_of(r.text) is None and "il n&#39;a pas de contact de facturation" in r.text,
         "no billing contact: it says so, no form")
    t.eq(outbox(), 1, "nothing else queued")

    # The outbox bounds what it carries.
    big = s.psql("SELECT count(*) FROM outbox_attachments WHERE outbox_id = %s" % mid)
    t.eq(big, [["1"]], "one attachment stored with the message")
    p = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-qAtc",
                        "INSERT INTO outbox_attachments (outbox_id, filename, content_type, bytes) "
                        "VALUES (%s, 'big.pdf', 'application/pdf', convert_to(repeat('x', 10485761), 'UTF8'))" % mid],
                       env=s.env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t.ok(p.returncode != 0 and "outbox_attachments_bytes_check" in p.stderr, "over 10 MiB: refused", p.stderr)
    p = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-qAtc",
                        "INSERT INTO outbox_attachments (outbox_id, filename, content_type, bytes) "
                        "VALUES (%s, 'a\"b.pdf', 'application/pdf', '\\x25')" % mid],
                       env=s.env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t.ok(p.returncode != 0 and "outbox_attachments_filename_check" in p.stderr,
         "a file name that could break the headers: refused", p.stderr)
t.done()
