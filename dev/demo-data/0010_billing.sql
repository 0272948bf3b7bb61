-- Demo data: billing.  Fourteen orders of the past six weeks (relative
-- to the day dev/demo loads this), each invoiced after its sessions with
-- the same SQL functions focusd uses (document_from_order, issue_document:
-- numbers, snapshots and the document log); payments (some in full, some
-- in part, some still waiting, a few overdue); a credit note; draft
-- quotes; a disbursement note; and a draft invoice, ready to be issued,
-- for every order of the current week.  Loaded once.

SET TimeZone = 'Europe/Paris';
SELECT set_config('fm.who', 'démo', false);

-- Past orders: a company in turn, a day every three days over the six
-- weeks before this one, a room hired for the day with catering, equipment, a service and
-- participants' disbursements.
DO $$
DECLARE
	i int;
	o bigint;
	c record;
	d date;
	room bigint;
	t record;
BEGIN
	SELECT * INTO t FROM tariffs WHERE kind = 'day' ORDER BY id LIMIT 1;
	FOR i IN 0 .. 13 LOOP
		-- Before this week's Monday, where 0002's orders start.
		d := date_trunc('week', current_date)::date - 44 + i * 3;
		IF extract(isodow FROM d) > 5 THEN
			d := d + (8 - extract(isodow FROM d))::int;
		END IF;
		SELECT * INTO c FROM companies ORDER BY id OFFSET (i % (SELECT count(*) FROM companies)) LIMIT 1;
		INSERT INTO orders (company_id, contact_id, billing_contact_id, study_ref, vip,
			account_code, comment_printed, language, vat_mode)
		VALUES (c.id,
			(SELECT k.id FROM contacts k WHERE k.company_id = c.id ORDER BY k.is_billing, k.id LIMIT 1),
			(SELECT k.id FROM contacts k WHERE k.company_id = c.id AND k.is_billing ORDER BY k.id LIMIT 1),
			'ETU-' || to_char(d, 'YY') || '-' || lpad((40 + i)::text, 3, '0'), i % 5 = 0,
			'411' || lpad(c.id::text, 4, '0'),
			CASE WHEN i % 3 = 0 THEN 'Groupes de 8 participants, recrutement inclus.' END,
			CASE WHEN c.country IN ('Royaume-Uni', 'Suède') THEN 'en' ELSE 'fr' END,
			CASE WHEN c.country = 'Suède' THEN 'reverse_charge'
				WHEN c.country = 'Royaume-Uni' THEN 'export' ELSE 'normal' END)
		RETURNING id INTO o;
		SELECT id INTO room FROM rooms ORDER BY id OFFSET (i % (SELECT count(*) FROM rooms)) LIMIT 1;
		INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, trad,
			overtime_minutes, info)
		VALUES (o, room, (d + t.starts)::timestamptz, (d + t.ends)::timestamptz, t.id, true,
			i % 4 = 1, CASE WHEN i % 3 = 1 THEN 45 ELSE 0 END, 'Groupe 1');
		INSERT INTO order_options (order_id, option_id, day, quantity)
		SELECT o, op.id, d, q.qty FROM (VALUES ('Café d''accueil', 10), ('Viennoiseries', 10),
			('Plateau repas', 9), ('Boissons fraîches', 12)) AS q (label, qty)
		JOIN options op ON op.label_fr = q.label;
		INSERT INTO order_options (order_id, option_id, day, room_id, hours, quantity)
		SELECT o, op.id, d, room, '09h00-18h00', q.qty FROM (VALUES ('Copies A4 N&B', 150),
			('Copies A4 couleur', 20), ('TV', 1)) AS q (label, qty)
		JOIN options op ON op.label_fr = q.label;
		INSERT INTO services (order_id, label, quantity, unit_price, vat_rate)
		VALUES (o, 'Recrutement de participants (8 personnes)', 1, 960.00, 20);
		INSERT INTO disbursements (order_id, last_name, first_name, payment_type, amount, cheque_no, paid_on)
		SELECT o, p.last, p.first, p.pay, p.amount,
			CASE WHEN p.pay = 'cheque' THEN lpad((2000000 + o * 10 + p.n)::text, 7, '0') END, d
		FROM (VALUES (1, 'Petit', 'Nina', 'cheque', 60.00), (2, 'Roux', 'Paul', 'cheque', 60.00),
			(3, 'Garnier', 'Inès', 'cash', 60.00)) AS p (n, last, first, pay, amount)
		WHERE p.n <= 1 + i % 3;
	END LOOP;
END;
$$;

-- Their invoices, issued the day after the session, in date order (the
-- numbering follows dates); then payments, and a credit note.
DO $$
DECLARE
	o record;
	inv bigint;
	due numeric(12,2);
	n int := 0;
	cn bigint;
BEGIN
	FOR o IN SELECT x.id, max(r.ends_at)::date AS last_day
		FROM orders x JOIN reservations r ON r.order_id = x.id
		WHERE r.ends_at < date_trunc('week', current_date)
		GROUP BY x.id ORDER BY max(r.ends_at), x.id LOOP
		inv := document_from_order(o.id, 'invoice', true);
		PERFORM issue_document(inv, o.last_day + 1);
		SELECT total_due INTO due FROM document_totals(inv);
		n := n + 1;
		IF n % 3 = 1 THEN
			-- Paid in full by transfer, two weeks after.
			INSERT INTO payments (document_id, paid_on, amount, method, reference)
			VALUES (inv, least(o.last_day + 15, current_date), due, 'transfer',
				'VIR ' || (SELECT number FROM documents WHERE id = inv));
		ELSIF n % 3 = 2 AND n < 10 THEN
			-- A deposit by cheque, the rest still due.
			INSERT INTO payments (document_id, paid_on, amount, method, reference)
			VALUES (inv, least(o.last_day + 8, current_date), round(due * 0.3, 2), 'cheque',
				'CHQ ' || (3000000 + inv));
		END IF;
		IF n = 5 THEN
			-- A late lunch: a commercial gesture, by credit note.
			cn := credit_note_from_invoice(inv, NULL, 120.00, 10,
				'Geste commercial : retard du service des plateaux repas');
			PERFORM issue_document(cn, o.last_day + 4);
		END IF;
	END LOOP;
END;
$$;

-- A disbursement note and a validated quote for the last past order.
SELECT issue_document(disbursement_note_from_order(max(id)), current_date - 2)
FROM orders WHERE study_ref LIKE 'ETU-%-053';

-- Draft quotes (without disbursements) for orders of the coming week...
SELECT document_from_order(o.id, 'quote', false)
FROM orders o
WHERE EXISTS (SELECT 1 FROM reservations r WHERE r.order_id = o.id
	AND r.starts_at >= date_trunc('week', current_date) + interval '7 days')
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.order_id = o.id)
  AND o.id % 3 = 0;

-- ... and a draft invoice, ready to be issued, for every order whose
-- sessions are this week.
SELECT document_from_order(o.id, 'invoice', true)
FROM orders o
WHERE EXISTS (SELECT 1 FROM reservations r WHERE r.order_id = o.id
	AND r.starts_at >= date_trunc('week', current_date)
	AND r.starts_at < date_trunc('week', current_date) + interval '7 days')
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.order_id = o.id);

SELECT set_config('fm.who', '', false);
