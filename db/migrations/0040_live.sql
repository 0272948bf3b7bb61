-- 0040_live: live viewing (issue 8, docs/live.md).  nginx-rtmp asks
-- focusd before a box publishes (on_publish) and tells it when the push
-- ends (on_publish_done) and, every few seconds, that it goes on
-- (on_update): live_sessions keeps each push.  Viewers of the portal's
-- live page talk in a chat kept in chat_messages; staff may hide a
-- message and mute a viewer (chat_mutes).

-- The "live" change counter moves when a push starts or ends: the
-- planning grid and the portal page, kept per worker, show which rooms
-- are on air, so their versions include it (live_on_air_ids() and
-- portal_version(): db/functions/live.sql and portal.sql).
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
