-- Recordings: their label, and the changes people make to them, each
-- with its event (recording_events).  who is the login of the staff user
-- or order account that asked.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- "Salle 1 - Site A - 19/02/2013 13:35 - 14:30": a recording as people
-- name it, kept in logs and events.
CREATE OR REPLACE FUNCTION recording_label(p_recording bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT s.name || ' - ' || rm.name || ' - ' || fm_date(rec.starts_at::date)
		|| ' ' || to_char(rec.starts_at, 'HH24:MI') || ' - '
		|| to_char(rec.ends_at, 'HH24:MI')
	FROM recordings rec
	JOIN reservations r ON r.id = rec.reservation_id
	JOIN rooms rm ON rm.id = r.room_id
	JOIN sites s ON s.id = rm.site_id
	WHERE rec.id = p_recording
$$;

-- New times (the day and HH:MM; end 24:00 is midnight after) and note.
-- times_edited becomes true when the times change.  Returns the order.
CREATE OR REPLACE FUNCTION recording_edit(p_id bigint, p_day date, p_start time,
	p_end text, p_info text, p_who text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	old record;
	s timestamptz := p_day + p_start;
	e timestamptz := CASE WHEN p_end = '24:00' THEN (p_day + 1)::timestamptz
		ELSE p_day + p_end::time END;
	ord bigint;
BEGIN
	SELECT rec.*, r.order_id INTO old FROM recordings rec
	JOIN reservations r ON r.id = rec.reservation_id
	WHERE rec.id = p_id FOR UPDATE OF rec;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	UPDATE recordings SET starts_at = s, ends_at = e, info = nullif(p_info, ''),
		times_edited = times_edited OR s <> old.starts_at OR e <> old.ends_at
	WHERE id = p_id;
	IF s <> old.starts_at OR e <> old.ends_at OR old.info IS DISTINCT FROM nullif(p_info, '') THEN
		INSERT INTO recording_events (recording_id, order_id, who, action, summary)
		VALUES (p_id, old.order_id, p_who, 'edit', concat_ws(' · ',
			recording_label(p_id),
			CASE WHEN s <> old.starts_at OR e <> old.ends_at THEN
				'← ' || to_char(old.starts_at, 'DD/MM/YYYY HH24:MI') || ' - '
				|| to_char(old.ends_at, 'HH24:MI') END,
			nullif(p_info, '')));
	END IF;
	RETURN old.order_id;
END;
$$;

-- Attaches a recording to another reservation (of this order or
-- another).  Returns the old and the new order (no row: one is missing).
CREATE OR REPLACE FUNCTION recording_move(p_id bigint, p_reservation bigint, p_who text,
	OUT old_order bigint, OUT new_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
	label text;
BEGIN
	SELECT r.order_id INTO old_order FROM recordings rec
	JOIN reservations r ON r.id = rec.reservation_id
	WHERE rec.id = p_id FOR UPDATE OF rec;
	SELECT order_id INTO new_order FROM reservations WHERE id = p_reservation;
	IF old_order IS NULL OR new_order IS NULL THEN
		old_order := NULL;
		new_order := NULL;
		RETURN;
	END IF;
	label := recording_label(p_id);
	UPDATE recordings SET reservation_id = p_reservation WHERE id = p_id;
	INSERT INTO recording_events (recording_id, order_id, who, action, summary)
	VALUES (p_id, old_order, p_who, 'move', label || ' → N° ' || new_order
		|| ' · ' || recording_label(p_id));
	IF new_order <> old_order THEN
		INSERT INTO recording_events (recording_id, order_id, who, action, summary)
		VALUES (p_id, new_order, p_who, 'move', 'N° ' || old_order || ' → '
			|| recording_label(p_id));
	END IF;
END;
$$;

-- Deletes a recording and its media rows if the caller may (p_order: the
-- account's order, 0 for staff).  Returns the paths (in the media store)
-- of the files to remove from disk once the transaction committed, and
-- the order; no row when there was nothing to delete.
CREATE OR REPLACE FUNCTION recording_delete(p_id bigint, p_order bigint, p_who text)
RETURNS TABLE (order_id bigint, path text)
LANGUAGE plpgsql AS $$
DECLARE
	ord bigint;
	label text;
	paths text[];
BEGIN
	SELECT r.order_id INTO ord FROM recordings rec
	JOIN reservations r ON r.id = rec.reservation_id
	WHERE rec.id = p_id AND (p_order = 0 OR r.order_id = p_order)
	FOR UPDATE OF rec;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	label := recording_label(p_id);
	SELECT coalesce(array_agg(m.path ORDER BY m.id) FILTER (WHERE m.on_central), '{}')
	INTO paths FROM media_files m WHERE m.recording_id = p_id;
	DELETE FROM recordings WHERE id = p_id;
	INSERT INTO recording_events (recording_id, order_id, who, action, summary)
	VALUES (p_id, ord, p_who, 'delete', label || ' (' || cardinality(paths) || ')');
	RETURN QUERY SELECT ord, NULL::text;
	RETURN QUERY SELECT ord, unnest(paths);
END;
$$;

-- The extension of a media file in the central store, from its kind: a
-- name (and so the Content-Type nginx sends) a box cannot choose.  The
-- box's extra encodings ("other") keep their extension when it is one of
-- the media containers the site's /_media/ location knows, else ".bin"
-- (sent as application/octet-stream).
CREATE OR REPLACE FUNCTION media_file_ext(p_kind text, p_path text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_kind
		WHEN 'mp4' THEN '.mp4'
		WHEN 'mp3' THEN '.mp3' WHEN 'mp3_room' THEN '.mp3'
		WHEN 'mp3_trad' THEN '.mp3'
		ELSE coalesce('.' || (SELECT e FROM unnest(ARRAY['mp4', 'm4a',
			'm4v', 'mov', 'mkv', 'webm', 'mp3', 'aac', 'ogg', 'oga',
			'opus', 'wav', 'flac']) e
			WHERE e = lower(substring(p_path FROM '\.([A-Za-z0-9]{1,8})$'))),
			'.bin')
	END
$$;
