-- What a credit-note draft may still take back, as issuing checks it
-- (document_issue: credit_note_exceeds): the corrected invoice's total
-- due less its issued credit notes, against the draft's own total.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

CREATE OR REPLACE FUNCTION credit_note_room(p_doc bigint)
RETURNS TABLE (invoice_total numeric, credited numeric, remaining numeric,
	draft_total numeric, exceeds boolean)
LANGUAGE sql STABLE AS $$
	SELECT src.total_due, c.credited, src.total_due - c.credited,
		t.total_due, t.total_due > src.total_due - c.credited
	FROM documents d
	JOIN documents src ON src.id = d.source_id AND src.kind = 'invoice'
		AND src.status = 'issued'
	CROSS JOIN LATERAL document_totals(d.id) t
	CROSS JOIN LATERAL (SELECT coalesce(sum(cn.total_due), 0) AS credited
		FROM documents cn WHERE cn.source_id = d.source_id
		AND cn.kind = 'credit_note' AND cn.status = 'issued'
		AND cn.id <> d.id) c
	WHERE d.id = p_doc AND d.kind = 'credit_note' AND d.status = 'draft'
$$;
