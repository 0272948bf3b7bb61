#!/usr/bin/env python3
"""VAT numbers on the company and seller forms: the French key checked
against the SIREN the number holds and against the company's SIREN, the
format of the other EU countries' numbers; each refusal says what is
wrong and what was expected, in the page's language, and writes
nothing."""
import re
from fmtest import Stack, TAP

t = TAP()
with Stack(t) as s:
    c = s.client()
    c.login_admin()
    n = lambda: int(s.scalar("SELECT count(*) FROM companies"))
    good = {"name": "Études Mercator", "address": "31 boulevard Haussmann", "postcode": "75009",
            "city": "Paris", "country": "France", "vat_number": "FR 40 303 265 045", "siren": "303 265 045"}
    before = n()

    def refused(fields, what, *parts):
        r = c.post("/companies", dict(good, **fields))
        t.eq(r.status, 422, what + ": 422")
        m = re.search(r'<p class="error" id="e-vat_number">([^<]*)</p>', r.text)
        t.ok(m is not None, what + ": the error is next to the VAT number")
        for p in parts:
            t.contains(m.group(1) if m else "", p, what + ": says " + p)
        return r

    refused({"vat_number": "FRXX"}, "FRXX", "FR, une clé de 2 chiffres puis les 9 chiffres du SIREN")
    refused({"vat_number": "FR41303265045"}, "a wrong key",
            "la clé ne correspond pas au SIREN", "elle vaut 40 (FR40303265045)")
    refused({"vat_number": "FR40303265046", "siren": ""}, "a SIREN with a wrong check digit",
            "ne forment pas un SIREN")
    refused({"vat_number": "FR44732829320"}, "another company's SIREN",
            "un autre SIREN que celui de la société (303265045)", "le sien serait FR40303265045")
    r = refused({"vat_number": "DE12345678", "name": "TYPED"}, "a German number of 8 digits",
                "ne suit pas le format de son pays (DE)", "DE123456789")
    t.contains(r.text, 'value="TYPED"', "what was typed is kept")
    t.eq(n(), before, "nothing written")
    c.get("/lang/en")
    refused({"vat_number": "FR41303265045"}, "in English", "the key does not match the SIREN",
            "for that SIREN it is 40")
    c.get("/lang/fr")

    r = c.post("/companies", good)
    t.eq(r.status, 303, "a right French number: saved")
    cid = r.location.rsplit("/", 1)[1]
    t.eq(s.scalar("SELECT vat_number FROM companies WHERE id = %s" % cid), "FR40303265045", "stored normalised")
    for vat in ("DE123456789", "ATU12345678", "NL123456789B01", "GB123456789"):
        r = c.post("/companies", dict(good, name="Société " + vat, vat_number=vat, siren=""))
        t.eq(r.status, 303, "%s accepted" % vat)
    r = c.post("/companies/%s" % cid, dict(good, vat_number="FR41303265045"))
    t.eq(r.status, 422, "editing: checked too")
    t.eq(s.scalar("SELECT vat_number FROM companies WHERE id = %s" % cid), "FR40303265045", "unchanged")

    # The seller's identity.
    r = c.get("/config/seller")
    f = {k: v for k, v in re.findall(r'name="([a-z_]+)" value="([^"]*)"', r.text) if k != "csrf_token"}
    f.update({k: v for k, v in re.findall(r'<textarea id="f-[a-z_]+" name="([a-z_]+)"[^>]*>([^<]*)</textarea>',
                                          r.text)})
    f.update({"name": "Focus Salles", "siren": "732829320", "vat_number": "FR45732829320"})
    r = c.post("/config/seller", f)
    t.eq(r.status, 422, "the seller's VAT number is checked too")
    t.contains(r.text, "elle vaut 44", "with the key expected")
t.done()
