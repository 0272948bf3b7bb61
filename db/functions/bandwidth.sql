-- Bandwidth at the 95th percentile (docs/operations.md).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Adds bytes to the 5-minute sample of at (the slot it falls in).
CREATE OR REPLACE FUNCTION bandwidth_add(p_at timestamptz, p_class text,
	p_out bigint, p_in bigint) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO bandwidth_samples AS s (at, class, bytes_out, bytes_in)
	VALUES (to_timestamp(floor(extract(epoch FROM p_at) / 300) * 300),
		p_class, p_out, p_in)
	ON CONFLICT (at, class) DO UPDATE
	SET bytes_out = s.bytes_out + EXCLUDED.bytes_out,
	    bytes_in = s.bytes_in + EXCLUDED.bytes_in
$$;

-- Every 5-minute slot of a calendar month (Europe/Paris) that has begun,
-- with its rate in Mbit/s: the greater of what was sent and what was
-- received, all classes together (a slot without traffic is 0).
CREATE OR REPLACE FUNCTION bandwidth_month_slots(p_month date)
RETURNS TABLE (at timestamptz, mbps_out numeric, mbps_in numeric, mbps numeric)
LANGUAGE sql STABLE AS $$
	WITH m AS (
		SELECT (date_trunc('month', p_month)::timestamp AT TIME ZONE 'Europe/Paris') AS a,
			((date_trunc('month', p_month) + interval '1 month')::timestamp
			 AT TIME ZONE 'Europe/Paris') AS b
	), slots AS (
		SELECT g AS at FROM m, generate_series(m.a, least(m.b - interval '5 minutes', now()),
			interval '5 minutes') g
	)
	SELECT sl.at,
		round(coalesce(sum(s.bytes_out), 0) * 8 / 300.0 / 1e6, 3),
		round(coalesce(sum(s.bytes_in), 0) * 8 / 300.0 / 1e6, 3),
		round(greatest(coalesce(sum(s.bytes_out), 0), coalesce(sum(s.bytes_in), 0))
			* 8 / 300.0 / 1e6, 3)
	FROM slots sl LEFT JOIN bandwidth_samples s ON s.at = sl.at
	GROUP BY sl.at ORDER BY sl.at
$$;

-- A month's bill: the 95th percentile of its slots (the slot below which
-- 95 % of them lie: the top 5 % are not billed), the floor, what is above
-- it and its price; per class, the month's bytes.
CREATE OR REPLACE FUNCTION bandwidth_month(p_month date)
RETURNS TABLE (slots bigint, p95 numeric, peak numeric, floor_mbps numeric,
	overage numeric, price_per_mbps numeric, amount numeric)
LANGUAGE sql STABLE AS $$
	WITH x AS (
		SELECT count(*) AS n,
			percentile_disc(0.95) WITHIN GROUP (ORDER BY mbps) AS p95,
			max(mbps) AS peak
		FROM bandwidth_month_slots(p_month)
	), st AS (SELECT bandwidth_floor_mbps AS f, bandwidth_price AS p
		FROM operations_settings)
	SELECT x.n, coalesce(x.p95, 0), coalesce(x.peak, 0), st.f,
		greatest(coalesce(x.p95, 0) - st.f, 0), st.p,
		round(greatest(coalesce(x.p95, 0) - st.f, 0) * st.p, 2)
	FROM x, st
$$;
