-- Documents (0011-0015): their totals and balance, making them from an
-- order, a quote or an invoice, and ordering their lines.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- One document's bases and VAT per rate, and its totals, as the views
-- document_vat and document_sums (0012) compute them for many
-- (PL/pgSQL: planned once per session).  ROWS
-- tells the planner how few rows these return: with the default of 1000
-- a query calling them per document looks costly enough to be compiled
-- by JIT, which took 45 ms for a 1 ms query.
CREATE OR REPLACE FUNCTION document_vat_totals(p_doc bigint)
RETURNS TABLE (vat_rate numeric(5,2), base numeric(12,2), vat numeric(12,2))
LANGUAGE plpgsql STABLE ROWS 3 AS $$
BEGIN
	RETURN QUERY SELECT v.vat_rate, v.base, v.vat FROM document_vat v
	WHERE v.document_id = p_doc ORDER BY v.vat_rate DESC;
END;
$$;

CREATE OR REPLACE FUNCTION document_totals(p_doc bigint)
RETURNS TABLE (total_ht numeric(12,2), total_vat numeric(12,2),
	total_ttc numeric(12,2), disbursements numeric(12,2),
	total_due numeric(12,2))
LANGUAGE plpgsql STABLE ROWS 1 AS $$
DECLARE
	ht numeric(12,2);
	tva numeric(12,2);
	deb numeric(12,2);
BEGIN
	SELECT coalesce(sum(v.base), 0), coalesce(sum(v.vat), 0) INTO ht, tva
	FROM document_vat v WHERE v.document_id = p_doc;
	SELECT coalesce(sum(b.amount), 0) INTO deb FROM document_disbursements b
	WHERE b.document_id = p_doc;
	RETURN QUERY SELECT ht, tva, (ht + tva)::numeric(12,2), deb,
		(ht + tva + deb)::numeric(12,2);
END;
$$;

CREATE OR REPLACE FUNCTION document_balance(p_doc bigint)
RETURNS TABLE (total_due numeric(12,2), paid numeric(12,2),
	credited numeric(12,2), balance numeric(12,2), last_paid_on date,
	payment text)
LANGUAGE plpgsql STABLE ROWS 1 AS $$
BEGIN
	RETURN QUERY SELECT b.total_due, b.paid, b.credited, b.balance,
		b.last_paid_on, b.payment
	FROM invoice_balances b WHERE b.document_id = p_doc;
END;
$$;

-- paid, partly_paid or unpaid for an issued invoice; NULL otherwise.
CREATE OR REPLACE FUNCTION document_payment_status(p_doc bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT b.payment FROM invoice_balances b WHERE b.document_id = p_doc);
END;
$$;

-- A new draft of an order with the order's header (billing company: the
-- order's, or its company); service dates from its reservations.
CREATE OR REPLACE FUNCTION document_new(p_order bigint, p_kind text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	new_id bigint;
BEGIN
	INSERT INTO documents (kind, order_id, company_id, billing_company_id,
		billing_contact_id, language, vat_mode, study_ref, vip, account_code,
		comment_printed, internal_note, service_from, service_to, valid_until,
		operation_nature, created_by, po_number, buyer_ref)
	SELECT p_kind, o.id, o.company_id, coalesce(o.billing_company_id, o.company_id),
		o.billing_contact_id, o.language, o.vat_mode, o.study_ref, o.vip,
		o.account_code, o.comment_printed, o.internal_note,
		(SELECT min(r.starts_at)::date FROM reservations r WHERE r.order_id = o.id),
		(SELECT max(r.ends_at - interval '1 second')::date FROM reservations r
		 WHERE r.order_id = o.id),
		CASE WHEN p_kind = 'quote' THEN current_date
			+ (SELECT quote_validity_days FROM billing_settings) END,
		(SELECT operation_nature FROM billing_settings), fm_who(), o.po_number, o.buyer_ref
	FROM orders o WHERE o.id = p_order
	RETURNING documents.id INTO new_id;
	IF new_id IS NULL THEN
		RAISE EXCEPTION 'no order %', p_order USING ERRCODE = 'no_data_found';
	END IF;
	RETURN new_id;
END;
$$;

-- Copies the order's disbursements to a document.
CREATE OR REPLACE FUNCTION document_take_disbursements(p_doc bigint, p_order bigint) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO document_disbursements (document_id, position, last_name,
		first_name, payment_type, amount, cheque_no, paid_on, disbursement_id)
	SELECT p_doc, row_number() OVER (ORDER BY paid_on, id), last_name, first_name,
		payment_type, amount, cheque_no, paid_on, id
	FROM disbursements WHERE order_id = p_order
$$;

-- A quote or an invoice from an order: every priced line of
-- order_lines() (room hire, overtime, options, services) in the
-- document's language, dated; disbursements when asked.  A line whose
-- quantity x price does not give the order's amount (overtime minutes)
-- is written as 1 x its amount, so the document's totals are the order's.
CREATE OR REPLACE FUNCTION document_from_order(p_order bigint, p_kind text,
	p_disbursements boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	doc bigint;
	lang text;
BEGIN
	IF p_kind NOT IN ('quote', 'invoice') THEN
		RAISE EXCEPTION 'an order makes quotes and invoices, not %', p_kind
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_kind';
	END IF;
	doc := document_new(p_order, p_kind);
	SELECT language INTO lang FROM documents WHERE id = doc;
	INSERT INTO document_lines (document_id, position, label, quantity,
		unit_price, vat_rate, source, source_id)
	SELECT doc, row_number() OVER (ORDER BY l.day NULLS LAST,
			array_position(ARRAY['room', 'overtime', 'option', 'service'], l.kind),
			l.ref_id),
		CASE WHEN lang = 'en' THEN l.label_en ELSE l.label_fr END
			|| CASE WHEN l.day IS NOT NULL THEN ' — ' || fm_day(l.day, lang) ELSE '' END
			|| CASE WHEN l.kind = 'overtime' AND line_amount(l.quantity, l.unit_price, 0) <> l.amount
				THEN ' (' || (SELECT overtime_minutes FROM reservations WHERE id = l.ref_id)
					|| ' min × ' || fm_money(l.unit_price, lang) || ' €/h)'
				ELSE '' END,
		CASE WHEN line_amount(l.quantity, l.unit_price, 0) = l.amount THEN l.quantity ELSE 1 END,
		CASE WHEN line_amount(l.quantity, l.unit_price, 0) = l.amount THEN l.unit_price ELSE l.amount END,
		l.vat_rate, l.kind, l.ref_id
	FROM order_lines(p_order) l;
	IF p_disbursements THEN
		PERFORM document_take_disbursements(doc, p_order);
	END IF;
	RETURN doc;
END;
$$;

-- An invoice from a quote (drafts and issued quotes alike): its header,
-- lines and disbursements as the quote has them now.
CREATE OR REPLACE FUNCTION invoice_from_quote(p_quote bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	q documents;
	doc bigint;
BEGIN
	SELECT * INTO q FROM documents WHERE id = p_quote;
	IF NOT FOUND OR q.kind <> 'quote' THEN
		RAISE EXCEPTION 'no quote %', p_quote USING ERRCODE = 'check_violation',
			CONSTRAINT = 'document_kind';
	END IF;
	INSERT INTO documents (kind, order_id, source_id, company_id, billing_company_id,
		billing_contact_id, language, vat_mode, study_ref, vip, account_code,
		comment_printed, internal_note, service_from, service_to,
		operation_nature, delivery_address, created_by, po_number, buyer_ref)
	VALUES ('invoice', q.order_id, q.id, q.company_id, q.billing_company_id,
		q.billing_contact_id, q.language, q.vat_mode, q.study_ref, q.vip,
		q.account_code, q.comment_printed, q.internal_note, q.service_from,
		q.service_to, q.operation_nature, q.delivery_address, fm_who(),
		q.po_number, q.buyer_ref)
	RETURNING id INTO doc;
	INSERT INTO document_lines (document_id, position, label, quantity,
		unit_price, discount_pct, vat_rate, source, source_id)
	SELECT doc, position, label, quantity, unit_price, discount_pct, vat_rate,
		source, source_id FROM document_lines WHERE document_id = p_quote;
	INSERT INTO document_disbursements (document_id, position, last_name,
		first_name, payment_type, amount, cheque_no, paid_on, disbursement_id)
	SELECT doc, position, last_name, first_name, payment_type, amount,
		cheque_no, paid_on, disbursement_id
	FROM document_disbursements WHERE document_id = p_quote;
	RETURN doc;
END;
$$;

-- A credit note for an issued invoice: the whole invoice (no lines and
-- no amount given), the chosen lines (p_lines: ids of the invoice's
-- lines), or one line of p_amount excl. VAT at p_rate.
CREATE OR REPLACE FUNCTION credit_note_from_invoice(p_invoice bigint, p_lines bigint[] DEFAULT NULL,
	p_amount numeric DEFAULT NULL, p_rate numeric DEFAULT NULL,
	p_label text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	inv documents;
	doc bigint;
	n integer;
BEGIN
	SELECT * INTO inv FROM documents WHERE id = p_invoice;
	IF NOT FOUND OR inv.kind <> 'invoice' OR inv.status <> 'issued' THEN
		RAISE EXCEPTION 'a credit note corrects an issued invoice'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_credit_source';
	END IF;
	INSERT INTO documents (kind, order_id, source_id, company_id, billing_company_id,
		billing_contact_id, language, vat_mode, study_ref, vip, account_code,
		service_from, service_to, operation_nature, delivery_address, created_by,
		po_number, buyer_ref)
	VALUES ('credit_note', inv.order_id, inv.id, inv.company_id, inv.billing_company_id,
		inv.billing_contact_id, inv.language, inv.vat_mode, inv.study_ref, inv.vip,
		inv.account_code, inv.service_from, inv.service_to, inv.operation_nature,
		inv.delivery_address, fm_who(), inv.po_number, inv.buyer_ref)
	RETURNING id INTO doc;
	IF p_amount IS NOT NULL THEN
		INSERT INTO document_lines (document_id, position, label, quantity,
			unit_price, vat_rate, source)
		VALUES (doc, 1, coalesce(nullif(btrim(p_label), ''),
			CASE WHEN inv.language = 'en' THEN 'Reduction on invoice ' ELSE 'Réduction sur la facture ' END
			|| inv.number), 1, p_amount, coalesce(p_rate, 20), 'amount');
	ELSE
		INSERT INTO document_lines (document_id, position, label, quantity,
			unit_price, discount_pct, vat_rate, source, source_id)
		SELECT doc, row_number() OVER (ORDER BY position), label, quantity, unit_price,
			discount_pct, vat_rate, 'line', id
		FROM document_lines WHERE document_id = p_invoice
		  AND (p_lines IS NULL OR id = ANY (p_lines));
		GET DIAGNOSTICS n = ROW_COUNT;
		IF p_lines IS NOT NULL AND n <> cardinality(p_lines) THEN
			RAISE EXCEPTION 'lines % are not all lines of invoice %', p_lines, inv.number
				USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_note_lines';
		END IF;
		IF p_lines IS NULL THEN
			INSERT INTO document_disbursements (document_id, position, last_name,
				first_name, payment_type, amount, cheque_no, paid_on, disbursement_id)
			SELECT doc, position, last_name, first_name, payment_type, amount,
				cheque_no, paid_on, disbursement_id
			FROM document_disbursements WHERE document_id = p_invoice;
		END IF;
	END IF;
	RETURN doc;
END;
$$;

-- A disbursement note: the order's disbursements, listed.
CREATE OR REPLACE FUNCTION disbursement_note_from_order(p_order bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	doc bigint;
BEGIN
	doc := document_new(p_order, 'disbursement_note');
	PERFORM document_take_disbursements(doc, p_order);
	RETURN doc;
END;
$$;

-- Moves a draft's line one place up (-1) or down (+1).
CREATE OR REPLACE FUNCTION document_line_move(p_line bigint, p_dir integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	l document_lines;
	other document_lines;
BEGIN
	SELECT * INTO l FROM document_lines WHERE id = p_line;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	SELECT * INTO other FROM document_lines WHERE document_id = l.document_id
	  AND CASE WHEN p_dir < 0 THEN position < l.position ELSE position > l.position END
	ORDER BY CASE WHEN p_dir < 0 THEN -position ELSE position END LIMIT 1;
	IF FOUND THEN
		UPDATE document_lines SET position = other.position WHERE id = l.id;
		UPDATE document_lines SET position = l.position WHERE id = other.id;
	END IF;
END;
$$;

-- Renumbers a draft's lines 1..n in their order (after deletions).
CREATE OR REPLACE FUNCTION document_lines_renumber(p_doc bigint) RETURNS void
LANGUAGE sql AS $$
	UPDATE document_lines l SET position = x.n
	FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n
		FROM document_lines WHERE document_id = p_doc) x
	WHERE l.id = x.id AND l.position <> x.n;
	UPDATE document_disbursements l SET position = x.n
	FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n
		FROM document_disbursements WHERE document_id = p_doc) x
	WHERE l.id = x.id AND l.position <> x.n;
$$;

-- What the order page lists: its documents, newest first in each kind,
-- with their totals and payment state.
CREATE OR REPLACE FUNCTION order_documents(p_order bigint)
RETURNS TABLE (id bigint, kind text, status text, number text,
	created_on date, issued_on date, total_due numeric(12,2), payment text)
LANGUAGE plpgsql STABLE ROWS 10 AS $$
BEGIN
	RETURN QUERY
	SELECT d.id, d.kind, d.status, d.number, d.created_at::date, d.issued_on,
		coalesce(d.total_due, (SELECT s.total_due FROM document_totals(d.id) s)),
		-- invoice_balances' payment state, from the kept figures
		-- (0201_document_figures.sql): the order's rows only.
		CASE WHEN f.balance IS NULL THEN NULL WHEN f.balance <= 0 THEN 'paid'
			WHEN f.paid + f.credited > 0 THEN 'partly_paid' ELSE 'unpaid' END
	FROM documents d LEFT JOIN document_figures f ON f.document_id = d.id
	WHERE d.order_id = p_order
	ORDER BY d.kind, d.status = 'draft' DESC, d.id DESC;
END;
$$;
