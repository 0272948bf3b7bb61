-- A document's journal as people read it (the document page): each entry
-- of document_log with what it says in the page's language, and whether
-- it is intact in the chain (its hash is its content's, and it follows
-- the entry before it).  fm-audit and document_log_verify() check the
-- whole chain; this checks the entries of one document, cheaply.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

CREATE OR REPLACE FUNCTION document_journal(p_doc bigint, lang text)
RETURNS TABLE (seq bigint, at text, event text, who text, detail text,
	hash text, intact boolean, kind text, issued_on text, total_due text,
	source text, channel text, sent_to text, format text, amount text,
	paid_on text, method text, reference text)
LANGUAGE sql STABLE AS $$
	SELECT l.seq, to_char(l.at, 'DD/MM/YYYY HH24:MI:SS'), l.event, l.who,
		l.detail::text, left(encode(l.hash, 'hex'), 16),
		l.hash = document_log_hash(l.seq, l.at, l.event, l.document_id,
			l.number, l.who, l.detail, l.prev_hash)
		AND l.prev_hash = coalesce((SELECT p.hash FROM document_log p
			WHERE p.seq = l.seq - 1), CASE WHEN l.seq = 1 THEN
			'\x0000000000000000000000000000000000000000000000000000000000000000'::bytea END),
		l.detail->>'kind',
		fm_day((l.detail->>'issued_on')::date, lang),
		fm_money((l.detail->>'total_due')::numeric, lang),
		l.detail->>'source', l.detail->>'channel', l.detail->>'to',
		upper(l.detail->>'format'),
		fm_money((l.detail->>'amount')::numeric, lang),
		fm_day((l.detail->>'paid_on')::date, lang),
		l.detail->>'method', l.detail->>'reference'
	FROM document_log l WHERE l.document_id = p_doc ORDER BY l.seq
$$;
