-- The live chat (0040_live.sql).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Posts a message: 'muted' when its account is muted on that live, 'rate'
-- when its session sent 3 messages in the last 2 seconds, 'reserved' when
-- a viewer gives the name (or login) of a staff user, else the new
-- message's id.  The session's row is locked so that two posts of one
-- viewer at once are counted one after the other.
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
		AND m.author_key = chat_author_key(p_account, p_staff)) THEN
		RETURN 'muted';
	END IF;
	IF nullif(p_staff, 0) IS NULL AND EXISTS (SELECT 1 FROM staff_users u
		WHERE u.active AND (chat_name_key(u.full_name) = chat_name_key(p_author)
			OR chat_name_key(u.login) = chat_name_key(p_author))) THEN
		RETURN 'reserved';
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

-- A name as people read it: case, accents and spacing aside (chat_post
-- compares a viewer's name with the staff users': a few rows, no index).
CREATE OR REPLACE FUNCTION chat_name_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT btrim(regexp_replace(public.search_key(t), '\s+', ' ', 'g'))
$$;
