-- Recording boxes.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Recording rate of one box over a calendar year (Europe/Paris): the
-- reservations of its room with rec that ended while the box was in
-- service (registered, not in a declared outage), and how many of them
-- have a recording by this box with its video reported.
CREATE OR REPLACE FUNCTION box_recording_rate(p_box bigint, p_year integer)
RETURNS TABLE (scheduled bigint, recorded bigint, rate numeric)
LANGUAGE sql STABLE AS $$
	WITH due AS (
		SELECT v.id
		FROM boxes b
		JOIN reservations v ON v.room_id = b.room_id AND v.rec
		WHERE b.id = p_box
		  AND v.starts_at >= b.created_at
		  AND v.ends_at + make_interval(mins => v.overtime_minutes) < now()
		  AND extract(year FROM v.starts_at AT TIME ZONE 'Europe/Paris')
			= p_year
		  AND NOT EXISTS (SELECT 1 FROM box_outages o
			WHERE o.box_id = b.id
			  AND tstzrange(o.starts_at, o.ends_at) &&
			      tstzrange(v.starts_at, v.ends_at))
	), made AS (
		SELECT d.id FROM due d
		WHERE EXISTS (SELECT 1 FROM recordings r
			JOIN media_files m ON m.recording_id = r.id
			WHERE r.reservation_id = d.id AND r.box_id = p_box
			  AND m.kind IN ('mp4', 'other'))
	)
	SELECT (SELECT count(*) FROM due), (SELECT count(*) FROM made),
		CASE WHEN (SELECT count(*) FROM due) = 0 THEN NULL
		ELSE round(100.0 * (SELECT count(*) FROM made) /
			(SELECT count(*) FROM due), 1) END
$$;

-- The reservation a box reports (heartbeat) or records (events): NULL
-- when there is none or it no longer exists (deleted while the box could
-- not tell), the id when it is of the box's room; a reservation of
-- another room is refused (insufficient_privilege: 403 to the box).
CREATE OR REPLACE FUNCTION box_reservation(p_box bigint, p_resv bigint) RETURNS bigint
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
