-- The FEC export: the sales and receipts entries of one fiscal year in
-- the format of the FEC (art. A47 A-1 LPF), for the accounting software
-- that keeps the company's whole books (docs/billing.md).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The fiscal year that starts in p_year (billing_settings: its first
-- month and its length in months).
CREATE OR REPLACE FUNCTION fec_fiscal_year(p_year integer)
RETURNS TABLE (starts date, ends date)
LANGUAGE sql STABLE ROWS 1 AS $$
	SELECT make_date(p_year, s.fiscal_year_start_month, 1),
		(make_date(p_year, s.fiscal_year_start_month, 1)
			+ make_interval(months => s.fiscal_year_months) - interval '1 day')::date
	FROM billing_settings s
$$;

-- The fiscal years the export page offers, the latest first: from the
-- one holding the first issued document or payment to the current one
-- (current: it holds today).
CREATE OR REPLACE FUNCTION fec_fiscal_years()
RETURNS TABLE (year integer, starts date, ends date, is_current boolean)
LANGUAGE sql STABLE AS $$
	WITH f0 AS (
		SELECT least(current_date,
			(SELECT min(issued_on) FROM documents WHERE status = 'issued'
				AND kind IN ('invoice', 'credit_note')),
			(SELECT min(paid_on) FROM payments)) AS day)
	SELECT y, f.starts, f.ends, current_date BETWEEN f.starts AND f.ends
	FROM f0, generate_series(extract(year FROM f0.day)::int - 2,
		extract(year FROM current_date)::int) y,
		LATERAL fec_fiscal_year(y) f
	WHERE f.ends >= f0.day AND f.starts <= current_date
	ORDER BY y DESC
$$;

-- A FEC field: no tab, line break or other control character.
CREATE OR REPLACE FUNCTION fec_text(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT btrim(regexp_replace(coalesce(p, ''), '[[:cntrl:]]+', ' ', 'g'))
$$;

-- A FEC amount: decimal comma, no thousands separator, two decimals.
CREATE OR REPLACE FUNCTION fec_amount(p numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT replace(round(p, 2)::numeric(14,2)::text, '.', ',')
$$;

-- The lettering code of an invoice: its id in capitals, base 26, at
-- least three letters (AAB, AAC...): stable from one export to the next.
CREATE OR REPLACE FUNCTION fec_letter(p_id bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	s text := '';
	n bigint := p_id;
BEGIN
	LOOP
		s := chr(65 + (n % 26)::int) || s;
		n := n / 26;
		EXIT WHEN n = 0 AND length(s) >= 3;
	END LOOP;
	RETURN s;
END;
$$;

-- The FEC lines of the fiscal year that starts in p_year, the 18 columns
-- as text, in the file's order.
--
-- Sales journal (journal_code, VE): one balanced entry per issued
-- invoice and credit note, numbered in the order of issue.  An invoice
-- debits the customer (customer_account with the auxiliary account: the
-- document's account, else C + the company number) with its total due
-- and credits sales per rate, VAT per rate and the disbursements
-- account; a credit note the other way round.  VAT goes to each rate's
-- VAT account (44571...) when the seller opted for VAT on debits or the
-- operation is a supply of goods; otherwise (services, VAT on receipts,
-- art. 269-2 c CGI) to the pending account (44574...).
--
-- Bank journal (bank_journal_code, BQ): one balanced entry per payment
-- recorded in the year, numbered in the order of payment: the bank is
-- debited, the customer credited; with VAT on receipts the VAT the
-- payment carries (per rate, its share of what is left to pay once the
-- credit notes issued by its date are taken off, rounded on the running
-- total so that a settled invoice moves all of it) leaves the pending
-- account for the rate's VAT account.
--
-- Lettering: an invoice fully settled by payments and credit notes dated
-- within the year has a letter (fec_letter) and a date (the last of
-- them) on every customer line of the file that belongs to it: its own
-- entry, its payments', its credit notes'.
CREATE OR REPLACE FUNCTION fec_lines(p_year integer)
RETURNS TABLE (journal_code text, journal_lib text, ecriture_num text,
	ecriture_date text, compte_num text, compte_lib text, comp_aux_num text,
	comp_aux_lib text, piece_ref text, piece_date text, ecriture_lib text,
	debit text, credit text, ecriture_let text, date_let text,
	valid_date text, montant_devise text, idevise text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s billing_settings;
	fy record;
BEGIN
	SELECT * INTO s FROM billing_settings;
	SELECT * INTO fy FROM fec_fiscal_year(p_year);
	RETURN QUERY
	WITH docs AS (
		SELECT d.id, d.kind, d.number, d.issued_on, d.vat_mode, d.total_due,
			d.total_disbursements, d.vat_totals,
			CASE d.kind WHEN 'invoice' THEN 1 ELSE -1 END AS g,
			CASE d.kind WHEN 'invoice' THEN d.id ELSE d.source_id END AS invoice_id,
			s.vat_on_debits OR d.operation_nature = 'goods' AS vat_at_issue,
			-- A credit note stays on its invoice's auxiliary account.
			coalesce(nullif(btrim(CASE WHEN i.id IS NULL THEN d.account_code ELSE i.account_code END), ''),
				'C' || lpad(CASE WHEN i.id IS NULL THEN d.billing_company_id ELSE i.billing_company_id END::text,
					6, '0')) AS aux,
			d.buyer->>'name' AS client,
			row_number() OVER (ORDER BY d.issued_on, d.issued_at, d.id) AS n
		FROM documents d
		LEFT JOIN documents i ON i.id = d.source_id AND d.kind = 'credit_note'
		WHERE d.status = 'issued' AND d.kind IN ('invoice', 'credit_note')
		  AND d.issued_on BETWEEN fy.starts AND fy.ends),
	-- Every payment of an invoice with its running total (payments of
	-- earlier years count for the VAT they moved).
	allpays AS (
		SELECT p.id, p.document_id, p.paid_on, p.amount, p.method, p.reference,
			p.created_at,
			sum(p.amount) OVER (PARTITION BY p.document_id ORDER BY p.paid_on, p.id) AS cum
		FROM payments p
		WHERE p.document_id IN (SELECT q.document_id FROM payments q
			WHERE q.paid_on BETWEEN fy.starts AND fy.ends)),
	pays AS (
		SELECT p.*, i.number, i.total_due, i.vat_totals,
			s.vat_on_debits OR i.operation_nature = 'goods' AS vat_at_issue,
			coalesce(nullif(btrim(i.account_code), ''), 'C' || lpad(i.billing_company_id::text, 6, '0')) AS aux,
			i.buyer->>'name' AS client,
			row_number() OVER (ORDER BY p.paid_on, p.created_at, p.id) AS n
		FROM allpays p JOIN documents i ON i.id = p.document_id
		WHERE p.paid_on BETWEEN fy.starts AND fy.ends),
	-- Invoices settled by the end of the year.
	settled AS (
		SELECT i.id, fec_letter(i.id) AS letter,
			greatest(i.issued_on, pp.last_on, cc.last_on) AS date_let
		FROM documents i
		LEFT JOIN LATERAL (SELECT sum(p.amount) AS paid, max(p.paid_on) AS last_on
			FROM payments p WHERE p.document_id = i.id AND p.paid_on <= fy.ends) pp ON true
		LEFT JOIN LATERAL (SELECT sum(c.total_due) AS credited, max(c.issued_on) AS last_on
			FROM documents c WHERE c.source_id = i.id AND c.kind = 'credit_note'
			AND c.status = 'issued' AND c.issued_on <= fy.ends) cc ON true
		WHERE i.id IN (SELECT x.invoice_id FROM docs x UNION SELECT y.document_id FROM pays y)
		  AND i.kind = 'invoice' AND i.status = 'issued' AND i.issued_on <= fy.ends
		  AND i.total_due - coalesce(pp.paid, 0) - coalesce(cc.credited, 0) <= 0),
	-- The bases and VAT per rate each document was issued with.
	vat AS (
		SELECT x.id, (e->>'rate')::numeric(5,2) AS rate, (e->>'base')::numeric(12,2) AS base,
			(e->>'vat')::numeric(12,2) AS vat
		FROM docs x, jsonb_array_elements(x.vat_totals) e),
	-- The VAT each payment carries, per rate: on the running total of
	-- the payments, their share of the VAT left once the credit notes
	-- issued by then are taken off (so that a settled invoice has moved
	-- all of it), less what the earlier payments moved.
	paycum AS (
		SELECT p.id, p.document_id, p.paid_on, (e->>'rate')::numeric(5,2) AS rate,
			round(p.cum * ((e->>'vat')::numeric - coalesce(cn.vat, 0))
				/ nullif(i.total_due - coalesce(cn.due, 0), 0), 2) AS moved
		FROM allpays p JOIN documents i ON i.id = p.document_id
		CROSS JOIN LATERAL jsonb_array_elements(i.vat_totals) e
		LEFT JOIN LATERAL (SELECT sum(c.total_due) AS due,
				sum((SELECT (f->>'vat')::numeric FROM jsonb_array_elements(c.vat_totals) f
					WHERE (f->>'rate')::numeric = (e->>'rate')::numeric)) AS vat
			FROM documents c WHERE c.source_id = p.document_id AND c.kind = 'credit_note'
			AND c.status = 'issued' AND c.issued_on <= p.paid_on) cn ON true
		WHERE (e->>'vat')::numeric <> 0),
	payvat AS (
		SELECT y.id, y.rate, y.vat
		FROM (SELECT x.id, x.rate, x.moved - coalesce(lag(x.moved) OVER (PARTITION BY x.document_id, x.rate
				ORDER BY x.paid_on, x.id), 0) AS vat
			FROM paycum x) y
		JOIN pays p ON p.id = y.id
		WHERE NOT p.vat_at_issue),
	entries AS (
		SELECT 1 AS j, x.n, x.id AS ref, s.journal_code::text AS jcode, s.journal_label::text AS jlib,
			x.issued_on AS day, x.number AS piece, x.issued_on AS piece_day, x.issued_on AS valid_day,
			CASE x.kind WHEN 'invoice' THEN 'Facture ' ELSE 'Avoir ' END || x.number
				|| coalesce(' ' || x.client, '') AS lib
		FROM docs x
		UNION ALL
		SELECT 2, p.n, p.id, s.bank_journal_code::text, s.bank_journal_label::text,
			p.paid_on, p.number, p.paid_on, greatest(p.paid_on, p.created_at::date),
			'Règlement ' || p.number || ' (' || CASE p.method WHEN 'transfer' THEN 'virement'
				WHEN 'cheque' THEN 'chèque' WHEN 'card' THEN 'carte' WHEN 'cash' THEN 'espèces'
				WHEN 'direct_debit' THEN 'prélèvement' ELSE 'autre' END
				|| coalesce(' ' || nullif(btrim(p.reference), ''), '') || ')'
				|| coalesce(' ' || p.client, '')
		FROM pays p),
	-- Each line: its signed amount (debit > 0, credit < 0).
	moves AS (
		-- Sales: the customer.
		SELECT 1 AS j, x.id AS ref, 1 AS ord, 0::numeric AS rate, s.customer_account::text AS account,
			s.customer_label::text AS label, x.aux AS aux, x.client AS aux_label,
			x.g * x.total_due AS amount, st.letter, st.date_let
		FROM docs x LEFT JOIN settled st ON st.id = x.invoice_id
		UNION ALL
		-- Sales per rate.
		SELECT 1, x.id, 2, v.rate,
			CASE x.vat_mode WHEN 'normal' THEN r.sales_account
				WHEN 'export' THEN s.sales_account_export ELSE s.sales_account_eu END,
			CASE x.vat_mode WHEN 'normal' THEN 'Prestations de services ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %'
				WHEN 'export' THEN s.sales_label_export ELSE s.sales_label_eu END,
			NULL, NULL, -x.g * v.base, NULL, NULL
		FROM docs x JOIN vat v ON v.id = x.id
		LEFT JOIN vat_rates r ON r.rate = v.rate
		UNION ALL
		-- VAT per rate: collected, or pending until paid.
		SELECT 1, x.id, 3, v.rate,
			CASE WHEN x.vat_at_issue THEN r.vat_account ELSE s.vat_pending_account END,
			CASE WHEN x.vat_at_issue THEN 'TVA collectée' ELSE s.vat_pending_label END
				|| ' ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %',
			NULL, NULL, -x.g * v.vat, NULL, NULL
		FROM docs x JOIN vat v ON v.id = x.id
		LEFT JOIN vat_rates r ON r.rate = v.rate
		UNION ALL
		-- Disbursements, re-invoiced at cost.
		SELECT 1, x.id, 4, 0, s.disbursement_account, s.disbursement_label, NULL, NULL,
			-x.g * x.total_disbursements, NULL, NULL
		FROM docs x
		UNION ALL
		-- Bank: the bank account.
		SELECT 2, p.id, 1, 0, s.bank_account, s.bank_label, NULL, NULL, p.amount, NULL, NULL
		FROM pays p
		UNION ALL
		-- Bank: the customer.
		SELECT 2, p.id, 2, 0, s.customer_account, s.customer_label, p.aux, p.client,
			-p.amount, st.letter, st.date_let
		FROM pays p LEFT JOIN settled st ON st.id = p.document_id
		UNION ALL
		-- Bank: VAT on receipts leaves the pending account...
		SELECT 2, v.id, 3, v.rate, s.vat_pending_account,
			s.vat_pending_label || ' ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %',
			NULL, NULL, v.vat, NULL, NULL
		FROM payvat v
		UNION ALL
		-- ... for the rate's VAT account.
		SELECT 2, v.id, 4, v.rate, r.vat_account,
			'TVA collectée ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %',
			NULL, NULL, -v.vat, NULL, NULL
		FROM payvat v LEFT JOIN vat_rates r ON r.rate = v.rate)
	SELECT fec_text(e.jcode), fec_text(e.jlib),
		e.jcode || lpad(e.n::text, 6, '0'),
		to_char(e.day, 'YYYYMMDD'),
		fec_text(m.account), fec_text(m.label), fec_text(m.aux), fec_text(m.aux_label),
		fec_text(e.piece), to_char(e.piece_day, 'YYYYMMDD'), fec_text(e.lib),
		fec_amount(greatest(m.amount, 0)), fec_amount(greatest(-m.amount, 0)),
		coalesce(m.letter, ''), coalesce(to_char(m.date_let, 'YYYYMMDD'), ''),
		to_char(e.valid_day, 'YYYYMMDD'), ''::text, ''::text
	FROM entries e JOIN moves m ON m.j = e.j AND m.ref = e.ref
	WHERE m.amount <> 0
	ORDER BY e.j, e.n, m.ord, m.rate DESC;
END;
$$;
