-- pgTAP: orders, reservations, the history triggers and the pricing functions.
BEGIN;
SELECT plan(34);

SELECT has_table('orders');
SELECT has_table('reservations');
SELECT has_table('order_options');
SELECT has_table('disbursements');
SELECT has_table('services');
SELECT has_table('order_history');
SELECT has_function('order_totals', ARRAY['bigint']);
SELECT has_function('order_vat_totals', ARRAY['bigint']);

SELECT is(ARRAY(SELECT rate FROM vat_rates ORDER BY rate DESC), ARRAY[20, 10, 5.5, 0]::numeric[],
	'the four French VAT rates are there');

INSERT INTO staff_users (id, login, password_hash) OVERRIDING SYSTEM VALUE VALUES (900, 'marie', 'x');
INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Site T');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 900, 'R1'), (902, 900, 'R2');
INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Acme'), (901, 'Payeur');
INSERT INTO contacts (id, company_id, last_name, is_billing) OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'Durand', false), (901, 901, 'Compta', true), (902, 900, 'Facture', true);
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 'Journée', 'Day', 'day', '09:00', '18:00', 850.00, 20, 95.00),
	(901, 'Soirée', 'Evening', 'evening', '18:00', '22:30', 400.00, 20, 95.00);
INSERT INTO option_categories (id, label_fr, label_en) OVERRIDING SYSTEM VALUE VALUES (900, 'Resto', 'Food');
INSERT INTO options (id, category_id, label_fr, label_en, unit_price, vat_rate) OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'Plateau repas', 'Meal tray', 18.50, 10),
	(901, 900, 'Copie', 'Copy', 0.15, 20);

DO $$ BEGIN PERFORM set_config('fm.staff_id', '900', true); END $$;
INSERT INTO orders (id, company_id, contact_id, study_ref) OVERRIDING SYSTEM VALUE
	VALUES (900, 900, 900, 'ETU-1');

SELECT throws_ok($$INSERT INTO orders (company_id, contact_id) VALUES (901, 900)$$, '23514', NULL,
	'the contact must work for the order''s company');
SELECT throws_ok($$UPDATE orders SET billing_contact_id = 900 WHERE id = 900$$, '23514', NULL,
	'the billing contact must be flagged billing');
SELECT throws_ok($$UPDATE orders SET billing_company_id = 900, billing_contact_id = 901 WHERE id = 900$$,
	'23514', NULL, 'the billing contact must belong to the billing company');
SELECT lives_ok($$UPDATE orders SET billing_company_id = 901, billing_contact_id = 901 WHERE id = 900$$,
	'a billing contact of the billing company is accepted');

INSERT INTO reservations (id, order_id, room_id, starts_at, ends_at, tariff_id, overtime_minutes)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 901, '2030-06-11 09:00+02', '2030-06-11 18:00+02', 900, 90);
SELECT is((SELECT price FROM reservations WHERE id = 900), 850.00::numeric(12,2),
	'the reservation takes its price from the tariff');
SELECT throws_ok($$INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)
	VALUES (900, 901, '2030-06-11 17:59+02', '2030-06-11 20:00+02', 901)$$, '23P01', NULL,
	'an overlapping reservation of the same room is refused');
SELECT lives_ok($$INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)
	VALUES (900, 901, '2030-06-11 18:00+02', '2030-06-11 22:30+02', 901)$$,
	'a reservation starting when the previous ends is accepted');
SELECT lives_ok($$INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)
	VALUES (900, 902, '2030-06-11 10:00+02', '2030-06-11 12:00+02', 901)$$,
	'the same time in another room is accepted');
SELECT throws_ok($$UPDATE reservations SET room_id = 901 WHERE room_id = 902$$, '23P01', NULL,
	'moving onto a busy room is refused');
SELECT throws_ok($$INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id)
	VALUES (900, 902, '2030-06-12 10:00+02', '2030-06-12 09:00+02', 901)$$, '23514', NULL,
	'a reservation ends after it starts');
SELECT is((SELECT order_id FROM reservation_conflict(901, '2030-06-11 12:00+02', '2030-06-11 13:00+02', NULL)),
	900::bigint, 'reservation_conflict names the order holding the room');

UPDATE tariffs SET price = 999 WHERE id = 900;
SELECT is((SELECT price FROM reservations WHERE id = 900), 850.00::numeric(12,2),
	'a later catalogue change does not alter the reservation');

INSERT INTO order_options (order_id, option_id, day, quantity) VALUES
	(900, 900, '2030-06-11', 12), (900, 901, '2030-06-11', 333);
SELECT throws_ok($$INSERT INTO order_options (order_id, option_id, day, quantity)
	VALUES (900, 900, '2030-06-11', 1)$$, '23505', NULL, 'one cell per option, day, room and hours');
INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) VALUES
	(900, 'Transport', 1, 120.00, 20), (900, 'Livre', 3, 9.99, 5.5);
INSERT INTO disbursements (order_id, last_name, payment_type, amount, paid_on) VALUES
	(900, 'Participant', 'cash', 60.00, '2030-06-11'), (900, 'Autre', 'cheque', 40.00, '2030-06-11');

-- By hand: 20 %: 850 + 400 + 400 (room R2) + 142.50 (1.5 h x 95) + 49.95 (333 x 0.15)
-- + 120 = 1962.45, VAT 392.49; 10 %: 222.00, VAT 22.20; 5.5 %: 29.97, VAT 1.65.
SELECT is(ARRAY(SELECT vat_rate || ':' || base || ':' || vat FROM order_vat_totals(900)),
	ARRAY['20.00:1962.45:392.49', '10.00:222.00:22.20', '5.50:29.97:1.65'],
	'bases and VAT per rate');
SELECT is((SELECT total_ht || '|' || total_vat || '|' || total_ttc || '|' || disbursements || '|' || total_due
	FROM order_totals(900)), '2214.42|416.34|2630.76|100.00|2730.76',
	'totals: excl. VAT, VAT, incl. VAT, disbursements apart, due');
UPDATE orders SET vat_mode = 'export' WHERE id = 900;
SELECT is((SELECT total_vat || '|' || total_ttc FROM order_totals(900)), '0.00|2214.42',
	'no VAT outside the normal VAT mode');
SELECT is((SELECT total_ht FROM order_totals(123456789)), 0.00::numeric(12,2),
	'an order without lines totals zero');

-- History.
SELECT is((SELECT count(*) FROM order_history WHERE order_id = 900 AND entity = 'reservation'
	AND action = 'insert'), 3::bigint, 'each reservation added is in the history');
SELECT is((SELECT who FROM order_history WHERE order_id = 900 ORDER BY id LIMIT 1), 'marie',
	'the history names who made the change');
UPDATE reservations SET room_id = 902, starts_at = '2030-06-12 09:00+02', ends_at = '2030-06-12 18:00+02'
	WHERE id = 900;
SELECT is((SELECT changes->'room' FROM order_history WHERE entity = 'reservation' AND entity_id = 900
	AND action = 'update'), '["R1", "R2"]'::jsonb, 'an update records the old and new room by name');
SELECT is((SELECT changes->'date' FROM order_history WHERE entity = 'reservation' AND entity_id = 900
	AND action = 'update'), '["11/06/2030", "12/06/2030"]'::jsonb, '... and the dates as people read them');
UPDATE reservations SET info = info WHERE id = 900;
SELECT is((SELECT count(*) FROM order_history WHERE entity_id = 900 AND entity = 'reservation'),
	2::bigint, 'an update that changes nothing visible is not recorded');
DELETE FROM services WHERE label = 'Livre';
SELECT is((SELECT summary FROM order_history WHERE entity = 'service' AND action = 'delete'),
	'Livre · 3 × 9.99 €', 'a deletion keeps what was deleted');

SELECT throws_ok($$DELETE FROM companies WHERE id = 900$$, '23503', NULL,
	'a company with orders cannot be deleted');
SELECT throws_ok($$DELETE FROM tariffs WHERE id = 900$$, '23503', NULL,
	'a tariff in use cannot be deleted');

SELECT * FROM finish();
ROLLBACK;
