-- Downloads of media files and their log (0020_portal.sql).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The media file p_media for a request, when the caller may have it
-- (p_order: the account's order, 0 for staff, who may have any), and the
-- download log row the request counts in (made or reused).  No row: not
-- found or not allowed, which the caller answers alike (404).
CREATE OR REPLACE FUNCTION download_begin(p_media bigint, p_order bigint, p_mode text,
	p_session bigint, p_account bigint, p_staff bigint, p_login text,
	p_ip inet, p_agent text)
RETURNS TABLE (download_id bigint, path text, kind text, bytes bigint,
	file_name text)
LANGUAGE plpgsql AS $$
DECLARE
	m record;
	d bigint;
BEGIN
	SELECT mf.id, mf.path, mf.kind, mf.bytes, r.order_id, rec.id AS recording_id,
		rec.starts_at
	INTO m
	FROM media_files mf
	JOIN recordings rec ON rec.id = mf.recording_id
	JOIN reservations r ON r.id = rec.reservation_id
	WHERE mf.id = p_media AND mf.on_central
	  AND (p_order = 0 OR r.order_id = p_order);
	IF NOT FOUND THEN
		RETURN;
	END IF;
	UPDATE download_log SET requests = requests + 1, last_request_at = now(),
		status = 'in_progress', ip = p_ip, user_agent = left(p_agent, 500)
	WHERE id = (SELECT l.id FROM download_log l
		WHERE l.session_id = p_session AND l.media_file_id = p_media
		  AND l.mode = p_mode
		  AND l.last_request_at > now() - interval '15 minutes'
		ORDER BY l.last_request_at DESC LIMIT 1)
	RETURNING id INTO d;
	IF d IS NULL THEN
		INSERT INTO download_log (order_id, media_file_id, media_kind,
			recording_label, account_id, staff_user_id, login, session_id,
			mode, ip, user_agent, bytes_total)
		VALUES (m.order_id, m.id, m.kind, recording_label(m.recording_id),
			nullif(p_account, 0), nullif(p_staff, 0), p_login, p_session,
			p_mode, p_ip, left(p_agent, 500), m.bytes)
		RETURNING id INTO d;
	END IF;
	RETURN QUERY SELECT d, m.path, m.kind, m.bytes,
		'order' || m.order_id || '-' || to_char(m.starts_at, 'YYYY-MM-DD_HH24MI')
		|| '-' || m.id || CASE m.kind WHEN 'mp4' THEN '.mp4'
			WHEN 'mp3' THEN '.mp3' WHEN 'mp3_room' THEN '-room.mp3'
			WHEN 'mp3_trad' THEN '-translation.mp3'
			ELSE coalesce(substring(m.path FROM '(\.[A-Za-z0-9]{1,8})$'), '') END;
END;
$$;

-- Recomputes a download's figures from its transfers: bytes actually sent
-- (2xx answers), when the last one ended, and the status: complete when
-- every byte of the file went out, in progress while focusd let more
-- requests through than nginx has logged (for 6 hours at most: a request
-- nginx never logged is not waited for forever), incomplete otherwise.
CREATE OR REPLACE FUNCTION download_log_refresh(p_id bigint) RETURNS void
LANGUAGE sql AS $$
	UPDATE download_log d SET
		bytes_sent = t.bytes, transfers = t.n, ended_at = t.last,
		status = CASE
			WHEN d.bytes_total IS NOT NULL AND t.bytes >= d.bytes_total
				AND t.n >= d.requests THEN 'complete'
			WHEN d.requests > t.n
				AND d.last_request_at > now() - interval '6 hours' THEN 'in_progress'
			WHEN d.bytes_total IS NOT NULL AND t.bytes >= d.bytes_total THEN 'complete'
			ELSE 'incomplete' END
	FROM (SELECT coalesce(sum(x.bytes_sent) FILTER (WHERE x.status BETWEEN 200 AND 299), 0) AS bytes,
		count(x.request_id)::int AS n, max(x.at) AS last
		FROM download_transfers x WHERE x.download_id = p_id) t
	WHERE d.id = p_id
$$;
