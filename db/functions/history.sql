-- The order history as a person reads it, in the page's language: the
-- summary of a change (from the row kept in order_history.data) and the
-- old and new values of its fields, amounts and quantities written the
-- French way ("-100,00", "1,5") or the English way.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- A value of a field as shown: amounts with two decimals, quantities
-- and rates trimmed, both with the language's decimal mark; any other
-- field as it was kept.
CREATE OR REPLACE FUNCTION history_value(field text, v text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN v IS NULL OR v !~ '^-?[0-9]+(\.[0-9]+)?$' THEN v
		WHEN field IN ('amount', 'unit_price', 'price', 'overtime_price')
			THEN fm_money(v::numeric, lang)
		WHEN field IN ('quantity', 'overtime', 'vat_rate', 'discount')
			THEN fm_qty(v::numeric, lang)
		ELSE v END
$$;

-- The summary of a change: audit_summary()'s text, its figures in the
-- page's language; a row written before order_history.data keeps its
-- stored summary.
CREATE OR REPLACE FUNCTION history_summary(entity text, d jsonb, id bigint, stored text, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN d IS NULL THEN stored ELSE audit_summary(CASE entity
			WHEN 'order' THEN 'orders' WHEN 'reservation' THEN 'reservations'
			WHEN 'option' THEN 'order_options' WHEN 'disbursement' THEN 'disbursements'
			ELSE 'services' END,
		d || jsonb_strip_nulls(jsonb_build_object(
			'amount', history_value('amount', d->>'amount', lang),
			'unit_price', history_value('unit_price', d->>'unit_price', lang),
			'quantity', history_value('quantity', d->>'quantity', lang))), id) END
$$;
