-- pgTAP: documents (0010-0015, db/functions/document*.sql): line amounts and rounding,
-- discounts, VAT per rate, VAT modes, disbursements apart, documents made
-- from orders have the order's totals, numbering (per kind and year, no
-- gap after a refused or failed issue, dates in order), snapshots,
-- freezing, payments, credit notes, the hash-chained log and its check,
-- the FEC lines.
BEGIN;
SELECT plan(103);

SELECT has_table('documents');
SELECT has_table('document_lines');
SELECT has_table('document_disbursements');
SELECT has_table('document_counters');
SELECT has_table('payments');
SELECT has_table('document_log');
SELECT has_function('issue_document', ARRAY['bigint', 'date']);
SELECT has_function('document_log_verify', ARRAY[]::text[]);

-- Rounding: each line once, half away from zero, discount included.
SELECT is(line_amount(3, 0.125, 0), 0.38::numeric(12,2), 'a line is rounded to the cent, half up');
SELECT is(line_amount(1, -0.125, 0), -0.13::numeric(12,2), '... half away from zero for a negative line');
SELECT is(line_amount(3, 9.99, 10), 26.97::numeric(12,2), 'the discount applies before rounding (26.973)');
SELECT is(line_amount(1, 100, 33.33), 66.67::numeric(12,2), 'a discount of 33.33 %');
SELECT is(line_amount(2.5, 21.99, 0), 54.98::numeric(12,2), 'decimal quantities (54.975)');
SELECT is(line_amount(4, 50, 100), 0.00::numeric(12,2), 'a 100 % discount leaves nothing');

-- The catalogue, a seller, clients.
INSERT INTO staff_users (id, login, password_hash) OVERRIDING SYSTEM VALUE VALUES (900, 'compta', 'x');
UPDATE seller SET name = 'Focus Salles', legal_form = 'SAS', capital = '50 000 €',
	address = '29 rue Merlin', postcode = '75011', city = 'Paris', country = 'France',
	siren = '732829320', rcs = 'Paris B 732 829 320', vat_number = 'FR44732829320',
	payment_days = 30, late_rate = 10.15;
INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Site T');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 900, 'R1');
INSERT INTO companies (id, name, address, postcode, city, country, vat_number, siren)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 'Acme Études', '1 rue A', '75001', 'Paris', 'France', NULL, '303265045'),
	(901, 'Global Ltd', '22 Baker Street', 'W1U', 'London', 'Royaume-Uni', 'GB123456789', NULL),
	(902, 'Sans Adresse', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO contacts (id, company_id, last_name, first_name, is_billing, address, postcode, city)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'Compta', 'Bob', true, '9 rue de la Paie', '75002', 'Paris'),
	(901, 901, 'Smith', 'Olivia', true, NULL, NULL, NULL);
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price)
	OVERRIDING SYSTEM VALUE VALUES (900, 'Journée', 'Day', 'day', '09:00', '18:00', 850.00, 20, 95.00);
INSERT INTO option_categories (id, label_fr, label_en) OVERRIDING SYSTEM VALUE VALUES (900, 'Resto', 'Food');
INSERT INTO options (id, category_id, label_fr, label_en, unit_price, vat_rate) OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 'Plateau repas', 'Meal tray', 18.50, 10), (901, 900, 'Copie', 'Copy', 0.15, 20);
DO $$ BEGIN PERFORM set_config('fm.staff_id', '900', true); END $$;
INSERT INTO orders (id, company_id, billing_contact_id, study_ref, language) OVERRIDING SYSTEM VALUE
	VALUES (900, 900, 900, 'ETU-1', 'fr'), (901, 901, 901, 'UK-1', 'en'), (902, 902, NULL, NULL, 'fr');
-- 50 minutes of overtime: 50 x 95 / 60 = 79.1666 -> 79.17 (0.833 h x 95 would give 79.14).
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, overtime_minutes) VALUES
	(900, 901, '2031-03-11 09:00+01', '2031-03-11 18:00+01', 900, 50),
	(900, 901, '2031-03-12 09:00+01', '2031-03-12 18:00+01', 900, 0),
	(901, 901, '2031-03-13 09:00+01', '2031-03-13 18:00+01', 900, 0);
INSERT INTO order_options (order_id, option_id, day, quantity) VALUES
	(900, 900, '2031-03-11', 12), (900, 901, '2031-03-11', 333);
INSERT INTO services (order_id, label, quantity, unit_price, vat_rate) VALUES
	(900, 'Livre', 3, 9.99, 5.5), (901, 'Recruitment', 1, 960, 20);
INSERT INTO disbursements (order_id, last_name, payment_type, amount, cheque_no, paid_on) VALUES
	(900, 'Martin', 'cheque', 60.00, '1234567', '2031-03-11'), (900, 'Dubois', 'cash', 45.50, NULL, '2031-03-11');

-- A document from an order has the order's totals.
CREATE TEMP TABLE d (name text PRIMARY KEY, id bigint);
INSERT INTO d VALUES ('inv', document_from_order(900, 'invoice', true));
INSERT INTO d VALUES ('quote', document_from_order(900, 'quote', false));
SELECT is((SELECT row(t.*)::text FROM document_totals((SELECT id FROM d WHERE name = 'inv')) t),
	(SELECT row(t.*)::text FROM order_totals(900) t),
	'an invoice from an order has the order''s totals (overtime minutes included)');
SELECT is((SELECT array_agg(vat_rate || ':' || base || ':' || vat) FROM document_vat_totals((SELECT id FROM d WHERE name = 'inv'))),
	(SELECT array_agg(vat_rate || ':' || base || ':' || vat) FROM order_vat_totals(900)),
	'... and its bases and VAT per rate');
-- By hand: 20 %: 850 + 850 + 79.17 + 49.95 = 1829.12, VAT 365.82; 10 %: 222.00, VAT 22.20;
-- 5.5 %: 29.97, VAT 1.65; disbursements 105.50.
SELECT is((SELECT total_ht || '|' || total_vat || '|' || total_ttc || '|' || disbursements || '|' || total_due
	FROM document_totals((SELECT id FROM d WHERE name = 'inv'))),
	'2081.09|389.67|2470.76|105.50|2576.26', 'totals by hand: excl. VAT, VAT, incl. VAT, disbursements apart, due');
SELECT is((SELECT label || '|' || quantity || '|' || unit_price FROM document_lines
	WHERE document_id = (SELECT id FROM d WHERE name = 'inv') AND source = 'overtime'),
	'Heures supplémentaires · R1 — 11/03/2031 (50 min × 95,00 €/h)|1.000|79.17',
	'overtime that hours x price cannot express is one line of its amount');
SELECT is((SELECT disbursements || '|' || total_due FROM document_totals((SELECT id FROM d WHERE name = 'quote'))),
	'0.00|2470.76', 'a quote without disbursements');
SELECT is((SELECT count(*) FROM document_disbursements WHERE document_id = (SELECT id FROM d WHERE name = 'inv')),
	2::bigint, 'the invoice lists the order''s disbursements');
SELECT is((SELECT billing_company_id || '|' || billing_contact_id || '|' || study_ref || '|' || service_from || '|' || service_to
	FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')),
	'900|900|ETU-1|2031-03-11|2031-03-12', 'the header comes from the order; service dates from its reservations');
SELECT is((SELECT valid_until - current_date FROM documents WHERE id = (SELECT id FROM d WHERE name = 'quote')),
	30, 'a quote is valid 30 days by default');

-- VAT once per rate on the base, not per line.
INSERT INTO d VALUES ('small', document_new(900, 'invoice'));
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate)
SELECT (SELECT id FROM d WHERE name = 'small'), g, 'Ligne ' || g, 1, 0.33, 20 FROM generate_series(1, 3) g;
SELECT is((SELECT vat FROM document_vat_totals((SELECT id FROM d WHERE name = 'small'))), 0.20::numeric(12,2),
	'VAT of 3 x 0.33 at 20 %: 0.198 -> 0.20 on the base (per line it would be 0.21)');
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, discount_pct, vat_rate)
	VALUES ((SELECT id FROM d WHERE name = 'small'), 4, 'Remisée', 3, 9.99, 10, 5.5);
SELECT is((SELECT array_agg(vat_rate || ':' || base || ':' || vat) FROM document_vat_totals((SELECT id FROM d WHERE name = 'small'))),
	ARRAY['20.00:0.99:0.20', '5.50:26.97:1.48'], 'a discounted line in its rate''s base');

-- VAT modes: only normal charges VAT; the bases are grouped under 0 %.
UPDATE documents SET vat_mode = 'reverse_charge' WHERE id = (SELECT id FROM d WHERE name = 'small');
SELECT is((SELECT array_agg(vat_rate || ':' || base || ':' || vat) FROM document_vat_totals((SELECT id FROM d WHERE name = 'small'))),
	ARRAY['0.00:27.96:0.00'], 'reverse charge: no VAT, one base at 0 %');
UPDATE documents SET vat_mode = 'export' WHERE id = (SELECT id FROM d WHERE name = 'small');
SELECT is((SELECT total_vat || '|' || total_ttc FROM document_totals((SELECT id FROM d WHERE name = 'small'))),
	'0.00|27.96', 'export: no VAT');
UPDATE documents SET vat_mode = 'normal' WHERE id = (SELECT id FROM d WHERE name = 'small');

-- Issuing: numbers per kind and year, in date order.
SELECT is(issue_document((SELECT id FROM d WHERE name = 'inv'), '2031-03-12'), 'F2031-00001',
	'the first invoice of 2031');
SELECT is((SELECT status || '|' || issued_on || '|' || due_on || '|' || issued_by FROM documents
	WHERE id = (SELECT id FROM d WHERE name = 'inv')), 'issued|2031-03-12|2031-04-11|compta',
	'issued: date, due date (30 days), who');
SELECT is((SELECT seller->>'siren' || '|' || (seller->'terms'->>'recovery_indemnity') || '|' || (buyer->>'name') || '|' || (buyer->>'address') || '|' || (buyer->>'siren')
	FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')),
	'732829320|40.00|Acme Études|9 rue de la Paie|303265045',
	'the seller and the buyer (at the billing contact''s address) are snapshotted');
SELECT is((SELECT total_ht || '|' || total_vat || '|' || total_ttc || '|' || total_disbursements || '|' || total_due
	FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')),
	'2081.09|389.67|2470.76|105.50|2576.26', 'an issued document keeps the totals it was issued with');
SELECT is((SELECT vat_totals FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')),
	'[{"rate": "20.00", "base": "1829.12", "vat": "365.82"}, {"rate": "10.00", "base": "222.00", "vat": "22.20"},
	  {"rate": "5.50", "base": "29.97", "vat": "1.65"}]'::jsonb, '... and its bases and VAT per rate');
SELECT is(issue_document((SELECT id FROM d WHERE name = 'quote'), '2031-03-12'), 'D2031-00001',
	'quotes have their own numbers');
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'inv'), '2031-03-12')$$,
	'23514', NULL, 'a document is issued once');

-- A refused issue takes no number.
INSERT INTO d VALUES ('uk', document_from_order(901, 'invoice', true));
INSERT INTO d VALUES ('noaddr', document_new(902, 'invoice'));
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate)
	VALUES ((SELECT id FROM d WHERE name = 'noaddr'), 1, 'X', 1, 10, 20);
UPDATE companies SET vat_number = NULL WHERE id = 901;
UPDATE documents SET vat_mode = 'reverse_charge' WHERE id = (SELECT id FROM d WHERE name = 'uk');
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'uk'), '2031-03-13')$$,
	'23514', 'the buyer''s VAT number is required for this VAT mode', 'reverse charge needs the buyer''s VAT number');
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'noaddr'), '2031-03-13')$$,
	'23514', 'the buyer''s address is required', 'an invoice needs the buyer''s address');
SELECT throws_ok($$SELECT issue_document(document_new(900, 'invoice'), '2031-03-13')$$,
	'23514', 'the document has no line', 'an invoice without lines is refused');
UPDATE companies SET vat_number = 'GB123456789' WHERE id = 901;
-- A failure after the number was taken (here: the log refuses) gives it back.
SAVEPOINT before_failure;
CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full'; END $$;
CREATE TRIGGER refuse BEFORE INSERT ON document_log FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse();
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'uk'), '2031-03-13')$$,
	'53100', NULL, 'an issue failing after its number was counted...');
ROLLBACK TO SAVEPOINT before_failure;
SELECT is(issue_document((SELECT id FROM d WHERE name = 'uk'), '2031-03-13'), 'F2031-00002',
	'... leaves no gap: the next invoice takes the next number');
SELECT is((SELECT seller->'terms'->>'mention_reverse_charge_en' FROM documents WHERE id = (SELECT id FROM d WHERE name = 'uk')),
	(SELECT mention_reverse_charge_en::text FROM billing_settings), 'the reverse charge mention is in its snapshot');
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'small'), '2031-03-01')$$,
	'23514', NULL, 'an invoice cannot be dated before the last one');
SELECT is(issue_document((SELECT id FROM d WHERE name = 'small'), '2032-01-02'), 'F2032-00001',
	'a new year starts at 1');
SELECT is((SELECT array_agg(number ORDER BY issued_on, seq) FROM documents WHERE kind = 'invoice' AND status = 'issued'),
	ARRAY['F2031-00001', 'F2031-00002', 'F2032-00001'], 'invoice numbers: consecutive, no gap, no duplicate');

-- Frozen.
SELECT throws_ok($$UPDATE documents SET study_ref = 'X' WHERE id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, 'an issued document cannot be updated');
SELECT throws_ok($$DELETE FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, '... nor deleted');
SELECT throws_ok($$UPDATE document_lines SET unit_price = 1 WHERE document_id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, 'its lines cannot be updated');
SELECT throws_ok($$DELETE FROM document_lines WHERE document_id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, '... nor deleted');
SELECT throws_ok($$INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate)
	VALUES ((SELECT id FROM d WHERE name = 'inv'), 99, 'Plus', 1, 1, 20)$$, '23514', NULL, '... nor added to');
SELECT throws_ok($$DELETE FROM document_disbursements WHERE document_id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, 'its disbursements are frozen too');
SELECT throws_ok($$TRUNCATE document_lines CASCADE$$, '23514', NULL, 'lines cannot be truncated');
SELECT throws_ok($$UPDATE documents SET status = 'issued', number = 'F9', fiscal_year = 2031, seq = 9,
	issued_on = '2031-03-14', seller = '{}', buyer = '{}' WHERE id = (SELECT id FROM d WHERE name = 'noaddr')$$,
	'23514', NULL, 'a document is issued by issue_document only');
SELECT throws_ok($$INSERT INTO documents (kind, order_id, company_id, billing_company_id, status, number)
	VALUES ('invoice', 900, 900, 900, 'issued', 'F0')$$, '23514', NULL, 'a document starts as a draft');
SELECT lives_ok($$DELETE FROM contacts WHERE id = 900$$, 'a contact of an issued invoice can still be deleted...');
SELECT is((SELECT coalesce(billing_contact_id::text, 'none') || '|' || (buyer->>'contact')
	FROM documents WHERE id = (SELECT id FROM d WHERE name = 'inv')), 'none|Bob Compta',
	'... the invoice keeps the contact it printed');
UPDATE seller SET name = 'Nouveau nom';
SELECT is(document_seller((SELECT id FROM d WHERE name = 'inv'))->>'name', 'Focus Salles',
	'an issued document keeps the seller it was issued with');
SELECT is(document_seller((SELECT id FROM d WHERE name = 'noaddr'))->>'name', 'Nouveau nom',
	'a draft shows the current seller');
UPDATE seller SET name = 'Focus Salles';

-- Payments and balance.
SELECT throws_ok($$INSERT INTO payments (document_id, paid_on, amount, method)
	VALUES ((SELECT id FROM d WHERE name = 'noaddr'), '2031-03-20', 10, 'cheque')$$,
	'23514', NULL, 'no payment on a draft');
SELECT is(document_payment_status((SELECT id FROM d WHERE name = 'inv')), 'unpaid', 'an issued invoice starts unpaid');
INSERT INTO payments (document_id, paid_on, amount, method, reference)
	VALUES ((SELECT id FROM d WHERE name = 'inv'), '2031-03-20', 1000.00, 'transfer', 'VIR 1');
SELECT is((SELECT payment || '|' || paid || '|' || balance FROM document_balance((SELECT id FROM d WHERE name = 'inv'))),
	'partly_paid|1000.00|1576.26', 'a payment leaves it partly paid');
SELECT throws_ok($$INSERT INTO payments (document_id, paid_on, amount, method)
	VALUES ((SELECT id FROM d WHERE name = 'inv'), '2031-03-21', 1576.27, 'cheque')$$,
	'23514', NULL, 'no payment over the balance');
SELECT throws_ok($$UPDATE payments SET amount = 1 WHERE document_id = (SELECT id FROM d WHERE name = 'inv')$$,
	'23514', NULL, 'a payment cannot be changed');

-- Credit notes.
INSERT INTO d VALUES ('cn', credit_note_from_invoice((SELECT id FROM d WHERE name = 'inv'),
	p_lines => ARRAY(SELECT id FROM document_lines WHERE document_id = (SELECT id FROM d WHERE name = 'inv')
		AND source = 'option' ORDER BY position)));
SELECT is((SELECT total_ht || '|' || total_vat || '|' || disbursements FROM document_totals((SELECT id FROM d WHERE name = 'cn'))),
	'271.95|32.19|0.00', 'a credit note of chosen lines (meals and copies)');
SELECT is(issue_document((SELECT id FROM d WHERE name = 'cn'), '2032-01-03'), 'AV2032-00001',
	'credit notes have their own numbers');
SELECT is((SELECT payment || '|' || credited || '|' || balance FROM document_balance((SELECT id FROM d WHERE name = 'inv'))),
	'partly_paid|304.14|1272.12', 'the credit note reduces the invoice''s balance');
INSERT INTO d VALUES ('cn2', credit_note_from_invoice((SELECT id FROM d WHERE name = 'inv')));
SELECT throws_ok($$SELECT issue_document((SELECT id FROM d WHERE name = 'cn2'), '2032-01-04')$$,
	'23514', 'the credit notes would take back more than the invoice',
	'credit notes cannot take back more than the invoice');
INSERT INTO d VALUES ('cn3', credit_note_from_invoice((SELECT id FROM d WHERE name = 'inv'), NULL, 1060.10, 20, 'Geste'));
SELECT is(issue_document((SELECT id FROM d WHERE name = 'cn3'), '2032-01-04'), 'AV2032-00002',
	'a credit note of an amount');
SELECT is(document_payment_status((SELECT id FROM d WHERE name = 'inv')), 'paid',
	'paid once payments and credit notes cover it');
SELECT throws_ok($$SELECT credit_note_from_invoice((SELECT id FROM d WHERE name = 'noaddr'))$$,
	'23514', NULL, 'a credit note corrects an issued invoice only');

-- The log: issue, payment, sending, download entries, chained.
SELECT lives_ok($$SELECT document_log_append((SELECT id FROM d WHERE name = 'inv'), 'send', '{"channel": "email"}')$$,
	'a sending is logged');
SELECT lives_ok($$SELECT document_log_append((SELECT id FROM d WHERE name = 'inv'), 'download', '{"format": "pdf"}')$$,
	'a download is logged');
SELECT is((SELECT array_agg(event ORDER BY seq) FROM document_log WHERE document_id = (SELECT id FROM d WHERE name = 'inv')),
	ARRAY['issue', 'payment', 'send', 'download'], 'the invoice''s entries, in order');
SELECT is((SELECT count(*) FROM document_log l JOIN document_log p ON p.seq = l.seq - 1 WHERE l.prev_hash = p.hash),
	(SELECT count(*) - 1 FROM document_log), 'each entry holds the previous one''s hash');
SELECT is((SELECT ok::text || '|' || entries || '|' || (last_seq = (SELECT max(seq) FROM document_log))::text
	FROM document_log_verify()), 'true|' || (SELECT count(*) FROM document_log) || '|true', 'the chain checks out');
SELECT throws_ok($$UPDATE document_log SET who = 'x'$$, '23514', NULL, 'the log cannot be updated');
SELECT throws_ok($$DELETE FROM document_log$$, '23514', NULL, '... nor deleted from');
SELECT throws_ok($$TRUNCATE document_log CASCADE$$, '23514', NULL, '... nor truncated');
-- Alterations made by someone who can disable triggers are detected.
SAVEPOINT tamper;
ALTER TABLE document_log DISABLE TRIGGER document_log_append_only;
UPDATE document_log SET detail = jsonb_set(detail, '{amount}', '"1.00"') WHERE event = 'payment';
SELECT is((SELECT ok::text || '|' || problem FROM document_log_verify()),
	'false|entry ' || (SELECT seq FROM document_log WHERE event = 'payment') || ' was altered (its hash does not match its content)',
	'a changed entry is found');
ROLLBACK TO SAVEPOINT tamper;
SAVEPOINT tamper;
ALTER TABLE document_log DISABLE TRIGGER document_log_append_only;
DELETE FROM document_log WHERE seq = (SELECT max(seq) FROM document_log);
SELECT is((SELECT ok FROM document_log_verify()), false, 'a removed last entry is found (the head)');
ROLLBACK TO SAVEPOINT tamper;
SAVEPOINT tamper;
ALTER TABLE document_log DISABLE TRIGGER document_log_append_only;
DELETE FROM document_log WHERE seq = 2;
SELECT is((SELECT problem FROM document_log_verify()), 'entry 2 is missing', 'a removed entry is found');
ROLLBACK TO SAVEPOINT tamper;
SAVEPOINT tamper;
ALTER TABLE document_lines DISABLE TRIGGER document_lines_frozen;
UPDATE document_lines SET unit_price = unit_price + 1 WHERE document_id = (SELECT id FROM d WHERE name = 'uk');
SELECT alike((SELECT problem FROM document_log_verify()), 'document F2031-00002 differs from what was issued%',
	'a line changed behind the triggers is found');
ROLLBACK TO SAVEPOINT tamper;
SAVEPOINT tamper;
ALTER TABLE documents DISABLE TRIGGER documents_frozen;
UPDATE documents SET total_due = total_due - 1 WHERE id = (SELECT id FROM d WHERE name = 'uk');
SELECT alike((SELECT problem FROM document_log_verify()), 'document F2031-00002 differs from what was issued%',
	'a stored total changed behind the triggers is found');
ROLLBACK TO SAVEPOINT tamper;
SELECT is((SELECT ok FROM document_log_verify()), true, 'intact again');

-- FEC: the sales journal, one balanced entry per invoice and credit note,
-- numbered in order; the bank journal, one per payment; VAT on receipts.
SELECT is((SELECT count(DISTINCT ecriture_num) FROM fec_lines(2031) WHERE journal_code = 'VE'), 2::bigint,
	'two sales entries in 2031');
SELECT is((SELECT array_agg(DISTINCT piece_ref ORDER BY piece_ref) FROM fec_lines(2032)),
	ARRAY['AV2032-00001', 'AV2032-00002', 'F2032-00001'], '2032: an invoice and two credit notes');
SELECT is((SELECT count(*) FROM (SELECT ecriture_num FROM fec_lines(2032) GROUP BY ecriture_num
	HAVING sum(replace(debit, ',', '.')::numeric) <> sum(replace(credit, ',', '.')::numeric)) x),
	0::bigint, 'every entry balances');
SELECT is((SELECT count(*) FROM (SELECT ecriture_num FROM fec_lines(2031) GROUP BY ecriture_num
	HAVING sum(replace(debit, ',', '.')::numeric) <> sum(replace(credit, ',', '.')::numeric)) x),
	0::bigint, 'every entry balances, the bank''s too');
SELECT is((SELECT array_agg(DISTINCT ecriture_num ORDER BY ecriture_num) FROM fec_lines(2032)),
	ARRAY['VE000001', 'VE000002', 'VE000003'], 'entry numbers are continuous');
SELECT is((SELECT debit || '|' || credit || '|' || comp_aux_num FROM fec_lines(2031)
	WHERE piece_ref = 'F2031-00001' AND compte_num = '411000' AND journal_code = 'VE'), '2576,26|0,00|C000900',
	'the customer is debited the total due');
SELECT is((SELECT string_agg(compte_num || '=' || credit, ' ' ORDER BY compte_num) FROM fec_lines(2031)
	WHERE piece_ref = 'F2031-00002' AND compte_num <> '411000'), '706500=1810,00',
	'reverse charge: the EU sales account, no VAT line');
SELECT is((SELECT string_agg(DISTINCT compte_num, ' ') FROM fec_lines(2031)
	WHERE piece_ref = 'F2031-00001' AND journal_code = 'VE' AND compte_lib LIKE 'TVA%'), '445740',
	'services, VAT on receipts: the VAT waits on the pending account');
SELECT is((SELECT string_agg(compte_num || '=' || debit || '/' || credit, ' ' ORDER BY compte_num DESC)
	FROM fec_lines(2031) WHERE journal_code = 'BQ' AND compte_num IN ('512000', '411000')),
	'512000=1000,00/0,00 411000=0,00/1000,00', 'the payment: the bank debited, the customer credited');
SELECT is((SELECT array_agg(DISTINCT ecriture_num) FROM fec_lines(2031) WHERE journal_code = 'BQ'),
	ARRAY['BQ000001'], 'the bank journal numbers its own entries');
SELECT is((SELECT sum(replace(debit, ',', '.')::numeric) FROM fec_lines(2031)
	WHERE journal_code = 'BQ' AND compte_num = '445740'),
	(SELECT sum(round(1000.00 * (e->>'vat')::numeric / d.total_due, 2)) FROM documents d,
		jsonb_array_elements(d.vat_totals) e WHERE d.number = 'F2031-00001'),
	'the payment moves its share of the VAT out of the pending account, per rate');
SELECT is((SELECT sum(replace(credit, ',', '.')::numeric) FROM fec_lines(2031)
	WHERE journal_code = 'BQ' AND compte_num LIKE '44571%'),
	(SELECT sum(replace(debit, ',', '.')::numeric) FROM fec_lines(2031)
	WHERE journal_code = 'BQ' AND compte_num = '445740'), '... into the VAT accounts');
SELECT is((SELECT count(*) FROM fec_lines(2031) WHERE ecriture_let <> ''), 0::bigint,
	'2031: the invoice is not settled yet, nothing is lettered');
SELECT is((SELECT string_agg(DISTINCT ecriture_let || '|' || date_let, ' ') FROM fec_lines(2032)
	WHERE piece_ref LIKE 'AV%' AND compte_num = '411000'),
	fec_letter((SELECT id FROM d WHERE name = 'inv')) || '|20320104',
	'2032: the credit notes that settle it carry its letter and the date it was settled');
SELECT is((SELECT count(*) FROM fec_lines(2032) WHERE ecriture_let <> '' AND compte_num <> '411000'), 0::bigint,
	'only customer lines are lettered');
SELECT is(fec_letter(0) || fec_letter(1) || fec_letter(26) || fec_letter(17576), 'AAAAABABABAAA',
	'letters: at least three, one per invoice');
UPDATE billing_settings SET vat_on_debits = true;
SELECT is((SELECT string_agg(DISTINCT compte_num, ' ' ORDER BY compte_num) FROM fec_lines(2031)
	WHERE piece_ref = 'F2031-00001' AND journal_code = 'VE' AND compte_lib LIKE 'TVA%'), '445711 445712 445713',
	'VAT on debits: collected at issue, per rate');
SELECT is((SELECT count(*) FROM fec_lines(2031) WHERE journal_code = 'BQ'), 2::bigint,
	'... and the payment moves no VAT');
UPDATE billing_settings SET vat_on_debits = false, fiscal_year_start_month = 7;
SELECT is((SELECT starts || '|' || ends FROM fec_fiscal_year(2031)), '2031-07-01|2032-06-30',
	'a fiscal year from July');
SELECT is((SELECT array_agg(DISTINCT piece_ref ORDER BY piece_ref) FROM fec_lines(2031)),
	ARRAY['AV2032-00001', 'AV2032-00002', 'F2032-00001'], 'the file covers that fiscal year');
UPDATE billing_settings SET fiscal_year_start_month = 1, fiscal_year_months = 18;
SELECT is((SELECT ends FROM fec_fiscal_year(2031)), '2032-06-30'::date, 'a long first year');
UPDATE billing_settings SET fiscal_year_months = 12;
SELECT is(fec_text(E'a\tb\r\nc'), 'a b c', 'labels lose their tabs and line breaks');

SELECT * FROM finish();
ROLLBACK;
