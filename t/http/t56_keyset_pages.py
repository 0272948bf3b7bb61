#!/usr/bin/env python3
"""Keyset pages: a list walked with its "next" links shows every row once,
in the list's order (the database's order, recomputed here), with no
duplicate and none missing, and "previous" links walk back to the same
pages; a filtered walk (search, period) likewise; a changed key (a row
inserted before the page) does not shift the page; a forged key is the
first page; the count is capped."""
import html
import re
from fmtest import Stack, TAP

t = TAP()


def links(text):
    nav = {}
    for rel in ("next", "prev"):
        m = re.search(r'rel="%s" href="([^"]+)"' % rel, text)
        nav[rel] = html.unescape(m.group(1)) if m else None
    return nav


def walk(c, start, row_re):
    """Follows next links from start; returns (pages of ids, paths)."""
    pages, paths, path = [], [], start
    while path and len(pages) < 100:
        r = c.get(path)
        t.ok(r.status == 200, "GET %s" % path) if r.status != 200 else None
        pages.append(re.findall(row_re, r.text))
        paths.append(path)
        path = links(r.text)["next"]
    return pages, paths


with Stack(t) as s:
    s.psql("""
SET TimeZone = 'Europe/Paris';
INSERT INTO sites (name) VALUES ('Site K');
INSERT INTO rooms (site_id, name) SELECT id, 'Salle ' || g FROM sites, generate_series(1, 4) g;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate) VALUES
	('Journée', 'Day', 'day', '09:00', '18:00', 850, 20);
INSERT INTO companies (name, city) SELECT 'Société ' || CASE WHEN g % 3 = 0 THEN 'Élan ' ELSE 'Kappa ' END || g, 'Paris'
FROM generate_series(1, 40) g;
INSERT INTO orders (company_id, study_ref, vip, created_at)
SELECT c.id, 'KEY-' || g, g % 4 = 0, timestamptz '2025-01-01 10:00' + (g % 30) * interval '1 day'
FROM generate_series(1, 130) g JOIN companies c ON c.name LIKE '% ' || (1 + g % 40);
-- Several orders start on the same day (the order number breaks ties).
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)
SELECT o.id, m.id, d + time '09:00', d + time '18:00', (SELECT id FROM tariffs)
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orders) o
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM rooms) m ON m.k = o.n % 4
CROSS JOIN LATERAL (SELECT date '2025-03-01' + (o.n / 4)::int AS d) x
WHERE o.n % 5 <> 0;
""")
    c = s.client()
    c.login_admin()
    row = r'<tr id="order-(\d+)"'
    want = [x[0] for x in s.psql(
        "SELECT order_id FROM order_figures ORDER BY first_day DESC, order_id DESC")]
    t.eq(len(want), 130, "130 orders")

    pages, paths = walk(c, "/orders", row)
    got = [i for p in pages for i in p]
    t.eq(len(pages), 3, "three pages of 50 (50, 50, 30)")
    t.eq([len(p) for p in pages], [50, 50, 30], "... of 50, 50 and 30 rows")
    t.eq(got, want, "next links: every order once, in the list's order")
    t.eq(len(set(got)), len(got), "... no duplicate")
    t.ok(all("page=" not in p and "OFFSET" not in p for p in paths), "links carry a key, not a page number",
         paths)

    # Back with the previous links: the same pages, in reverse.
    r = c.get(paths[-1])
    back = []
    prev = links(r.text)["prev"]
    while prev:
        r = c.get(prev)
        back.append(re.findall(row, r.text))
        prev = links(r.text)["prev"]
    t.eq(back, pages[:-1][::-1], "previous links: the same pages back to the first")
    t.eq(links(c.get(paths[0]).text)["prev"], None, "the first page has no previous link")
    t.eq(links(c.get(paths[-1]).text)["next"], None, "the last page has no next link")

    # A row inserted before the second page does not shift it.
    s.psql("INSERT INTO orders (company_id, study_ref) SELECT min(id), 'KEY-new' FROM companies")
    again = re.findall(row, c.get(paths[1]).text)
    t.eq(again, pages[1], "a new order does not shift a later page")

    # Filtered walks: the search and the period keep to their filter.
    want_q = [x[0] for x in s.psql(
        "SELECT f.order_id FROM order_figures f JOIN orders o ON o.id = f.order_id"
        " JOIN companies c ON c.id = o.company_id WHERE search_key(c.name) LIKE '%elan%'"
        " ORDER BY f.first_day DESC, f.order_id DESC")]
    qpages, qpaths = walk(c, "/orders?q=%C3%A9LAN", row)
    t.eq([i for p in qpages for i in p], want_q, "search 'éLAN' (accents and case aside): every match once, in order")
    t.ok(len(qpages) >= 1 and all("q=%C3%A9LAN" in p for p in qpaths), "... the links keep the search", qpaths)
    want_p = [x[0] for x in s.psql(
        "SELECT f.order_id FROM order_figures f JOIN orders o ON o.id = f.order_id"
        " WHERE f.last_day >= '2025-03-05' AND f.first_day <= '2025-03-12' AND o.vip"
        " ORDER BY f.first_day DESC, f.order_id DESC")]
    ppages, _ = walk(c, "/orders?from=2025-03-05&to=2025-03-12&vip=1", row)
    t.eq([i for p in ppages for i in p], want_p, "period and VIP filter: every match once, in order")

    # A forged key is the first page; a key past the end leads back there.
    r = c.get("/orders?after=1%27%20OR%201=1")
    t.eq(re.findall(row, r.text), re.findall(row, c.get("/orders").text), "a forged key: the first page")
    r = c.get("/orders?after=1990-01-01.1")
    t.eq((r.status, r.location), (303, "/orders"), "a key past the end: back to the first page")

    # The count is capped: more than 1,000 orders read "1000+".
    s.psql("INSERT INTO orders (company_id, study_ref) SELECT min(c.id), 'BULK-' || g"
           " FROM companies c, generate_series(1, 1000) g GROUP BY g")
    t.contains(c.get("/orders").text, '<small class="count">1000+', "the count is capped at 1000+")
    t.contains(c.get("/orders?q=KEY").text, '<small class="count">131 ', "a search counts its matches")

    # The documents list: drafts made on many days (several a day), and
    # whatever documents the test made before.
    s.psql("""
INSERT INTO documents (kind, order_id, company_id, billing_company_id, created_at)
SELECT CASE WHEN g % 2 = 0 THEN 'quote' ELSE 'invoice' END, o.id, o.company_id, o.company_id,
	timestamptz '2025-06-01 10:00' + (g % 37) * interval '1 day'
FROM generate_series(1, 120) g
JOIN (SELECT id, company_id, row_number() OVER (ORDER BY id) AS n FROM orders) o ON o.n = g;
""")
    drow = r'<tr id="doc-(\d+)"'
    # As accountants read them: by kind, the drafts first, then by number.
    by_kind = ("ORDER BY array_position(ARRAY['quote', 'invoice', 'credit_note',"
               " 'disbursement_note'], kind), status = 'issued', fiscal_year DESC NULLS FIRST,"
               " seq DESC NULLS FIRST, id DESC")
    want = [x[0] for x in s.psql("SELECT id FROM documents " + by_kind)]
    pages, paths = walk(c, "/documents", drow)
    t.eq([len(p) for p in pages], [50, 50, 20], "documents: pages of 50, 50 and 20")
    t.eq([i for p in pages for i in p], want, "documents: next links show every document once, in order")
    r = c.get(paths[-1])
    back, prev = [], links(r.text)["prev"]
    while prev:
        r = c.get(prev)
        back.append(re.findall(drow, r.text))
        prev = links(r.text)["prev"]
    t.eq(back, pages[:-1][::-1], "documents: previous links walk back")
    want_k = [x[0] for x in s.psql(
        "SELECT id FROM documents WHERE kind = 'quote' " + by_kind)]
    kpages, _ = walk(c, "/documents?kind=quote", drow)
    t.eq([i for p in kpages for i in p], want_k, "documents of one kind: every one once, in order")

    # The contacts list: many share a last name, some have no first name.
    s.psql("""
INSERT INTO contacts (company_id, last_name, first_name)
SELECT (SELECT min(id) FROM companies) + g % 40,
	(ARRAY['Dupont', 'Égal', 'durand', 'Martin'])[1 + g % 4],
	CASE WHEN g % 5 = 0 THEN NULL ELSE (ARRAY['Élise', 'anne', 'Zoé'])[1 + g % 3] END
FROM generate_series(1, 130) g;
""")
    krow = r'<a class="button small" href="/contacts/(\d+)"'
    want = [x[0] for x in s.psql(
        "SELECT id FROM contacts ORDER BY last_name COLLATE french, first_name COLLATE french, id")]
    pages, paths = walk(c, "/contacts", krow)
    t.eq([len(p) for p in pages], [50, 50, 30], "contacts: pages of 50, 50 and 30")
    t.eq([i for p in pages for i in p], want, "contacts: every one once, in name order (no first name last)")
    r = c.get(paths[-1])
    back, prev = [], links(r.text)["prev"]
    while prev:
        r = c.get(prev)
        back.append(re.findall(krow, r.text))
        prev = links(r.text)["prev"]
    t.eq(back, pages[:-1][::-1], "contacts: previous links walk back")
    want_l = [x[0] for x in s.psql(
        "SELECT id FROM contacts WHERE upper(left(search_key(last_name), 1)) = 'D'"
        " ORDER BY last_name COLLATE french, first_name COLLATE french, id")]
    lpages, _ = walk(c, "/contacts?letter=D", krow)
    t.eq([i for p in lpages for i in p], want_l, "contacts by letter: every one once, in order")

    # The companies list (kept per worker): names that sort the French way.
    s.psql("INSERT INTO companies (name) SELECT (ARRAY['Éole ', 'eole ', 'Zêta ', 'alpha '])[1 + g % 4] || g"
           " FROM generate_series(1, 90) g")
    crow = r'<tr id="company-(\d+)"'
    want = [x[0] for x in s.psql("SELECT id FROM companies ORDER BY name COLLATE french, id")]
    pages, paths = walk(c, "/companies", crow)
    t.eq([i for p in pages for i in p], want, "companies: every one once, in name order")
    r = c.get(paths[-1])
    back, prev = [], links(r.text)["prev"]
    while prev:
        r = c.get(prev)
        back.append(re.findall(crow, r.text))
        prev = links(r.text)["prev"]
    t.eq(back, pages[:-1][::-1], "companies: previous links walk back")
t.done()
