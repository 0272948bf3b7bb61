-- Alerts: the conditions fm-alerts watches and the incidents they open
-- (docs/operations.md, "Alerts").
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- What is wrong now, from the database alone (fm-alerts adds what it
-- measures itself: the central disk, the backup, focusd's health check):
--   not_recording  a reservation with rec started 2 minutes ago or more
--                  (not ended) and the box of its room is not recording it
--   box_silent     an active box whose last heartbeat is over 2 minutes old
--   box_disk       an active box reporting less free disk than p_box_floor_mb
--   files_waiting  files of a box's recordings still only on the box 24 hours
--                  after their session ended
--   live_off_air   a reservation with live started 2 minutes ago or more (not
--                  ended) whose push is not on air
CREATE OR REPLACE FUNCTION alert_conditions(p_box_floor_mb bigint)
RETURNS TABLE (rule text, subject text, summary text)
LANGUAGE sql STABLE AS $$
	SELECT 'not_recording', 'reservation:' || v.id,
		'Réservation ' || v.id || ' (' || s.name || ' · ' || rm.name
		|| ', ' || to_char(v.starts_at, 'DD/MM HH24:MI')
		|| ') : le boîtier ' || b.name || ' n''enregistre pas'
	FROM reservations v
	JOIN rooms rm ON rm.id = v.room_id JOIN sites s ON s.id = rm.site_id
	JOIN boxes b ON b.room_id = v.room_id AND b.active
	WHERE v.rec AND v.starts_at <= now() - interval '2 minutes'
	  AND v.ends_at + make_interval(mins => v.overtime_minutes) > now()
	  AND NOT (b.state IS NOT DISTINCT FROM 'recording'
		AND b.reservation_id IS NOT DISTINCT FROM v.id
		AND b.last_heartbeat > now() - interval '2 minutes')
	UNION ALL
	SELECT 'box_silent', 'box:' || b.id,
		'Boîtier ' || b.name || ' silencieux depuis '
		|| to_char(b.last_heartbeat, 'DD/MM HH24:MI')
	FROM boxes b
	WHERE b.active AND b.last_heartbeat < now() - interval '2 minutes'
	UNION ALL
	SELECT 'box_disk', 'box:' || b.id,
		'Boîtier ' || b.name || ' : ' || b.disk_free_mb
		|| ' Mo libres (seuil ' || p_box_floor_mb || ' Mo)'
	FROM boxes b
	WHERE b.active AND b.disk_free_mb < p_box_floor_mb
	UNION ALL
	SELECT 'files_waiting', 'box:' || b.id,
		'Boîtier ' || b.name || ' : ' || count(*)
		|| ' fichier(s) en attente d''envoi plus de 24 h après la séance'
	FROM media_files m JOIN recordings rec ON rec.id = m.recording_id
	JOIN reservations v ON v.id = rec.reservation_id
	JOIN boxes b ON b.id = rec.box_id
	WHERE b.active AND m.on_box AND NOT m.on_central
	  AND v.ends_at + make_interval(mins => v.overtime_minutes)
		< now() - interval '24 hours'
	GROUP BY b.id, b.name
	UNION ALL
	SELECT 'live_off_air', 'reservation:' || v.id,
		'Réservation ' || v.id || ' (' || s.name || ' · ' || rm.name
		|| ', ' || to_char(v.starts_at, 'DD/MM HH24:MI')
		|| ') : le live n''est pas à l''antenne'
	FROM reservations v
	JOIN rooms rm ON rm.id = v.room_id JOIN sites s ON s.id = rm.site_id
	WHERE v.live AND v.starts_at <= now() - interval '2 minutes'
	  AND v.ends_at + make_interval(mins => v.overtime_minutes) > now()
	  AND NOT EXISTS (SELECT 1 FROM live_sessions l
		WHERE l.reservation_id = v.id AND l.ended_at IS NULL
		  AND l.updated_at > now() - interval '30 seconds')
$$;

-- One run of fm-alerts: the database's conditions and those it measured
-- (p_extra: a JSON array of {rule, subject, summary}) against the open
-- alerts.  A condition without an open alert opens one and queues a
-- message to each recipient; an open alert whose condition is gone (for
-- the rules this run checked: the database's and p_checked) is resolved
-- with a "resolved" message.  Returns what changed.
CREATE OR REPLACE FUNCTION alerts_run(p_box_floor_mb bigint, p_extra jsonb,
	p_checked text[], p_recipients text[], p_base_url text)
RETURNS TABLE (action text, alert_id bigint, rule text, subject text,
	summary text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	c record;
	a record;
	v_id bigint;
	v_checked text[] := p_checked || ARRAY['not_recording', 'box_silent',
		'box_disk', 'files_waiting', 'live_off_air'];
BEGIN
	CREATE TEMP TABLE IF NOT EXISTS alert_now (rule text, subject text,
		summary text) ON COMMIT DROP;
	TRUNCATE alert_now;
	INSERT INTO alert_now SELECT * FROM alert_conditions(p_box_floor_mb);
	INSERT INTO alert_now SELECT x->>'rule', x->>'subject',
		left(regexp_replace(x->>'summary', '[[:cntrl:]]', ' ', 'g'), 300)
	FROM jsonb_array_elements(coalesce(p_extra, '[]')) x;

	FOR c IN SELECT DISTINCT ON (n.rule, n.subject) n.* FROM alert_now n
		ORDER BY n.rule, n.subject LOOP
		UPDATE alerts SET seen_at = now()
		WHERE alerts.rule = c.rule AND alerts.subject = c.subject
		  AND resolved_at IS NULL;
		IF NOT FOUND THEN
			INSERT INTO alerts (rule, subject, summary)
			VALUES (c.rule, c.subject, c.summary) RETURNING id INTO v_id;
			INSERT INTO outbox ("to", subject, body, created_by, alert_id)
			SELECT r, left('[FocusManager] Alerte : ' || c.summary, 300),
				'Alerte ouverte le ' || to_char(now(), 'DD/MM/YYYY HH24:MI')
				|| E' :\n\n' || c.summary || E'\n\n'
				|| 'Un second message dira quand elle sera résolue.'
				|| E'\n\n' || coalesce(p_base_url, '') || E'/boxes\n',
				'fm-alerts', v_id
			FROM unnest(p_recipients) r WHERE r <> '';
			action := 'opened'; alert_id := v_id; rule := c.rule;
			subject := c.subject; summary := c.summary;
			RETURN NEXT;
		END IF;
	END LOOP;

	FOR a IN SELECT * FROM alerts x
		WHERE x.resolved_at IS NULL AND x.rule = ANY (v_checked)
		  AND NOT EXISTS (SELECT 1 FROM alert_now n
			WHERE n.rule = x.rule AND n.subject = x.subject)
		FOR UPDATE LOOP
		UPDATE alerts SET resolved_at = now() WHERE id = a.id;
		INSERT INTO outbox ("to", subject, body, created_by, alert_id)
		SELECT r, left('[FocusManager] Résolu : ' || a.summary, 300),
			'Alerte ouverte le ' || to_char(a.opened_at, 'DD/MM/YYYY HH24:MI')
			|| ', résolue le ' || to_char(now(), 'DD/MM/YYYY HH24:MI')
			|| E' :\n\n' || a.summary || E'\n',
			'fm-alerts', a.id
		FROM unnest(p_recipients) r WHERE r <> '';
		action := 'resolved'; alert_id := a.id; rule := a.rule;
		subject := a.subject; summary := a.summary;
		RETURN NEXT;
	END LOOP;
END;
$$;
