-- Clips and reels (0161_clips.sql, docs/videos.md "Clips and reels").
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Asks for a clip of recording p_rec (of order p_order; 0: staff) from
-- p_start_ms to p_end_ms in it (1 s to 10 minutes, inside the
-- recording, which must have its MP4 on the server): the job's id, or
-- 'range' / 'nomp4'; no row when the recording is not the order's.
CREATE OR REPLACE FUNCTION clip_request(p_rec bigint, p_order bigint,
	p_account bigint, p_staff bigint, p_author text, p_name text,
	p_start_ms bigint, p_end_ms bigint, p_note bigint)
RETURNS TABLE (result text)
LANGUAGE plpgsql AS $$
DECLARE
	rec record;
	id bigint;
BEGIN
	SELECT r.id, v.order_id,
		(extract(epoch FROM r.ends_at - r.starts_at) * 1000)::bigint AS len
	INTO rec FROM recordings r JOIN reservations v ON v.id = r.reservation_id
	WHERE r.id = p_rec AND (p_order = 0 OR v.order_id = p_order);
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM media_files f WHERE f.recording_id = p_rec
		AND f.kind = 'mp4' AND f.on_central) THEN
		RETURN QUERY SELECT 'nomp4'::text;
		RETURN;
	END IF;
	p_start_ms := greatest(p_start_ms, 0);
	IF p_end_ms - p_start_ms < 1000 OR p_end_ms - p_start_ms > 600000
		OR p_start_ms >= rec.len THEN
		RETURN QUERY SELECT 'range'::text;
		RETURN;
	END IF;
	INSERT INTO clips (order_id, recording_id, kind, name, start_ms, end_ms,
		note_id, author, account_id, staff_user_id)
	VALUES (rec.order_id, p_rec, 'clip', p_name, p_start_ms,
		least(p_end_ms, rec.len), p_note, p_author, nullif(p_account, 0),
		nullif(p_staff, 0))
	RETURNING clips.id INTO id;
	RETURN QUERY SELECT id::text;
END;
$$;

-- The window of a note in the recording that shows it: p_before seconds
-- before its moment to p_after after (the latest recording of its
-- session covering the moment).  No row when the note is not visible to
-- the viewer or no recording covers it.
CREATE OR REPLACE FUNCTION clip_note_window(p_note bigint, p_order bigint,
	p_account bigint, p_staff bigint, p_before integer, p_after integer)
RETURNS TABLE (recording_id bigint, start_ms bigint, end_ms bigint)
LANGUAGE sql STABLE AS $$
	SELECT r.id,
		greatest(0, (extract(epoch FROM n.moment - r.starts_at) * 1000)::bigint
			- p_before * 1000),
		(extract(epoch FROM n.moment - r.starts_at) * 1000)::bigint + p_after * 1000
	FROM notes n
	JOIN recordings r ON r.reservation_id = n.reservation_id
		AND n.moment BETWEEN r.starts_at AND r.ends_at
	WHERE n.id = p_note AND n.deleted_at IS NULL
	  AND (p_order = 0 OR n.order_id = p_order)
	  AND note_visible(n, p_account, p_staff)
	ORDER BY r.starts_at DESC LIMIT 1
$$;

-- Asks for a reel of the clips p_clips (done, of one order: p_order, 0
-- for staff), in that order: its id, or 'clips' when one is not a done
-- clip of the order (or fewer than two); no row never.
CREATE OR REPLACE FUNCTION reel_request(p_order bigint, p_account bigint,
	p_staff bigint, p_author text, p_name text, p_clips bigint[])
RETURNS TABLE (result text)
LANGUAGE plpgsql AS $$
DECLARE
	n integer;
	ord bigint;
	first_rec bigint;
	id bigint;
BEGIN
	SELECT count(DISTINCT c.id), min(c.order_id)
	INTO n, ord FROM clips c
	WHERE c.id = ANY (p_clips) AND c.kind = 'clip' AND c.status = 'done'
	  AND (p_order = 0 OR c.order_id = p_order);
	IF cardinality(p_clips) < 2 OR cardinality(p_clips) > 50
		OR n <> (SELECT count(DISTINCT x) FROM unnest(p_clips) x)
		OR (SELECT count(DISTINCT c.order_id) FROM clips c WHERE c.id = ANY (p_clips)) <> 1 THEN
		RETURN QUERY SELECT 'clips'::text;
		RETURN;
	END IF;
	SELECT c.recording_id INTO first_rec FROM clips c WHERE c.id = p_clips[1];
	INSERT INTO clips (order_id, recording_id, kind, name, author,
		account_id, staff_user_id)
	VALUES (ord, first_rec, 'reel', p_name, p_author, nullif(p_account, 0),
		nullif(p_staff, 0))
	RETURNING clips.id INTO id;
	INSERT INTO reel_clips (reel_id, position, clip_id)
	SELECT id, o, x FROM unnest(p_clips) WITH ORDINALITY u(x, o);
	RETURN QUERY SELECT id::text;
END;
$$;

-- fm-media clips: takes the next due job (queued, or running with a past
-- lease: its runner died), for p_lease seconds; one runner per job.
-- Returns the job and its sources: for a clip, the recording's MP4 path;
-- for a reel, its clips' files in order, one a line.
CREATE OR REPLACE FUNCTION clip_claim(p_lease integer)
RETURNS TABLE (id bigint, kind text, recording_id bigint, start_ms bigint,
	end_ms bigint, sources text, day text)
LANGUAGE plpgsql AS $$
DECLARE
	j bigint;
BEGIN
	SELECT c.id INTO j FROM clips c
	WHERE (c.status = 'queued' AND c.run_after <= now())
	   OR (c.status = 'running' AND c.locked_until < now())
	ORDER BY c.run_after, c.id
	FOR UPDATE SKIP LOCKED LIMIT 1;
	IF j IS NULL THEN
		RETURN;
	END IF;
	UPDATE clips SET status = 'running', attempts = attempts + 1,
		locked_until = now() + make_interval(secs => p_lease)
	WHERE clips.id = j;
	RETURN QUERY
	SELECT c.id, c.kind, c.recording_id, c.start_ms, c.end_ms,
		CASE c.kind WHEN 'clip' THEN
			(SELECT f.path FROM media_files f WHERE f.recording_id = c.recording_id
			 AND f.kind = 'mp4' AND f.on_central ORDER BY f.id LIMIT 1)
		ELSE (SELECT string_agg(f.path, E'\n' ORDER BY rc.position)
			FROM reel_clips rc JOIN clips x ON x.id = rc.clip_id
			JOIN media_files f ON f.id = x.media_file_id
			WHERE rc.reel_id = c.id) END,
		to_char(r.starts_at, 'YYYY/MM/DD')
	FROM clips c JOIN recordings r ON r.id = c.recording_id
	WHERE c.id = j;
END;
$$;

-- A job's result: its file (path in the store, bytes, SHA-256, duration)
-- becomes a media file of the recording.
CREATE OR REPLACE FUNCTION clip_finish(p_id bigint, p_path text,
	p_bytes bigint, p_sha text, p_duration_ms bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	m bigint;
BEGIN
	INSERT INTO media_files (recording_id, kind, path, bytes, sha256, on_central)
	SELECT c.recording_id, 'clip', p_path, p_bytes, p_sha, true
	FROM clips c WHERE c.id = p_id AND c.status = 'running'
	RETURNING media_files.id INTO m;
	IF m IS NULL THEN
		RETURN NULL;
	END IF;
	UPDATE clips SET status = 'done', media_file_id = m, locked_until = NULL,
		duration_ms = p_duration_ms, finished_at = now(), last_error = NULL
	WHERE clips.id = p_id;
	RETURN m;
END;
$$;

-- A failed attempt: tried again after 30 s, 60 s... up to 3 attempts,
-- then failed for good (p_final: at once, e.g. codecs that differ).
CREATE OR REPLACE FUNCTION clip_fail(p_id bigint, p_error text,
	p_final boolean) RETURNS void
LANGUAGE sql AS $$
	UPDATE clips SET last_error = left(p_error, 500), locked_until = NULL,
		status = CASE WHEN p_final OR attempts >= 3 THEN 'failed' ELSE 'queued' END,
		run_after = now() + make_interval(secs => 30 * attempts),
		finished_at = CASE WHEN p_final OR attempts >= 3 THEN now() END
	WHERE id = p_id
$$;
