#!/usr/bin/env python3
"""fm-alerts: each rule made to happen in the test stack gives exactly one
message to the staff recipient (through the outbox), nothing more while
it lasts, then one "resolved" message when it clears; open alerts are on
the staff's home page.  Rules: a reservation with recording whose box is
not recording after 2 minutes, a silent box, a box or the central server
below its free-disk floor, files waiting on a box 24 hours after their
session, a live session not on air 2 minutes after its start, the last
backup failed or too old (ops/fm-backup writes its outcome), focusd's
health check (media store unavailable, focusd not answering)."""
import json
import os
import shutil
import subprocess
import tempfile
import time
from fmtest import Stack, TAP, BUILD, SRC
from fmboxdata import setup, reservation, register_box

TO = "ops@example.test"

t = TAP()
with Stack(t, conf_extra="Alerts.Recipients = %s\nAlerts.Backup = 0" % TO) as s:
    c = s.client()
    c.login_admin()
    room1, room2, order, tariff = setup(s)
    tmp = tempfile.mkdtemp(prefix="fm-t61-")
    status_file = os.path.join(tmp, "backup.status")

    def alerts(*extra):
        """Runs fm-alerts check with the stack's configuration and extra lines."""
        conf = os.path.join(tmp, "focusd.conf")
        with open(s.conf()) as f:
            text = f.read()
        with open(conf, "w") as f:
            f.write(text + "\nAlerts.DiskFloorMB = 1\n" + "".join(l + "\n" for l in extra))
        r = subprocess.run([os.path.join(BUILD, "fm-alerts"), "-c", conf, "check"], text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=s.env())
        t.ok(r.returncode == 0, "fm-alerts check runs", r.stderr)
        return r.stdout

    def messages(rule, subject):
        return s.psql("SELECT o.\"to\", o.subject FROM outbox o JOIN alerts a ON a.id = o.alert_id"
                      " WHERE a.rule = '%s' AND a.subject = '%s' ORDER BY o.id" % (rule, subject))

    def scenario(name, rule, subject, make, clear, extra=(), extra_clear=None):
        make()
        out = alerts(*extra)
        t.contains(out, "opened", name + ": the alert opens")
        m = messages(rule, subject)
        t.ok(len(m) == 1 and m[0][0] == TO and m[0][1].startswith("[FocusManager] Alerte : "),
             name + ": exactly one message to the recipient", m)
        alerts(*extra)
        t.eq(len(messages(rule, subject)), 1, name + ": still one while it lasts")
        t.contains(c.get("/companies").text, 'id="alerts"', name + ": shown on the staff's home page")
        clear()
        out = alerts(*(extra_clear if extra_clear is not None else extra))
        t.contains(out, "resolved", name + ": resolved once it clears")
        m = messages(rule, subject)
        t.ok(len(m) == 2 and m[1][1].startswith("[FocusManager] Résolu : "),
             name + ": then exactly one resolved message", m)
        t.eq(s.scalar("SELECT count(*) FROM alerts WHERE rule = '%s' AND resolved_at IS NULL" % rule),
             "0", name + ": no open alert left")

    # A box that reports through the API.
    st, token, _ = register_box(c, room1, "Boîtier alertes")
    box = s.scalar("SELECT id FROM boxes")
    api = s.client(origin=False)
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def beat(**kw):
        hb = {"state": "idle", "reservation": None, "disk_free_mb": 50000, "version": "0.1.0"}
        hb.update(kw)
        r = api.request("POST", "/box/api/heartbeat", json.dumps(hb).encode(), auth)
        assert r.status == 200, r.text

    beat()
    t.eq(alerts(), "", "nothing wrong: no alert")
    t.eq(s.scalar("SELECT count(*) FROM outbox"), "0", "and no message")

    # Not recording a reservation with recording.
    resv = reservation(s, room1, order, tariff, "-3 minutes", "1 hour")
    scenario("box idle during a recorded session", "not_recording", "reservation:%s" % resv,
             lambda: beat(state="idle"),
             lambda: beat(state="recording", reservation=int(resv), recording="k1"))
    s.psql("DELETE FROM reservations WHERE id = %s" % resv)

    # A silent box: its last heartbeat 3 minutes ago (the box stopped).
    scenario("silent box", "box_silent", "box:%s" % box,
             lambda: s.psql("UPDATE boxes SET last_heartbeat = now() - interval '3 minutes'"),
             lambda: beat())

    # A box below its disk floor.
    scenario("box disk", "box_disk", "box:%s" % box,
             lambda: beat(disk_free_mb=500), lambda: beat(disk_free_mb=50000))

    # The central server below its floor (the store's disk against a floor above it).
    scenario("central disk", "central_disk", "central", lambda: None, lambda: None,
             extra=("Alerts.DiskFloorMB = 999999999",), extra_clear=("Alerts.DiskFloorMB = 1",))

    # A file waiting on the box 24 hours after its session.
    past = reservation(s, room1, order, tariff, "-30 hours", "1 hour")
    ev = {"type": "started", "recording": "old1", "reservation": int(past), "seq": 1,
          "at": "2026-01-01T00:00:00Z", "started_at": "2026-01-01T00:00:00Z"}

    def waiting():
        for e in (ev, dict(ev, type="file", seq=2, kind="mp4", path="old1/old1.mp4", bytes=10,
                           sha256="ab" * 32)):
            r = api.request("POST", "/box/api/events", json.dumps(e).encode(), auth)
            assert r.status == 200, r.text

    scenario("file waiting on the box", "files_waiting", "box:%s" % box, waiting,
             lambda: s.psql("UPDATE media_files SET on_central = true, on_box = false"))

    # A live session not on air 2 minutes after its start.
    live = reservation(s, room2, order, tariff, "-3 minutes", "1 hour", rec=False, live=True)
    scenario("live not on air", "live_off_air", "reservation:%s" % live, lambda: None,
             lambda: s.psql("INSERT INTO live_sessions (reservation_id, name, client_id)"
                            " VALUES (%s, 'r%s', '1')" % (live, live)))
    s.psql("DELETE FROM reservations WHERE id = %s" % live)

    # The backup: ops/fm-backup's outcome file.
    bk = ("Alerts.Backup = 1", "Alerts.BackupStatus = " + status_file)

    def backup_failed():
        with open(status_file, "w") as f:
            f.write("failed %d pg_dump failed\n" % time.time())

    def backup_ok():
        with open(status_file, "w") as f:
            f.write("ok %d /var/backups/x\n" % time.time())

    scenario("failed backup", "backup", "central", backup_failed, backup_ok, extra=bk)
    with open(status_file, "w") as f:
        f.write("ok %d /var/backups/x\n" % (time.time() - 27 * 3600))
    out = alerts(*bk)
    t.contains(out, "plus de 26 heures", "a backup older than 26 hours: alert")
    backup_ok()
    t.contains(alerts(*bk), "resolved", "a fresh one: resolved")
    os.unlink(status_file)
    t.contains(alerts(*bk), "Aucune sauvegarde", "no backup at all: alert")
    # ops/fm-backup records its outcome where fm-alerts reads it by default.
    env = dict(s.env(), FM_USER="", FM_ADMIN=os.path.join(BUILD, "fm-admin"),
               FM_BACKUP_SETTINGS="/nonexistent")
    backups = os.path.join(tmp, "backups")
    r = subprocess.run([os.path.join(SRC, "ops", "fm-backup"), "-c", s.conf(), "-o", backups, "-q"],
                       env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    bstatus = os.path.join(s.state, "data", "backup.status")
    with open(bstatus) as f:
        line = f.read()
    t.ok(r.returncode == 0 and line.startswith("ok "), "fm-backup: ok recorded in Paths.Data/backup.status",
         r.stdout + line)
    t.contains(alerts("Alerts.Backup = 1"), "resolved", "fm-alerts reads it: the missing backup is resolved")
    # A backup folder under a plain file: mkdir fails, for root too.
    blocker = os.path.join(tmp, "not-a-folder")
    with open(blocker, "w") as f:
        f.write("x")
    r = subprocess.run([os.path.join(SRC, "ops", "fm-backup"), "-c", s.conf(), "-o",
                        os.path.join(blocker, "sub", "x"), "-q"],
                       env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with open(bstatus) as f:
        line = f.read()
    t.ok(r.returncode != 0 and line.startswith("failed "), "a failed fm-backup records it",
         r.stdout + line)
    t.contains(alerts("Alerts.Backup = 1"), "échoué", "and fm-alerts says so")

    # focusd's health check.
    health = ("Alerts.HealthURL = " + s.url("/healthz"),)
    media = os.path.join(s.state, "data", "media")
    # fm-alerts itself needs a media folder to start: another one, so that
    # only focusd loses its store.
    other = os.path.join(tmp, "media")
    os.mkdir(other)
    health_away = health + ("Paths.Media = " + other,)
    scenario("media store unavailable", "health_media", "central",
             lambda: os.rename(media, media + ".away"), lambda: os.rename(media + ".away", media),
             extra=health_away)
    port_dead = ("Alerts.HealthURL = http://127.0.0.1:9/healthz",)
    scenario("focusd not answering", "health_down", "central", lambda: None, lambda: None,
             extra=port_dead, extra_clear=health)
    shutil.rmtree(tmp, True)
t.done()
