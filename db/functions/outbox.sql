-- The mail outbox (0020_portal.sql): what fm-mail claims and marks.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

CREATE OR REPLACE FUNCTION outbox_redacted(body text, secrets text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	s text;
BEGIN
	FOREACH s IN ARRAY coalesce(secrets, '{}') LOOP
		IF s <> '' THEN
			body := replace(body, s, '********');
		END IF;
	END LOOP;
	RETURN body;
END;
$$;

-- The next message due, marked as being sent (another sender skips it).
-- A message left "sending" for 10 minutes (a sender that died) is due
-- again.
CREATE OR REPLACE FUNCTION outbox_claim() RETURNS SETOF outbox
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE outbox SET status = 'pending'
	WHERE status = 'sending' AND claimed_at < now() - interval '10 minutes';
	RETURN QUERY
	UPDATE outbox SET status = 'sending', attempts = attempts + 1,
		claimed_at = now()
	WHERE id = (SELECT id FROM outbox WHERE status = 'pending'
		AND next_attempt_at <= now() ORDER BY next_attempt_at, id
		LIMIT 1 FOR UPDATE SKIP LOCKED)
	RETURNING *;
END;
$$;

CREATE OR REPLACE FUNCTION outbox_sent(p_id bigint) RETURNS void
LANGUAGE sql AS $$
	UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL,
		body = outbox_redacted(body, redact), redact = NULL
	WHERE id = p_id
$$;

-- A failed attempt: again after 2^(attempts-1) minutes (at most 6 hours),
-- or failed for good after max_attempts.
CREATE OR REPLACE FUNCTION outbox_failed(p_id bigint, p_error text, p_max integer) RETURNS text
LANGUAGE sql AS $$
	UPDATE outbox SET last_error = left(p_error, 1000),
		status = CASE WHEN attempts >= p_max THEN 'failed' ELSE 'pending' END,
		next_attempt_at = now() + least(interval '1 minute' * power(2, attempts - 1),
			interval '6 hours')
	WHERE id = p_id
	RETURNING status
$$;
