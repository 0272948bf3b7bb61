#!/usr/bin/env python3
"""Order accounts: three per order (U, C, L + order number), a new
password shown once and stored hashed, the validity period (login refused
outside it, sessions stop), a new password ends the account's sessions,
disabling; the "send the access codes" page in French and English
(recipient, subject and message prefilled, errors keep what was typed and
change nothing) queues the messages in the outbox."""
import re
from fmtest import Stack, TAP
from fmorders import catalogue, new_order
from fmportal import set_password, account

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    s.psql("UPDATE contacts SET email = 'alice@acme.example' WHERE last_name = 'Durand';"
           "UPDATE seller SET name = 'Focus Salles Test'")
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], contact_id=ids["Durand"], study_ref="ETU-ACC")
    o2 = new_order(c, ids["Zeta Conseil"], study_ref="ETU-OTHER")
    t.eq(s.psql("SELECT kind, login, password_hash IS NULL FROM order_accounts WHERE order_id = %s "
                "ORDER BY kind" % o),
         [["client", "C" + o, "t"], ["live", "L" + o, "t"], ["user", "U" + o, "t"]],
         "a new order has its three accounts, without a password")
    t.eq(s.scalar("SELECT count(*) FROM order_accounts"), "6", "each order has its own")

    # No password: no login.
    r = s.client().login("U" + o, "anything-at-all")
    t.eq(r.status, 401, "an account without a password cannot log in")

    # The access page.
    r = c.get("/orders/%s/access" % o)
    t.eq(r.status, 200, "the access page")
    for login in ("U", "C", "L"):
        t.contains(r.text, "<code>%s%s</code>" % (login, o), "it lists " + login + o)
    t.contains(r.text, "lire et effacer les vidéos", "with each account's rights")
    t.contains(r.text, 'href="/orders/%s/access/fr"' % o, "links to send the codes in French")
    t.contains(r.text, 'href="/orders/%s/access/en"' % o, "and in English")
    t.eq(c.get("/orders/999999/access").status, 404, "unknown order: 404")

    # A new password, shown once.
    uid = s.scalar("SELECT id FROM order_accounts WHERE login = 'U%s'" % o)
    r = c.post("/orders/%s/accounts/%s/password" % (o, uid))
    t.eq(r.status, 200, "new password: the page shows it")
    m = re.search(r'<code id="new-password">([^<]+)</code>', r.text)
    t.ok(m, "in a box", r.text[:3000])
    pw = m.group(1) if m else ""
    t.ok(len(pw) == 10 and re.match(r"^[a-zA-Z2-9]+$", pw), "10 characters without look-alikes", pw)
    stored = s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % uid)
    t.ok(stored.startswith("$y$"), "stored as a yescrypt hash")
    t.lacks(stored, pw, "never in clear")
    t.lacks(c.get("/orders/%s/access" % o).text, pw, "not shown again")
    t.lacks(s.focusd_log(), pw, "never in the log")
    other = s.scalar("SELECT id FROM order_accounts WHERE login = 'U%s'" % o2)
    t.eq(c.post("/orders/%s/accounts/%s/password" % (o, other)).status, 404,
         "an account of another order through this order's URL: 404")
    t.ok(s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % other) in (None, ""),
         "and nothing changed there")

    # The account logs in, lands on the portal.
    u = s.client()
    r = u.login("U" + o, pw)
    t.eq((r.status, r.location), (303, "/portal"), "the user account logs in and lands on /portal")
    t.eq(u.get("/portal").status, 200, "its portal")
    r = s.client().login("u" + o, pw)
    t.eq(r.status, 303, "the login is case-insensitive")
    t.eq(s.scalar("SELECT count(*) FROM sessions WHERE order_account_id = %s" % uid), "2",
         "two sessions")

    # A new password ends its sessions (and the old one stops working).
    r = c.post("/orders/%s/accounts/%s/password" % (o, uid))
    pw2 = re.search(r'<code id="new-password">([^<]+)</code>', r.text).group(1)
    t.ok(pw2 != pw, "another password")
    t.eq(s.scalar("SELECT count(*) FROM sessions WHERE order_account_id = %s" % uid), "0",
         "changing the password ended the account's sessions")
    t.eq(u.get("/portal").status, 303, "the old session is sent to the login page")
    t.eq(s.client().login("U" + o, pw).status, 401, "the old password fails")
    t.eq(s.client().login("U" + o, pw2).status, 303, "the new one works")
    t.ok(int(s.scalar("SELECT count(*) FROM sessions WHERE staff_user_id IS NOT NULL")) >= 1,
         "staff sessions are untouched")

    # Validity.
    r = c.post("/orders/%s/access" % o, {"from_user": "2030-01-10", "to_user": "2030-01-01",
                                         "from_client": "2020-01-01", "to_client": "2040-01-01",
                                         "from_live": "xx", "to_live": "2040-01-01"})
    t.eq(r.status, 422, "a period ending before it starts, a bad date: 422")
    t.contains(r.text, "La fin de la période précède son début", "with a message")
    t.contains(r.text, 'value="2030-01-10"', "typed values kept")
    t.contains(r.text, 'value="xx"', "even the wrong one")
    t.eq(s.scalar("SELECT count(*) FROM order_accounts WHERE order_id = %s AND valid_from > now()" % o),
         "0", "nothing written")
    r = c.post("/orders/%s/access" % o, {"from_user": "2020-01-01", "to_user": "2040-12-31",
                                         "from_client": "2020-01-01", "to_client": "2040-12-31",
                                         "from_live": "2020-01-01", "to_live": "2040-12-31"})
    t.eq(r.status, 303, "periods saved")
    t.eq(s.scalar("SELECT to_char(valid_until AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD HH24:MI') FROM order_accounts "
                  "WHERE id = %s" % uid), "2041-01-01 00:00", "the last day is included")

    set_password(s, "C" + o, "client-Pa55word")
    cl = account(s, "C" + o, "client-Pa55word")
    t.eq(cl.get("/portal").status, 200, "the client account works")
    s.psql("UPDATE order_accounts SET valid_until = now() - interval '1 minute' WHERE login = 'C%s'" % o)
    t.eq(cl.get("/portal").status, 303, "once the period is over, its session no longer works")
    r = s.client().login("C" + o, "client-Pa55word")
    t.eq(r.status, 403, "an expired account cannot log in")
    t.contains(r.text, "valable que du", "and is told its period")
    s.psql("UPDATE order_accounts SET valid_from = now() + interval '1 day', "
           "valid_until = now() + interval '3 days' WHERE login = 'C%s'" % o)
    d = s.client()
    r = d.login("C" + o, "client-Pa55word")
    t.eq(r.status, 403, "an account not valid yet cannot log in")
    t.ok("fm_session" not in d.cookies, "and gets no session")
    r = s.client().login("C" + o, "wrong-password")
    t.eq(r.status, 401, "outside its period, a wrong password gets the usual answer")
    t.lacks(r.text, "valable", "and learns nothing about the period")

    # Disable.
    lid = s.scalar("SELECT id FROM order_accounts WHERE login = 'L%s'" % o)
    set_password(s, "L" + o, "live-Pa55word")
    lv = account(s, "L" + o, "live-Pa55word")
    r = c.post("/orders/%s/accounts/%s/disable" % (o, lid))
    t.eq(r.status, 303, "disable: 303")
    t.eq(lv.get("/portal").status, 303, "its session ended")
    t.eq(s.client().login("L" + o, "live-Pa55word").status, 401, "it cannot log in any more")

    # Send the access codes, in French.
    r = c.get("/orders/%s/access/fr" % o)
    t.eq(r.status, 200, "the send page (French)")
    t.contains(r.text, 'name="to" value="alice@acme.example"', "the recipient is the order's contact")
    t.contains(r.text, "Choix du mot de passe", "a password for each account")
    t.contains(r.text, "Sujet pour le compte Utilisateur", "a subject for each account")
    m = re.search(r'name="password_user" value="([^"]+)"', r.text)
    proposed = m.group(1)
    msg = re.search(r'name="message_user"[^>]*>([^<]*)</textarea>', r.text).group(1)
    t.contains(msg, "Nom d&#39;utilisateur : U" + o, "the message gives the login")
    t.contains(msg, "Mot de passe : " + proposed, "the proposed password")
    t.contains(msg, "http://127.0.0.1:%d" % s.port, "the portal's address (Site.BaseURL)")
    t.contains(msg, "Focus Salles Test", "and is signed by the seller")
    before = s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % uid)
    r = c.get("/orders/%s/access/en" % o)
    t.contains(r.text, "User name: U" + o, "the English page writes in English")
    t.contains(r.text, "Your access to the videos", "subject included")

    # Errors: nothing written, input kept.
    base = {"to": "alice@acme.example", "send_user": "1", "password_user": "Abcdefgh23",
            "subject_user": "Vos accès", "message_user": "Bonjour, U%s / Abcdefgh23" % o,
            "password_client": "Zyxwvuts98", "subject_client": "", "message_client": "",
            "password_live": "", "subject_live": "", "message_live": ""}
    for change, what, err in (({"to": "not-an-address"}, "a bad address", "Adresse e-mail invalide"),
                              ({"password_user": "short", "message_user": "U%s short" % o},
                               "a short password", "Au moins 8 caractères"),
                              ({"message_user": "Bonjour sans rien"}, "a message without the codes",
                               "doit contenir l&#39;identifiant et le mot de passe"),
                              ({"send_user": ""}, "no account ticked", "Cochez au moins un compte")):
        r = c.post("/orders/%s/access/fr" % o, dict(base, **change))
        t.eq(r.status, 422, what + ": 422")
        t.contains(r.text, err, what + ": says why")
        t.contains(r.text, 'value="Vos accès"', what + ": keeps the subject")
    t.eq(s.scalar("SELECT count(*) FROM outbox"), "0", "nothing queued")
    t.eq(s.scalar("SELECT password_hash FROM order_accounts WHERE id = %s" % uid), before,
         "no password changed")

    # Sent: two accounts, two messages, passwords in place.
    cl2 = account(s, "U" + o, pw2)
    r = c.post("/orders/%s/access/fr" % o, dict(base, send_client="1", subject_client="Accès client",
                                                  message_client="Login C%s, mot de passe Zyxwvuts98" % o))
    t.eq(r.status, 303, "sent: 303")
    t.eq(r.location, "/orders/%s/access" % o, "back to the access page")
    rows = s.psql("SELECT \"to\", subject, status, a.login, m.created_by FROM outbox m "
                  "JOIN order_accounts a ON a.id = m.account_id ORDER BY m.id")
    t.eq(rows, [["alice@acme.example", "Vos accès", "pending", "U" + o, "admin"],
                ["alice@acme.example", "Accès client", "pending", "C" + o, "admin"]],
         "one message per ticked account in the outbox")
    t.eq(s.client().login("U" + o, "Abcdefgh23").status, 303, "the user's new password works")
    s.psql("UPDATE order_accounts SET valid_from = now() - interval '1 day', valid_until = now() + "
           "interval '1 day' WHERE login = 'C%s'" % o)
    t.eq(s.client().login("C" + o, "Zyxwvuts98").status, 303, "the client's too")
    t.eq(cl2.get("/portal").status, 303, "the user's earlier session ended")
    r = c.get("/orders/%s/access" % o)
    t.contains(r.text, "Courriels de la commande", "the access page lists the order's mail")
    t.contains(r.text, "En attente", "waiting to be sent")
    t.contains(c.get("/outbox").text, "alice@acme.example", "so does /outbox")
    t.lacks(s.focusd_log(), "Abcdefgh23", "no password in the log")

    # Accounts cannot reach these pages.
    for path in ("/orders/%s/access" % o, "/orders/%s/access/fr" % o, "/outbox"):
        t.eq(cl.get(path).status in (303, 403), True, "an order account is kept out of " + path)
t.done()
