#!/usr/bin/env python3
"""Contacts: the form of the product description, validation, departments
of the right company, all-contacts list and search, deletion."""
import re
from fmtest import Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    a = s.scalar("INSERT INTO companies (name) VALUES ('Adsuil Celeb') RETURNING id")
    b = s.scalar("INSERT INTO companies (name) VALUES ('Bleu Horizon') RETURNING id")
    da = s.scalar("INSERT INTO departments (company_id, name) VALUES (%s, 'Marketing') RETURNING id" % a)
    db_ = s.scalar("INSERT INTO departments (company_id, name) VALUES (%s, 'Achats') RETURNING id" % b)

    r = c.get("/contacts/new?company_id=%s" % a)
    t.eq(r.status, 200, "new contact form")
    for label in ("Actif", "Adresse de facturation", "Société", "Département", "Fonction",
                  "Titre", "Nom", "Prénom", "Email", "Tél", "Fax", "Mobile", "Adresse",
                  "Code postal", "Ville", "Pays", "Info"):
        t.ok(re.search(r">\s*%s(</label>|\s*<abbr)" % re.escape(label), r.text),
             "the form has " + label)
    t.ok(re.search(r'<option value="%s" selected>Adsuil Celeb' % a, r.text), "company preselected")
    t.contains(r.text, ">Marketing</option>", "the company's departments offered")
    t.lacks(r.text, ">Achats</option>", "not another company's")
    t.ok(re.search(r'name="active" value="1" checked', r.text), "active by default")

    form = {"company_id": a, "department_id": da, "active": "1", "is_billing": "1",
            "function": "Chef de projet", "title": "M.", "last_name": "Caembron",
            "first_name": "Catarino", "email": "c.caembron@adsuil.example",
            "phone": "01 43 55 12 32", "fax": "", "mobile": "06 12 34 56 78",
            "address": "14 rue de la Roquette", "postcode": "75011", "city": "Paris",
            "country": "France", "info": "Préfère être appelé le matin."}
    r = c.post("/contacts", form)
    t.eq(r.status, 303, "create: 303")
    t.eq(r.location, "/companies/%s#contacts" % a, "back to the company")
    row = s.psql("SELECT department_id, active, is_billing, last_name, email, fax FROM contacts")
    t.eq(row, [[da, "t", "t", "Caembron", "c.caembron@adsuil.example", ""]], "stored (empty fax is NULL)")
    kid = s.scalar("SELECT id FROM contacts")

    before = s.scalar("SELECT count(*) FROM contacts")
    r = c.post("/contacts", dict(form, last_name="", email="pas-un-email", mobile="06 ABC"))
    t.eq(r.status, 422, "invalid contact: 422")
    t.contains(r.text, "Ce champ est obligatoire", "last name required")
    t.contains(r.text, "Adresse e-mail invalide", "email checked")
    t.contains(r.text, 'value="pas-un-email"', "typed email kept")
    t.contains(r.text, "Préfère être appelé le matin.</textarea>", "other fields kept")
    t.eq(s.scalar("SELECT count(*) FROM contacts"), before, "nothing written")

    r = c.post("/contacts", dict(form, department_id=db_))
    t.eq(r.status, 422, "department of another company: 422")
    t.contains(r.text, "appartient à une autre société", "clear message")
    r = c.post("/contacts", dict(form, company_id="999999", department_id=""))
    t.eq(r.status, 422, "unknown company: 422")
    t.eq(s.scalar("SELECT count(*) FROM contacts"), before, "still nothing written")

    # Edit: move to the other company, no longer billing nor active.
    r = c.get("/contacts/%s" % kid)
    t.contains(r.text, 'value="Caembron"', "edit form filled")
    r = c.post("/contacts/%s" % kid, dict(form, company_id=b, department_id=db_,
                                          active="", is_billing=""))
    t.eq(r.status, 303, "update: 303")
    t.eq(s.psql("SELECT company_id, department_id, active, is_billing FROM contacts WHERE id = %s" % kid),
         [[b, db_, "f", "f"]], "moved, inactive, not billing")
    t.eq(c.get("/contacts/999999").status, 404, "unknown contact: 404")

    # All contacts list.
    s.psql("INSERT INTO contacts (company_id, last_name, first_name, email) VALUES "
           "(%s, 'Lefèvre', 'Hélène', 'compta@adsuil.example'), "
           "(%s, 'Éluard', 'Paul', NULL)" % (a, a))
    r = c.get("/contacts")
    t.eq(r.status, 200, "all contacts")
    names = re.findall(r'<td class="name">[^<]*<strong>([^<]*)</strong>', r.text)
    t.eq(names, ["Caembron", "Éluard", "Lefèvre"], "sorted by last name, French order")
    t.contains(r.text, "Bleu Horizon", "with their company")
    t.contains(c.get("/contacts?q=helene").text, "Lefèvre", "search by first name, accents aside")
    t.contains(c.get("/contacts?q=adsuil").text, "Éluard", "search by company")
    t.lacks(c.get("/contacts?q=compta@").text, "Éluard", "search by e-mail")
    t.contains(c.get("/contacts?letter=E").text, "Éluard", "letter index on last names")

    r = c.post("/contacts/%s/delete" % kid)
    t.eq(r.status, 303, "delete: 303")
    t.eq(s.scalar("SELECT count(*) FROM contacts WHERE id = %s" % kid), "0", "deleted")
    t.eq(c.post("/contacts/%s/delete" % kid).status, 404, "twice: 404")
t.done()
