#!/usr/bin/env python3
"""Companies: create, validate, edit, list (index, search, pages),
departments, delete with confirmation."""
import html
import re
from fmtest import Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    n = lambda: int(s.scalar("SELECT count(*) FROM companies"))

    r = c.get("/companies/new")
    t.eq(r.status, 200, "new company form")
    good = {"name": "Études Mercator", "phone": "01 55 34 00 00", "fax": "01 55 34 00 09",
            "address": "31 boulevard Haussmann\nBâtiment B", "postcode": "75009",
            "city": "Paris", "country_code": "FR", "preferences": "Café à 9 h.",
            "vat_number": "FR40303265045", "siren": "303 265 045"}
    r = c.post("/companies", good)
    t.eq(r.status, 303, "create: 303")
    t.ok(re.match(r"^/companies/\d+$", r.location or ""), "... to the company page", r.location)
    cid = r.location.rsplit("/", 1)[1]
    row = s.psql("SELECT name, phone, fax, postcode, city, country, preferences, "
                 "vat_number, siren FROM companies WHERE id = %s" % cid)
    t.eq(row, [["Études Mercator", "01 55 34 00 00", "01 55 34 00 09", "75009", "Paris",
                "France", "Café à 9 h.", "FR40303265045", "303265045"]],
         "stored as typed (SIREN without its spaces)")
    t.eq(s.scalar("SELECT address = E'31 boulevard Haussmann\\nBâtiment B' FROM companies WHERE id = %s" % cid),
         "t", "multi-line address kept whole")
    page = c.get(r.location)
    t.contains(page.text, "Fiche créée", "a notice confirms")
    t.contains(page.text, 'value="Études Mercator"', "the form shows the name")
    t.contains(page.text, "Bâtiment B</textarea>", "and the address")

    # The same form sent as multipart/form-data (as file-upload forms are).
    r = c.post_multipart("/companies", {"name": "Multipart & Cie", "city": "Lyon",
                                        "preferences": "Ligne 1\r\nLigne 2"}, {})
    t.eq(r.status, 303, "multipart form: 303")
    t.eq(s.scalar("SELECT city FROM companies WHERE name = 'Multipart & Cie'"), "Lyon",
         "multipart fields are read")

    # A body over the forms' limit (nginx: 256 KB) is refused before it is read.
    before = n()
    r = c.post("/companies", {"name": "Too big", "preferences": "x" * (21 * 1024 * 1024)})
    t.eq(r.status, 413, "a 21 MB form: 413 (nginx: 256 KB for a form)")
    t.contains(r.text, "Envoi trop volumineux", "with a clear page")
    t.eq(n(), before, "nothing written")

    # Validation keeps what was typed and writes nothing.
    before = n()
    bad = dict(good, name="", siren="123456789", phone="01 ABC", vat_number="12",
               city="x" * 101)
    r = c.post("/companies", bad)
    t.eq(r.status, 422, "invalid form: 422")
    t.eq(n(), before, "nothing written")
    t.contains(r.text, "Le formulaire contient des erreurs", "a message on top")
    t.contains(r.text, "Ce champ est obligatoire", "name required")
    t.contains(r.text, "SIREN invalide", "SIREN checked")
    t.contains(r.text, "Numéro invalide", "phone checked")
    t.contains(r.text, "Numéro de TVA invalide", "VAT number checked")
    t.contains(r.text, "Au plus 100 caractères", "length checked")
    t.contains(r.text, 'value="01 ABC"', "typed phone kept")
    t.contains(r.text, 'value="%s"' % ("x" * 101), "typed city kept")
    t.contains(r.text, "Café à 9 h.</textarea>", "other fields kept")

    # Edit.
    r = c.post("/companies/%s" % cid, dict(good, name="Études Mercator SA", city="Paris 9e"))
    t.eq(r.status, 303, "update: 303")
    t.eq(s.scalar("SELECT name || '|' || city FROM companies WHERE id = %s" % cid),
         "Études Mercator SA|Paris 9e", "update stored")
    r = c.post("/companies/%s" % cid, dict(good, name="   ", email="x"))
    t.eq(r.status, 422, "update with errors: 422")
    t.eq(s.scalar("SELECT name FROM companies WHERE id = %s" % cid), "Études Mercator SA",
         "update with errors changes nothing")
    t.eq(c.get("/companies/999999").status, 404, "unknown company: 404")
    t.eq(c.post("/companies/999999", good).status, 404, "updating an unknown company: 404")

    # List: index letters, search, pagination.
    s.psql("INSERT INTO companies (name, city, phone) SELECT 'Zeta ' || lpad(g::text, 3, '0'), "
           "'Nantes', '02 40 00 ' || lpad(g::text, 2, '0') FROM generate_series(1, 120) g")
    s.psql("INSERT INTO companies (name) VALUES ('Éole Conseil'), ('3M France'), ('alpha minuscule')")
    r = c.get("/companies")
    t.eq(r.status, 200, "list")
    t.eq(r.text.count('<tr id="company-'), 50, "50 companies per page")
    t.contains(r.text, "125 sociétés", "the total is shown")
    nxt = lambda text: html.unescape(re.search(r'rel="next" href="([^"]+)"', text).group(1))
    t.ok('rel="next"' in r.text and 'rel="prev"' not in r.text, "the first page links to the next one only")
    r2 = c.get(nxt(c.get(nxt(r.text)).text))
    t.eq(r2.text.count('<tr id="company-'), 25, "last page holds the rest")
    t.ok('rel="next"' not in r2.text and 'rel="prev"' in r2.text, "... and links back only")
    names = re.findall(r'<td class="name"><a href="/companies/\d+">([^<]*)</a>', r.text)
    t.eq(names[:4], ["3M France", "alpha minuscule", "Éole Conseil", "Études Mercator SA"],
         "sorted the French way: digits, then letters whatever case and accents")
    r = c.get("/companies?letter=E")
    names = re.findall(r'<td class="name"><a href="/companies/\d+">([^<]*)</a>', r.text)
    t.eq(names, ["Éole Conseil", "Études Mercator SA"], "letter E includes É")
    r = c.get("/companies?letter=3")
    t.contains(r.text, "3M France", "digit index")
    r = c.get("/companies?q=nantes")
    link = nxt(r.text)
    t.contains(link, "q=nantes", "page links keep the search")
    r = c.get(link)
    t.eq(r.text.count('<tr id="company-'), 50, "search results are paginated")
    r = c.get("/companies?q=40+00+07")
    names = re.findall(r'<td class="name"><a href="/companies/\d+">([^<]*)</a>', r.text)
    t.eq(names, ["Zeta 007"], "search by phone whatever the spacing")
    r = c.get("/companies?q=etudes")
    t.contains(r.text, "Études Mercator SA", "search ignores accents and case")

    # The list's HTML is kept by each worker: any change shows at once.
    for _ in range(4):
        c.get("/companies?letter=Z")        # every worker has it now
    s.psql("UPDATE companies SET name = 'Zeta 001 renamed' WHERE name = 'Zeta 001'")
    seen = [c.get("/companies?letter=Z").text for _ in range(4)]
    t.ok(all("Zeta 001 renamed" in p for p in seen), "a change made anywhere shows on every worker")
    zid = s.scalar("SELECT id FROM companies WHERE name = 'Zeta 001 renamed'")
    s.psql("INSERT INTO contacts (company_id, last_name) VALUES (%s, 'Nouveau-Contact')" % zid)
    seen = [c.get("/companies?letter=Z").text for _ in range(4)]
    t.ok(all("Nouveau-Contact" in p for p in seen), "so does a new contact")
    c.get("/lang/en?next=/companies")
    t.contains(c.get("/companies?letter=Z").text, "Edit", "each language has its own copy")
    c.get("/lang/fr?next=/companies")

    # Departments.
    r = c.post("/companies/%s/departments" % cid, {"department": "Direction"})
    t.eq(r.status, 303, "add a department")
    r = c.post("/companies/%s/departments" % cid, {"department": "Direction"})
    t.eq(r.status, 409, "duplicate department: 409")
    t.contains(r.text, "existe déjà", "with a message")
    r = c.post("/companies/%s/departments" % cid, {"department": ""})
    t.eq(r.status, 422, "empty department name: 422")
    did = s.scalar("SELECT id FROM departments WHERE company_id = %s" % cid)
    r = c.post("/departments/%s" % did, {"name": "Direction générale"})
    t.eq(r.status, 303, "rename a department")
    t.eq(s.scalar("SELECT name FROM departments WHERE id = %s" % did), "Direction générale", "renamed")
    t.contains(c.get("/companies/%s" % cid).text, 'value="Direction générale"', "shown on the company page")

    # Contacts shown in the list, then deletion with confirmation.
    s.psql("INSERT INTO contacts (company_id, department_id, last_name, first_name) VALUES "
           "(%s, %s, 'Mercier', 'François'), (%s, NULL, 'Roux', 'Camille')" % (cid, did, cid))
    r = c.get("/companies?letter=E")
    t.contains(r.text, "François Mercier", "contacts listed under their company")
    t.contains(r.text, 'href="/companies/%s/delete"' % cid, "each row links to its deletion")
    r = c.post("/departments/%s/delete" % did)
    t.eq(r.status, 303, "delete a department")
    t.eq(s.scalar("SELECT count(*) FROM contacts WHERE company_id = %s AND department_id IS NULL" % cid),
         "2", "its contacts stay, without department")

    r = c.get("/companies/%s/delete" % cid)
    t.eq(r.status, 200, "the list's delete link asks for confirmation")
    t.contains(r.text, "Cette société a 2 contacts.", "saying how many contacts go with it")
    r = c.post("/companies/%s/delete" % cid)
    t.eq(r.status, 200, "a POST without confirmation asks too")
    t.contains(r.text, "Cette société a 2 contacts.", "saying how many contacts go with it")
    t.contains(r.text, "François", "and naming them")
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE id = %s" % cid), "1", "nothing deleted yet")
    s.psql("INSERT INTO contacts (company_id, last_name) VALUES (%s, 'Arrivé entre-temps')" % cid)
    r = c.post("/companies/%s/delete" % cid, {"confirm": "1", "contacts": "2"})
    t.eq(r.status, 200, "a contact added since the question: asked again")
    t.contains(r.text, "Cette société a 3 contacts.", "with the new count")
    r = c.post("/companies/%s/delete" % cid, {"confirm": "1", "contacts": "3"})
    t.eq(r.status, 303, "confirmed: deleted")
    t.eq(s.scalar("SELECT count(*) FROM contacts WHERE company_id = %s" % cid), "0",
         "its contacts went with it")
    t.eq(c.post("/companies/%s/delete" % cid, {"confirm": "1"}).status, 404,
         "deleting it again: 404")

    # A company still referenced (as orders will reference it) is kept.
    s.psql("CREATE TABLE t_refs (company_id bigint REFERENCES companies (id))")
    keep = s.scalar("SELECT id FROM companies WHERE name = 'Éole Conseil'")
    s.psql("INSERT INTO t_refs VALUES (%s)" % keep)
    r = c.post("/companies/%s/delete" % keep, {"confirm": "1", "contacts": "0"})
    t.eq(r.status, 409, "a referenced company cannot be deleted: 409")
    t.contains(r.text, "Impossible de supprimer cette société", "with a clear message")
    t.eq(s.scalar("SELECT count(*) FROM companies WHERE id = %s" % keep), "1", "and it is kept")

    # A company with orders: the confirmation page says so before any click.
    s.psql("INSERT INTO orders (company_id, language) VALUES (%s, 'fr'), (%s, 'fr')" % (keep, keep))
    r = c.get("/companies/%s/delete" % keep)
    t.eq(r.status, 200, "the confirmation page of a company with orders")
    t.contains(r.text, "ne peut pas être supprimée : 2 commandes la nomment",
               "says it has orders, and how many")
    t.ok('name="confirm"' not in r.text, "and offers no delete button")
    s.psql("DELETE FROM orders WHERE company_id = %s AND id <> (SELECT min(id) FROM orders "
           "WHERE company_id = %s)" % (keep, keep))
    r = c.get("/companies/%s/delete" % keep)
    t.contains(r.text, "1 commande la nomme", "one order: the singular")
    r = c.get("/companies?q=%C3%89ole")
    t.ok(re.search(r'<small class="count">1 société</small>', r.text), "« 1 société », not « 1 sociétés »")
    c.get("/lang/en")
    r = c.get("/companies?q=%C3%89ole")
    t.ok(re.search(r'<small class="count">1 company</small>', r.text), "« 1 company » in English")
    r = c.get("/companies")
    t.ok(re.search(r'<small class="count">\d+ companies</small>', r.text), "« N companies » in English")
    c.get("/lang/fr")
t.done()
