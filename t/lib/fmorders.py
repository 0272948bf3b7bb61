"""fmorders - a small catalogue and clients for the order tests.

catalogue(stack) creates two sites with rooms, tariffs, a catering and an
equipment category with options, two companies with contacts, and
returns the ids by name.  Times are Europe/Paris (as focusd shows them).
"""
import re

SQL = r"""
SET TimeZone = 'Europe/Paris';
INSERT INTO sites (name) VALUES ('Paris'), ('Lyon');
INSERT INTO rooms (site_id, name, position)
SELECT s.id, r.name, r.pos FROM sites s JOIN (VALUES
  ('Paris', 'Salle 1', 1), ('Paris', 'Salle 2', 2), ('Lyon', 'Salle A', 1)) AS r (site, name, pos)
  ON r.site = s.name;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price, position) VALUES
  ('Journée', 'Day', 'day', '09:00', '18:00', 850.00, 20, 95.00, 1),
  ('Soirée', 'Evening', 'evening', '18:00', '22:30', 412.50, 20, 110.00, 2);
INSERT INTO option_categories (label_fr, label_en, per_room, position) VALUES
  ('Restauration', 'Catering', false, 1), ('Matériel', 'Equipment', true, 2);
INSERT INTO options (category_id, label_fr, label_en, unit_fr, unit_en, unit_price, vat_rate, checkbox, position)
SELECT c.id, o.fr, o.en, 'u', 'u', o.price, o.vat, o.cb, o.pos
FROM option_categories c JOIN (VALUES
  ('Restauration', 'Café', 'Coffee', 3.35, 10, false, 1),
  ('Restauration', 'Plateau repas', 'Meal tray', 21.99, 10, false, 2),
  ('Matériel', 'Copies A4 N&B', 'B&W copies', 0.07, 20, false, 1),
  ('Matériel', 'TV', 'TV', 40.00, 20, true, 2),
  ('Matériel', 'Livret', 'Booklet', 3.33, 5.5, false, 3)
) AS o (cat, fr, en, price, vat, cb, pos) ON o.cat = c.label_fr;
INSERT INTO companies (name) VALUES ('Acme Études'), ('Payeur SA'), ('Zeta Conseil');
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
SELECT c.id, k.last, k.first, k.billing FROM companies c JOIN (VALUES
  ('Acme Études', 'Durand', 'Alice', false), ('Acme Études', 'Compta', 'Bob', true),
  ('Payeur SA', 'Factures', 'Carla', true), ('Payeur SA', 'Autre', 'Dan', false),
  ('Zeta Conseil', 'Zed', 'Zoé', false)) AS k (co, last, first, billing) ON k.co = c.name;
"""


def catalogue(s):
    s.psql(SQL)
    ids = {}
    for table, col in (("rooms", "name"), ("tariffs", "label_fr"), ("options", "label_fr"),
                       ("option_categories", "label_fr"), ("companies", "name"),
                       ("contacts", "last_name"), ("sites", "name")):
        for i, name in s.psql("SELECT id, %s FROM %s" % (col, table)):
            ids[name] = i
    return ids


def new_order(c, company_id, **fields):
    """Creates an order over HTTP; returns its id."""
    f = {"company_id": company_id, "language": "fr", "vat_mode": "normal"}
    f.update(fields)
    r = c.post("/orders", f)
    if r.status != 303:
        raise RuntimeError("order creation failed: %d\n%s" % (r.status, r.text[:2000]))
    return re.match(r"^/orders/(\d+)$", r.location).group(1)
