-- 0103_chat_account: the live chat (issue 13).  A mute was tied to the
-- viewer's session, so logging in again lifted it: it is tied to the
-- account now (the order account, or the staff user), for every session
-- of it.  Messages of staff are marked as such from the session (the
-- poll says "staff"), and a viewer may not take the name of a staff user.

-- 'account:<order account id>' or 'staff:<staff user id>': who wrote a
-- message, whichever session it came from.
CREATE FUNCTION chat_author_key(p_account bigint, p_staff bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN nullif(p_staff, 0) IS NOT NULL THEN 'staff:' || p_staff
		WHEN nullif(p_account, 0) IS NOT NULL THEN 'account:' || p_account END
$$;

ALTER TABLE chat_mutes ADD COLUMN author_key text;
UPDATE chat_mutes m SET author_key = chat_author_key(s.order_account_id, s.staff_user_id)
FROM sessions s WHERE s.id = m.session_id;
-- A mute whose session is gone could not be enforced any more anyway.
DELETE FROM chat_mutes WHERE author_key IS NULL;
ALTER TABLE chat_mutes DROP CONSTRAINT chat_mutes_pkey,
	ALTER COLUMN session_id DROP NOT NULL,
	ALTER COLUMN author_key SET NOT NULL,
	ADD PRIMARY KEY (reservation_id, author_key);
CREATE INDEX chat_messages_author_idx ON chat_messages
	(reservation_id, (chat_author_key(account_id, staff_user_id)));

-- A name as people read it: case, accents and spacing aside.
CREATE FUNCTION chat_name_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT btrim(regexp_replace(public.search_key(t), '\s+', ' ', 'g'))
$$;
CREATE INDEX staff_users_chat_name_idx ON staff_users (chat_name_key(full_name));
CREATE INDEX staff_users_chat_login_idx ON staff_users (chat_name_key(login));

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
