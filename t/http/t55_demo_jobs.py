#!/usr/bin/env python3
"""dev/demo-jobs, what dev/demo runs in the place of the packages' timers
(debian/jobs.list): started on a stack, it runs fm-mail at once (a
queued access-code message reaches the demo's mail catcher, a maildir,
where it can be read, and the outbox says it was sent), fm-downloads
(its log says it ran), and leaves the daily backup for its time; `stop`
ends the loop and its jobs."""
import email
import email.policy
import glob
import os
import subprocess
import time
from fmtest import Stack, TAP, SRC, BUILD
from fmorders import catalogue, new_order

t = TAP()
with Stack(t) as s:
    maildir = os.path.join(s.state, "mail")
    conf = s.conf()
    with open(conf, "a") as f:
        f.write("Mail.Command = %s/dev/mail-catcher %s\n" % (SRC, maildir))
    env = dict(s.env(), FM_SRCDIR=SRC, FM_BUILDDIR=BUILD)
    jobs = os.path.join(SRC, "dev", "demo-jobs")

    ids = catalogue(s)
    s.psql("UPDATE contacts SET email = 'alice@acme.example' WHERE last_name = 'Durand'")
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], contact_id=ids["Durand"], study_ref="Démo")
    r = c.post("/orders/%s/access/fr" % o, {
        "to": "alice@acme.example", "send_user": "1", "password_user": "Demo-Pa55",
        "subject_user": "Vos accès à l'étude N° %s" % o,
        "message_user": "Bonjour Alice,\r\n\r\nIdentifiant : U%s\r\nMot de passe : Demo-Pa55\r\n" % o})
    t.ok(r.status == 303, "an access-code message is queued", r.text[:3000])
    t.eq(s.scalar("SELECT status FROM outbox ORDER BY id DESC LIMIT 1"), "pending",
         "it waits in the outbox")

    r = subprocess.run([jobs, "start"], env=env, text=True, capture_output=True)
    t.ok(r.returncode == 0, "dev/demo-jobs start", r.stdout + r.stderr)
    t.contains(r.stdout, "mail 1m", "it says what it runs and how often")
    pid = int(open(os.path.join(s.state, "demo-jobs.pid")).read())
    try:
        files = []
        deadline = time.time() + 60
        while time.time() < deadline:
            files = glob.glob(os.path.join(maildir, "new", "*"))
            done = s.scalar("SELECT status FROM outbox ORDER BY id DESC LIMIT 1")
            if files and done == "sent":
                break
            time.sleep(0.5)
        t.eq(len(files), 1, "fm-mail ran: the message is in the maildir's new/")
        t.eq(s.scalar("SELECT status FROM outbox ORDER BY id DESC LIMIT 1"), "sent",
             "the outbox says sent (not 'En attente, 0 essai')")
        if files:
            with open(files[0], "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.default)
            t.eq(msg["To"], "alice@acme.example", "the message reads: To")
            t.eq(str(msg["Subject"]), "Vos accès à l'étude N° %s" % o, "its subject")
            t.contains(msg.get_content(), "Mot de passe : Demo-Pa55", "its body")
        log = os.path.join(s.state, "log", "job-downloads.log")
        deadline = time.time() + 30
        while time.time() < deadline and "== done" not in (open(log).read() if os.path.exists(log) else ""):
            time.sleep(0.5)
        t.contains(open(log).read() if os.path.exists(log) else "", "== done",
                   "fm-downloads ran (import of the download log)")
        t.ok(not os.path.exists(os.path.join(s.state, "log", "job-backup.log")),
             "the daily backup waits for 03:30")
        t.ok(not os.path.exists(os.path.join(s.state, "log", "job-upload.log")),
             "without a demo box, no fm-upload")
        r = subprocess.run([jobs, "list"], env=env, text=True, capture_output=True)
        t.contains(r.stdout, "%s/fm-mail -c %s send" % (BUILD, conf),
                   "list: the demo's own commands")
    finally:
        r = subprocess.run([jobs, "stop"], env=env, text=True, capture_output=True)
    t.eq(r.returncode, 0, "dev/demo-jobs stop")
    gone = False
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            gone = True
            break
        time.sleep(0.1)
    t.ok(gone, "the loop is gone")
    t.ok(not os.path.exists(os.path.join(s.state, "demo-jobs.pid")), "its pid file too")
t.done()
