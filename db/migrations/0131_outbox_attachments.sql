-- 0131_outbox_attachments: files sent with a message of the outbox
-- (0020), and the document a message sends.  An issued document's PDF
-- is queued with its message (document_mail_queue(),
-- db/functions/document_mail.sql); fm-mail sends them as one
-- multipart/mixed message.  A file is at most 10 MiB and a message has
-- at most 5 of them, so a message stays small enough for any mail
-- server.
CREATE TABLE outbox_attachments (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	outbox_id bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
	-- A plain name: it goes into the message's headers as it is.
	filename text NOT NULL CHECK (filename ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
	content_type text NOT NULL CHECK (content_type ~ '^[a-z]+/[a-z0-9.+-]{1,60}$'),
	bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 10485760),
	sha256 bytea NOT NULL GENERATED ALWAYS AS (sha256(bytes)) STORED
);
CREATE INDEX outbox_attachments_outbox_idx ON outbox_attachments (outbox_id, id);

CREATE FUNCTION outbox_attachments_limit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM outbox WHERE id = NEW.outbox_id FOR UPDATE;
	IF (SELECT count(*) FROM outbox_attachments WHERE outbox_id = NEW.outbox_id) >= 5 THEN
		RAISE EXCEPTION 'a message has at most 5 attachments'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'outbox_attachments_count';
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER outbox_attachments_limit BEFORE INSERT ON outbox_attachments
	FOR EACH ROW EXECUTE FUNCTION outbox_attachments_limit();

-- The document a message sends (its PDF attached).
ALTER TABLE outbox ADD COLUMN document_id bigint REFERENCES documents (id) ON DELETE SET NULL;
CREATE INDEX outbox_document_idx ON outbox (document_id) WHERE document_id IS NOT NULL;
