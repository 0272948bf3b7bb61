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
