-- Reservations.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The reservation that holds room p_room during [p_starts, p_ends), other
-- than p_except: for the message shown when a booking is refused.
CREATE OR REPLACE FUNCTION reservation_conflict(p_room bigint, p_starts timestamptz,
	p_ends timestamptz, p_except bigint)
RETURNS TABLE (reservation_id bigint, order_id bigint, company text,
	study_ref text, starts_at timestamptz, ends_at timestamptz)
LANGUAGE sql STABLE AS $$
	SELECT r.id, o.id, c.name, o.study_ref, r.starts_at, r.ends_at
	FROM reservations r JOIN orders o ON o.id = r.order_id
	JOIN companies c ON c.id = o.company_id
	WHERE r.room_id = p_room AND r.id IS DISTINCT FROM p_except
	  AND tstzrange(r.starts_at, r.ends_at) && tstzrange(p_starts, p_ends)
	ORDER BY r.starts_at LIMIT 1
$$;
