#!/usr/bin/env python3
"""The live chat over HTTP: the order's accounts (user, client, live) and
staff read and write, with an author and a time; another order's account
neither reads nor writes (404) and never sees the messages; CSRF on every
POST; length limits and 3 messages per 2 seconds per viewer (429), nothing
written when refused; messages travel as JSON and the page escapes
nothing by hand (no HTML from a message); staff hide a message (gone for
viewers, through the hiding cursor) and mute a viewer (403 for that viewer
only, until unmuted); staff export the chat as text; viewers cannot
moderate or export."""
import time
from fmtest import TAP, Stack
from fmorders import catalogue, new_order
from fmportal import reserve, set_password, account, PASSWORDS

t = TAP()
with Stack(t) as s:
    ids = catalogue(s)
    c = s.client()
    c.login_admin()
    o = new_order(c, ids["Acme Études"], study_ref="ETU-CHAT")
    o2 = new_order(c, ids["Acme Études"], study_ref="ETU-AUTRE")
    live = reserve(s, o, ids["Salle 1"], "now() - interval '10 minutes'",
                   "now() + interval '1 hour'", ids["Journée"], live=True)
    nolive = reserve(s, o, ids["Salle 2"], "now() - interval '10 minutes'",
                     "now() + interval '1 hour'", ids["Journée"], live=False)
    for k in ("user", "client", "live"):
        set_password(s, "%s%s" % (k[0].upper(), o), PASSWORDS[k])
    set_password(s, "U%s" % o2, PASSWORDS["user"])
    user = account(s, "U%s" % o, PASSWORDS["user"])
    client = account(s, "C%s" % o, PASSWORDS["client"])
    viewer = account(s, "L%s" % o, PASSWORDS["live"])
    stranger = account(s, "U%s" % o2, PASSWORDS["user"])
    chat = "/portal/live/%s/chat" % live
    poll = lambda who, after=0, hseq=0: who.get("/portal/live/%s/poll?after=%d&hseq=%d"
                                                % (live, after, hseq))
    J = {"Accept": "application/json"}
    count = lambda: int(s.scalar("SELECT count(*) FROM chat_messages"))

    # Pages and first poll.
    for who, name in ((user, "user"), (client, "client"), (viewer, "live"), (c, "staff")):
        t.eq(who.get("/portal/live/%s" % live).status, 200, "%s: the live page" % name)
    p = poll(viewer)
    t.ok(p.status == 200 and p.json()["messages"] == [] and p.json()["on_air"] is False,
         "an empty chat, nothing on air", p.text)
    t.eq(p.header("Cache-Control"), "no-store", "the poll is never cached")

    # Posting.
    r = viewer.post(chat, {"body": "Bonjour à tous", "name": "Marie (Acme)"}, headers=J)
    t.ok(r.status == 200 and r.json()["ok"], "the live account posts", r.text)
    r = user.post(chat, {"body": "<script>alert(1)</script> & \"co\""}, headers=J)
    t.ok(r.status == 200, "the user account posts (its login as author)")
    r = c.post(chat, {"body": "Bienvenue, la session commence."})
    t.eq((r.status, r.location), (303, "/portal/live/%s" % live), "staff post without script: back to the page")
    msgs = poll(client).json()["messages"]
    t.eq([(m["author"], m["body"]) for m in msgs],
         [("Marie (Acme)", "Bonjour à tous"), ("U%s" % o, "<script>alert(1)</script> & \"co\""),
          ("Admin Test", "Bienvenue, la session commence.")], "every viewer reads them, in order")
    t.ok(all(len(m["at"]) == 8 for m in msgs) and "login" not in msgs[0], "with the time; logins for staff only")
    raw = poll(client).text
    t.lacks(raw, "<script>", "in the JSON, < > and / travel escaped or as text (never markup)")
    page = client.get("/portal/live/%s" % live).text
    t.lacks(page, "alert(1)", "the page itself carries no message (the script inserts them as text)")
    staff_msgs = poll(c).json()["messages"]
    t.eq(staff_msgs[0]["login"], "L%s" % o, "staff see the login behind a name")
    first = msgs[0]["id"]
    t.eq([m["id"] for m in poll(client, first).json()["messages"]], [m["id"] for m in msgs[1:]],
         "the cursor gives only the newer ones")
    # Issue 13: staff names are marked as staff from the session, and a
    # viewer cannot pass for a staff member.
    t.eq([m["staff"] for m in msgs], [False, False, True], "staff's message carries the staff mark")
    for fake in ("Admin Test", "  admin   TEST ", "ADMIN", "Ádmin Tést"):
        r = viewer.post(chat, {"body": "Je suis de l'équipe", "name": fake}, headers=J)
        t.ok(r.status == 422 and "équipe" in r.json()["error"],
             "a viewer naming itself %r (a staff user's name or login): refused" % fake, r.text)
    r = c.post(chat, {"body": "Un mot de l'équipe", "name": "Marie (Acme)"}, headers=J)
    t.eq(r.status, 200, "staff post")
    mine = [m for m in poll(client).json()["messages"] if m["body"] == "Un mot de l'équipe"]
    t.ok(mine and mine[0]["author"] == "Admin Test" and mine[0]["staff"],
         "under their own name, whatever the form said", mine)
    time.sleep(2.1)

    # Another order, no Live, no CSRF, bad input.
    t.eq(stranger.get("/portal/live/%s/poll" % live).status, 404, "another order's account: no poll")
    t.eq(stranger.post(chat, {"body": "intrus"}, headers=J).status, 404, "nor posting")
    t.eq(user.get("/portal/live/%s/poll" % nolive).status, 404, "a reservation without Live has no chat")
    t.eq(viewer.post(chat, {"body": "sans jeton", "csrf_token": "0" * 32}, headers=J).status, 403,
         "a post without the right CSRF token is refused")
    n = count()
    r = viewer.post(chat, {"body": "x" * 501}, headers=J)
    t.ok(r.status == 422 and "500" in r.json()["error"], "over 500 characters: 422 with a message")
    t.eq(viewer.post(chat, {"body": "   "}, headers=J).status, 422, "an empty message: 422")
    t.eq(viewer.post(chat, {"body": "ok", "name": "n" * 61}, headers=J).status, 422, "a name over 60: 422")
    t.eq(count(), n, "nothing written")
    r = viewer.post(chat, {"body": "x" * 501})
    t.eq(r.status, 303, "without script: back to the page")
    t.contains(viewer.get(r.location).text, "500 caractères", "with the message")

    # Rate limit: 3 messages per 2 seconds per viewer.
    time.sleep(2.1)
    codes = [client.post(chat, {"body": "rafale %d" % i}, headers=J).status for i in range(5)]
    t.eq(codes, [200, 200, 200, 429, 429], "a fourth message within 2 s is refused (429)")
    t.eq(user.post(chat, {"body": "un autre"}, headers=J).status, 200, "another viewer is not held up")
    time.sleep(2.1)
    t.eq(client.post(chat, {"body": "après la pause"}, headers=J).status, 200, "2 s later it goes again")

    # Moderation: hide.
    last = poll(viewer).json()
    target = [m for m in last["messages"] if m["body"] == "rafale 1"][0]["id"]
    t.eq(viewer.post("/chat/%s/hide" % target, {}, headers=J).status, 403, "a viewer cannot hide")
    r = c.post("/chat/%s/hide" % target, {}, headers=J)
    t.ok(r.status == 200 and r.json()["ok"], "staff hide a message")
    p = poll(viewer, last["after"], last["hseq"]).json()
    t.eq((p["messages"], p["hidden"]), ([], [target]), "viewers that showed it learn it is hidden")
    t.ok(all(m["id"] != target for m in poll(viewer).json()["messages"]), "new viewers never get it")
    t.ok([m for m in poll(c).json()["messages"] if m["id"] == target][0]["hidden"],
         "staff still see it, marked")

    # Moderation: mute the author of a message.
    t.eq(c.post("/chat/%s/mute" % target, {}, headers=J).status, 200, "staff mute its author")
    r = client.post(chat, {"body": "je suis muet ?"}, headers=J)
    t.ok(r.status == 403 and r.json()["error"], "the muted viewer cannot post", r.text)
    t.ok(poll(client).json()["muted"] is True, "and its page knows")
    # Issue 13: the mute was the session's, so logging in again lifted it.
    again = account(s, "C%s" % o, PASSWORDS["client"])
    r = again.post(chat, {"body": "je suis de retour"}, headers=J)
    t.ok(r.status == 403, "logging in again does not lift the mute (it is the account's)", r.text)
    t.ok(poll(again).json()["muted"] is True, "the new session's page knows it too")
    t.eq(user.post(chat, {"body": "moi je peux"}, headers=J).status, 200, "others still can")
    t.ok(any(m["muted"] for m in poll(c).json()["messages"]), "staff see who is muted")
    t.eq(c.post("/chat/%s/unmute" % target, {}, headers=J).status, 200, "staff let it speak again")
    time.sleep(2.1)
    t.eq(client.post(chat, {"body": "merci"}, headers=J).status, 200, "it posts again")
    t.eq(stranger.get("/portal/live/%s/poll" % live).status, 404, "the stranger still sees nothing")

    # Export.
    t.eq(user.get("/reservations/%s/chat.txt" % live).status, 403, "viewers cannot export")
    r = c.get("/reservations/%s/chat.txt" % live)
    t.ok(r.status == 200 and r.header("Content-Type").startswith("text/plain")
         and "attachment" in r.header("Content-Disposition"), "staff export the chat as text")
    lines = r.text.splitlines()
    t.eq(len(lines), count(), "one line per message")
    t.ok(lines[0].endswith("Marie (Acme) (L%s)\tBonjour à tous" % o), "time, author, login, message", lines[0])
    t.ok(any(l.endswith("[masqué: admin]") for l in lines), "hidden ones marked, with who hid them")
t.done()
