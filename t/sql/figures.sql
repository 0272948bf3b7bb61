-- pgTAP: order_figures (0200_order_figures.sql): each order's period,
-- sessions and total excl. VAT equal a computation from its rows after
-- inserts, updates and deletes of reservations, options and services,
-- one row or many in a statement, and an order without reservations
-- (its creation day); document_figures (0201) equal invoice_balances and
-- the listed day after drafts, issues, payments and credit notes; the
-- trigram indexes exist.
BEGIN;
SELECT plan(22);
SET TimeZone = 'Europe/Paris';

SELECT has_table('order_figures');
SELECT has_index('orders', 'orders_study_ref_trgm', 'the study reference has a trigram index');
SELECT has_index('companies', 'companies_name_trgm', 'the company name has a trigram index');
SELECT has_index('contacts', 'contacts_name_trgm', 'the contact name has a trigram index');

INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Site F');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 900, 'R1'), (902, 900, 'R2');
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 'Journée', 'Day', 'day', '09:00', '18:00', 850.00, 20, 95.00),
	(901, 'Soirée', 'Evening', 'evening', '18:00', '22:30', 400.00, 20, 95.00);
INSERT INTO option_categories (id, label_fr, label_en) OVERRIDING SYSTEM VALUE VALUES (900, 'Resto', 'Food');
INSERT INTO options (id, category_id, label_fr, label_en, unit_price, vat_rate) OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'Café', 'Coffee', 2.35, 10);
INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Société Figures');
INSERT INTO orders (id, company_id, study_ref, created_at) OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'F-1', '2026-03-01 10:00+01'), (901, 900, 'F-2', '2026-03-02 10:00+01'),
	(902, 900, 'F-3', '2026-03-03 10:00+01');

-- What the figures must be: computed from the rows, as the lists did.
CREATE TEMP VIEW expected AS
SELECT o.id AS order_id,
	coalesce(min(r.starts_at)::date, o.created_at::date) AS first_day,
	coalesce(max(r.ends_at - interval '1 second')::date, o.created_at::date) AS last_day,
	count(r.id)::int AS sessions, order_total_ht(o.id) AS total_ht
FROM orders o LEFT JOIN reservations r ON r.order_id = o.id
WHERE o.id BETWEEN 900 AND 999 GROUP BY o.id;
CREATE TEMP VIEW stored AS
SELECT order_id, first_day, last_day, sessions, total_ht FROM order_figures
WHERE order_id BETWEEN 900 AND 999;

SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'new orders: their creation day, no session, 0');
SELECT is((SELECT first_day FROM order_figures WHERE order_id = 901), date '2026-03-02', '... the creation day');

INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, overtime_minutes) VALUES
	(900, 901, '2026-03-10 09:00+01', '2026-03-10 18:00+01', 900, 30),
	(900, 902, '2026-03-12 18:00+01', '2026-03-13 00:00+01', 901, 0),
	(901, 901, '2026-03-11 09:00+01', '2026-03-11 18:00+01', 900, 0);
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'reservations inserted (two orders in one statement)');
SELECT is((SELECT (first_day, last_day, sessions, total_ht)::text FROM order_figures WHERE order_id = 900),
	'(2026-03-10,2026-03-12,2,1297.50)', '... the period ends on the day a reservation ends at midnight, overtime counted');

UPDATE reservations SET starts_at = starts_at - interval '5 days', ends_at = ends_at - interval '5 days'
WHERE order_id = 900 AND room_id = 901;
UPDATE reservations SET order_id = 902 WHERE order_id = 901;
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'reservations moved in time and to another order');
SELECT is((SELECT sessions FROM order_figures WHERE order_id = 901), 0, '... the order they left has none');

INSERT INTO order_options (order_id, option_id, day, quantity) VALUES
	(900, 900, '2026-03-05', 12), (902, 900, '2026-03-11', 3.5);
INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) VALUES (902, 'Recrutement', 3, 80.333, 20);
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'options and services inserted');

UPDATE order_options SET quantity = quantity + 1;
UPDATE services SET unit_price = 99.99;
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'options and services updated');

DELETE FROM order_options WHERE order_id = 900;
DELETE FROM services;
DELETE FROM reservations WHERE order_id = 902;
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM expected', 'options, services and reservations deleted');
SELECT is((SELECT (first_day, sessions, total_ht)::text FROM order_figures WHERE order_id = 902),
	'(2026-03-03,0,10.58)', '... an order left with an option only: its creation day, its option (4.5 × 2.35)');

DELETE FROM orders WHERE id = 901;
SELECT is((SELECT count(*) FROM order_figures WHERE order_id = 901), 0::bigint, 'a deleted order has no figures');

-- Every order of the database (the migration's backfill included).
SELECT is((SELECT count(*) FROM orders o LEFT JOIN order_figures f ON f.order_id = o.id
	WHERE f.order_id IS NULL OR f.total_ht <> order_total_ht(o.id)), 0::bigint,
	'every order has its figures, right');

-- Documents: drafts, issued invoices, payments, a credit note.
UPDATE seller SET name = 'Focus Salles', legal_form = 'SAS', address = '29 rue Merlin',
	postcode = '75011', city = 'Paris', country = 'France', siren = '732829320';
UPDATE companies SET address = '1 rue A', postcode = '75001', city = 'Paris', country = 'France',
	country_code = 'FR', siren = '303265045'
WHERE id = 900;
CREATE TEMP TABLE dd (name text PRIMARY KEY, id bigint);
INSERT INTO dd VALUES ('inv', document_from_order(900, 'invoice', true)),
	('inv2', document_from_order(900, 'invoice', true)), ('quote', document_from_order(902, 'quote', false));
CREATE TEMP VIEW doc_expected AS
SELECT d.id, coalesce(d.issued_on, d.created_at::date) AS list_day, d.due_on,
	coalesce(b.paid, 0) AS paid, coalesce(b.credited, 0) AS credited, b.balance
FROM documents d LEFT JOIN invoice_balances b ON b.document_id = d.id;
CREATE TEMP VIEW doc_stored AS
SELECT document_id, list_day, due_on, paid, credited, balance FROM document_figures;
SELECT set_eq('SELECT * FROM doc_stored', 'SELECT * FROM doc_expected', 'drafts: their creation day, no balance');
SELECT issue_document((SELECT id FROM dd WHERE name = 'inv'), '2026-03-20');
SELECT issue_document((SELECT id FROM dd WHERE name = 'inv2'), '2026-03-21');
SELECT set_eq('SELECT * FROM doc_stored', 'SELECT * FROM doc_expected', 'issued invoices: their issue day, due day and balance');
INSERT INTO payments (document_id, paid_on, amount, method) VALUES
	((SELECT id FROM dd WHERE name = 'inv'), '2026-03-25', 100, 'transfer'),
	((SELECT id FROM dd WHERE name = 'inv'), '2026-03-26', 50.5, 'cheque'),
	((SELECT id FROM dd WHERE name = 'inv2'), '2026-03-26', 10, 'cash');
SELECT set_eq('SELECT * FROM doc_stored', 'SELECT * FROM doc_expected', 'payments (two invoices in one statement)');
INSERT INTO dd VALUES ('cn', credit_note_from_invoice((SELECT id FROM dd WHERE name = 'inv'), NULL, 200, 20, 'Geste'));
SELECT issue_document((SELECT id FROM dd WHERE name = 'cn'), '2026-03-27');
SELECT set_eq('SELECT * FROM doc_stored', 'SELECT * FROM doc_expected', 'an issued credit note: its invoice''s credited and balance');
SELECT is((SELECT credited FROM document_figures WHERE document_id = (SELECT id FROM dd WHERE name = 'inv')),
	240.00::numeric(12,2), '... 200 excl. VAT + 20 % taken back');
DELETE FROM documents WHERE id = (SELECT id FROM dd WHERE name = 'quote');
SELECT is((SELECT count(*) FROM document_figures WHERE document_id = (SELECT id FROM dd WHERE name = 'quote')),
	0::bigint, 'a deleted draft has no figures');

SELECT * FROM finish();
ROLLBACK;
