-- What a person should know before a reservation moves to another room
-- (the planning's drag, the move form), one row each, none when the move
-- is harmless:
--   site       the new room is on another site: "Paris → Lyon"
--   documents  the order has issued documents (they name the room): their
--              numbers
--   box        the session starts within the hour (or runs): the boxes
--              of the old and new rooms change their schedule: their names
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

CREATE OR REPLACE FUNCTION reservation_move_warnings(p_res bigint, p_room bigint)
RETURNS TABLE (kind text, detail text)
LANGUAGE sql STABLE AS $$
	WITH r AS (
		SELECT v.id, v.order_id, v.room_id, v.starts_at, v.ends_at,
			m.site_id, s.name AS site
		FROM reservations v JOIN rooms m ON m.id = v.room_id
		JOIN sites s ON s.id = m.site_id
		WHERE v.id = p_res AND v.room_id <> p_room
	), t AS (
		SELECT m.id, m.site_id, s.name AS site FROM rooms m
		JOIN sites s ON s.id = m.site_id WHERE m.id = p_room
	)
	SELECT 'site', r.site || ' → ' || t.site FROM r, t WHERE r.site_id <> t.site_id
	UNION ALL
	SELECT 'documents', string_agg(d.number, ', ' ORDER BY d.kind, d.number)
	FROM r JOIN documents d ON d.order_id = r.order_id AND d.status = 'issued'
	HAVING count(*) > 0
	UNION ALL
	SELECT 'box', string_agg(b.name, ', ' ORDER BY b.name)
	FROM r JOIN boxes b ON b.active AND b.room_id IN (r.room_id, p_room)
	WHERE r.starts_at < now() + interval '1 hour' AND r.ends_at > now()
	HAVING count(*) > 0
$$;
