-- The sponsors' portal.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The portal page's version (what fcgi/portal.c keeps its rendered part
-- under, per worker, as orders.c does): the planning counter (orders,
-- reservations, rooms, sites, companies), the media counter (recordings,
-- media files), which of the order's live reservations are on now (from
-- 15 minutes before their start to their end), the live counter and
-- which of them are on air.  (PL/pgSQL: its plan is kept by the session;
-- as an SQL function it was planned again at each call, 0.24 ms instead
-- of 0.10.)
CREATE OR REPLACE FUNCTION portal_version(p_order bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT n FROM change_counters WHERE topic = 'planning') || '.'
		|| (SELECT n FROM change_counters WHERE topic = 'media') || '.'
		|| coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM reservations
			WHERE order_id = p_order AND live
			  AND now() >= starts_at - interval '15 minutes' AND now() < ends_at), '')
		|| '.' || (SELECT n FROM change_counters WHERE topic = 'live') || '.'
		|| coalesce((SELECT string_agg(DISTINCT l.reservation_id::text, ',')
			FROM live_sessions l JOIN reservations r ON r.id = l.reservation_id
			WHERE r.order_id = p_order AND l.ended_at IS NULL
			  AND l.updated_at > now() - interval '30 seconds'), '');
END;
$$;
