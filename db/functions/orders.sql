-- Orders: their history as people read it (the audit triggers of
-- 0003_orders.sql call these), their priced lines and totals, and the
-- version their kept page is rendered under.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- A row as people read it: names instead of ids, local dates and times.
CREATE OR REPLACE FUNCTION audit_display(tbl text, r jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s timestamptz;
	e timestamptz;
BEGIN
	IF tbl = 'orders' THEN
		RETURN jsonb_build_object(
			'company', (SELECT name FROM companies WHERE id = (r->>'company_id')::bigint),
			'contact', (SELECT btrim(coalesce(first_name, '') || ' ' || last_name)
				FROM contacts WHERE id = (r->>'contact_id')::bigint),
			'billing_company', (SELECT name FROM companies WHERE id = (r->>'billing_company_id')::bigint),
			'billing_contact', (SELECT btrim(coalesce(first_name, '') || ' ' || last_name)
				FROM contacts WHERE id = (r->>'billing_contact_id')::bigint),
			'study_ref', r->>'study_ref', 'vip', r->>'vip',
			'account_code', r->>'account_code',
			'comment_printed', r->>'comment_printed',
			'internal_note', r->>'internal_note',
			'language', r->>'language', 'vat_mode', r->>'vat_mode');
	ELSIF tbl = 'reservations' THEN
		s := (r->>'starts_at')::timestamptz;
		e := (r->>'ends_at')::timestamptz;
		RETURN jsonb_build_object(
			'room', (SELECT name FROM rooms WHERE id = (r->>'room_id')::bigint),
			'date', fm_date(s::date),
			'start', to_char(s, 'HH24:MI'),
			'end', CASE WHEN e::date > s::date THEN '24:00' ELSE to_char(e, 'HH24:MI') END,
			'tariff', (SELECT label_fr FROM tariffs WHERE id = (r->>'tariff_id')::bigint),
			'rec', r->>'rec', 'trad', r->>'trad', 'live', r->>'live',
			'overtime', trim_scale(((r->>'overtime_minutes')::numeric / 60))::text,
			'info', r->>'info');
	ELSIF tbl = 'order_options' THEN
		RETURN jsonb_build_object(
			'option', (SELECT label_fr FROM options WHERE id = (r->>'option_id')::bigint),
			'day', fm_date((r->>'day')::date),
			'room', (SELECT name FROM rooms WHERE id = (r->>'room_id')::bigint),
			'hours', nullif(r->>'hours', ''),
			'quantity', trim_scale((r->>'quantity')::numeric)::text);
	ELSIF tbl = 'disbursements' THEN
		RETURN jsonb_build_object(
			'last_name', r->>'last_name', 'first_name', r->>'first_name',
			'payment_type', r->>'payment_type', 'amount', r->>'amount',
			'cheque_no', r->>'cheque_no',
			'paid_on', fm_date((r->>'paid_on')::date));
	ELSIF tbl = 'services' THEN
		RETURN jsonb_build_object(
			'label', r->>'label',
			'quantity', trim_scale((r->>'quantity')::numeric)::text,
			'unit_price', r->>'unit_price',
			'vat_rate', trim_scale((r->>'vat_rate')::numeric)::text);
	END IF;
	RETURN r;
END;
$$;

CREATE OR REPLACE FUNCTION audit_summary(tbl text, d jsonb, id bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE tbl
	WHEN 'orders' THEN concat_ws(' · ', d->>'company', d->>'study_ref')
	WHEN 'reservations' THEN concat_ws(' · ', d->>'room',
		(d->>'date') || ' ' || (d->>'start') || '–' || (d->>'end'), d->>'tariff')
	WHEN 'order_options' THEN concat_ws(' · ', d->>'option', d->>'day',
		d->>'room', d->>'hours') || ' × ' || (d->>'quantity')
	WHEN 'disbursements' THEN concat_ws(' · ',
		btrim(coalesce(d->>'first_name', '') || ' ' || (d->>'last_name')),
		(d->>'amount') || ' €')
	WHEN 'services' THEN concat_ws(' · ', d->>'label',
		(d->>'quantity') || ' × ' || (d->>'unit_price') || ' €')
	ELSE '#' || id END
$$;

-- Every priced line of an order: room hire, overtime, options, services.
-- (PL/pgSQL so that each session plans these queries once.)
CREATE OR REPLACE FUNCTION order_lines(p_order bigint)
RETURNS TABLE (kind text, ref_id bigint, day date, label_fr text,
	label_en text, quantity numeric, unit_price numeric(12,2),
	vat_rate numeric(5,2), amount numeric(12,2))
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN QUERY
	SELECT 'room'::text, r.id, r.starts_at::date,
		(t.label_fr || ' · ' || m.name)::text, (t.label_en || ' · ' || m.name)::text,
		1::numeric, r.price, r.vat_rate, r.price
	FROM reservations r JOIN rooms m ON m.id = r.room_id
	JOIN tariffs t ON t.id = r.tariff_id
	WHERE r.order_id = p_order
	UNION ALL
	SELECT 'overtime'::text, r.id, r.starts_at::date,
		('Heures supplémentaires · ' || m.name)::text, ('Overtime · ' || m.name)::text,
		round(r.overtime_minutes / 60.0, 3), r.overtime_price, r.vat_rate,
		round(r.overtime_minutes * r.overtime_price / 60, 2)::numeric(12,2)
	FROM reservations r JOIN rooms m ON m.id = r.room_id
	WHERE r.order_id = p_order AND r.overtime_minutes > 0
	UNION ALL
	SELECT 'option'::text, x.id, x.day, o.label_fr::text, o.label_en::text, x.quantity,
		x.unit_price, x.vat_rate, round(x.quantity * x.unit_price, 2)::numeric(12,2)
	FROM order_options x JOIN options o ON o.id = x.option_id
	WHERE x.order_id = p_order
	UNION ALL
	SELECT 'service'::text, s.id, NULL::date, s.label::text, s.label::text, s.quantity,
		s.unit_price, s.vat_rate, round(s.quantity * s.unit_price, 2)::numeric(12,2)
	FROM services s WHERE s.order_id = p_order;
END;
$$;

-- Base excl. VAT and VAT per rate.
CREATE OR REPLACE FUNCTION order_vat_totals(p_order bigint)
RETURNS TABLE (vat_rate numeric(5,2), base numeric(12,2), vat numeric(12,2))
LANGUAGE plpgsql STABLE AS $$
DECLARE
	mode text := (SELECT o.vat_mode FROM orders o WHERE o.id = p_order);
BEGIN
	RETURN QUERY
	SELECT r.rate, sum(r.amount)::numeric(12,2),
		round(sum(r.amount) * r.rate / 100, 2)::numeric(12,2)
	FROM (SELECT (CASE WHEN mode = 'normal' THEN l.vat_rate ELSE 0 END)::numeric(5,2)
		AS rate, l.amount FROM order_lines(p_order) l) r
	GROUP BY r.rate ORDER BY r.rate DESC;
END;
$$;

-- The order's totals: excl. VAT, VAT, incl. VAT; disbursements apart;
-- and what the client owes in all.
CREATE OR REPLACE FUNCTION order_totals(p_order bigint)
RETURNS TABLE (total_ht numeric(12,2), total_vat numeric(12,2),
	total_ttc numeric(12,2), disbursements numeric(12,2),
	total_due numeric(12,2))
LANGUAGE plpgsql STABLE AS $$
DECLARE
	ht numeric(12,2);
	tva numeric(12,2);
	deb numeric(12,2);
BEGIN
	SELECT coalesce(sum(v.base), 0), coalesce(sum(v.vat), 0) INTO ht, tva
	FROM order_vat_totals(p_order) v;
	SELECT coalesce(sum(d.amount), 0) INTO deb FROM disbursements d
	WHERE d.order_id = p_order;
	RETURN QUERY SELECT ht, tva, (ht + tva)::numeric(12,2), deb,
		(ht + tva + deb)::numeric(12,2);
END;
$$;

-- The order's total excl. VAT alone (lists).
CREATE OR REPLACE FUNCTION order_total_ht(p_order bigint) RETURNS numeric(12,2)
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT coalesce(sum(l.amount), 0) FROM order_lines(p_order) l);
END;
$$;

-- What an order page shows, as one value: its last history entry and the
-- catalogue's version; NULL when the order does not exist.
CREATE OR REPLACE FUNCTION order_version(p_order bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT max(h.id) FROM order_history h WHERE h.order_id = o.id), 0)
		|| '.' || (SELECT n FROM change_counters WHERE topic = 'catalogue')
	FROM orders o WHERE o.id = p_order
$$;
