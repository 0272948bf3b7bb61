-- The documents' log (0014_document_log.sql): appending an entry and
-- checking the chain.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The hash of an entry: SHA-256 of its fields, "|"-separated, the time in
-- UTC to the microsecond, the detail as jsonb text (canonical), and the
-- previous hash in hex.
CREATE OR REPLACE FUNCTION document_log_hash(p_seq bigint, p_at timestamptz, p_event text,
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
CREATE OR REPLACE FUNCTION document_log_append(p_document bigint, p_event text,
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
CREATE OR REPLACE FUNCTION document_fingerprint(p_doc bigint) RETURNS text
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
CREATE OR REPLACE FUNCTION document_log_verify()
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
	-- Every archived file (document_files): its bytes still have the
	-- SHA-256 its archive entry recorded.
	FOR d IN SELECT f.document_id, f.format, doc.number, l.seq,
			encode(sha256(f.bytes), 'hex') AS actual, encode(f.sha256, 'hex') AS stored,
			l.detail->>(f.format || '_sha256') AS logged
		FROM document_files f JOIN documents doc ON doc.id = f.document_id
		LEFT JOIN document_log l ON l.document_id = f.document_id AND l.event = 'archive'
		ORDER BY f.document_id, f.format LOOP
		IF d.seq IS NULL OR d.actual <> d.stored OR d.logged IS DISTINCT FROM d.actual THEN
			RETURN QUERY SELECT false, expect - 1, h.seq, encode(h.hash, 'hex'), d.seq,
				format('the archived %s of document %s differs from the log', d.format, d.number);
			RETURN;
		END IF;
	END LOOP;
	RETURN QUERY SELECT true, expect - 1, h.seq, encode(h.hash, 'hex'), NULL::bigint, NULL::text;
END;
$$;
