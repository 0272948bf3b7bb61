-- Observers' notes (0160_notes.sql, docs/videos.md "Notes").
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The tags of an order's notes: its own list, else the default one.
CREATE OR REPLACE FUNCTION note_tags_of(p_order bigint) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT tags FROM order_note_tags WHERE order_id = p_order),
		ARRAY['Prix', 'Emballage', 'Citation', 'Concurrent', 'Idée'])
$$;

-- Who wrote a note, whichever session it came from (as chat_author_key).
CREATE OR REPLACE FUNCTION note_author_key(p_account bigint, p_staff bigint)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN nullif(p_staff, 0) IS NOT NULL THEN 'staff:' || p_staff
		WHEN nullif(p_account, 0) IS NOT NULL THEN 'account:' || p_account END
$$;

-- Whether a viewer (an order account, or staff: p_staff <> 0) sees a note:
-- staff see every note, an account the shared ones and its own.
CREATE OR REPLACE FUNCTION note_visible(n notes, p_account bigint, p_staff bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT nullif(p_staff, 0) IS NOT NULL OR NOT n.private
		OR n.account_id = nullif(p_account, 0)
$$;

-- Adds a note to reservation p_res of order p_order (0: staff, any)
-- stamped at p_moment (Unix time in milliseconds: the picture's moment).
-- 'tag' when the tag is not in the order's list, 'moment' when the moment
-- is not within the reservation's day (12 hours around it), no row when
-- the reservation is not the order's; else the note's id.
CREATE OR REPLACE FUNCTION note_add(p_res bigint, p_order bigint,
	p_account bigint, p_staff bigint, p_login text, p_author text,
	p_moment_ms bigint, p_tag text, p_body text, p_private boolean,
	p_source text) RETURNS TABLE (result text)
LANGUAGE plpgsql AS $$
DECLARE
	v reservations%ROWTYPE;
	m timestamptz := to_timestamp(p_moment_ms / 1000.0);
	id bigint;
BEGIN
	SELECT * INTO v FROM reservations r
	WHERE r.id = p_res AND (p_order = 0 OR r.order_id = p_order);
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF nullif(p_tag, '') IS NOT NULL AND NOT p_tag = ANY (note_tags_of(v.order_id)) THEN
		RETURN QUERY SELECT 'tag'::text;
		RETURN;
	END IF;
	IF m < v.starts_at - interval '12 hours' OR m > v.ends_at + interval '12 hours' THEN
		RETURN QUERY SELECT 'moment'::text;
		RETURN;
	END IF;
	INSERT INTO notes (order_id, reservation_id, moment, tag, body, private,
		author, login, account_id, staff_user_id, source)
	VALUES (v.order_id, v.id, m, nullif(p_tag, ''), coalesce(p_body, ''),
		coalesce(p_private, false), p_author, p_login, nullif(p_account, 0),
		nullif(p_staff, 0), p_source)
	RETURNING notes.id INTO id;
	RETURN QUERY SELECT id::text;
END;
$$;

-- Edits (p_delete false) or deletes a note of its author (the same order
-- account or staff user), in order p_order (0: staff).  'tag' for a tag
-- not in the list; no row when the note is not that author's (or gone).
CREATE OR REPLACE FUNCTION note_change(p_id bigint, p_order bigint,
	p_account bigint, p_staff bigint, p_delete boolean, p_tag text,
	p_body text, p_private boolean) RETURNS TABLE (result text)
LANGUAGE plpgsql AS $$
DECLARE
	n notes%ROWTYPE;
BEGIN
	SELECT * INTO n FROM notes
	WHERE notes.id = p_id AND deleted_at IS NULL
	  AND (p_order = 0 OR notes.order_id = p_order)
	  AND note_author_key(notes.account_id, notes.staff_user_id)
		= note_author_key(p_account, p_staff)
	FOR UPDATE;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF p_delete THEN
		UPDATE notes SET deleted_at = now(), seq = nextval('note_seq'),
			body = '', updated_at = now()
		WHERE notes.id = p_id;
		RETURN QUERY SELECT 'deleted'::text;
		RETURN;
	END IF;
	IF nullif(p_tag, '') IS NOT NULL AND NOT p_tag = ANY (note_tags_of(n.order_id)) THEN
		RETURN QUERY SELECT 'tag'::text;
		RETURN;
	END IF;
	UPDATE notes SET tag = nullif(p_tag, ''), body = coalesce(p_body, ''),
		private = coalesce(p_private, false), updated_at = now(),
		seq = nextval('note_seq')
	WHERE notes.id = p_id;
	RETURN QUERY SELECT 'ok'::text;
END;
$$;

-- Sets an order's tags (staff): the lines given, trimmed, without empty
-- ones or repeats, at most 20 of 40 characters.  Notes keep the tag they
-- carry.
CREATE OR REPLACE FUNCTION note_tags_set(p_order bigint, p_tags text[],
	p_who text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
	t text[];
BEGIN
	SELECT coalesce(array_agg(x ORDER BY o), '{}') INTO t FROM (
		SELECT DISTINCT ON (btrim(x)) btrim(x) AS x, o
		FROM unnest(p_tags) WITH ORDINALITY u(x, o)
		WHERE btrim(x) <> '' ORDER BY btrim(x), o) s;
	IF cardinality(t) > 20 OR EXISTS (SELECT 1 FROM unnest(t) x
		WHERE char_length(x) > 40 OR x ~ '[[:cntrl:]]') THEN
		RETURN NULL;
	END IF;
	INSERT INTO order_note_tags (order_id, tags, updated_by)
	SELECT o.id, t, p_who FROM orders o WHERE o.id = p_order
	ON CONFLICT (order_id) DO UPDATE
		SET tags = EXCLUDED.tags, updated_at = now(), updated_by = EXCLUDED.updated_by;
	RETURN t;
END;
$$;

-- The notes of an order for its lists and exports, with the recording
-- that shows each one (the latest that covers its moment, files on the
-- server) and the time in it, else the live session's.  p_account,
-- p_staff: the viewer (private notes of others left out for accounts).
CREATE OR REPLACE FUNCTION notes_of_order(p_order bigint, p_account bigint,
	p_staff bigint, p_res bigint, p_tag text, p_q text)
RETURNS TABLE (id bigint, reservation_id bigint, room text, session_day date,
	session_start text, moment timestamptz, recording_id bigint,
	offset_s numeric, tag text, body text, author text, login text,
	private boolean, mine boolean)
LANGUAGE sql STABLE AS $$
	SELECT n.id, n.reservation_id, rm.name, v.starts_at::date,
		to_char(v.starts_at, 'HH24:MI'),
		n.moment, rec.id,
		extract(epoch FROM n.moment - coalesce(rec.starts_at, ls.started_at, v.starts_at))::numeric,
		n.tag, n.body, n.author, n.login, n.private,
		note_author_key(n.account_id, n.staff_user_id) = note_author_key(p_account, p_staff)
	FROM notes n
	JOIN reservations v ON v.id = n.reservation_id
	JOIN rooms rm ON rm.id = v.room_id
	LEFT JOIN LATERAL (SELECT r.id, r.starts_at FROM recordings r
		WHERE r.reservation_id = n.reservation_id
		  AND n.moment >= r.starts_at AND n.moment <= r.ends_at
		  AND EXISTS (SELECT 1 FROM media_files f WHERE f.recording_id = r.id
			AND f.kind = 'mp4' AND f.on_central)
		ORDER BY r.starts_at DESC LIMIT 1) rec ON true
	LEFT JOIN LATERAL (SELECT l.started_at FROM live_sessions l
		WHERE l.reservation_id = n.reservation_id AND l.started_at <= n.moment
		ORDER BY l.started_at DESC LIMIT 1) ls ON true
	WHERE n.order_id = p_order AND n.deleted_at IS NULL
	  AND note_visible(n, p_account, p_staff)
	  AND (p_res = 0 OR n.reservation_id = p_res)
	  AND (nullif(p_tag, '') IS NULL OR n.tag = p_tag)
	  AND (nullif(p_q, '') IS NULL
		OR search_key(n.body || ' ' || coalesce(n.tag, '') || ' ' || n.author)
			LIKE contains_pattern(p_q))
	ORDER BY v.starts_at, n.moment, n.id
$$;
