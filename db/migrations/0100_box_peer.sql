-- 0100_box_peer: a box is an untrusted peer (issue 13).  Its token can be
-- copied from its disk, so what a box sends is checked here too, not only
-- in focusd: a box makes recordings, and reports reservations, of its own
-- room only; the address it reports for its local downloads is a plain
-- http(s) URL; the files it uploads are named after their kind; a live
-- push carries the expiry of the signature it was accepted with.

-- The reservation a box reports (heartbeat) or records (events): NULL
-- when there is none or it no longer exists (deleted while the box could
-- not tell), the id when it is of the box's room; a reservation of
-- another room is refused (insufficient_privilege: 403 to the box).
CREATE FUNCTION box_reservation(p_box bigint, p_resv bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_room bigint;
BEGIN
	IF p_resv IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT room_id INTO v_room FROM reservations WHERE id = p_resv;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	IF v_room IS DISTINCT FROM (SELECT room_id FROM boxes WHERE id = p_box) THEN
		RAISE EXCEPTION 'reservation % is not in the room of box %',
			p_resv, p_box USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN p_resv;
END;
$$;

-- Recordings a box makes (box_key: the box's own name of a recording)
-- are of reservations of its room.  Recordings registered by an operator
-- (fm-media) and the ones staff move to another reservation are theirs to
-- decide.
CREATE FUNCTION recordings_box_room() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.box_key IS NOT NULL AND NEW.box_id IS NOT NULL THEN
		PERFORM box_reservation(NEW.box_id, NEW.reservation_id);
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER recordings_box_room BEFORE INSERT ON recordings
	FOR EACH ROW EXECUTE FUNCTION recordings_box_room();

-- The box's local address ends up in a Location header (staff's on-site
-- download links): scheme, host (name, IPv4 or [IPv6]), optional port and
-- path, printable ASCII only (focusd parses it the same way).
UPDATE boxes SET local_url = NULL
WHERE local_url !~ '^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[!-~]*)?$';
ALTER TABLE boxes ADD CONSTRAINT boxes_local_url CHECK (local_url
	~ '^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[!-~]*)?$');

-- The extension of a media file in the central store, from its kind: a
-- name (and so the Content-Type nginx sends) a box cannot choose.  The
-- box's extra encodings ("other") keep their extension when it is one of
-- the media containers the site's /_media/ location knows, else ".bin"
-- (sent as application/octet-stream).
CREATE FUNCTION media_file_ext(p_kind text, p_path text) RETURNS text
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

-- A live push is accepted with a signature that expires (linksign.h):
-- on_update ends the push once it has.
ALTER TABLE live_sessions ADD COLUMN sig_expires timestamptz;

-- on_publish's candidates, with the end of the reservation's window (the
-- latest a signature may be valid until, an hour after it).
DROP FUNCTION live_publish_candidates(text);
CREATE FUNCTION live_publish_candidates(p_key text)
RETURNS TABLE (reservation_id bigint, box_id bigint, link_key text,
	window_end bigint)
LANGUAGE sql STABLE AS $$
	SELECT v.id, b.id, b.link_key,
		extract(epoch FROM v.ends_at + make_interval(mins => v.overtime_minutes)
			+ interval '5 minutes')::bigint
	FROM live_streams ls
	JOIN reservations v ON v.id = ls.reservation_id AND v.live
	JOIN boxes b ON b.room_id = v.room_id AND b.active AND b.link_key IS NOT NULL
	WHERE ls.stream_key = p_key
	  AND now() >= v.starts_at - interval '15 minutes'
	  AND now() < v.ends_at + make_interval(mins => v.overtime_minutes)
		+ interval '5 minutes'
$$;
