-- 0013_payments: what was paid on issued invoices; what is left to pay
-- (document_balance(), db/functions/documents.sql).

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
