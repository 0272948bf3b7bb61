-- The recording guarantee: what the media of a recording really cover,
-- the sessions the contract counts, and the outages the server proposes
-- (docs/operations.md, "The recording guarantee").
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- The times a recording's media really cover.  The reference is its
-- video as measured in the central store (probed_ms): the MP4 (the parts
-- joined; the longest when there are several), else the other video
-- files (the parts kept when joining failed) added up.  That duration is
-- laid from each part's start (recording_parts; the recording's start
-- when it has none), each part taking at most the time until the next
-- one started: a gap between two ffmpeg runs is not covered.  Files only
-- on a box, or not measured yet, cover nothing.
CREATE OR REPLACE FUNCTION recording_media_ranges(p_rec bigint)
RETURNS SETOF tstzrange
LANGUAGE sql STABLE AS $$
	WITH d AS (
		SELECT coalesce(max(probed_ms) FILTER (WHERE kind = 'mp4'),
			sum(probed_ms) FILTER (WHERE kind = 'other'), 0) AS ms
		FROM media_files
		WHERE recording_id = p_rec AND on_central
		  AND probed_ms IS NOT NULL
	), p AS (
		SELECT starts_at, lead(starts_at) OVER (ORDER BY part) AS next
		FROM recording_parts WHERE recording_id = p_rec
		UNION ALL
		SELECT rec.starts_at, NULL FROM recordings rec
		WHERE rec.id = p_rec AND NOT EXISTS
			(SELECT 1 FROM recording_parts WHERE recording_id = p_rec)
	), q AS (
		SELECT starts_at, next,
			coalesce(sum(extract(epoch FROM next - starts_at) * 1000)
				OVER (ORDER BY starts_at ROWS BETWEEN UNBOUNDED
				      PRECEDING AND 1 PRECEDING), 0) AS before_ms
		FROM p
	)
	SELECT tstzrange(q.starts_at, q.starts_at + make_interval(secs =>
		least(coalesce(extract(epoch FROM q.next - q.starts_at) * 1000,
			'Infinity'::numeric), d.ms - q.before_ms) / 1000.0))
	FROM q, d
	WHERE d.ms - q.before_ms > 0
$$;

-- The seconds a recording's media really cover (recording_media_ranges).
CREATE OR REPLACE FUNCTION recording_covered_s(p_rec bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT coalesce(round(sum(extract(epoch FROM upper(r) - lower(r)))), 0)
		::bigint
	FROM unnest((SELECT range_agg(x) FROM recording_media_ranges(p_rec) x)) r
$$;

-- A reservation's booked time (its times and overtime) against what the
-- media of its recordings (by p_box, or any box when NULL) cover inside
-- it, in seconds; measured: at least one video file is in the central
-- store and none waits to be measured; complete: measured and covering
-- at least the report's threshold (operations_settings.coverage_pct).
CREATE OR REPLACE FUNCTION reservation_coverage(p_resv bigint,
	p_box bigint DEFAULT NULL)
RETURNS TABLE (booked_s bigint, covered_s bigint, pct numeric,
	measured boolean, complete boolean)
LANGUAGE sql STABLE AS $$
	WITH v AS (
		SELECT tstzrange(starts_at, ends_at
			+ make_interval(mins => overtime_minutes)) AS booked
		FROM reservations WHERE id = p_resv
	), c AS (
		SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0)
			AS s
		FROM v, unnest((SELECT range_agg(m.r) FROM recordings rec,
			LATERAL recording_media_ranges(rec.id) m(r)
			WHERE rec.reservation_id = p_resv
			  AND (p_box IS NULL OR rec.box_id = p_box))
			* multirange(v.booked)) x
	), f AS (
		SELECT count(*) FILTER (WHERE m.on_central) AS central,
			count(*) FILTER (WHERE m.on_central
				AND m.probed_at IS NULL) AS waiting
		FROM recordings rec JOIN media_files m ON m.recording_id = rec.id
		WHERE rec.reservation_id = p_resv
		  AND (p_box IS NULL OR rec.box_id = p_box)
		  AND m.kind IN ('mp4', 'other')
	), b AS (
		SELECT round(extract(epoch FROM upper(v.booked) - lower(v.booked)))
			::bigint AS s FROM v
	)
	SELECT b.s, round(c.s)::bigint,
		CASE WHEN b.s > 0 THEN round(100 * c.s / b.s, 1) END,
		f.central > 0 AND f.waiting = 0,
		f.central > 0 AND f.waiting = 0 AND b.s > 0
			AND 100 * c.s >= b.s * (SELECT coverage_pct
				FROM operations_settings)
	FROM b, c, f
$$;

-- Each session the contract counts for a box in a calendar year
-- (Europe/Paris): the reservations of its room with rec that ended
-- while the box was registered, not falling in a confirmed outage of
-- the box from the moment its repair started until it was restored;
-- recorded when its media cover the threshold (reservation_coverage).
-- excluded: in an outage (listed, not counted).
CREATE OR REPLACE FUNCTION recording_rate_sessions(p_year integer)
RETURNS TABLE (box_id bigint, reservation_id bigint, month integer,
	excluded boolean, recorded boolean, pct numeric)
LANGUAGE sql STABLE AS $$
	SELECT b.id, v.id,
		extract(month FROM v.starts_at AT TIME ZONE 'Europe/Paris')::int,
		EXISTS (SELECT 1 FROM box_outages o
			WHERE o.box_id = b.id AND o.status = 'confirmed'
			  AND o.repair_started_at IS NOT NULL
			  AND tstzrange(o.repair_started_at, o.restored_at) &&
			      tstzrange(v.starts_at, v.ends_at
			      + make_interval(mins => v.overtime_minutes))),
		c.complete, c.pct
	FROM boxes b
	JOIN reservations v ON v.room_id = b.room_id AND v.rec
	CROSS JOIN LATERAL reservation_coverage(v.id, b.id) c
	WHERE v.starts_at >= b.created_at
	  AND v.ends_at + make_interval(mins => v.overtime_minutes) < now()
	  AND v.starts_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0,
		'Europe/Paris')
	  AND v.starts_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0,
		'Europe/Paris')
$$;

-- A rate (or a share) as people read it: "98,5" in French, "98.5" in
-- English (one decimal).
CREATE OR REPLACE FUNCTION fm_pct(x numeric, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN NULL WHEN lang = 'en'
		THEN to_char(round(x, 1), 'FM990.0')
		ELSE replace(to_char(round(x, 1), 'FM990.0'), '.', ',') END
$$;

-- Recording rate of one box over a calendar year: the sessions counted
-- (not excluded) and those recorded.
CREATE OR REPLACE FUNCTION box_recording_rate(p_box bigint, p_year integer)
RETURNS TABLE (scheduled bigint, recorded bigint, rate numeric)
LANGUAGE sql STABLE AS $$
	SELECT count(*), count(*) FILTER (WHERE s.recorded),
		CASE WHEN count(*) > 0 THEN round(100.0
			* count(*) FILTER (WHERE s.recorded) / count(*), 1) END
	FROM recording_rate_sessions(p_year) s
	WHERE s.box_id = p_box AND NOT s.excluded
$$;

-- Proposes an outage for each box that is silent (no heartbeat for
-- 2 minutes) or in error while a reservation of its room with rec runs
-- (started at least 2 minutes ago): once per box and reservation, and
-- not while the box already has an outage open (proposed or confirmed,
-- not restored).  Returns the proposals made.
CREATE OR REPLACE FUNCTION box_outages_propose()
RETURNS TABLE (outage_id bigint, box_id bigint, reservation_id bigint,
	reason text)
LANGUAGE sql AS $$
	INSERT INTO box_outages AS o (box_id, detected_at, status, reason,
		reservation_id, note, created_by)
	SELECT b.id, now(), 'proposed',
		CASE WHEN b.last_heartbeat IS NULL
			OR b.last_heartbeat < now() - interval '2 minutes'
			THEN 'silent' ELSE 'error' END,
		v.id, '', 'system'
	FROM boxes b
	JOIN reservations v ON v.room_id = b.room_id AND v.rec
	WHERE b.active
	  AND v.starts_at <= now() - interval '2 minutes'
	  AND v.ends_at + make_interval(mins => v.overtime_minutes) > now()
	  AND v.starts_at >= b.created_at
	  AND (b.last_heartbeat IS NULL
	       OR b.last_heartbeat < now() - interval '2 minutes'
	       OR b.state = 'error')
	  AND NOT EXISTS (SELECT 1 FROM box_outages x
		WHERE x.box_id = b.id AND x.status <> 'dismissed'
		  AND x.restored_at IS NULL)
	  AND NOT EXISTS (SELECT 1 FROM box_outages x
		WHERE x.box_id = b.id AND x.reservation_id = v.id)
	ON CONFLICT DO NOTHING
	RETURNING o.id, o.box_id, o.reservation_id, o.reason
$$;
