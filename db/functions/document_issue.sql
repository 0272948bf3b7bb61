-- Issuing a document: its number (0015_document_numbering.sql), the
-- snapshots of the seller's and the buyer's identities, the freeze.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

CREATE OR REPLACE FUNCTION document_prefix(p_kind text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_kind WHEN 'invoice' THEN 'F' WHEN 'credit_note' THEN 'AV'
		WHEN 'quote' THEN 'D' WHEN 'disbursement_note' THEN 'ND' END
$$;

-- The seller as printed: the seller row and the settings' terms and
-- mentions, in one object.
CREATE OR REPLACE FUNCTION seller_snapshot() RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT to_jsonb(s) - 'id' - 'updated_at' || jsonb_build_object('terms',
		to_jsonb(b) - 'id' - 'updated_at' - 'journal_code' - 'journal_label'
		- 'customer_account' - 'customer_label' - 'disbursement_account'
		- 'disbursement_label' - 'sales_account_eu' - 'sales_label_eu'
		- 'sales_account_export' - 'sales_label_export')
	FROM seller s, billing_settings b
$$;

-- The buyer as printed: the billing company, at the billing contact's
-- address when it has one; the client company when it is another.
CREATE OR REPLACE FUNCTION buyer_snapshot(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_strip_nulls(jsonb_build_object(
		'name', c.name,
		'contact', nullif(btrim(concat_ws(' ', k.title, k.first_name, k.last_name)), ''),
		'email', k.email,
		'address', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.address
			WHEN nullif(btrim(c.billing_address), '') IS NOT NULL THEN c.billing_address ELSE c.address END,
		'postcode', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.postcode
			WHEN nullif(btrim(c.billing_address), '') IS NOT NULL THEN c.billing_postcode ELSE c.postcode END,
		'city', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.city
			WHEN nullif(btrim(c.billing_address), '') IS NOT NULL THEN c.billing_city ELSE c.city END,
		'country', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.country ELSE
			(SELECT CASE WHEN d.language = 'en' THEN n.name_en ELSE n.name_fr END FROM countries n
			 WHERE n.code = coalesce(CASE WHEN nullif(btrim(c.billing_address), '') IS NOT NULL
				THEN c.billing_country_code END, c.country_code)) END,
		'country_code', coalesce(CASE WHEN nullif(btrim(c.billing_address), '') IS NOT NULL
			THEN c.billing_country_code END, c.country_code),
		-- The registered address, printed too when invoices go elsewhere.
		'registered_address', CASE WHEN nullif(btrim(c.billing_address), '') IS NOT NULL
			OR nullif(btrim(k.address), '') IS NOT NULL THEN concat_ws(', ',
			nullif(btrim(c.address), ''), nullif(btrim(concat_ws(' ', c.postcode, c.city)), ''),
			(SELECT CASE WHEN d.language = 'en' THEN n.name_en ELSE n.name_fr END
			 FROM countries n WHERE n.code = c.country_code)) END,
		'registered_country_code', c.country_code,
		'vat_number', c.vat_number, 'siren', c.siren,
		'b2b', c.is_b2b,
		'e_address', coalesce(nullif(btrim(c.e_address), ''), c.siren),
		'e_scheme', c.e_scheme,
		'client', CASE WHEN d.company_id <> d.billing_company_id THEN cc.name END))
	FROM documents d JOIN companies c ON c.id = d.billing_company_id
	JOIN companies cc ON cc.id = d.company_id
	LEFT JOIN contacts k ON k.id = d.billing_contact_id
	WHERE d.id = p_doc
$$;

-- The identities a document prints: its snapshots once issued, the
-- current ones while it is a draft.
CREATE OR REPLACE FUNCTION document_seller(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT coalesce(seller, seller_snapshot()) FROM documents WHERE id = p_doc
$$;

CREATE OR REPLACE FUNCTION document_buyer(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT coalesce(buyer, buyer_snapshot(p_doc)) FROM documents WHERE id = p_doc
$$;

-- Issues a draft: checks it, numbers it (on p_on, today by default),
-- sets its due date (invoices) or validity (quotes), snapshots the
-- seller and the buyer, freezes it and logs it.  Returns the number.
-- Refusals are check violations named by CONSTRAINT (focusd shows a
-- message for each): document_not_draft, document_empty,
-- document_seller_incomplete, document_buyer_address, document_buyer_vat,
-- document_credit_source, credit_note_exceeds, document_chronology,
-- document_buyer_country, document_buyer_siren, document_franchise_rate.
CREATE OR REPLACE FUNCTION issue_document(p_doc bigint, p_on date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	d documents;
	on_day date := coalesce(p_on, current_date);
	y integer := extract(year FROM coalesce(p_on, current_date))::integer;
	c record;
	n integer;
	num text;
	s seller;
	b jsonb;
	src record;
	t record;
	credited numeric(12,2);
	fail text;
	msg text;
BEGIN
	SELECT * INTO d FROM documents WHERE id = p_doc FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no document %', p_doc USING ERRCODE = 'no_data_found';
	END IF;
	IF d.status <> 'draft' THEN
		fail := 'document_not_draft'; msg := 'the document is already issued';
	ELSIF d.kind = 'disbursement_note' AND NOT EXISTS
	    (SELECT 1 FROM document_disbursements WHERE document_id = p_doc) THEN
		fail := 'document_empty'; msg := 'a disbursement note lists disbursements';
	ELSIF d.kind <> 'disbursement_note' AND NOT EXISTS
	    (SELECT 1 FROM document_lines WHERE document_id = p_doc) AND NOT EXISTS
	    (SELECT 1 FROM document_disbursements WHERE document_id = p_doc) THEN
		fail := 'document_empty'; msg := 'the document has no line';
	END IF;
	IF fail IS NULL AND d.kind IN ('invoice', 'credit_note') THEN
		SELECT * INTO s FROM seller;
		b := buyer_snapshot(p_doc);
		IF btrim(s.name) = '' OR s.siren IS NULL OR nullif(btrim(s.address), '') IS NULL
		    OR nullif(btrim(s.city), '') IS NULL THEN
			fail := 'document_seller_incomplete';
			msg := 'the seller''s name, address and SIREN are required (configuration)';
		ELSIF nullif(btrim(b->>'address'), '') IS NULL OR nullif(btrim(b->>'city'), '') IS NULL THEN
			fail := 'document_buyer_address'; msg := 'the buyer''s address is required';
		ELSIF d.vat_mode IN ('reverse_charge', 'exempt') AND b->>'vat_number' IS NULL THEN
			fail := 'document_buyer_vat';
			msg := 'the buyer''s VAT number is required for this VAT mode';
		ELSIF b->>'country_code' IS NULL THEN
			fail := 'document_buyer_country';
			msg := 'the buyer''s country is not a known country: choose it on the company''s page';
		ELSIF b->>'country_code' = 'FR' AND (b->>'b2b')::boolean AND b->>'siren' IS NULL THEN
			fail := 'document_buyer_siren';
			msg := 'a French business buyer needs its SIREN before an invoice can be issued to it';
		ELSIF s.vat_franchise AND d.vat_mode = 'normal' AND EXISTS (SELECT 1 FROM document_lines
		    WHERE document_id = p_doc AND vat_rate <> 0) THEN
			fail := 'document_franchise_rate';
			msg := 'under the franchise en base (art. 293 B CGI) every line is at 0 %';
		END IF;
	END IF;
	IF fail IS NULL AND d.kind = 'credit_note' THEN
		SELECT * INTO src FROM documents WHERE id = d.source_id FOR SHARE;
		IF src.kind <> 'invoice' OR src.status <> 'issued' THEN
			fail := 'document_credit_source'; msg := 'a credit note corrects an issued invoice';
		ELSE
			SELECT coalesce(sum(cn.total_due), 0) + (SELECT x.total_due FROM document_totals(p_doc) x)
			INTO credited FROM documents cn
			WHERE cn.source_id = d.source_id AND cn.kind = 'credit_note' AND cn.status = 'issued';
			IF credited > src.total_due THEN
				fail := 'credit_note_exceeds';
				msg := 'the credit notes would take back more than the invoice';
			END IF;
		END IF;
	END IF;
	IF fail IS NULL THEN
		INSERT INTO document_counters (kind, year) VALUES (d.kind, y) ON CONFLICT DO NOTHING;
		SELECT * INTO c FROM document_counters WHERE kind = d.kind AND year = y FOR UPDATE;
		IF c.last_issued_on > on_day THEN
			fail := 'document_chronology';
			msg := format('the last %s was issued on %s: a later one cannot be dated %s',
				d.kind, c.last_issued_on, on_day);
		END IF;
	END IF;
	IF fail IS NOT NULL THEN
		RAISE EXCEPTION '%', msg USING ERRCODE = 'check_violation', CONSTRAINT = fail;
	END IF;

	n := c.last + 1;
	UPDATE document_counters SET last = n, last_issued_on = on_day
	WHERE kind = d.kind AND year = y;
	num := document_prefix(d.kind) || y || '-' || lpad(n::text, 5, '0');
	SELECT * INTO t FROM document_totals(p_doc);
	PERFORM set_config('fm.issuing', p_doc::text, true);
	UPDATE documents SET status = 'issued', number = num, fiscal_year = y, seq = n,
		total_ht = t.total_ht, total_vat = t.total_vat, total_ttc = t.total_ttc,
		total_disbursements = t.disbursements, total_due = t.total_due,
		vat_totals = (SELECT coalesce(jsonb_agg(jsonb_build_object('rate', v.vat_rate::text,
			'base', v.base::text, 'vat', v.vat::text) ORDER BY v.vat_rate DESC), '[]')
			FROM document_vat_totals(p_doc) v),
		issued_on = on_day, issued_at = now(), issued_by = fm_who(),
		due_on = CASE WHEN d.kind = 'invoice' THEN (SELECT CASE WHEN x.payment_end_of_month
			THEN (date_trunc('month', on_day + x.payment_days) + interval '1 month - 1 day')::date
			ELSE on_day + x.payment_days END FROM seller x) END,
		valid_until = CASE WHEN d.kind = 'quote' THEN coalesce(d.valid_until,
			on_day + (SELECT quote_validity_days FROM billing_settings)) END,
		seller = seller_snapshot(), buyer = buyer_snapshot(p_doc)
	WHERE id = p_doc;
	PERFORM set_config('fm.issuing', '', true);
	PERFORM document_log_append(p_doc, 'issue', jsonb_build_object(
		'kind', d.kind, 'issued_on', on_day,
		'total_ht', t.total_ht::text, 'total_vat', t.total_vat::text,
		'total_ttc', t.total_ttc::text, 'disbursements', t.disbursements::text,
		'total_due', t.total_due::text,
		'source', (SELECT number FROM documents WHERE id = d.source_id),
		'fingerprint', document_fingerprint(p_doc)));
	RETURN num;
END;
$$;
