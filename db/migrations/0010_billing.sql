-- 0010_billing: quotes, invoices, credit notes and disbursement notes.
--
--   billing_settings      one row: legal mentions, terms, accounts (FEC)
--   documents             a document of an order: header, snapshots once issued
--   document_lines        its priced lines
--   document_disbursements  its disbursements (débours), outside the VAT base
--   document_counters     the gapless numbering, one row per kind and year
--   payments              what was paid on an issued invoice
--   document_log          append-only, hash-chained log: issue, send,
--   document_log_head       download, payment
--
-- Every amount comes from the functions and views below: each line's
-- amount excl. VAT is rounded to the cent (half away from zero) from
-- quantity x unit price x (1 - discount); VAT is computed once per rate
-- on the sum of the lines at that rate, rounded to the cent -- the rule of
-- order_lines()/order_vat_totals() (0003), so that a document made from
-- an order has the order's totals.  C never computes with money.
--
-- Issuing (issue_document) gives the next number of its kind and year
-- from a counter row updated in the same transaction (never a SEQUENCE:
-- a rolled-back issue leaves no gap), snapshots the seller's and the
-- buyer's identities, and freezes the document: triggers refuse any
-- UPDATE or DELETE of an issued document, its lines and disbursements.

-- ---------------------------------------------------------------------
-- Settings: what documents print besides the seller's identity (0003's
-- `seller`), and the accounts of the FEC export.

CREATE DOMAIN account_code AS text CHECK (VALUE ~ '^[0-9A-Z]{2,20}$');

CREATE TABLE billing_settings (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	quote_validity_days integer NOT NULL DEFAULT 30
		CHECK (quote_validity_days BETWEEN 1 AND 365),
	-- Fixed indemnity for recovery costs owed by business clients
	-- (art. L441-10 and D441-5 of the Code de commerce).
	recovery_indemnity numeric(12,2) NOT NULL DEFAULT 40.00
		CHECK (recovery_indemnity >= 0),
	early_payment_fr long_text NOT NULL
		DEFAULT 'Pas d''escompte pour paiement anticipé.',
	early_payment_en long_text NOT NULL
		DEFAULT 'No discount for early payment.',
	-- The seller opted for paying VAT on debits (art. 269-2 c CGI): the
	-- 2026 e-invoicing reform makes the mention compulsory.
	vat_on_debits boolean NOT NULL DEFAULT false,
	-- Nature of the operations by default: services, goods or both.
	operation_nature text NOT NULL DEFAULT 'services'
		CHECK (operation_nature IN ('services', 'goods', 'both')),
	mention_exempt_fr long_text NOT NULL
		DEFAULT 'Exonération de TVA, article 262 ter I du CGI.',
	mention_exempt_en long_text NOT NULL
		DEFAULT 'VAT exempt: article 262 ter I of the French tax code (CGI).',
	mention_reverse_charge_fr long_text NOT NULL
		DEFAULT 'Autoliquidation : TVA due par le preneur (article 283-2 du CGI, article 196 de la directive 2006/112/CE).',
	mention_reverse_charge_en long_text NOT NULL
		DEFAULT 'Reverse charge: VAT to be accounted for by the customer (Article 196 of Council Directive 2006/112/EC; article 283-2 of the French tax code).',
	mention_export_fr long_text NOT NULL
		DEFAULT 'Exonération de TVA : opération réalisée pour un client établi hors de l''Union européenne (articles 259-1 et 262 I du CGI).',
	mention_export_en long_text NOT NULL
		DEFAULT 'VAT exempt: supply to a customer established outside the European Union (articles 259-1 and 262 I of the French tax code).',
	-- Débours: sums paid in the client's name and on its behalf, outside
	-- the VAT base (art. 267 II-2° CGI).
	mention_disbursements_fr long_text NOT NULL
		DEFAULT 'Débours : sommes payées au nom et pour le compte du client, hors base d''imposition à la TVA (article 267 II-2° du CGI).',
	mention_disbursements_en long_text NOT NULL
		DEFAULT 'Disbursements: sums paid in the name and on behalf of the client, outside the VAT base (article 267 II-2° of the French tax code).',
	-- The sales journal of the FEC and its accounts.
	journal_code text NOT NULL DEFAULT 'VE'
		CHECK (journal_code ~ '^[A-Za-z0-9]{1,10}$'),
	journal_label short_text NOT NULL DEFAULT 'Journal des ventes'
		CHECK (btrim(journal_label) <> ''),
	customer_account account_code NOT NULL DEFAULT '411000',
	customer_label short_text NOT NULL DEFAULT 'Clients',
	disbursement_account account_code NOT NULL DEFAULT '467000',
	disbursement_label short_text NOT NULL DEFAULT 'Débours clients',
	sales_account_eu account_code NOT NULL DEFAULT '706500',
	sales_label_eu short_text NOT NULL
		DEFAULT 'Prestations de services UE (autoliquidation)',
	sales_account_export account_code NOT NULL DEFAULT '706600',
	sales_label_export short_text NOT NULL
		DEFAULT 'Prestations de services hors UE',
	updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_settings DEFAULT VALUES;
CREATE TRIGGER billing_settings_touch BEFORE UPDATE ON billing_settings
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Sales and VAT accounts of each rate (the FEC's credit side).
ALTER TABLE vat_rates
	ADD COLUMN sales_account account_code NOT NULL DEFAULT '706000',
	ADD COLUMN vat_account account_code NOT NULL DEFAULT '445710';
UPDATE vat_rates SET
	sales_account = CASE rate WHEN 20 THEN '706000' WHEN 10 THEN '706100'
		WHEN 5.5 THEN '706200' ELSE '706900' END,
	vat_account = CASE rate WHEN 20 THEN '445711' WHEN 10 THEN '445712'
		WHEN 5.5 THEN '445713' ELSE '445710' END;

-- Who acts: focusd names the staff user (fm.staff_id) at the start of
-- each writing transaction; scripts may name themselves (fm.who).
CREATE FUNCTION fm_who() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(nullif(current_setting('fm.who', true), ''),
		(SELECT login FROM staff_users
		 WHERE id = nullif(current_setting('fm.staff_id', true), '')::bigint),
		'system')
$$;

-- ---------------------------------------------------------------------
-- Documents.

CREATE TABLE documents (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('quote', 'invoice', 'credit_note',
		'disbursement_note')),
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
	-- The quote an invoice was made from; the invoice a credit note corrects.
	source_id bigint REFERENCES documents (id) ON DELETE RESTRICT,
	status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
	number text UNIQUE,
	fiscal_year integer,
	seq integer,
	-- Header, editable while draft.
	company_id bigint NOT NULL REFERENCES companies (id) ON DELETE RESTRICT,
	billing_company_id bigint NOT NULL REFERENCES companies (id) ON DELETE RESTRICT,
	billing_contact_id bigint REFERENCES contacts (id) ON DELETE SET NULL,
	language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
	vat_mode text NOT NULL DEFAULT 'normal'
		CHECK (vat_mode IN ('normal', 'exempt', 'reverse_charge', 'export')),
	study_ref short_text,
	vip boolean NOT NULL DEFAULT false,
	account_code short_text,
	comment_printed long_text,
	internal_note long_text,
	service_from date,
	service_to date,
	valid_until date,
	operation_nature text NOT NULL DEFAULT 'services'
		CHECK (operation_nature IN ('services', 'goods', 'both')),
	delivery_address long_text,
	-- Set when issued.
	issued_on date,
	issued_at timestamptz,
	issued_by text,
	due_on date,
	seller jsonb,
	buyer jsonb,
	-- The totals it was issued with (document_totals, document_vat_totals
	-- at that moment): lists, balances and exports read these; the log's
	-- check proves they still match the lines.
	total_ht numeric(12,2),
	total_vat numeric(12,2),
	total_ttc numeric(12,2),
	total_disbursements numeric(12,2),
	total_due numeric(12,2),
	vat_totals jsonb,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT 'system',
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT documents_service_dates CHECK (service_to >= service_from),
	CONSTRAINT documents_credit_note_source CHECK (kind <> 'credit_note' OR source_id IS NOT NULL),
	CONSTRAINT documents_issued_complete CHECK (status = 'draft' OR (number IS NOT NULL
		AND fiscal_year IS NOT NULL AND seq IS NOT NULL AND issued_on IS NOT NULL
		AND seller IS NOT NULL AND buyer IS NOT NULL AND total_due IS NOT NULL
		AND vat_totals IS NOT NULL)),
	CONSTRAINT documents_number_unique UNIQUE (kind, fiscal_year, seq)
);
CREATE INDEX documents_order_idx ON documents (order_id, kind, id);
CREATE INDEX documents_source_idx ON documents (source_id);
-- Issued documents in the exports' order (date, invoices before credit
-- notes, number).
CREATE INDEX documents_issued_idx ON documents (issued_on, kind DESC, seq) WHERE status = 'issued';
CREATE INDEX documents_billing_contact_idx ON documents (billing_contact_id);
CREATE INDEX documents_billing_company_idx ON documents (billing_company_id);
CREATE INDEX documents_company_idx ON documents (company_id);

CREATE TABLE document_lines (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	position integer NOT NULL CHECK (position > 0),
	label long_text NOT NULL CHECK (btrim(label) <> ''),
	quantity numeric(10,3) NOT NULL CHECK (quantity > 0),
	unit_price numeric(12,2) NOT NULL,
	discount_pct numeric(5,2) NOT NULL DEFAULT 0
		CHECK (discount_pct >= 0 AND discount_pct <= 100),
	vat_rate numeric(5,2) NOT NULL REFERENCES vat_rates (rate),
	-- Where the line came from: room, overtime, option, service (order)
	-- or line (the invoice line a credit note takes back).
	source text,
	source_id bigint,
	CONSTRAINT document_lines_position UNIQUE (document_id, position)
		DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE document_disbursements (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	position integer NOT NULL CHECK (position > 0),
	last_name short_text NOT NULL CHECK (btrim(last_name) <> ''),
	first_name short_text,
	payment_type text NOT NULL CHECK (payment_type IN ('cash', 'cheque',
		'transfer', 'card', 'other')),
	amount numeric(12,2) NOT NULL CHECK (amount > 0),
	cheque_no short_text,
	paid_on date,
	disbursement_id bigint,
	CONSTRAINT document_disbursements_position UNIQUE (document_id, position)
		DEFERRABLE INITIALLY DEFERRED
);

-- The billing contact is a billing contact (is_billing) of the billing
-- company, as on orders (0003, orders_check_contacts).
CREATE FUNCTION documents_check_contacts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.billing_contact_id IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.billing_contact_id IS DISTINCT FROM OLD.billing_contact_id
	    OR NEW.billing_company_id IS DISTINCT FROM OLD.billing_company_id) THEN
		PERFORM 1 FROM contacts WHERE id = NEW.billing_contact_id
		  AND is_billing AND company_id = NEW.billing_company_id;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'the billing contact is not a billing contact of the billing company'
				USING ERRCODE = 'check_violation',
				CONSTRAINT = 'documents_billing_contact';
		END IF;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER documents_contacts BEFORE INSERT OR UPDATE ON documents
	FOR EACH ROW EXECUTE FUNCTION documents_check_contacts();

-- An issued document is frozen: no UPDATE, no DELETE.  The one change
-- allowed is the one PostgreSQL makes itself when a contact is deleted
-- (ON DELETE SET NULL): the buyer's snapshot keeps the identity printed.
-- Issuing is the only way from draft to issued (issue_document sets
-- fm.issuing to the document it issues).
CREATE FUNCTION documents_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.status <> 'draft' OR NEW.number IS NOT NULL OR NEW.seller IS NOT NULL
		    OR NEW.buyer IS NOT NULL OR NEW.total_due IS NOT NULL THEN
			RAISE EXCEPTION 'a document starts as a draft'
				USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
		END IF;
		RETURN NEW;
	END IF;
	IF TG_OP = 'DELETE' THEN
		IF OLD.status = 'issued' THEN
			RAISE EXCEPTION 'document % is issued: it cannot be deleted (issue a credit note)', OLD.number
				USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
		END IF;
		RETURN OLD;
	END IF;
	IF OLD.status = 'issued' THEN
		IF NEW.billing_contact_id IS NULL AND
		    (to_jsonb(NEW) - 'billing_contact_id') = (to_jsonb(OLD) - 'billing_contact_id') THEN
			RETURN NEW;
		END IF;
		RAISE EXCEPTION 'document % is issued: it cannot be changed (issue a credit note)', OLD.number
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
	END IF;
	IF NEW.status = 'issued' AND
	    current_setting('fm.issuing', true) IS DISTINCT FROM OLD.id::text THEN
		RAISE EXCEPTION 'a document is issued by issue_document() only'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END;
$$;
CREATE TRIGGER documents_frozen BEFORE INSERT OR UPDATE OR DELETE ON documents
	FOR EACH ROW EXECUTE FUNCTION documents_frozen();

CREATE FUNCTION refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% cannot be truncated', TG_TABLE_NAME
		USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
END;
$$;
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

-- Lines and disbursements of an issued document are frozen with it.  The
-- document row is read FOR SHARE: a line written while the document is
-- being issued waits for the issue and is then refused.
CREATE FUNCTION document_parts_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	st text;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		SELECT status INTO st FROM documents WHERE id = OLD.document_id FOR SHARE;
		-- Not found: the document is being deleted (cascade of a draft).
		IF st = 'issued' THEN
			RAISE EXCEPTION 'the document is issued: its lines cannot be changed'
				USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
		END IF;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		SELECT status INTO st FROM documents WHERE id = NEW.document_id FOR SHARE;
		IF st = 'issued' THEN
			RAISE EXCEPTION 'the document is issued: its lines cannot be changed'
				USING ERRCODE = 'check_violation', CONSTRAINT = 'document_frozen';
		END IF;
		RETURN NEW;
	END IF;
	RETURN OLD;
END;
$$;
CREATE TRIGGER document_lines_frozen BEFORE INSERT OR UPDATE OR DELETE ON document_lines
	FOR EACH ROW EXECUTE FUNCTION document_parts_frozen();
CREATE TRIGGER document_disbursements_frozen BEFORE INSERT OR UPDATE OR DELETE
	ON document_disbursements FOR EACH ROW EXECUTE FUNCTION document_parts_frozen();
CREATE TRIGGER document_lines_no_truncate BEFORE TRUNCATE ON document_lines
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER document_disbursements_no_truncate BEFORE TRUNCATE ON document_disbursements
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

-- ---------------------------------------------------------------------
-- Amounts.  The rule lives here once: line_amount() for a line, the view
-- document_vat for the bases and VAT per rate.  Functions and exports
-- read them; nothing else rounds.

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

-- The same for one document (PL/pgSQL: planned once per session).  ROWS
-- tells the planner how few rows these return: with the default of 1000
-- a query calling them per document looks costly enough to be compiled
-- by JIT, which took 45 ms for a 1 ms query.
CREATE FUNCTION document_vat_totals(p_doc bigint)
RETURNS TABLE (vat_rate numeric(5,2), base numeric(12,2), vat numeric(12,2))
LANGUAGE plpgsql STABLE ROWS 3 AS $$
BEGIN
	RETURN QUERY SELECT v.vat_rate, v.base, v.vat FROM document_vat v
	WHERE v.document_id = p_doc ORDER BY v.vat_rate DESC;
END;
$$;

CREATE FUNCTION document_totals(p_doc bigint)
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

-- Figures and dates as people read them in a document's language.
CREATE FUNCTION fm_qty(x numeric, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN lang = 'en' THEN trim_scale(x)::text
		ELSE replace(trim_scale(x)::text, '.', ',') END
$$;

CREATE FUNCTION fm_day(d date, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN d IS NULL THEN NULL WHEN lang = 'en'
		THEN to_char(d, 'FMDD Mon YYYY') ELSE to_char(d, 'DD/MM/YYYY') END
$$;

-- ---------------------------------------------------------------------
-- Payments of issued invoices; what is left to pay.

CREATE TABLE payments (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
	paid_on date NOT NULL,
	amount numeric(12,2) NOT NULL CHECK (amount > 0),
	method text NOT NULL CHECK (method IN ('transfer', 'cheque', 'card',
		'cash', 'direct_debit', 'other')),
	reference short_text,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT 'system'
);
CREATE INDEX payments_document_idx ON payments (document_id);

-- Issued invoices: total due (as issued), what was paid, what issued
-- credit notes took back, the balance, and the state: paid (nothing
-- left), partly_paid (something paid or credited) or unpaid.  Lists read
-- the view; one invoice reads it through document_balance().
CREATE VIEW invoice_balances AS
SELECT d.id AS document_id, d.due_on, d.total_due,
	coalesce(p.paid, 0)::numeric(12,2) AS paid,
	coalesce(c.credited, 0)::numeric(12,2) AS credited,
	(d.total_due - coalesce(p.paid, 0) - coalesce(c.credited, 0))::numeric(12,2) AS balance,
	p.last_paid_on,
	CASE WHEN d.total_due - coalesce(p.paid, 0) - coalesce(c.credited, 0) <= 0 THEN 'paid'
		WHEN coalesce(p.paid, 0) + coalesce(c.credited, 0) > 0 THEN 'partly_paid'
		ELSE 'unpaid' END AS payment
FROM documents d
LEFT JOIN (SELECT document_id, sum(amount) AS paid, max(paid_on) AS last_paid_on
	FROM payments GROUP BY document_id) p ON p.document_id = d.id
LEFT JOIN (SELECT source_id, sum(total_due) AS credited FROM documents
	WHERE kind = 'credit_note' AND status = 'issued' GROUP BY source_id) c ON c.source_id = d.id
WHERE d.kind = 'invoice' AND d.status = 'issued';

CREATE FUNCTION document_balance(p_doc bigint)
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
CREATE FUNCTION document_payment_status(p_doc bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT b.payment FROM invoice_balances b WHERE b.document_id = p_doc);
END;
$$;

-- A payment is for an issued invoice and not more than its balance; the
-- invoice is locked so that two payments at once add up right.
CREATE FUNCTION payments_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	d record;
	left_to_pay numeric(12,2);
BEGIN
	IF TG_OP <> 'INSERT' THEN
		RAISE EXCEPTION 'a recorded payment cannot be changed or deleted'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_frozen';
	END IF;
	SELECT kind, status INTO d FROM documents WHERE id = NEW.document_id FOR UPDATE;
	IF d.kind IS DISTINCT FROM 'invoice' OR d.status IS DISTINCT FROM 'issued' THEN
		RAISE EXCEPTION 'payments are recorded on issued invoices only'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_invoice';
	END IF;
	SELECT balance INTO left_to_pay FROM document_balance(NEW.document_id);
	IF NEW.amount > left_to_pay THEN
		RAISE EXCEPTION 'the payment (%) is more than the balance (%)', NEW.amount, left_to_pay
			USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_exceeds';
	END IF;
	NEW.created_by := fm_who();
	RETURN NEW;
END;
$$;
CREATE TRIGGER payments_check BEFORE INSERT OR UPDATE OR DELETE ON payments
	FOR EACH ROW EXECUTE FUNCTION payments_check();
CREATE TRIGGER payments_no_truncate BEFORE TRUNCATE ON payments
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

-- ---------------------------------------------------------------------
-- The log: append-only and hash-chained.  Each entry holds the SHA-256
-- of the previous one (prev_hash) and its own hash over its fields and
-- prev_hash; the head row holds the last entry's number and hash.
-- Changing, removing or inserting an entry breaks the chain from there
-- on; document_log_verify() recomputes it and also checks each issued
-- document against the fingerprint its issue entry recorded.

CREATE TABLE document_log (
	seq bigint PRIMARY KEY CHECK (seq > 0),
	at timestamptz NOT NULL,
	event text NOT NULL CHECK (event IN ('issue', 'send', 'download', 'payment')),
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
	number text,
	who text NOT NULL,
	detail jsonb NOT NULL DEFAULT '{}',
	prev_hash bytea NOT NULL,
	hash bytea NOT NULL UNIQUE
);
CREATE INDEX document_log_document_idx ON document_log (document_id, seq);

CREATE TABLE document_log_head (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	seq bigint NOT NULL DEFAULT 0,
	hash bytea NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
);
INSERT INTO document_log_head DEFAULT VALUES;

CREATE FUNCTION document_log_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the document log is append-only'
		USING ERRCODE = 'check_violation', CONSTRAINT = 'document_log_append_only';
END;
$$;
CREATE TRIGGER document_log_append_only BEFORE UPDATE OR DELETE ON document_log
	FOR EACH ROW EXECUTE FUNCTION document_log_refuse();
CREATE TRIGGER document_log_no_truncate BEFORE TRUNCATE ON document_log
	FOR EACH STATEMENT EXECUTE FUNCTION document_log_refuse();
CREATE TRIGGER document_log_head_no_delete BEFORE DELETE ON document_log_head
	FOR EACH ROW EXECUTE FUNCTION document_log_refuse();
CREATE TRIGGER document_log_head_no_truncate BEFORE TRUNCATE ON document_log_head
	FOR EACH STATEMENT EXECUTE FUNCTION document_log_refuse();

-- The hash of an entry: SHA-256 of its fields, "|"-separated, the time in
-- UTC to the microsecond, the detail as jsonb text (canonical), and the
-- previous hash in hex.
CREATE FUNCTION document_log_hash(p_seq bigint, p_at timestamptz, p_event text,
	p_document bigint, p_number text, p_who text, p_detail jsonb,
	p_prev bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
	SELECT sha256(convert_to(concat_ws('|', p_seq::text,
		to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		p_event, p_document::text, coalesce(p_number, ''), p_who,
		p_detail::text, encode(p_prev, 'hex')), 'UTF8'))
$$;

-- Appends an entry in the caller's transaction (the head row is locked
-- until it ends, so entries are chained in commit order); returns its seq.
CREATE FUNCTION document_log_append(p_document bigint, p_event text,
	p_detail jsonb DEFAULT '{}') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	h record;
	n bigint;
	t timestamptz := clock_timestamp();
	num text;
	who text := fm_who();
	hh bytea;
BEGIN
	SELECT number INTO num FROM documents WHERE id = p_document;
	SELECT seq, hash INTO h FROM document_log_head FOR UPDATE;
	n := h.seq + 1;
	hh := document_log_hash(n, t, p_event, p_document, num, who, p_detail, h.hash);
	INSERT INTO document_log (seq, at, event, document_id, number, who, detail, prev_hash, hash)
	VALUES (n, t, p_event, p_document, num, who, p_detail, h.hash, hh);
	UPDATE document_log_head SET seq = n, hash = hh;
	RETURN n;
END;
$$;

-- What an issued document says, as one hash: its header, the snapshots,
-- its lines and disbursements.  Recorded when it is issued.
CREATE FUNCTION document_fingerprint(p_doc bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to(
		(SELECT jsonb_build_object('kind', kind, 'number', number,
			'order', order_id, 'source', source_id, 'issued_on', issued_on,
			'due_on', due_on, 'language', language, 'vat_mode', vat_mode,
			'study_ref', study_ref, 'comment', comment_printed,
			'service_from', service_from, 'service_to', service_to,
			'valid_until', valid_until, 'nature', operation_nature,
			'delivery', delivery_address, 'seller', seller, 'buyer', buyer,
			'totals', jsonb_build_array(total_ht, total_vat, total_ttc,
				total_disbursements, total_due), 'vat_totals', vat_totals)::text
		 FROM documents WHERE id = p_doc)
		|| '|' || coalesce((SELECT string_agg(jsonb_build_array(position, label,
			quantity, unit_price, discount_pct, vat_rate)::text, ';' ORDER BY position)
			FROM document_lines WHERE document_id = p_doc), '')
		|| '|' || coalesce((SELECT string_agg(jsonb_build_array(position, last_name,
			first_name, payment_type, amount, cheque_no, paid_on)::text, ';' ORDER BY position)
			FROM document_disbursements WHERE document_id = p_doc), ''),
		'UTF8')), 'hex')
$$;

-- Recomputes the whole chain and checks issued documents and payments
-- against it.  One row: ok, entries, the last entry's seq and hash (to
-- write down elsewhere: anchoring makes even a rewritten chain visible),
-- and the first problem found.
CREATE FUNCTION document_log_verify()
RETURNS TABLE (ok boolean, entries bigint, last_seq bigint, last_hash text,
	bad_seq bigint, problem text)
LANGUAGE plpgsql STABLE ROWS 1 AS $$
DECLARE
	e record;
	prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
	expect bigint := 1;
	h record;
	d record;
BEGIN
	FOR e IN SELECT * FROM document_log ORDER BY seq LOOP
		IF e.seq <> expect THEN
			RETURN QUERY SELECT false, expect - 1, e.seq, encode(e.hash, 'hex'), expect,
				format('entry %s is missing', expect);
			RETURN;
		END IF;
		IF e.prev_hash <> prev THEN
			RETURN QUERY SELECT false, expect - 1, e.seq, encode(e.hash, 'hex'), e.seq,
				format('entry %s does not follow entry %s (chain broken)', e.seq, e.seq - 1);
			RETURN;
		END IF;
		IF e.hash <> document_log_hash(e.seq, e.at, e.event, e.document_id,
		    e.number, e.who, e.detail, e.prev_hash) THEN
			RETURN QUERY SELECT false, expect - 1, e.seq, encode(e.hash, 'hex'), e.seq,
				format('entry %s was altered (its hash does not match its content)', e.seq);
			RETURN;
		END IF;
		prev := e.hash;
		expect := expect + 1;
	END LOOP;
	SELECT * INTO h FROM document_log_head;
	IF h.seq <> expect - 1 OR h.hash <> prev THEN
		RETURN QUERY SELECT false, expect - 1, h.seq, encode(h.hash, 'hex'), expect,
			format('the head says %s entries, the log has %s (entries removed at the end?)',
				h.seq, expect - 1);
		RETURN;
	END IF;
	-- Every issued document: one issue entry, with the same number and
	-- the fingerprint it has now.
	FOR d IN SELECT doc.id, doc.number, doc.total_due, doc.vat_totals, l.seq,
			l.number AS logged_number,
			l.detail->>'fingerprint' AS fingerprint,
			(SELECT count(*) FROM document_log x WHERE x.document_id = doc.id
			 AND x.event = 'issue') AS n
		FROM documents doc
		LEFT JOIN document_log l ON l.document_id = doc.id AND l.event = 'issue'
		WHERE doc.status = 'issued' ORDER BY doc.id LOOP
		IF d.seq IS NULL THEN
			RETURN QUERY SELECT false, expect - 1, h.seq, encode(h.hash, 'hex'), NULL::bigint,
				format('document %s is issued but the log has no issue entry for it', d.number);
			RETURN;
		END IF;
		IF d.n > 1 OR d.logged_number IS DISTINCT FROM d.number
		    OR d.fingerprint IS DISTINCT FROM document_fingerprint(d.id)
		    OR d.total_due IS DISTINCT FROM (SELECT x.total_due FROM document_totals(d.id) x)
		    OR d.vat_totals IS DISTINCT FROM (SELECT coalesce(jsonb_agg(jsonb_build_object(
			'rate', v.vat_rate::text, 'base', v.base::text, 'vat', v.vat::text)
			ORDER BY v.vat_rate DESC), '[]') FROM document_vat_totals(d.id) v) THEN
			RETURN QUERY SELECT false, expect - 1, h.seq, encode(h.hash, 'hex'), d.seq,
				format('document %s differs from what was issued (entry %s)', d.number, d.seq);
			RETURN;
		END IF;
	END LOOP;
	-- Every payment: its entry, with the same amount.
	FOR d IN SELECT p.id, p.amount, p.document_id, l.seq, l.detail->>'amount' AS logged
		FROM payments p LEFT JOIN document_log l ON l.event = 'payment'
		 AND l.document_id = p.document_id AND (l.detail->>'payment_id')::bigint = p.id
		ORDER BY p.id LOOP
		IF d.seq IS NULL OR d.logged IS DISTINCT FROM d.amount::text THEN
			RETURN QUERY SELECT false, expect - 1, h.seq, encode(h.hash, 'hex'), d.seq,
				format('payment %s differs from the log', d.id);
			RETURN;
		END IF;
	END LOOP;
	RETURN QUERY SELECT true, expect - 1, h.seq, encode(h.hash, 'hex'), NULL::bigint, NULL::text;
END;
$$;

-- A payment's log entry, written with it.
CREATE FUNCTION payments_log() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM document_log_append(NEW.document_id, 'payment', jsonb_build_object(
		'payment_id', NEW.id, 'amount', NEW.amount::text, 'paid_on', NEW.paid_on,
		'method', NEW.method, 'reference', NEW.reference));
	RETURN NULL;
END;
$$;
CREATE TRIGGER payments_log AFTER INSERT ON payments
	FOR EACH ROW EXECUTE FUNCTION payments_log();

-- ---------------------------------------------------------------------
-- Numbering.  One counter row per kind and year, updated in the issuing
-- transaction: concurrent issues wait for each other on the row, and a
-- rolled-back issue gives its number back.  Numbers follow dates: an
-- issue dated before the last one of its kind and year is refused.

CREATE TABLE document_counters (
	kind text NOT NULL,
	year integer NOT NULL,
	last integer NOT NULL DEFAULT 0,
	last_issued_on date,
	PRIMARY KEY (kind, year)
);

CREATE FUNCTION document_prefix(p_kind text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_kind WHEN 'invoice' THEN 'F' WHEN 'credit_note' THEN 'AV'
		WHEN 'quote' THEN 'D' WHEN 'disbursement_note' THEN 'ND' END
$$;

-- The seller as printed: the seller row and the settings' terms and
-- mentions, in one object.
CREATE FUNCTION seller_snapshot() RETURNS jsonb
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
CREATE FUNCTION buyer_snapshot(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_strip_nulls(jsonb_build_object(
		'name', c.name,
		'contact', nullif(btrim(concat_ws(' ', k.title, k.first_name, k.last_name)), ''),
		'email', k.email,
		'address', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.address ELSE c.address END,
		'postcode', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.postcode ELSE c.postcode END,
		'city', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.city ELSE c.city END,
		'country', CASE WHEN nullif(btrim(k.address), '') IS NOT NULL THEN k.country ELSE c.country END,
		'vat_number', c.vat_number, 'siren', c.siren,
		'client', CASE WHEN d.company_id <> d.billing_company_id THEN cc.name END))
	FROM documents d JOIN companies c ON c.id = d.billing_company_id
	JOIN companies cc ON cc.id = d.company_id
	LEFT JOIN contacts k ON k.id = d.billing_contact_id
	WHERE d.id = p_doc
$$;

-- The identities a document prints: its snapshots once issued, the
-- current ones while it is a draft.
CREATE FUNCTION document_seller(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT coalesce(seller, seller_snapshot()) FROM documents WHERE id = p_doc
$$;
CREATE FUNCTION document_buyer(p_doc bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT coalesce(buyer, buyer_snapshot(p_doc)) FROM documents WHERE id = p_doc
$$;

-- Issues a draft: checks it, numbers it (on p_on, today by default),
-- sets its due date (invoices) or validity (quotes), snapshots the
-- seller and the buyer, freezes it and logs it.  Returns the number.
-- Refusals are check violations named by CONSTRAINT (focusd shows a
-- message for each): document_not_draft, document_empty,
-- document_seller_incomplete, document_buyer_address, document_buyer_vat,
-- document_credit_source, credit_note_exceeds, document_chronology.
CREATE FUNCTION issue_document(p_doc bigint, p_on date DEFAULT NULL) RETURNS text
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
		due_on = CASE WHEN d.kind = 'invoice'
			THEN on_day + (SELECT payment_days FROM seller) END,
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

-- ---------------------------------------------------------------------
-- Making documents.

-- A new draft of an order with the order's header (billing company: the
-- order's, or its company); service dates from its reservations.
CREATE FUNCTION document_new(p_order bigint, p_kind text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	new_id bigint;
BEGIN
	INSERT INTO documents (kind, order_id, company_id, billing_company_id,
		billing_contact_id, language, vat_mode, study_ref, vip, account_code,
		comment_printed, internal_note, service_from, service_to, valid_until,
		operation_nature, created_by)
	SELECT p_kind, o.id, o.company_id, coalesce(o.billing_company_id, o.company_id),
		o.billing_contact_id, o.language, o.vat_mode, o.study_ref, o.vip,
		o.account_code, o.comment_printed, o.internal_note,
		(SELECT min(r.starts_at)::date FROM reservations r WHERE r.order_id = o.id),
		(SELECT max(r.ends_at - interval '1 second')::date FROM reservations r
		 WHERE r.order_id = o.id),
		CASE WHEN p_kind = 'quote' THEN current_date
			+ (SELECT quote_validity_days FROM billing_settings) END,
		(SELECT operation_nature FROM billing_settings), fm_who()
	FROM orders o WHERE o.id = p_order
	RETURNING documents.id INTO new_id;
	IF new_id IS NULL THEN
		RAISE EXCEPTION 'no order %', p_order USING ERRCODE = 'no_data_found';
	END IF;
	RETURN new_id;
END;
$$;

-- Copies the order's disbursements to a document.
CREATE FUNCTION document_take_disbursements(p_doc bigint, p_order bigint) RETURNS void
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
CREATE FUNCTION document_from_order(p_order bigint, p_kind text,
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
CREATE FUNCTION invoice_from_quote(p_quote bigint) RETURNS bigint
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
		operation_nature, delivery_address, created_by)
	VALUES ('invoice', q.order_id, q.id, q.company_id, q.billing_company_id,
		q.billing_contact_id, q.language, q.vat_mode, q.study_ref, q.vip,
		q.account_code, q.comment_printed, q.internal_note, q.service_from,
		q.service_to, q.operation_nature, q.delivery_address, fm_who())
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
CREATE FUNCTION credit_note_from_invoice(p_invoice bigint, p_lines bigint[] DEFAULT NULL,
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
		service_from, service_to, operation_nature, delivery_address, created_by)
	VALUES ('credit_note', inv.order_id, inv.id, inv.company_id, inv.billing_company_id,
		inv.billing_contact_id, inv.language, inv.vat_mode, inv.study_ref, inv.vip,
		inv.account_code, inv.service_from, inv.service_to, inv.operation_nature,
		inv.delivery_address, fm_who())
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
CREATE FUNCTION disbursement_note_from_order(p_order bigint) RETURNS bigint
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
CREATE FUNCTION document_line_move(p_line bigint, p_dir integer) RETURNS void
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
CREATE FUNCTION document_lines_renumber(p_doc bigint) RETURNS void
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

-- ---------------------------------------------------------------------
-- The FEC (fichier des écritures comptables, art. A47 A-1 LPF) of a
-- year's sales: one balanced entry per issued invoice and credit note,
-- numbered continuously in the order of issue, the 18 columns as text
-- (dates YYYYMMDD, amounts with a decimal comma), from the totals each
-- document was issued with.  An invoice debits the
-- customer (its total due) and credits sales per rate, VAT per rate and
-- the disbursements account; a credit note the other way round.
CREATE FUNCTION fec_lines(p_year integer)
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

-- What the order page lists: its documents, newest first in each kind,
-- with their totals and payment state.
CREATE FUNCTION order_documents(p_order bigint)
RETURNS TABLE (id bigint, kind text, status text, number text,
	created_on date, issued_on date, total_due numeric(12,2), payment text)
LANGUAGE plpgsql STABLE ROWS 10 AS $$
BEGIN
	RETURN QUERY
	SELECT d.id, d.kind, d.status, d.number, d.created_at::date, d.issued_on,
		coalesce(d.total_due, (SELECT s.total_due FROM document_totals(d.id) s)),
		b.payment
	FROM documents d LEFT JOIN invoice_balances b ON b.document_id = d.id
	WHERE d.order_id = p_order
	ORDER BY d.kind, d.status = 'draft' DESC, d.id DESC;
END;
$$;
