-- 0012_document_amounts: every amount of a document comes from the
-- function and views below, and nothing else rounds: each line's amount
-- excl. VAT is rounded to the cent (half away from zero) from quantity x
-- unit price x (1 - discount), line_amount(); VAT is computed once per
-- rate on the sum of the lines at that rate, rounded to the cent, the
-- view document_vat -- the rule of order_lines() and order_vat_totals()
-- (db/functions/orders.sql), so that a document made from an order has
-- the order's totals.  C never computes with money.

-- A line's amount excl. VAT: quantity x unit price less the discount,
-- rounded once to the cent, half away from zero (numeric round()).
CREATE FUNCTION line_amount(quantity numeric, unit_price numeric,
	discount_pct numeric) RETURNS numeric(12,2)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT round(quantity * unit_price * (100 - discount_pct) / 100, 2)::numeric(12,2)
$$;

-- Every line with its amount and the VAT rate that applies under the
-- document's VAT mode (effective_vat_rate, 0003: only normal charges VAT).
CREATE VIEW document_line_amounts AS
SELECT l.id, l.document_id, l.position, l.label, l.quantity, l.unit_price,
	l.discount_pct, l.vat_rate, l.source, l.source_id,
	line_amount(l.quantity, l.unit_price, l.discount_pct) AS amount,
	effective_vat_rate(d.vat_mode, l.vat_rate)::numeric(5,2) AS tax_rate
FROM document_lines l JOIN documents d ON d.id = l.document_id;

-- Per document and rate: the base (sum of the rounded lines) and the VAT
-- computed once on that base, rounded to the cent.
CREATE VIEW document_vat AS
SELECT document_id, tax_rate AS vat_rate, sum(amount)::numeric(12,2) AS base,
	round(sum(amount) * tax_rate / 100, 2)::numeric(12,2) AS vat
FROM document_line_amounts
GROUP BY document_id, tax_rate;

-- Per document: totals excl. VAT, VAT, incl. VAT; disbursements apart
-- (outside the VAT base); what is due in all.  For reports over many
-- documents (it aggregates every line); focusd reads one document's
-- totals through document_totals(), and issued documents' stored totals.
CREATE VIEW document_sums AS
SELECT d.id AS document_id,
	coalesce(v.ht, 0)::numeric(12,2) AS total_ht,
	coalesce(v.vat, 0)::numeric(12,2) AS total_vat,
	(coalesce(v.ht, 0) + coalesce(v.vat, 0))::numeric(12,2) AS total_ttc,
	coalesce(b.amount, 0)::numeric(12,2) AS disbursements,
	(coalesce(v.ht, 0) + coalesce(v.vat, 0) + coalesce(b.amount, 0))::numeric(12,2) AS total_due
FROM documents d
LEFT JOIN (SELECT document_id, sum(base) AS ht, sum(vat) AS vat
	FROM document_vat GROUP BY document_id) v ON v.document_id = d.id
LEFT JOIN (SELECT document_id, sum(amount) AS amount
	FROM document_disbursements GROUP BY document_id) b ON b.document_id = d.id;
