-- The FEC export.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The FEC (fichier des écritures comptables, art. A47 A-1 LPF) of a
-- year's sales: one balanced entry per issued invoice and credit note,
-- numbered continuously in the order of issue, the 18 columns as text
-- (dates YYYYMMDD, amounts with a decimal comma), from the totals each
-- document was issued with.  An invoice debits the
-- customer (its total due) and credits sales per rate, VAT per rate and
-- the disbursements account; a credit note the other way round.
CREATE OR REPLACE FUNCTION fec_lines(p_year integer)
RETURNS TABLE (journal_code text, journal_lib text, ecriture_num text,
	ecriture_date text, compte_num text, compte_lib text, comp_aux_num text,
	comp_aux_lib text, piece_ref text, piece_date text, ecriture_lib text,
	debit text, credit text, ecriture_let text, date_let text,
	valid_date text, montant_devise text, idevise text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s billing_settings;
BEGIN
	SELECT * INTO s FROM billing_settings;
	RETURN QUERY
	WITH docs AS (
		SELECT d.id, d.kind, d.number, d.issued_on, d.vat_mode, d.total_due,
			d.total_disbursements, d.vat_totals,
			coalesce(nullif(btrim(d.account_code), ''), 'C' || lpad(d.billing_company_id::text, 6, '0')) AS aux,
			d.buyer->>'name' AS client,
			row_number() OVER (ORDER BY d.issued_on, d.issued_at, d.id) AS n
		FROM documents d
		WHERE d.status = 'issued' AND d.kind IN ('invoice', 'credit_note')
		  AND d.issued_on >= make_date(p_year, 1, 1) AND d.issued_on < make_date(p_year + 1, 1, 1)),
	-- The bases and VAT per rate the document was issued with.
	vat AS (
		SELECT x.id, (e->>'rate')::numeric(5,2) AS rate, (e->>'base')::numeric(12,2) AS base,
			(e->>'vat')::numeric(12,2) AS vat
		FROM docs x, jsonb_array_elements(x.vat_totals) e),
	moves AS (
		-- The customer: the total due.
		SELECT x.id, 1 AS ord, 0::numeric AS rate, s.customer_account::text AS account,
			s.customer_label::text AS label, x.aux AS aux, x.client AS aux_label,
			x.total_due AS amount, true AS debit_side
		FROM docs x
		UNION ALL
		-- Sales per rate.
		SELECT x.id, 2, v.rate,
			CASE x.vat_mode WHEN 'normal' THEN r.sales_account
				WHEN 'export' THEN s.sales_account_export ELSE s.sales_account_eu END,
			CASE x.vat_mode WHEN 'normal' THEN 'Prestations de services ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %'
				WHEN 'export' THEN s.sales_label_export ELSE s.sales_label_eu END,
			NULL, NULL, v.base, false
		FROM docs x JOIN vat v ON v.id = x.id
		LEFT JOIN vat_rates r ON r.rate = v.rate
		UNION ALL
		-- VAT per rate.
		SELECT x.id, 3, v.rate, r.vat_account,
			'TVA collectée ' || replace(trim_scale(v.rate)::text, '.', ',') || ' %',
			NULL, NULL, v.vat, false
		FROM docs x JOIN vat v ON v.id = x.id
		LEFT JOIN vat_rates r ON r.rate = v.rate
		WHERE v.vat <> 0
		UNION ALL
		-- Disbursements, re-invoiced at cost.
		SELECT x.id, 4, 0, s.disbursement_account, s.disbursement_label, NULL, NULL,
			x.total_disbursements, false
		FROM docs x
		WHERE x.total_disbursements <> 0)
	SELECT s.journal_code, s.journal_label::text,
		s.journal_code || lpad(x.n::text, 6, '0'),
		to_char(x.issued_on, 'YYYYMMDD'),
		m.account, m.label, coalesce(m.aux, ''), coalesce(m.aux_label, ''),
		x.number, to_char(x.issued_on, 'YYYYMMDD'),
		CASE x.kind WHEN 'invoice' THEN 'Facture ' ELSE 'Avoir ' END || x.number
			|| coalesce(' ' || x.client, ''),
		replace(CASE WHEN m.debit_side = (x.kind = 'invoice') AND m.amount >= 0
			OR m.debit_side <> (x.kind = 'invoice') AND m.amount < 0
			THEN abs(m.amount) ELSE 0 END::numeric(12,2)::text, '.', ','),
		replace(CASE WHEN m.debit_side = (x.kind = 'invoice') AND m.amount >= 0
			OR m.debit_side <> (x.kind = 'invoice') AND m.amount < 0
			THEN 0 ELSE abs(m.amount) END::numeric(12,2)::text, '.', ','),
		''::text, ''::text, to_char(x.issued_on, 'YYYYMMDD'), ''::text, ''::text
	FROM docs x JOIN moves m ON m.id = x.id
	WHERE m.amount <> 0
	ORDER BY x.n, m.ord, m.rate DESC;
END;
$$;
