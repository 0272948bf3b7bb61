-- 0201_document_figures: what the documents list and an order's
-- documents show of each document besides its own row, kept by the
-- database in the same transaction as the change: the day it is listed
-- under (its issue day, its creation day while a draft), and for an
-- issued invoice what was paid, what issued credit notes took back and
-- the balance (as invoice_balances computes them, one document at a
-- time).  The lists then read a page in index order instead of
-- aggregating every payment and credit note.
--
-- Locks: as in 0200, this file creates the table and the triggers only
-- (writes to documents and payments wait for its commit, reads do not);
-- 0203 makes the rows of the documents that exist.

CREATE TABLE document_figures (
	document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
	list_day date NOT NULL,
	due_on date,
	paid numeric(12,2) NOT NULL DEFAULT 0,
	credited numeric(12,2) NOT NULL DEFAULT 0,
	-- Issued invoices only (NULL for other documents).
	balance numeric(12,2)
);
-- The documents list's order (most recent first), and the invoices left
-- to pay by due day (the unpaid and overdue lists).
CREATE INDEX document_figures_list_idx ON document_figures (list_day DESC, document_id DESC);
CREATE INDEX document_figures_open_idx ON document_figures (due_on, document_id DESC)
	WHERE balance > 0;
CREATE INDEX document_figures_open_list_idx ON document_figures (list_day DESC, document_id DESC)
	WHERE balance > 0;

CREATE FUNCTION document_figures_refresh(p_docs bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM document_figures WHERE document_id = ANY (p_docs)
	ORDER BY document_id FOR UPDATE;
	INSERT INTO document_figures (document_id, list_day, due_on, paid, credited, balance)
	SELECT d.id, coalesce(d.issued_on, d.created_at::date), d.due_on,
		coalesce(p.paid, 0), coalesce(c.credited, 0),
		CASE WHEN d.kind = 'invoice' AND d.status = 'issued' THEN
			d.total_due - coalesce(p.paid, 0) - coalesce(c.credited, 0) END
	FROM documents d
	LEFT JOIN LATERAL (SELECT sum(amount) AS paid FROM payments
		WHERE document_id = d.id) p ON true
	LEFT JOIN LATERAL (SELECT sum(total_due) AS credited FROM documents cn
		WHERE cn.source_id = d.id AND cn.kind = 'credit_note'
		  AND cn.status = 'issued') c ON true
	WHERE d.id = ANY (p_docs)
	ON CONFLICT (document_id) DO UPDATE SET list_day = EXCLUDED.list_day,
		due_on = EXCLUDED.due_on, paid = EXCLUDED.paid,
		credited = EXCLUDED.credited, balance = EXCLUDED.balance
	WHERE (document_figures.list_day, document_figures.due_on,
		document_figures.paid, document_figures.credited, document_figures.balance)
	   IS DISTINCT FROM (EXCLUDED.list_day, EXCLUDED.due_on, EXCLUDED.paid,
		EXCLUDED.credited, EXCLUDED.balance);
END;
$$;

-- A document and the invoice it credits (a credit note changes what its
-- invoice has left to pay).
CREATE FUNCTION document_figures_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM document_figures_refresh(ARRAY(SELECT id FROM new_rows
			UNION SELECT source_id FROM new_rows WHERE source_id IS NOT NULL));
	ELSE
		PERFORM document_figures_refresh(ARRAY(SELECT id FROM new_rows
			UNION SELECT source_id FROM new_rows WHERE source_id IS NOT NULL
			UNION SELECT source_id FROM old_rows WHERE source_id IS NOT NULL));
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION document_figures_payments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM document_figures_refresh(ARRAY(SELECT document_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM document_figures_refresh(ARRAY(SELECT document_id FROM old_rows));
	ELSE
		PERFORM document_figures_refresh(ARRAY(SELECT document_id FROM new_rows
			UNION SELECT document_id FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;

LOCK TABLE documents, payments IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER documents_figures_insert AFTER INSERT ON documents
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_figures_documents();
CREATE TRIGGER documents_figures_update AFTER UPDATE ON documents
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_figures_documents();
CREATE TRIGGER payments_figures_insert AFTER INSERT ON payments
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_figures_payments();
CREATE TRIGGER payments_figures_update AFTER UPDATE ON payments
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_figures_payments();
CREATE TRIGGER payments_figures_delete AFTER DELETE ON payments
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_figures_payments();
