-- 0011_documents: the documents of an order, their priced lines and
-- their disbursements (débours, outside the VAT base).  Issuing
-- (issue_document, db/functions/document_issue.sql) numbers a draft,
-- snapshots the seller's and the buyer's identities, and freezes it:
-- triggers refuse any UPDATE or DELETE of an issued document, its lines
-- and disbursements.

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
