-- Recording boxes.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

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
