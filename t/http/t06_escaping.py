#!/usr/bin/env python3
"""What users type comes back exactly, and is never interpreted as HTML,
SQL or a LIKE pattern.  Over HTTPS the session cookie is Secure."""
import html
import re
from fmtest import ADMIN_PASSWORD, Stack, TAP

t = TAP()
with Stack(t, https=True) as s:
    c = s.client()
    c.login_admin()

    xss = "<script>alert(1)</script>"
    r = c.post("/companies", {"name": xss, "preferences": '<img src=x onerror="alert(2)">'})
    t.eq(r.status, 303, "a company named like a script is accepted")
    xid = r.location.rsplit("/", 1)[1]
    for path in ("/companies", "/companies/" + xid, "/contacts/new?company_id=" + xid,
                 "/companies?q=script"):
        page = c.get(path).text
        t.lacks(page, xss, path + ": the script tag is not output raw")
        t.lacks(page, "<img src=x", path + ": nor the image tag")
        t.contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;", path + ": it is shown escaped")

    tricky = "O'Brien \"Le Grand\"; DROP TABLE companies; -- é à ç Œ € 100%_ \\ fin"
    r = c.post("/companies", {"name": tricky, "city": "L'Haÿ-les-Roses",
                              "preferences": "ligne 1\nligne 2 « guillemets »"})
    t.eq(r.status, 303, "quotes, accents, SQL and LIKE metacharacters accepted")
    tid = r.location.rsplit("/", 1)[1]
    t.eq(s.scalar("SELECT name FROM companies WHERE id = %s" % tid), tricky,
         "stored exactly as typed")
    t.eq(s.scalar("SELECT preferences = E'ligne 1\\nligne 2 « guillemets »' FROM companies WHERE id = %s" % tid),
         "t", "newlines and French quotes kept")
    page = c.get("/companies/" + tid).text
    m = re.search(r'name="name" value="([^"]*)"', page)
    t.ok(m and html.unescape(m.group(1)) == tricky, "the form gives it back exactly",
         m.group(1) if m else page[:500])
    t.eq(s.scalar("SELECT count(*) FROM companies"), "2", "the DROP did nothing")

    s.psql("INSERT INTO companies (name) VALUES ('Plain 100 percent'), ('Under_score'), ('Underscore')")
    names = lambda q: re.findall(r'<td class="name"><a href="/companies/\d+">([^<]*)</a>',
                                 c.get("/companies?q=" + q).text)
    t.eq(len(names("100%25")), 1, "a % in the search is a percent sign, not a wildcard")
    t.eq(names("r_s"), ["Under_score"], "an _ in the search is an underscore")

    attr = '" autofocus onfocus="alert(3)'
    r = c.post("/companies", {"name": "", "city": attr})
    t.eq(r.status, 422, "invalid form re-shown")
    t.lacks(r.text, 'onfocus="alert(3)', "a quote cannot close the value attribute")
    t.contains(r.text, "&quot; autofocus onfocus=&quot;alert(3)", "it is escaped in the attribute")

    # Over HTTPS the session cookie carries Secure.
    h = s.client(https=True)
    h.get("/login")
    r = h.post("/login", {"login": "admin", "password": ADMIN_PASSWORD})
    t.eq(r.status, 303, "login over HTTPS")
    cookie = [v for v in r.headers_named("Set-Cookie") if v.startswith("fm_session=")]
    t.ok(cookie and "; Secure" in cookie[0], "session cookie is Secure over HTTPS", cookie)
t.done()
