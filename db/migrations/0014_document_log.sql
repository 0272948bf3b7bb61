-- 0014_document_log: the documents' log of issues, sends, downloads and
-- payments, append-only and hash-chained (its functions:
-- db/functions/document_log.sql).  Each entry holds the SHA-256 of the
-- previous one (prev_hash) and its own hash over its fields and
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
