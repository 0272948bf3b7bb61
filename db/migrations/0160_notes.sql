-- 0160_notes: observers' notes (docs/videos.md, "Notes").  A note is
-- stamped with the moment shown in the picture as a wall-clock time
-- (moment), not with the time it was typed: the live is seconds behind
-- the room, and a recording maps the same moment through its start
-- (recordings.starts_at), so a note taken on the live opens the recording
-- at the same second.  Notes belong to an order (through their
-- reservation) and are shared by its accounts and staff, except a private
-- note, which only its author (the order account, or the staff user) and
-- staff see.  seq moves at every change (insert, edit, deletion): the
-- pages poll with it as their cursor, so that an edit or a deletion
-- reaches every screen; a deleted note stays as a tombstone
-- (deleted_at) until the cursor of every screen went past it.
CREATE SEQUENCE note_seq;
CREATE TABLE notes (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
	moment timestamptz NOT NULL,
	tag text CHECK (tag IS NULL OR (char_length(tag) BETWEEN 1 AND 40
		AND tag !~ '[[:cntrl:]]')),
	body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 1000
		AND body !~ '[\x01-\x08\x0b-\x1f\x7f]'),
	private boolean NOT NULL DEFAULT false,
	author text NOT NULL CHECK (char_length(author) BETWEEN 1 AND 60),
	login text NOT NULL,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	-- where it was taken: 'live' (the live page) or 'recording'
	source text NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'recording')),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	deleted_at timestamptz,
	seq bigint NOT NULL DEFAULT nextval('note_seq')
);
CREATE INDEX notes_reservation_seq_idx ON notes (reservation_id, seq);
CREATE INDEX notes_order_moment_idx ON notes (order_id, moment) WHERE deleted_at IS NULL;

-- The tags an order's notes may carry (a short list its staff edit:
-- "Prix", "Emballage", "Citation"...), in their order.  An order
-- without a row has the default list (note_tags_of(): db/functions/notes.sql).
CREATE TABLE order_note_tags (
	order_id bigint PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
	tags text[] NOT NULL CHECK (cardinality(tags) <= 20),
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text NOT NULL
);
