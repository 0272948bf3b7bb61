-- dev/dataset.sql - five years of a 10-room, 2-site facility, generated
-- set-based (generate_series) from :seed at :scale (dev/dataset runs it;
-- docs/benchmarks.md gives the volumes).  Deterministic: every value is
-- a function of the row's number and the seed (fm_ds_rand), never of
-- random(), so the same seed and scale give the same rows.
\set ON_ERROR_STOP 1
SET TimeZone = 'Europe/Paris';
SET max_parallel_workers_per_gather = 0;
SELECT set_config('fm.who', 'dataset', false);
SELECT set_config('fm.dataset_seed', :'seed', false);

-- A number in [0, 1) from (seed, stream, n): the same arguments, the same
-- number.  Temporary: the dataset leaves no function behind.
CREATE FUNCTION pg_temp.r(stream int, n bigint) RETURNS double precision
LANGUAGE sql STABLE AS $$
	SELECT ((hashtextextended(stream || ':' || n, current_setting('fm.dataset_seed')::bigint) & 2147483647)::double precision
		/ 2147483648.0)
$$;
CREATE FUNCTION pg_temp.pick(a text[], stream int, n bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT a[1 + floor(pg_temp.r(stream, n) * array_length(a, 1))::int]
$$;

CREATE TEMP TABLE ds AS SELECT
	:scale::numeric AS scale,
	greatest(20, round(2000 * :scale))::int AS companies,
	greatest(50, round(12000 * :scale))::int AS orders,
	date '2021-12-06' AS day0,
	1820 AS days;

-- The catalogue and the seller.
UPDATE seller SET name = 'Focus Salles', legal_form = 'SAS',
	address = '29 rue Merlin', postcode = '75011', city = 'Paris',
	country = 'France', siren = '732829320', vat_number = 'FR44732829320',
	iban = 'FR7630006000011234567890189', bic = 'AGRIFRPP', payment_days = 30;
INSERT INTO sites (name, address) VALUES ('Paris Bastille', '29 rue Merlin, 75011 Paris'),
	('Lyon Part-Dieu', '12 boulevard Vivier-Merle, 69003 Lyon');
INSERT INTO rooms (site_id, name, capacity, position)
SELECT s.id, 'Salle ' || g, 8 + g, g FROM sites s CROSS JOIN generate_series(1, 5) g;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price, position) VALUES
	('Matinée', 'Morning', 'morning', '09:00', '12:00', 450, 20, 90, 1),
	('Après-midi', 'Afternoon', 'afternoon', '12:15', '15:15', 480, 20, 90, 2),
	('Fin d''après-midi', 'Late afternoon', 'afternoon', '15:30', '18:30', 480, 20, 90, 3),
	('Soirée', 'Evening', 'evening', '18:45', '21:45', 520, 20, 110, 4);
INSERT INTO option_categories (label_fr, label_en, per_room, position) VALUES
	('Restauration', 'Catering', false, 1);
INSERT INTO options (category_id, label_fr, label_en, unit_price, vat_rate, position)
SELECT c.id, v.l, v.e, v.p, 10, v.n FROM option_categories c,
	(VALUES ('Café d''accueil', 'Welcome coffee', 4.5, 1), ('Plateau-repas', 'Meal tray', 22, 2)) v(l, e, p, n);

-- A valid SIREN from a number: eight digits and the Luhn check digit
-- (issuing to a French business needs one, and the database checks it).
CREATE FUNCTION pg_temp.siren_of(g integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT b || ((10 - (SELECT sum(CASE WHEN i % 2 = 0
			THEN (substr(b, i, 1)::int * 2) / 10 + (substr(b, i, 1)::int * 2) % 10
			ELSE substr(b, i, 1)::int END)
		FROM generate_series(1, 8) i) % 10) % 10)::text
	FROM (SELECT lpad(g::text, 8, '0') AS b) x
$$;

-- Companies (names with accents and capitals: search is accent- and
-- case-insensitive), three contacts each, the first a billing contact.
INSERT INTO companies (name, phone, address, postcode, city, country, vat_number, siren)
SELECT pg_temp.pick('{Société,Études,Institut,Cabinet,Groupe,Agence,Laboratoire,Observatoire}', 1, g)
	|| ' ' || pg_temp.pick('{Lumière,Océan,Véga,Hélios,Mérieux,Boréal,Cèdre,Émeraude,Forêt,Azur,Pôle,Îlot}', 2, g)
	|| ' ' || to_char(g, 'FM0000'),
	'01 42 ' || lpad((g % 100)::text, 2, '0') || ' ' || lpad((g % 97)::text, 2, '0') || ' 00',
	g || ' rue de la République', lpad((75001 + g % 20)::text, 5, '0'),
	CASE WHEN g % 3 = 0 THEN 'Lyon' ELSE 'Paris' END, 'France',
	'FR' || lpad(((12 + 3 * (pg_temp.siren_of(g)::bigint % 97)) % 97)::text, 2, '0')
		|| pg_temp.siren_of(g), pg_temp.siren_of(g)
FROM ds, generate_series(1, ds.companies) g;
INSERT INTO contacts (company_id, last_name, first_name, title, email, phone, is_billing, function)
SELECT c.id,
	pg_temp.pick('{Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefèvre,Michel,Garcia,Müller,Roux,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Vincent,Chevalier,Gauthier,Perrin,Morel,Mercier}', 3, c.id * 3 + k),
	pg_temp.pick('{Élise,Hélène,Chloé,Zoé,Jérôme,André,François,Noémie,Loïc,Gaëlle,Amélie,Céline,Benoît,Raphaël,Inès,Léa}', 4, c.id * 3 + k),
	CASE WHEN k = 2 THEN 'M.' ELSE 'Mme' END,
	'contact' || k || '.' || c.id || '@example.com', '06 00 00 ' || lpad((c.id % 100)::text, 2, '0') || ' 0' || k,
	k = 1, CASE k WHEN 1 THEN 'Comptabilité' WHEN 2 THEN 'Chargé d''études' ELSE 'Directrice' END
FROM companies c CROSS JOIN generate_series(1, 3) k;

-- Orders: spread over the five years, five reservations each (60,000 at
-- scale 1).  A reservation is a cell (day, slot, room) of the planning,
-- four slots a day, so none overlaps another.
CREATE TEMP TABLE ds_orders AS
SELECT g AS n, c.id AS company_id,
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id AND NOT k.is_billing ORDER BY k.id LIMIT 1) AS contact_id,
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id AND k.is_billing ORDER BY k.id LIMIT 1) AS billing_contact_id,
	ds.day0 + (g - 1) * ds.days / ds.orders AS day
FROM ds CROSS JOIN generate_series(1, ds.orders) g
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS no FROM companies) c
	ON c.no = 1 + floor(pg_temp.r(5, g) * ds.companies)::int;
-- The bulk rows go in with the tables' triggers off (replica): what the
-- triggers would do is done set-based below (prices copied from the
-- catalogue, the orders' accounts, order_figures); the audit history of
-- generated orders stays empty.
SET session_replication_role = replica;
INSERT INTO orders (id, company_id, contact_id, billing_contact_id, study_ref, vip,
	account_code, language, created_at)
OVERRIDING SYSTEM VALUE
SELECT o.n, o.company_id, o.contact_id, o.billing_contact_id,
	'ÉTU-' || to_char(o.day, 'YY') || '-' || lpad(o.n::text, 5, '0'), o.n % 17 = 0,
	'411' || lpad(o.company_id::text, 5, '0'), CASE WHEN o.n % 9 = 0 THEN 'en' ELSE 'fr' END,
	(o.day - 20)::timestamptz
FROM ds_orders o ORDER BY o.n;
SELECT setval(pg_get_serial_sequence('orders', 'id'), max(id)) FROM orders;
INSERT INTO order_accounts (order_id, kind, login, valid_from, valid_until)
SELECT o.id, k, upper(left(k, 1)) || o.id, o.created_at, o.created_at + interval '91 days'
FROM orders o CROSS JOIN unnest(ARRAY['user', 'client', 'live']) AS k ORDER BY o.id, k;

-- Reservation i (the order's five in a row) takes cell floor(i * cells /
-- reservations) of the planning, cells numbered by day, slot and room:
-- never the same cell twice while there are more cells than reservations
-- (scale 1: 72,800 cells for 60,000).
CREATE TEMP TABLE ds_res AS
SELECT o.n AS order_id, k, ds.day0 + (x.c / 40)::int AS day, (x.c / 10 % 4)::int AS slot,
	(1 + x.c % 10)::int AS room_no
FROM ds CROSS JOIN ds_orders o CROSS JOIN generate_series(0, 4) k
CROSS JOIN LATERAL (SELECT floor(((o.n - 1) * 5 + k)::numeric * (ds.days * 40)
	/ (ds.orders * 5))::bigint AS c) x;
-- Past scale 1.2 two reservations may land on the same cell: keep the
-- first one of each cell.
DELETE FROM ds_res x USING ds_res y
WHERE x.day = y.day AND x.slot = y.slot AND x.room_no = y.room_no
  AND (x.order_id, x.k) > (y.order_id, y.k);
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, trad, live,
	overtime_minutes, info, price, overtime_price, vat_rate)
SELECT x.order_id, m.id, x.day + t.starts, x.day + t.ends, t.id,
	true, x.order_id % 4 = 0, x.order_id % 10 = 0,
	CASE WHEN x.order_id % 7 = 0 THEN 30 ELSE 0 END, NULL, t.price, t.overtime_price, t.vat_rate
FROM ds_res x
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS no FROM rooms) m ON m.no = x.room_no
JOIN (SELECT *, row_number() OVER (ORDER BY position) - 1 AS slot FROM tariffs) t ON t.slot = x.slot
ORDER BY x.day, x.slot, x.room_no;
INSERT INTO order_options (order_id, option_id, day, quantity, unit_price, vat_rate)
SELECT o.n, op.id, o.day, 8 + o.n % 5, op.unit_price, op.vat_rate FROM ds_orders o CROSS JOIN options op;
INSERT INTO services (order_id, label, quantity, unit_price, vat_rate)
SELECT o.n, 'Recrutement des participants', 8, 75, 20 FROM ds_orders o WHERE o.n % 2 = 0;
SET session_replication_role = origin;
DO $$
DECLARE
	lo bigint := 0;
BEGIN
	WHILE lo <= (SELECT max(id) FROM orders) LOOP
		PERFORM order_figures_refresh(ARRAY(SELECT id FROM orders WHERE id > lo AND id <= lo + 5000));
		lo := lo + 5000;
	END LOOP;
END;
$$;

-- Documents: a quote and an invoice per order; a deposit invoice every
-- third order, a credit note (of its first invoice, one line) every
-- third, a draft quote every second.  Drafts first, their lines from the
-- order, then issued set-based: numbered per kind and year in date order,
-- totals, VAT, snapshots and dates as issue_document() sets them, with
-- the documents' triggers off for that statement (a generated dataset
-- has no document log: fm-audit check does not apply to it).
CREATE TEMP TABLE ds_docs AS
SELECT o.n AS order_id, v.kind, v.part, o.day + v.after AS issued_on, v.issue
FROM ds_orders o CROSS JOIN (VALUES ('quote', 1, -15, true), ('invoice', 1, 3, true),
	('invoice', 2, -10, true), ('credit_note', 1, 10, true), ('quote', 2, 0, false)) v(kind, part, after, issue)
WHERE (v.kind, v.part) IN (('quote', 1), ('invoice', 1))
   OR (v.kind = 'invoice' AND v.part = 2 AND o.n % 3 = 0)
   OR (v.kind = 'credit_note' AND o.n % 3 = 1)
   OR (v.kind = 'quote' AND v.part = 2 AND o.n % 2 = 0);
INSERT INTO documents (kind, order_id, company_id, billing_company_id, billing_contact_id,
	language, study_ref, account_code, service_from, service_to, created_at)
SELECT d.kind, d.order_id, o.company_id, o.company_id, o.billing_contact_id,
	o.language, o.study_ref, o.account_code, x.day, x.day + 2, d.issued_on::timestamptz
FROM ds_docs d JOIN orders o ON o.id = d.order_id JOIN ds_orders x ON x.n = d.order_id
WHERE d.kind <> 'credit_note'
ORDER BY d.order_id, d.kind, d.part;
ALTER TABLE ds_docs ADD COLUMN id bigint;
UPDATE ds_docs d SET id = x.id FROM (
	SELECT id, order_id, kind, row_number() OVER (PARTITION BY order_id, kind ORDER BY id) AS part
	FROM documents) x
WHERE x.order_id = d.order_id AND x.kind = d.kind AND x.part = d.part;
-- Lines: every line of the order on the invoice and the quotes; the
-- deposit invoice a fixed amount.
-- (order_lines() of db/functions/orders.sql, set-based.)
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate, source, source_id)
SELECT l.doc, row_number() OVER (PARTITION BY l.doc ORDER BY l.kind, l.ref_id), l.label,
	l.quantity, l.unit_price, l.vat_rate, l.kind, l.ref_id
FROM (
	SELECT d.id AS doc, 'room' AS kind, r.id AS ref_id, t.label_fr || ' · ' || m.name AS label,
		1::numeric AS quantity, r.price AS unit_price, r.vat_rate
	FROM ds_docs d JOIN reservations r ON r.order_id = d.order_id
	JOIN rooms m ON m.id = r.room_id JOIN tariffs t ON t.id = r.tariff_id
	WHERE d.id IS NOT NULL AND NOT (d.kind = 'invoice' AND d.part = 2)
	UNION ALL
	SELECT d.id, 'overtime', r.id, 'Heures supplémentaires · ' || m.name,
		round(r.overtime_minutes / 60.0, 3), r.overtime_price, r.vat_rate
	FROM ds_docs d JOIN reservations r ON r.order_id = d.order_id AND r.overtime_minutes > 0
	JOIN rooms m ON m.id = r.room_id
	WHERE d.id IS NOT NULL AND NOT (d.kind = 'invoice' AND d.part = 2)
	UNION ALL
	SELECT d.id, 'option', x.id, o.label_fr, x.quantity, x.unit_price, x.vat_rate
	FROM ds_docs d JOIN order_options x ON x.order_id = d.order_id JOIN options o ON o.id = x.option_id
	WHERE d.id IS NOT NULL AND NOT (d.kind = 'invoice' AND d.part = 2)
	UNION ALL
	SELECT d.id, 'service', v.id, v.label, v.quantity, v.unit_price, v.vat_rate
	FROM ds_docs d JOIN services v ON v.order_id = d.order_id
	WHERE d.id IS NOT NULL AND NOT (d.kind = 'invoice' AND d.part = 2)) l;
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate)
SELECT d.id, 1, 'Acompte de 30 %', 1, 900, 20 FROM ds_docs d
WHERE d.kind = 'invoice' AND d.part = 2;

CREATE TEMP TABLE ds_seller AS SELECT seller_snapshot() AS seller,
	(SELECT payment_days FROM seller) AS payment_days,
	(SELECT quote_validity_days FROM billing_settings) AS validity;
-- Issues the drafts of ds_issue (id, issued_on), numbering after what
-- each kind and year has already.
CREATE FUNCTION pg_temp.issue_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE ds_n ON COMMIT DROP AS
	SELECT i.id, d.kind, extract(year FROM i.issued_on)::int AS y, i.issued_on,
		coalesce((SELECT c.last FROM document_counters c WHERE c.kind = d.kind
			AND c.year = extract(year FROM i.issued_on)::int), 0)
		+ row_number() OVER (PARTITION BY d.kind, extract(year FROM i.issued_on)
			ORDER BY i.issued_on, i.id) AS seq
	FROM ds_issue i JOIN documents d ON d.id = i.id;
	SET LOCAL session_replication_role = replica;
	UPDATE documents d SET status = 'issued',
		number = document_prefix(d.kind) || n.y || '-' || lpad(n.seq::text, 5, '0'),
		fiscal_year = n.y, seq = n.seq, total_ht = t.total_ht, total_vat = t.total_vat,
		total_ttc = t.total_ttc, total_disbursements = t.disbursements, total_due = t.total_due,
		vat_totals = (SELECT coalesce(jsonb_agg(jsonb_build_object('rate', v.vat_rate::text,
			'base', v.base::text, 'vat', v.vat::text) ORDER BY v.vat_rate DESC), '[]')
			FROM document_vat_totals(d.id) v),
		issued_on = n.issued_on, issued_at = n.issued_on::timestamptz + interval '10 hours',
		issued_by = 'dataset',
		due_on = CASE WHEN d.kind = 'invoice' THEN n.issued_on + ds.payment_days END,
		valid_until = CASE WHEN d.kind = 'quote' THEN n.issued_on + ds.validity END,
		seller = ds.seller, buyer = buyer_snapshot(d.id), updated_at = now()
	FROM ds_n n CROSS JOIN ds_seller ds, LATERAL document_totals(n.id) t
	WHERE d.id = n.id;
	SET LOCAL session_replication_role = origin;
	INSERT INTO document_counters (kind, year, last, last_issued_on)
	SELECT kind, y, max(seq), max(issued_on) FROM ds_n GROUP BY kind, y
	ON CONFLICT (kind, year) DO UPDATE SET last = EXCLUDED.last,
		last_issued_on = EXCLUDED.last_issued_on;
	PERFORM document_figures_refresh(ARRAY(SELECT id FROM ds_n
		UNION SELECT d.source_id FROM ds_n n JOIN documents d ON d.id = n.id
		WHERE d.source_id IS NOT NULL));
	DROP TABLE ds_n;
END;
$$;
CREATE TEMP TABLE ds_issue AS SELECT id, issued_on FROM ds_docs WHERE issue AND id IS NOT NULL;
SELECT pg_temp.issue_all();
-- Credit notes: one line of their order's first invoice, issued after it.
INSERT INTO documents (kind, order_id, source_id, company_id, billing_company_id,
	billing_contact_id, language, study_ref, account_code, created_at)
SELECT 'credit_note', i.order_id, i.id, i.company_id, i.billing_company_id,
	i.billing_contact_id, i.language, i.study_ref, i.account_code, d.issued_on
FROM ds_docs d JOIN LATERAL (SELECT * FROM documents i WHERE i.order_id = d.order_id
	AND i.kind = 'invoice' ORDER BY i.id LIMIT 1) i ON true
WHERE d.kind = 'credit_note' ORDER BY d.issued_on, d.order_id;
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate, source, source_id)
SELECT cn.id, 1, l.label, 1, l.unit_price, l.vat_rate, 'line', l.id
FROM documents cn JOIN LATERAL (SELECT * FROM document_lines l WHERE l.document_id = cn.source_id
	ORDER BY l.position LIMIT 1) l ON true
WHERE cn.kind = 'credit_note';
TRUNCATE ds_issue;
INSERT INTO ds_issue SELECT id, created_at::date FROM documents WHERE kind = 'credit_note';
SELECT pg_temp.issue_all();

-- Payments: most invoices paid in full a month after, some in part.
INSERT INTO payments (document_id, paid_on, amount, method, reference)
SELECT i.id, i.issued_on + 30, CASE WHEN i.id % 5 = 0 THEN round(b.balance / 2, 2) ELSE b.balance END,
	'transfer', 'VIR ' || i.number
FROM documents i JOIN invoice_balances b ON b.document_id = i.id
WHERE b.balance > 0 AND i.issued_on < date '2026-10-01' AND i.id % 11 <> 0;

-- Boxes, recordings (five of six reservations: 50,000 at scale 1), four
-- media files each (rows; the files are not made), a year of heartbeats
-- every five minutes, downloads and chat messages.
SET session_replication_role = replica;
INSERT INTO boxes (room_id, name, token_hash, state, version, last_seen)
SELECT id, 'box-' || id, sha256(('box-token-' || id)::bytea), 'idle', '1.0', now() FROM rooms;
INSERT INTO recordings (reservation_id, box_id, starts_at, ends_at, box_key)
SELECT r.id, b.id, r.starts_at + interval '2 minutes', r.ends_at - interval '5 minutes', 'r' || r.id
FROM reservations r JOIN boxes b ON b.room_id = r.room_id
WHERE r.id % 6 <> 0 ORDER BY r.id;
INSERT INTO media_files (recording_id, kind, path, bytes, sha256, on_central, duration_ms)
SELECT rec.id, k.kind, 'rec/' || rec.id || '/' || k.kind || k.ext,
	(100000000 + rec.id % 1000 * 1000) / k.div, encode(sha256((rec.id || k.kind)::bytea), 'hex'),
	true, extract(epoch FROM rec.ends_at - rec.starts_at)::bigint * 1000
FROM recordings rec CROSS JOIN (VALUES ('mp4', '.mp4', 1), ('mp3', '.mp3', 10),
	('mp3_room', '-room.mp3', 20), ('mp3_trad', '-trad.mp3', 20)) k(kind, ext, div);
INSERT INTO box_heartbeats (box_id, at, state, body)
SELECT b.id, timestamptz '2025-12-01 00:00' + g * interval '5 minutes', 'idle',
	jsonb_build_object('state', 'idle', 'disk_free_mb', 100000 - g % 1000)
FROM boxes b CROSS JOIN generate_series(0, (105120 * least(:scale, 1))::int - 1) g;

-- Downloads: 1,000,000 at scale 1, over the media files, by the orders'
-- user and client accounts.
INSERT INTO download_log (order_id, media_file_id, media_kind, recording_label, account_id,
	login, mode, started_at, last_request_at, ended_at, requests, transfers, bytes_sent,
	bytes_total, status, ip)
SELECT r.order_id, f.id, f.kind, 'Séance ' || rec.id, a.id, a.login,
	CASE WHEN g % 3 = 0 THEN 'download' ELSE 'watch' END,
	rec.ends_at + g * interval '1 hour', rec.ends_at + g * interval '1 hour' + interval '10 minutes',
	rec.ends_at + g * interval '1 hour' + interval '10 minutes', 3, 3, f.bytes, f.bytes,
	'complete', '192.0.2.1'
FROM media_files f JOIN recordings rec ON rec.id = f.recording_id
JOIN reservations r ON r.id = rec.reservation_id
JOIN order_accounts a ON a.order_id = r.order_id AND a.kind = CASE WHEN f.id % 2 = 0 THEN 'user' ELSE 'client' END
CROSS JOIN generate_series(1, 10) g
WHERE f.kind IN ('mp4', 'mp3');

-- Chat: 2,000,000 messages at scale 1, on the live reservations.
INSERT INTO chat_messages (reservation_id, author, login, account_id, body, at)
SELECT r.id, (ARRAY['Observateur', 'Client', 'Chargée d''études', 'Équipe'])[1 + (r.id + g) % 4],
	a.login, a.id,
	(ARRAY['Bonjour', 'Pouvez-vous relancer sur le prix ?', 'Très intéressant', 'Le son est coupé',
		'Merci', 'Question sur l''étiquette'])[1 + (r.id * 7 + g) % 6],
	r.starts_at + g * interval '3 seconds'
FROM reservations r JOIN order_accounts a ON a.order_id = r.order_id AND a.kind = 'live'
CROSS JOIN generate_series(1, 330) g
WHERE r.live;
SET session_replication_role = origin;
-- The lists kept by change counter (companies, planning...) start again.
UPDATE change_counters SET n = n + 1;

ANALYZE;
