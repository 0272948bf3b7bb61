-- What GET /metrics reads from the database (docs/operations.md,
-- "Metrics"): one row per sample, grouped by metric name.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- name, help, type (gauge, counter), labels (Prometheus' {k="v",...}
-- without braces, values escaped), value.  Every metric has a row even
-- when it counts nothing, so that alerting rules see 0, not an absence.
CREATE OR REPLACE FUNCTION metrics_samples()
RETURNS TABLE (name text, help text, type text, labels text, value double precision)
LANGUAGE sql STABLE AS $$
	WITH b AS (
		SELECT id, replace(replace(replace(name, '\', '\\'), '"', '\"'),
			E'\n', '\n') AS label, state, last_heartbeat
		FROM boxes WHERE active
	), states(state) AS (
		VALUES ('idle'), ('recording'), ('encoding'), ('uploading'),
			('error'), ('unknown')
	)
	SELECT 'fm_boxes', 'Active boxes by the state of their last heartbeat.',
		'gauge', 'state="' || st.state || '"',
		(SELECT count(*) FROM b WHERE coalesce(b.state, 'unknown') = st.state)::float8
	FROM states st
	UNION ALL
	SELECT 'fm_box_heartbeat_age_seconds', 'Seconds since each active box''s last heartbeat.',
		'gauge', 'box="' || b.label || '"',
		extract(epoch FROM now() - b.last_heartbeat)::float8
	FROM b WHERE b.last_heartbeat IS NOT NULL
	UNION ALL
	SELECT 'fm_recordings_in_progress', 'Recordings a box is making now.', 'gauge', '',
		(SELECT count(*) FROM recordings WHERE open)::float8
	UNION ALL
	SELECT 'fm_box_files_waiting', 'Media files still only on each box.', 'gauge',
		'box="' || b.label || '"',
		(SELECT count(*) FROM media_files m JOIN recordings r ON r.id = m.recording_id
		 WHERE r.box_id = b.id AND m.on_box AND NOT m.on_central)::float8
	FROM b
	UNION ALL
	SELECT 'fm_box_bytes_waiting', 'Bytes of the media files still only on each box.', 'gauge',
		'box="' || b.label || '"',
		(SELECT coalesce(sum(m.bytes), 0) FROM media_files m
		 JOIN recordings r ON r.id = m.recording_id
		 WHERE r.box_id = b.id AND m.on_box AND NOT m.on_central)::float8
	FROM b
	UNION ALL
	SELECT 'fm_uploads_in_flight', 'Box uploads started, not finished, active in the last 10 minutes.',
		'gauge', '',
		(SELECT count(*) FROM media_uploads WHERE finished_at IS NULL
		   AND updated_at > now() - interval '10 minutes')::float8
	UNION ALL
	SELECT 'fm_live_sessions_on_air', 'Live pushes on air.', 'gauge', '',
		(SELECT count(*) FROM live_sessions WHERE ended_at IS NULL
		   AND updated_at > now() - interval '30 seconds')::float8
	UNION ALL
	SELECT 'fm_live_viewers', 'Order accounts active in the last minute whose order is on air.',
		'gauge', '',
		(SELECT count(DISTINCT se.id) FROM sessions se
		 JOIN order_accounts a ON a.id = se.order_account_id
		 JOIN reservations v ON v.order_id = a.order_id
		 JOIN live_sessions l ON l.reservation_id = v.id
		 WHERE l.ended_at IS NULL AND l.updated_at > now() - interval '30 seconds'
		   AND se.last_seen > now() - interval '1 minute')::float8
	UNION ALL
	SELECT 'fm_chat_messages_total', 'Chat messages written.', 'counter', '',
		(SELECT count(*) FROM chat_messages)::float8
	UNION ALL
	SELECT 'fm_outbox_messages', 'Messages of the outbox by status.', 'gauge',
		'status="' || s.status || '"',
		(SELECT count(*) FROM outbox o WHERE o.status = s.status)::float8
	FROM (VALUES ('pending'), ('sending'), ('failed')) s(status)
	UNION ALL
	SELECT 'fm_alerts_open', 'Open alerts (fm-alerts).', 'gauge', '',
		(SELECT count(*) FROM alerts WHERE resolved_at IS NULL)::float8
	ORDER BY 1, 4
$$;
