-- E-invoicing (docs/billing.md, "Factur-X"): what the CII XML of an
-- invoice or credit note says, from its snapshots and from SQL's totals
-- (amounts as numeric text, '.' decimals: C does no arithmetic), and the
-- archive of the bytes made at issue.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

DROP FUNCTION IF EXISTS einvoice_header(bigint);

-- The EN 16931 VAT category of a document's lines at a rate, from its VAT
-- mode: S standard, E exempt (a 0 % line in the normal mode, the
-- franchise en base), AE reverse charge (intra-EU B2B services), K
-- intra-EU supply of goods, O outside the scope of French VAT (services
-- to a business outside the EU, art. 259-1 CGI), G export of goods.
CREATE OR REPLACE FUNCTION einvoice_category(p_mode text, p_nature text, p_rate numeric)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_mode
		WHEN 'normal' THEN CASE WHEN p_rate > 0 THEN 'S' ELSE 'E' END
		WHEN 'reverse_charge' THEN 'AE'
		WHEN 'exempt' THEN 'K'
		WHEN 'export' THEN CASE WHEN p_nature = 'goods' THEN 'G' ELSE 'O' END
	END
$$;

-- Disbursements (débours, art. 267 II-2° CGI) are lines outside the VAT
-- base: exempt (E) with their legal basis, or outside the scope (O) in a
-- document that is all outside the scope (EN 16931 BR-O-11: O mixes with
-- no other category).
CREATE OR REPLACE FUNCTION einvoice_disbursement_category(p_mode text, p_nature text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN einvoice_category(p_mode, p_nature, 0) = 'O' THEN 'O' ELSE 'E' END
$$;

-- The document's header as the XML needs it: one row of text.
CREATE OR REPLACE FUNCTION einvoice_header(p_doc bigint)
RETURNS TABLE (number text, type_code text, issue_date text, due_date text,
	billing_mode text, period_from text, period_to text, source_number text,
	source_date text, po_number text, buyer_ref text, language text,
	seller_name text, seller_legal text, seller_siren text, seller_vat text,
	seller_e_address text, seller_e_scheme text, seller_address text,
	seller_postcode text, seller_city text, seller_country text,
	seller_email text, seller_phone text,
	buyer_name text, buyer_siren text, buyer_vat text, buyer_e_address text,
	buyer_e_scheme text, buyer_address text, buyer_postcode text,
	buyer_city text, buyer_country text, buyer_contact text, buyer_email text,
	iban text, bic text, terms text, note_pmt text, note_pmd text, note_aab text,
	vat_point_code text, vat_mention text, omit_vat_ids int,
	line_total text, tax_basis_total text, tax_total text, grand_total text,
	due_payable text, stamp text)
LANGUAGE sql STABLE ROWS 1 AS $$
	WITH x AS MATERIALIZED (SELECT d.*, document_seller(d.id) AS s,
		document_buyer(d.id) AS b FROM documents d WHERE d.id = p_doc),
	t AS (SELECT * FROM document_totals(p_doc))
	SELECT x.number, CASE x.kind WHEN 'credit_note' THEN '381' ELSE '380' END,
		to_char(coalesce(x.issued_on, current_date), 'YYYYMMDD'), to_char(x.due_on, 'YYYYMMDD'),
		CASE x.operation_nature WHEN 'goods' THEN 'B1' WHEN 'both' THEN 'M1' ELSE 'S1' END,
		to_char(coalesce(x.service_from, x.service_to), 'YYYYMMDD'),
		to_char(coalesce(x.service_to, x.service_from), 'YYYYMMDD'),
		src.number, to_char(src.issued_on, 'YYYYMMDD'),
		nullif(btrim(x.po_number), ''), nullif(btrim(x.buyer_ref), ''), x.language,
		x.s->>'name',
		nullif(concat_ws(', ', nullif(btrim(concat_ws(' ', x.s->>'legal_form',
			CASE WHEN nullif(x.s->>'capital', '') IS NOT NULL THEN
				CASE WHEN x.language = 'en' THEN 'with a capital of ' ELSE 'au capital de ' END
				|| (x.s->>'capital') END)), ''),
			nullif(x.s->>'rcs', '')), ''),
		x.s->>'siren', nullif(x.s->>'vat_number', ''),
		coalesce(nullif(btrim(x.s->>'e_address'), ''), x.s->>'siren'),
		coalesce(x.s->>'e_scheme', '0225'),
		x.s->>'address', x.s->>'postcode', x.s->>'city', coalesce(x.s->>'country_code', 'FR'),
		nullif(x.s->>'email', ''), nullif(x.s->>'phone', ''),
		x.b->>'name', x.b->>'siren', nullif(x.b->>'vat_number', ''),
		x.b->>'e_address', coalesce(x.b->>'e_scheme', '0225'),
		x.b->>'address', x.b->>'postcode', x.b->>'city', x.b->>'country_code',
		x.b->>'contact', x.b->>'email',
		x.s->>'iban', x.s->>'bic',
		CASE WHEN x.language = 'fr' THEN nullif(btrim(x.s->>'payment_terms'), '') END,
		CASE WHEN x.language = 'en'
			THEN 'Fixed recovery indemnity for business clients in case of late payment: '
				|| fm_money((x.s->'terms'->>'recovery_indemnity')::numeric, 'en') || ' EUR (art. D441-5 C. com.).'
			ELSE 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : '
				|| fm_money((x.s->'terms'->>'recovery_indemnity')::numeric, 'fr') || ' € (art. D441-5 C. com.).' END,
		CASE WHEN x.language = 'en'
			THEN 'Late-payment penalties: ' || fm_qty((x.s->>'late_rate')::numeric, 'en')
				|| ' % a year (art. L441-10 C. com.).'
			ELSE 'Pénalités de retard : ' || fm_qty((x.s->>'late_rate')::numeric, 'fr')
				|| ' % l''an (art. L441-10 C. com.).' END,
		x.s->'terms'->>('early_payment_' || x.language),
		-- BT-8: VAT due on the invoice date (debits option, goods) or on
		-- payment (services without the option).
		CASE WHEN (x.s->'terms'->>'vat_on_debits')::boolean OR x.operation_nature = 'goods'
			THEN '5' ELSE '72' END,
		x.s->'terms'->>('mention_' || x.vat_mode || '_' || x.language),
		(einvoice_category(x.vat_mode, x.operation_nature, 0) = 'O')::int,
		(t.total_ht + t.disbursements)::text, (t.total_ht + t.disbursements)::text,
		t.total_vat::text, t.total_due::text, t.total_due::text,
		to_char(coalesce(x.issued_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
	FROM x CROSS JOIN t LEFT JOIN documents src ON src.id = x.source_id
$$;

-- Its lines, then its disbursements as lines outside the VAT base.
CREATE OR REPLACE FUNCTION einvoice_lines(p_doc bigint)
RETURNS TABLE (line_id text, name text, quantity text, unit_code text,
	net_price text, gross_amount text, discount_pct text, discount_amount text,
	line_total text, category text, rate text)
LANGUAGE sql STABLE AS $$
	SELECT l.position::text, l.label, l.quantity::text, coalesce(k.unit_code, 'C62'),
		l.unit_price::text,
		CASE WHEN l.discount_pct > 0 THEN round(l.quantity * l.unit_price, 2)::text END,
		CASE WHEN l.discount_pct > 0 THEN l.discount_pct::text END,
		CASE WHEN l.discount_pct > 0 THEN (round(l.quantity * l.unit_price, 2) - l.amount)::text END,
		l.amount::text, einvoice_category(d.vat_mode, d.operation_nature, l.tax_rate),
		l.tax_rate::text
	FROM document_line_amounts l JOIN documents d ON d.id = l.document_id
	JOIN document_lines k ON k.id = l.id
	WHERE l.document_id = p_doc
	UNION ALL
	SELECT (1000 + b.position)::text,
		CASE WHEN d.language = 'en' THEN 'Disbursement: ' ELSE 'Débours : ' END
			|| btrim(concat_ws(' ', b.first_name, b.last_name)),
		'1', 'C62', b.amount::text, NULL, NULL, NULL, b.amount::text,
		einvoice_disbursement_category(d.vat_mode, d.operation_nature), '0.00'
	FROM document_disbursements b JOIN documents d ON d.id = b.document_id
	WHERE b.document_id = p_doc
	ORDER BY 1
$$;

-- The VAT breakdown: once per category and rate, VAT computed on the
-- rounded base (document_vat, BR-CO-17), with the legal basis of each
-- category that charges none.
CREATE OR REPLACE FUNCTION einvoice_vat(p_doc bigint)
RETURNS TABLE (category text, rate text, base text, vat text, reason text,
	reason_code text)
LANGUAGE sql STABLE AS $$
	WITH x AS MATERIALIZED (SELECT d.*, document_seller(d.id) AS s FROM documents d
		WHERE d.id = p_doc),
	v AS (SELECT einvoice_category(x.vat_mode, x.operation_nature, t.vat_rate) AS cat,
		t.vat_rate, t.base, t.vat FROM x, document_vat_totals(p_doc) t
	UNION ALL
	SELECT einvoice_disbursement_category(x.vat_mode, x.operation_nature), 0,
		sum(b.amount), 0 FROM x JOIN document_disbursements b ON b.document_id = x.id
		GROUP BY x.vat_mode, x.operation_nature)
	SELECT v.cat, v.vat_rate::numeric(5,2)::text, sum(v.base)::numeric(12,2)::text,
		sum(v.vat)::numeric(12,2)::text,
		CASE v.cat
			WHEN 'S' THEN NULL
			WHEN 'E' THEN CASE
				WHEN (x.s->>'vat_franchise')::boolean THEN CASE WHEN x.language = 'en'
					THEN 'VAT not applicable, art. 293 B of the French tax code (CGI).'
					ELSE 'TVA non applicable, art. 293 B du CGI.' END
				WHEN NOT EXISTS (SELECT 1 FROM document_line_amounts a WHERE a.document_id = p_doc
				    AND einvoice_category(x.vat_mode, x.operation_nature, a.tax_rate) = 'E')
				THEN x.s->'terms'->>('mention_disbursements_' || x.language)
				WHEN EXISTS (SELECT 1 FROM document_disbursements WHERE document_id = p_doc)
				THEN concat_ws(' ', x.s->'terms'->>('mention_exempt_' || x.language),
					x.s->'terms'->>('mention_disbursements_' || x.language))
				ELSE x.s->'terms'->>('mention_exempt_' || x.language) END
			ELSE coalesce(x.s->'terms'->>('mention_' || x.vat_mode || '_' || x.language), v.cat)
		END,
		CASE v.cat WHEN 'AE' THEN 'VATEX-EU-AE' WHEN 'K' THEN 'VATEX-EU-IC'
			WHEN 'G' THEN 'VATEX-EU-G' WHEN 'O' THEN 'VATEX-EU-O'
			WHEN 'E' THEN CASE WHEN (x.s->>'vat_franchise')::boolean THEN 'VATEX-FR-FRANCHISE' END
		END
	FROM v, x
	GROUP BY v.cat, v.vat_rate, x.s, x.language, x.vat_mode, x.operation_nature
	ORDER BY v.vat_rate DESC, v.cat
$$;

-- Archives the bytes made at issue (the Factur-X PDF and the CII XML) and
-- enters their SHA-256 in the document log, in the issuing transaction.
CREATE OR REPLACE FUNCTION document_archive(p_doc bigint, p_pdf bytea, p_xml bytea)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	d documents;
BEGIN
	SELECT * INTO d FROM documents WHERE id = p_doc FOR SHARE;
	IF d.status IS DISTINCT FROM 'issued' OR d.kind NOT IN ('invoice', 'credit_note') THEN
		RAISE EXCEPTION 'only an issued invoice or credit note is archived'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_files_issued';
	END IF;
	INSERT INTO document_files (document_id, format, bytes, sha256) VALUES
		(p_doc, 'pdf', p_pdf, sha256(p_pdf)), (p_doc, 'xml', p_xml, sha256(p_xml));
	RETURN document_log_append(p_doc, 'archive', jsonb_build_object(
		'pdf_sha256', encode(sha256(p_pdf), 'hex'), 'pdf_bytes', length(p_pdf),
		'xml_sha256', encode(sha256(p_xml), 'hex'), 'xml_bytes', length(p_xml),
		'format', 'Factur-X EN 16931'));
END;
$$;

-- Companies whose free-text country no rule mapped to a code: fm-admin
-- countries lists them; issuing to them is refused until it is chosen.
CREATE OR REPLACE FUNCTION companies_unmapped_countries()
RETURNS TABLE (id bigint, name text, country text)
LANGUAGE sql STABLE AS $$
	SELECT c.id, c.name, c.country FROM companies c WHERE c.country_code IS NULL ORDER BY c.id
$$;
