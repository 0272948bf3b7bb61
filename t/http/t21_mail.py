#!/usr/bin/env python3
"""The mail outbox and fm-mail: messages queued by the access codes page
are handed to Mail.Command (here t/lib/capture-mail, which keeps them),
well formed (encoded subject, quoted-printable UTF-8 body); passwords are
blanked in the database once sent; a failing command leaves the message
in the outbox, tried again later (1, 2... minutes), failed after
Mail.MaxAttempts, shown to staff, sent again on request; two senders at
once never send a message twice."""
import atexit
import email
import email.policy
import glob
import os
import shutil
import subprocess
import tempfile
from fmtest import Stack, TAP, SRC, BUILD
from fmorders import catalogue, new_order

maildir = tempfile.mkdtemp(prefix="fm-mail-")
atexit.register(shutil.rmtree, maildir, True)
os.chmod(maildir, 0o777)
conf = ("Mail.Command = %s/t/lib/capture-mail %s -t -oi\n"
        "Mail.From = Focus Salles <noreply@focus.example>\nMail.MaxAttempts = 3"
        % (SRC, maildir))


def messages():
    return sorted(glob.glob(os.path.join(maildir, "msg-*.eml")),
                  key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))


t = TAP()
with Stack(t, conf_extra=conf) as s:
    def fm_mail(*args):
        return subprocess.run([os.path.join(BUILD, "fm-mail"), "-c", s.conf()] + list(args),
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())

    ids = catalogue(s)
    s.psql("UPDATE contacts SET email = 'alice@acme.example' WHERE last_name = 'Durand'")
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], contact_id=ids["Durand"], study_ref="Étude été")

    def queue(kind="user", password="Secret-Pa55", subject=None, to="alice@acme.example"):
        f = {"to": to, "send_" + kind: "1", "password_" + kind: password,
             "subject_" + kind: subject or "Vos accès à l'étude « été » N° %s" % o,
             "message_" + kind: "Bonjour Alice,\r\n\r\nIdentifiant : %s%s\r\nMot de passe : %s\r\n"
                                "Ligne très longue " % (kind[0].upper(), o, password) + "é" * 120}
        r = c.post("/orders/%s/access/fr" % o, f)
        if r.status != 303:
            raise RuntimeError("queueing failed: %d %s" % (r.status, r.text[:2000]))
        return s.scalar("SELECT max(id) FROM outbox")

    r = fm_mail("send")
    t.eq((r.returncode, r.stdout), (0, ""), "nothing to send: quiet, exit 0")

    m1 = queue()
    r = fm_mail("send")
    t.eq(r.returncode, 0, "fm-mail send: exit 0")
    t.contains(r.stdout, "mail %s to alice@acme.example: sent" % m1, "it says what it sent")
    files = messages()
    t.eq(len(files), 1, "the command got one message")
    with open(files[0], "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    t.eq(msg["To"], "alice@acme.example", "To")
    t.eq(msg["From"], "Focus Salles <noreply@focus.example>", "From is Mail.From")
    t.eq(str(msg["Subject"]), "Vos accès à l'étude « été » N° %s" % o, "the subject, encoded (RFC 2047)")
    t.ok(raw.isascii(), "the message itself is plain ASCII (encoded headers, quoted-printable body)")
    t.eq(msg.get_content_type(), "text/plain", "text/plain")
    t.eq(msg.get_content_charset(), "utf-8", "UTF-8")
    body = msg.get_content()
    t.contains(body, "Mot de passe : Secret-Pa55", "the body carries the password")
    t.contains(body, "é" * 120, "long lines survive (soft line breaks)")
    t.ok(all(len(line) <= 78 for line in raw.split(b"\n")), "no line over 78 characters")
    t.ok(msg["Date"] and msg["Message-ID"], "Date and Message-ID")
    with open(os.path.join(maildir, "args-1")) as f:
        t.eq(f.read().strip(), "-t -oi", "the command's options as configured")
    row = s.psql("SELECT status, attempts, sent_at IS NOT NULL, redact IS NULL, position('Secret-Pa55' IN body) "
                 "FROM outbox WHERE id = %s" % m1)
    t.eq(row, [["sent", "1", "t", "t", "0"]], "marked sent, its password blanked in the database")
    t.eq(s.scalar("SELECT position('Mot de passe : ********' IN body) > 0 FROM outbox WHERE id = %s" % m1),
         "t", "(replaced by asterisks)")
    t.eq(len(messages()), 1 if fm_mail("send").returncode == 0 else -1, "sending again sends nothing more")

    # The command fails: the message stays, tried again later, then failed.
    open(os.path.join(maildir, "fail"), "w").close()
    m2 = queue("client", "Client-Pa55")
    r = fm_mail("send")
    t.eq(r.returncode, 1, "a failed attempt: exit 1")
    t.contains(r.stderr, "mail server unreachable", "with what the command said")
    row = s.psql("SELECT status, attempts, last_error, next_attempt_at BETWEEN now() + interval '50 seconds' "
                 "AND now() + interval '70 seconds', position('Client-Pa55' IN body) > 0 FROM outbox "
                 "WHERE id = %s" % m2)
    t.eq(row, [["pending", "1", "exit 75: mail server unreachable ", "t", "t"]],
         "still pending, the error kept, next attempt in a minute, nothing lost")
    fm_mail("send")
    t.eq(s.scalar("SELECT attempts FROM outbox WHERE id = %s" % m2), "1", "not tried again before its time")
    s.psql("UPDATE outbox SET next_attempt_at = now() WHERE id = %s" % m2)
    fm_mail("send")
    t.eq(s.psql("SELECT status, attempts, next_attempt_at BETWEEN now() + interval '110 seconds' "
                "AND now() + interval '130 seconds' FROM outbox WHERE id = %s" % m2),
         [["pending", "2", "t"]], "second attempt failed: next one in 2 minutes")
    s.psql("UPDATE outbox SET next_attempt_at = now() WHERE id = %s" % m2)
    r = fm_mail("send")
    t.contains(r.stderr, "giving up", "after Mail.MaxAttempts it gives up")
    t.eq(s.scalar("SELECT status FROM outbox WHERE id = %s" % m2), "failed", "the message is failed")
    t.ok(s.scalar("SELECT position('Client-Pa55' IN body) > 0 FROM outbox WHERE id = %s" % m2) == "t",
         "its text is still there")
    r = c.get("/outbox?status=failed")
    t.contains(r.text, "Échec", "staff see it failed on /outbox")
    t.contains(r.text, "mail server unreachable", "with the error")
    t.contains(c.get("/videos").text, "/outbox?status=failed", "the videos page warns about it")
    t.contains(c.get("/orders/%s/access" % o).text, "mail server unreachable", "so does the order's access page")

    # Sent again on request, once the command works.
    os.unlink(os.path.join(maildir, "fail"))
    r = c.post("/outbox/%s/retry" % m2, {"back": "/outbox"})
    t.eq(r.status, 303, "retry: 303")
    t.eq(s.psql("SELECT status, attempts FROM outbox WHERE id = %s" % m2), [["pending", "0"]], "pending again")
    fm_mail("send")
    t.eq(s.scalar("SELECT status FROM outbox WHERE id = %s" % m2), "sent", "and sent")
    t.eq(len(messages()), 2, "two messages delivered so far")
    t.eq(c.post("/outbox/%s/retry" % m2).status, 404, "a sent message cannot be retried")

    # Cancel.
    m3 = queue("live", "Live-Pa55word")
    t.eq(c.post("/outbox/%s/cancel" % m3).status, 303, "cancel: 303")
    t.eq(s.psql("SELECT status, position('Live-Pa55word' IN body) FROM outbox WHERE id = %s" % m3),
         [["cancelled", "0"]], "cancelled, its password blanked")
    fm_mail("send")
    t.eq(len(messages()), 2, "a cancelled message is not sent")

    # Header injection is refused at the form.
    r = c.post("/orders/%s/access/fr" % o, {"to": "alice@acme.example", "send_user": "1",
                                             "password_user": "Secret-Pa55",
                                             "subject_user": "Hello\r\nBcc: victim@example.org",
                                             "message_user": "U%s Secret-Pa55" % o})
    t.eq(r.status, 422, "a subject with a line break: 422")
    r = c.post("/orders/%s/access/fr" % o, {"to": "alice@acme.example\r\nBcc: v@example.org",
                                             "send_user": "1", "password_user": "Secret-Pa55",
                                             "subject_user": "x", "message_user": "U%s Secret-Pa55" % o})
    t.eq(r.status, 422, "a recipient with a line break: 422")

    # Two senders at once: each message once.
    for i in range(6):
        queue("user", "Batch-Pa55-%d" % i)
    env = s.env()
    procs = [subprocess.Popen([os.path.join(BUILD, "fm-mail"), "-c", s.conf(), "send"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        p.communicate()
    t.eq(len(messages()), 8, "two senders at once: the six messages delivered once each")
    t.eq(s.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'"), "8", "all marked sent")
    t.eq(fm_mail("list").stdout, "", "fm-mail list: nothing waiting")
t.done()
