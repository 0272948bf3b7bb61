-- Demo data: the catalogue (tariffs, catering, equipment), the seller,
-- and about 40 orders over the current and the next week (relative to
-- the day dev/demo loads it) with reservations that never overlap,
-- catering and equipment, disbursements and services.  Loaded once.

SET TimeZone = 'Europe/Paris';

UPDATE seller SET name = 'Focus Salles Paris', legal_form = 'SAS',
	address = '29 rue Merlin', postcode = '75011', city = 'Paris',
	country = 'France', phone = '01 43 00 00 00',
	email = 'contact@focus-salles.example', siren = '732829320',
	rcs = 'Paris B 732 829 320', capital = '50 000 €',
	vat_number = 'FR44732829320', iban = 'FR7630006000011234567890189',
	bic = 'AGRIFRPP', payment_days = 30,
	payment_terms = 'Paiement à 30 jours par virement. Pas d''escompte pour paiement anticipé.',
	late_rate = 10.15;

INSERT INTO rooms (site_id, name, capacity, position)
SELECT id, 'Salle 4 (atelier)', 14, 4 FROM sites WHERE name = 'Paris Bastille';

INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price, position) VALUES
	('Matinée', 'Morning', 'morning', '09:00', '13:00', 450.00, 20, 95.00, 1),
	('Après-midi', 'Afternoon', 'afternoon', '14:00', '18:00', 450.00, 20, 95.00, 2),
	('Journée', 'Day', 'day', '09:00', '18:00', 800.00, 20, 95.00, 3),
	('Soirée', 'Evening', 'evening', '18:00', '22:30', 520.00, 20, 110.00, 4),
	('Journée et soirée', 'Day and evening', 'day_evening', '09:00', '22:30', 1180.00, 20, 110.00, 5),
	('Après-midi et soirée', 'Afternoon and evening', 'afternoon_evening', '13:30', '22:30', 900.00, 20, 110.00, 6);

INSERT INTO option_categories (label_fr, label_en, per_room, position) VALUES
	('Restauration', 'Catering', false, 1),
	('Matériel', 'Equipment', true, 2);

INSERT INTO options (category_id, label_fr, label_en, unit_fr, unit_en, unit_price, vat_rate, checkbox, position)
SELECT c.id, o.fr, o.en, o.ufr, o.uen, o.price, o.vat, o.cb, o.pos
FROM option_categories c JOIN (VALUES
	('Restauration', 'Café d''accueil', 'Welcome coffee', 'personne', 'person', 3.50, 10, false, 1),
	('Restauration', 'Viennoiseries', 'Pastries', 'personne', 'person', 2.80, 10, false, 2),
	('Restauration', 'Plateau repas', 'Meal tray', 'plateau', 'tray', 22.00, 10, false, 3),
	('Restauration', 'Buffet dînatoire', 'Dinner buffet', 'personne', 'person', 28.00, 10, false, 4),
	('Restauration', 'Boissons fraîches', 'Soft drinks', 'bouteille', 'bottle', 2.50, 10, false, 5),
	('Restauration', 'Corbeille de fruits', 'Fruit basket', 'corbeille', 'basket', 15.00, 5.5, false, 6),
	('Restauration', 'Vin (bouteille)', 'Wine (bottle)', 'bouteille', 'bottle', 18.00, 20, false, 7),
	('Matériel', 'Copies A4 N&B', 'B&W A4 copies', 'copie', 'copy', 0.10, 20, false, 1),
	('Matériel', 'Copies A4 N&B gros volume', 'B&W A4 copies, bulk', 'copie', 'copy', 0.06, 20, false, 2),
	('Matériel', 'Copies A4 N&B 50 %', 'B&W A4 copies 50%', 'copie', 'copy', 0.05, 20, false, 3),
	('Matériel', 'Copies A4 couleur', 'Colour A4 copies', 'copie', 'copy', 0.40, 20, false, 4),
	('Matériel', 'Copies A4 couleur gros volume', 'Colour A4 copies, bulk', 'copie', 'copy', 0.30, 20, false, 5),
	('Matériel', 'Copies A3 couleur', 'Colour A3 copies', 'copie', 'copy', 0.80, 20, false, 6),
	('Matériel', 'Copies A3 couleur 50 %', 'Colour A3 copies 50%', 'copie', 'copy', 0.40, 20, false, 7),
	('Matériel', 'Commandes spéciales', 'Special orders', 'forfait', 'flat fee', 25.00, 20, false, 8),
	('Matériel', 'PC', 'PC', 'jour', 'day', 60.00, 20, true, 9),
	('Matériel', 'TV', 'TV', 'jour', 'day', 40.00, 20, true, 10),
	('Matériel', 'Heures de traduction', 'Translation hours', 'heure', 'hour', 85.00, 20, false, 11),
	('Matériel', 'Heures de prise de notes', 'Note-taking hours', 'heure', 'hour', 45.00, 20, false, 12)
) AS o (cat, fr, en, ufr, uen, price, vat, cb, pos) ON o.cat = c.label_fr;

-- Orders: companies in turn, their first contact, their billing contact.
INSERT INTO orders (company_id, contact_id, billing_contact_id, study_ref, vip,
	account_code, comment_printed, internal_note, language, vat_mode)
SELECT c.id,
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id ORDER BY k.is_billing, k.id LIMIT 1),
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id AND k.is_billing ORDER BY k.id LIMIT 1),
	'ETU-' || to_char(current_date, 'YY') || '-' || lpad((100 + g)::text, 3, '0'),
	g % 7 = 0,
	'411' || lpad(c.id::text, 4, '0'),
	CASE WHEN g % 3 = 0 THEN 'Groupes de 8 participants, recrutement inclus.' END,
	CASE WHEN g % 4 = 0 THEN 'Client exigeant sur la ponctualité du café.' END,
	CASE WHEN c.country IN ('Royaume-Uni', 'Suède') THEN 'en' ELSE 'fr' END,
	CASE WHEN c.country IN ('Royaume-Uni', 'Suède') THEN 'reverse_charge' ELSE 'normal' END
FROM generate_series(1, 40) g
JOIN LATERAL (SELECT * FROM companies ORDER BY id OFFSET (g % (SELECT count(*) FROM companies)) LIMIT 1) c ON true;

-- Reservations: each order books 1 to 3 days in a row from a working day
-- of this week or the next, in the first room free at its time slot.
DO $$
DECLARE
	o record;
	monday date := date_trunc('week', current_date)::date;
	d date;
	slot int;
	t record;
	n int;
	k int;
	off int;
	placed boolean;
	room record;
BEGIN
	FOR o IN SELECT id, row_number() OVER (ORDER BY id) AS i FROM orders ORDER BY id LOOP
		d := monday + ((o.i * 3) % 12)::int;
		IF extract(isodow FROM d) > 5 THEN d := d + (8 - extract(isodow FROM d))::int; END IF;
		slot := (o.i % 5)::int;
		SELECT * INTO t FROM tariffs ORDER BY CASE slot
			WHEN 0 THEN 'morning' WHEN 1 THEN 'afternoon' WHEN 2 THEN 'day'
			WHEN 3 THEN 'evening' ELSE 'afternoon_evening' END = kind DESC, id LIMIT 1;
		n := 1 + (o.i % 3)::int;
		FOR k IN 0 .. n - 1 LOOP
			placed := false;
			-- The first room free at that slot, that day or a later one.
			FOR off IN 0 .. 6 LOOP
				FOR room IN SELECT r.id FROM rooms r JOIN sites s ON s.id = r.site_id
					ORDER BY (r.id + o.i) % 7, r.id LOOP
					BEGIN
						INSERT INTO reservations (order_id, room_id, starts_at, ends_at,
							tariff_id, rec, trad, live, overtime_minutes, info)
						VALUES (o.id, room.id, (d + k + off + t.starts)::timestamptz,
							(d + k + off + t.ends)::timestamptz, t.id, o.i % 4 <> 3,
							o.i % 5 = 1, o.i % 6 = 2,
							CASE WHEN o.i % 8 = 0 THEN 60 WHEN o.i % 9 = 0 THEN 30 ELSE 0 END,
							CASE WHEN o.i % 4 = 0 THEN 'Groupe ' || (k + 1) END);
						placed := true;
					EXCEPTION WHEN exclusion_violation THEN
						NULL;
					END;
					EXIT WHEN placed;
				END LOOP;
				EXIT WHEN placed;
			END LOOP;
		END LOOP;
	END LOOP;
END;
$$;

-- Catering each reserved day; equipment for some sessions.
INSERT INTO order_options (order_id, option_id, day, quantity)
SELECT r.order_id, op.id, r.starts_at::date, q.qty
FROM reservations r
JOIN (VALUES ('Café d''accueil', 10), ('Viennoiseries', 10), ('Boissons fraîches', 12)) AS q (label, qty)
	ON true
JOIN options op ON op.label_fr = q.label
WHERE r.order_id % 3 <> 1
ON CONFLICT DO NOTHING;
INSERT INTO order_options (order_id, option_id, day, quantity)
SELECT r.order_id, op.id, r.starts_at::date, 9
FROM reservations r JOIN options op ON op.label_fr = 'Plateau repas'
WHERE r.ends_at - r.starts_at > interval '5 hours' OR extract(hour FROM r.ends_at) >= 20
ON CONFLICT DO NOTHING;
INSERT INTO order_options (order_id, option_id, day, room_id, hours, quantity)
SELECT r.order_id, op.id, r.starts_at::date, r.room_id,
	to_char(r.starts_at, 'HH24"h"MI') || '-' || to_char(r.ends_at, 'HH24"h"MI'), q.qty
FROM reservations r
JOIN (VALUES ('Copies A4 N&B', 120), ('Copies A4 couleur', 24), ('TV', 1), ('Heures de traduction', 3)) AS q (label, qty)
	ON true
JOIN options op ON op.label_fr = q.label
WHERE r.order_id % 2 = 0 AND (q.label <> 'Heures de traduction' OR r.trad)
ON CONFLICT DO NOTHING;

-- Participants' incentives (débours) and a few services.
INSERT INTO disbursements (order_id, last_name, first_name, payment_type, amount, cheque_no, paid_on)
SELECT o.id, p.last, p.first, p.pay, p.amount,
	CASE WHEN p.pay = 'cheque' THEN lpad((1000000 + o.id * 10 + p.n)::text, 7, '0') END,
	(SELECT min(starts_at)::date FROM reservations WHERE order_id = o.id)
FROM orders o
JOIN (VALUES (1, 'Martin', 'Julie', 'cheque', 60.00), (2, 'Bernard', 'Thomas', 'cheque', 60.00),
	(3, 'Dubois', 'Léa', 'cash', 60.00), (4, 'Laurent', 'Hugo', 'transfer', 75.00)) AS p (n, last, first, pay, amount)
	ON p.n <= 1 + o.id % 4
WHERE o.id % 2 = 1 AND EXISTS (SELECT 1 FROM reservations WHERE order_id = o.id);

INSERT INTO services (order_id, label, quantity, unit_price, vat_rate)
SELECT o.id, s.label, s.qty, s.price, 20
FROM orders o
JOIN (VALUES (0, 'Recrutement de participants (8 personnes)', 1, 960.00),
	(1, 'Transcription des entretiens', 3, 180.00),
	(2, 'Clé USB des enregistrements', 2, 15.00)) AS s (k, label, qty, price)
	ON s.k = o.id % 5
WHERE EXISTS (SELECT 1 FROM reservations WHERE order_id = o.id);
