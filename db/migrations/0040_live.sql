-- 0040_live: live viewing (issue 8, docs/live.md).  nginx-rtmp asks
-- focusd before a box publishes (on_publish) and tells it when the push
-- ends (on_publish_done) and, every few seconds, that it goes on
-- (on_update): live_sessions keeps each push.  Viewers of the portal's
-- live page talk in a chat kept in chat_messages; staff may hide a
-- message and mute a viewer (chat_mutes).

-- The "live" change counter moves when a push starts or ends: the
-- planning grid and the portal page, kept per worker, show which rooms
-- are on air, so their versions include it.
INSERT INTO change_counters (topic) VALUES ('live');

-- One push of a box to nginx-rtmp.  name is the public stream name
-- ("r<reservation>": the HLS folder), client_id nginx-rtmp's number of
-- the connection (on_publish_done names it).  A push is on air while it
-- has not ended and nginx-rtmp reported it within the last 30 seconds
-- (updated_at: on_update every 10 s), so that a push whose end was never
-- reported (nginx killed) does not stay on air.
CREATE TABLE live_sessions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
	box_id bigint REFERENCES boxes (id) ON DELETE SET NULL,
	name text NOT NULL CHECK (name ~ '^r[0-9]+$'),
	client_id text NOT NULL CHECK (char_length(client_id) <= 40),
	addr text CHECK (char_length(addr) <= 100),
	started_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	ended_at timestamptz,
	CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX live_sessions_reservation_idx ON live_sessions (reservation_id, started_at DESC);
CREATE INDEX live_sessions_open_idx ON live_sessions (reservation_id) WHERE ended_at IS NULL;

CREATE TRIGGER live_sessions_live AFTER INSERT OR DELETE OR TRUNCATE
	ON live_sessions FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('live');
CREATE TRIGGER live_sessions_end AFTER UPDATE OF ended_at
	ON live_sessions FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('live');

-- The reservations on air now, as "17,23": part of the versions of the
-- kept pages (it changes with time, without any write, when a push
-- stops being reported).
CREATE FUNCTION live_on_air_ids() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(DISTINCT reservation_id::text, ','), '')
	FROM live_sessions
	WHERE ended_at IS NULL AND updated_at > now() - interval '30 seconds'
$$;

-- on_publish: the push of stream key p_key by a box is allowed when the
-- key is a reservation's with the live option, of the room of an active
-- box, from 15 minutes before its start to 5 minutes after its end and
-- overtime.  Returns the boxes of that room that may push it, with the
-- key they sign the push with (boxes.link_key: common/linksign.h); focusd
-- checks the signature and then calls live_publish().
CREATE FUNCTION live_publish_candidates(p_key text)
RETURNS TABLE (reservation_id bigint, box_id bigint, link_key text)
LANGUAGE sql STABLE AS $$
	SELECT v.id, b.id, b.link_key
	FROM live_streams ls
	JOIN reservations v ON v.id = ls.reservation_id AND v.live
	JOIN boxes b ON b.room_id = v.room_id AND b.active AND b.link_key IS NOT NULL
	WHERE ls.stream_key = p_key
	  AND now() >= v.starts_at - interval '15 minutes'
	  AND now() < v.ends_at + make_interval(mins => v.overtime_minutes)
		+ interval '5 minutes'
$$;

-- ---------------------------------------------------------------------
-- The chat of a live session.  author is the name the viewer gave (or the
-- staff user's), login the account or staff login behind it (shown to
-- staff and in the export); session_id names the viewer for muting.
-- hide_seq orders the hidings, so that viewers polling with a cursor
-- learn that a message they already show was hidden.
CREATE SEQUENCE chat_hide_seq;
CREATE TABLE chat_messages (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
	author text NOT NULL CHECK (char_length(author) BETWEEN 1 AND 60
		AND author !~ '[[:cntrl:]]'),
	login text NOT NULL,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	session_id bigint,
	body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500
		AND btrim(body) <> ''),
	at timestamptz NOT NULL DEFAULT now(),
	hidden_at timestamptz,
	hidden_by text,
	hide_seq bigint
);
CREATE INDEX chat_messages_reservation_idx ON chat_messages (reservation_id, id);
CREATE INDEX chat_messages_hidden_idx ON chat_messages (reservation_id, hide_seq)
	WHERE hide_seq IS NOT NULL;
CREATE INDEX chat_messages_session_idx ON chat_messages (session_id, at);

-- A muted viewer (a session) reads the chat of that live but cannot
-- write in it.
CREATE TABLE chat_mutes (
	reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
	session_id bigint NOT NULL,
	login text NOT NULL,
	muted_by text NOT NULL,
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (reservation_id, session_id)
);

-- Posts a message: 'muted' when the viewer is muted, 'rate' when it sent
-- 3 messages in the last 2 seconds, else the new message's id.  The
-- session's row is locked so that two posts of one viewer at once are
-- counted one after the other.
CREATE FUNCTION chat_post(p_reservation bigint, p_session bigint,
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

-- ---------------------------------------------------------------------
-- The portal page's version (0020) now also moves when one of the
-- order's lives goes on or off air.
CREATE OR REPLACE FUNCTION portal_version(p_order bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT n FROM change_counters WHERE topic = 'planning') || '.'
		|| (SELECT n FROM change_counters WHERE topic = 'media') || '.'
		|| coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM reservations
			WHERE order_id = p_order AND live
			  AND now() >= starts_at - interval '15 minutes' AND now() < ends_at), '')
		|| '.' || (SELECT n FROM change_counters WHERE topic = 'live') || '.'
		|| coalesce((SELECT string_agg(DISTINCT l.reservation_id::text, ',')
			FROM live_sessions l JOIN reservations r ON r.id = l.reservation_id
			WHERE r.order_id = p_order AND l.ended_at IS NULL
			  AND l.updated_at > now() - interval '30 seconds'), '');
END;
$$;
