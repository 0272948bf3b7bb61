"""fmboxdata - rows the box end-to-end tests need: a site and rooms, an
order, a tariff, reservations with rec/live at chosen times."""


def setup(s):
    """Site A with rooms 'Salle 1' and 'Salle 2', one order, one tariff.
    Returns (room1, room2, order, tariff) ids."""
    s.psql("""
INSERT INTO sites (name) VALUES ('Site A');
INSERT INTO rooms (site_id, name, position) SELECT id, 'Salle 1', 1 FROM sites WHERE name = 'Site A';
INSERT INTO rooms (site_id, name, position) SELECT id, 'Salle 2', 2 FROM sites WHERE name = 'Site A';
INSERT INTO companies (name) VALUES ('Études Box');
INSERT INTO orders (company_id, study_ref) SELECT id, 'ETUDE-BOX' FROM companies WHERE name = 'Études Box';
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate)
  VALUES ('Journée test', 'Test day', 'day', '09:00', '18:00', 500, 20);
""")
    room1 = s.scalar("SELECT id FROM rooms WHERE name = 'Salle 1'")
    room2 = s.scalar("SELECT id FROM rooms WHERE name = 'Salle 2'")
    order = s.scalar("SELECT id FROM orders WHERE study_ref = 'ETUDE-BOX'")
    tariff = s.scalar("SELECT id FROM tariffs WHERE label_fr = 'Journée test'")
    return room1, room2, order, tariff


def reservation(s, room, order, tariff, start, length, rec=True, live=False,
                trad=True, overtime=0):
    """A reservation starting `start` (SQL interval text from now, e.g.
    '5 seconds', '-2 days') lasting `length` (interval text)."""
    return s.scalar(
        "INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id,"
        " rec, trad, live, overtime_minutes) VALUES (%s, %s, now() + interval '%s',"
        " now() + interval '%s' + interval '%s', %s, %s, %s, %s, %d) RETURNING id"
        % (order, room, start, start, length, tariff, str(rec).lower(),
           str(trad).lower(), str(live).lower(), overtime))


def register_box(c, room, name="Box test"):
    """Registers a box through /boxes; returns (status, token, page)."""
    import re
    c.get("/boxes")
    r = c.post("/boxes", {"room": room, "name": name})
    m = re.search(r'id="box-token">([0-9a-f]{64})<', r.text)
    return r.status, (m.group(1) if m else None), r
