-- Live viewing (0040_live.sql).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The reservations on air now, as "17,23": part of the versions of the
-- kept pages (it changes with time, without any write, when a push
-- stops being reported).
CREATE OR REPLACE FUNCTION live_on_air_ids() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(DISTINCT reservation_id::text, ','), '')
	FROM live_sessions
	WHERE ended_at IS NULL AND updated_at > now() - interval '30 seconds'
$$;

-- on_publish: the push of stream key p_key by a box is allowed when the
-- key is a reservation's with the live option, of the room of an active
-- box, from 15 minutes before its start to 5 minutes after its end and
-- overtime.  Returns the boxes of that room that may push it, with the
-- key they sign the push with (boxes.link_key: common/linksign.h) and the
-- end of the reservation's window as a Unix time (the latest a push
-- signature may be valid until, an hour after it); focusd checks the
-- signature and then calls live_publish().
CREATE OR REPLACE FUNCTION live_publish_candidates(p_key text)
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
