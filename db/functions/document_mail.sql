-- Sending an issued document by e-mail (docs/billing.md, "Sending"):
-- the message and the document's PDF queued in the outbox (0020, 0131)
-- for fm-mail, and the sending entered in the document's log.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Where the document goes: the e-mail of its billing contact, else of
-- the order's; the contact's name; what the message says (number, kind,
-- language, date, due date and amount due as the document's language
-- reads them, the seller's name).  No row when there is no document.
CREATE OR REPLACE FUNCTION document_mail_defaults(p_doc bigint)
RETURNS TABLE (email text, contact text, has_contact boolean, number text,
	kind text, language text, issued_on text, due_on text, total_due text,
	seller text, status text)
LANGUAGE sql STABLE ROWS 1 AS $$
	SELECT coalesce(dc.email, oc.email)::text,
		btrim(concat_ws(' ', coalesce(dc.first_name, oc.first_name),
			coalesce(dc.last_name, oc.last_name))),
		dc.id IS NOT NULL OR oc.id IS NOT NULL,
		d.number, d.kind, d.language,
		fm_day(d.issued_on, d.language), fm_day(d.due_on, d.language),
		fm_money(coalesce(d.total_due, 0), d.language),
		coalesce(d.seller->>'name', (SELECT name FROM seller)), d.status
	FROM documents d
	JOIN orders o ON o.id = d.order_id
	LEFT JOIN contacts dc ON dc.id = d.billing_contact_id
	LEFT JOIN contacts oc ON oc.id = o.billing_contact_id AND d.billing_contact_id IS NULL
	WHERE d.id = p_doc
$$;

-- Queues the message with the PDF and writes the 'send' entry of the
-- log (channel, recipient, subject, the message's id, the file's name and
-- SHA-256), in the caller's transaction; returns the message's id.  Only
-- an issued document is sent.
CREATE OR REPLACE FUNCTION document_mail_queue(p_doc bigint, p_to text, p_subject text,
	p_body text, p_filename text, p_pdf bytea)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	d record;
	m bigint;
BEGIN
	SELECT id, order_id, status INTO d FROM documents WHERE id = p_doc FOR SHARE;
	IF d.status IS DISTINCT FROM 'issued' THEN
		RAISE EXCEPTION 'only an issued document is sent'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'document_mail_issued';
	END IF;
	INSERT INTO outbox ("to", subject, body, order_id, document_id, created_by)
	VALUES (p_to, p_subject, p_body, d.order_id, p_doc, fm_who())
	RETURNING id INTO m;
	INSERT INTO outbox_attachments (outbox_id, filename, content_type, bytes)
	VALUES (m, p_filename, 'application/pdf', p_pdf);
	PERFORM document_log_append(p_doc, 'send', jsonb_build_object('channel', 'email',
		'to', p_to, 'subject', p_subject, 'outbox_id', m, 'file', p_filename,
		'sha256', encode(sha256(p_pdf), 'hex')));
	RETURN m;
END;
$$;
