-- 0210_documents_list_order: the documents list as accountants read it,
-- by kind (quotes, invoices, credit notes, disbursement notes), the
-- drafts of each kind first, then by number going down, still a page at
-- a time from an index.  document_figures keeps each document's place,
-- list_rank, in the same transaction as the change (document_figures_refresh
-- below, which the triggers of 0201 call); the list reads it in
-- (list_rank DESC, document_id DESC) order:
--
--   (3 - kind's place) × 10^16  +  10^15 for a draft
--                               +  fiscal year × 10^10 + seq when issued
--
-- (drafts of one kind are then ordered by id, the newest first).
--
-- Locks: the column is added without a default (no rewrite); the
-- backfill updates each row once; the indexes are built in this
-- transaction: writes to document_figures (issuing, payments) wait for
-- it, about a second on the five-year dataset (docs/benchmarks.md).

ALTER TABLE document_figures ADD COLUMN list_rank bigint;

UPDATE document_figures f SET list_rank =
	(4 - array_position(ARRAY['quote', 'invoice', 'credit_note', 'disbursement_note'],
		d.kind))::bigint * 10000000000000000
	+ CASE WHEN d.status = 'issued'
		THEN d.fiscal_year::bigint * 10000000000 + d.seq
		ELSE 1000000000000000 END
FROM documents d WHERE d.id = f.document_id;

ALTER TABLE document_figures ALTER COLUMN list_rank SET NOT NULL;

DROP INDEX document_figures_list_idx;
DROP INDEX document_figures_open_list_idx;
CREATE INDEX document_figures_list_idx ON document_figures (list_rank DESC, document_id DESC);
CREATE INDEX document_figures_open_list_idx ON document_figures (list_rank DESC, document_id DESC)
	WHERE balance > 0;

CREATE OR REPLACE FUNCTION document_figures_refresh(p_docs bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM document_figures WHERE document_id = ANY (p_docs)
	ORDER BY document_id FOR UPDATE;
	INSERT INTO document_figures (document_id, list_day, list_rank, due_on, paid, credited,
		balance)
	SELECT d.id, coalesce(d.issued_on, d.created_at::date),
		(4 - array_position(ARRAY['quote', 'invoice', 'credit_note',
			'disbursement_note'], d.kind))::bigint * 10000000000000000
		+ CASE WHEN d.status = 'issued'
			THEN d.fiscal_year::bigint * 10000000000 + d.seq
			ELSE 1000000000000000 END,
		d.due_on, coalesce(p.paid, 0), coalesce(c.credited, 0),
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
		list_rank = EXCLUDED.list_rank, due_on = EXCLUDED.due_on, paid = EXCLUDED.paid,
		credited = EXCLUDED.credited, balance = EXCLUDED.balance
	WHERE (document_figures.list_day, document_figures.list_rank, document_figures.due_on,
		document_figures.paid, document_figures.credited, document_figures.balance)
	   IS DISTINCT FROM (EXCLUDED.list_day, EXCLUDED.list_rank, EXCLUDED.due_on,
		EXCLUDED.paid, EXCLUDED.credited, EXCLUDED.balance);
END;
$$;
