-- The live chat (0040_live.sql).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Posts a message: 'muted' when the viewer is muted, 'rate' when it sent
-- 3 messages in the last 2 seconds, else the new message's id.  The
-- session's row is locked so that two posts of one viewer at once are
-- counted one after the other.
CREATE OR REPLACE FUNCTION chat_post(p_reservation bigint, p_session bigint,
	p_account bigint, p_staff bigint, p_login text, p_author text,
	p_body text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	n integer;
	id bigint;
BEGIN
	PERFORM 1 FROM sessions WHERE sessions.id = p_session FOR UPDATE;
	IF EXISTS (SELECT 1 FROM chat_mutes m WHERE m.reservation_id = p_reservation
		AND m.session_id = p_session) THEN
		RETURN 'muted';
	END IF;
	SELECT count(*) INTO n FROM chat_messages c
	WHERE c.session_id = p_session AND c.at > clock_timestamp() - interval '2 seconds';
	IF n >= 3 THEN
		RETURN 'rate';
	END IF;
	INSERT INTO chat_messages (reservation_id, author, login, account_id,
		staff_user_id, session_id, body, at)
	VALUES (p_reservation, p_author, p_login, nullif(p_account, 0),
		nullif(p_staff, 0), p_session, p_body, clock_timestamp())
	RETURNING chat_messages.id INTO id;
	RETURN id::text;
END;
$$;
