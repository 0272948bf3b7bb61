-- 0142_bandwidth: the bytes the central server sends and receives, per
-- 5 minutes and per class, for the contract's 95th-percentile billing
-- (docs/operations.md, "Bandwidth at the 95th percentile"): fm-bandwidth
-- adds them from nginx's byte log and nginx-rtmp's statistics.
CREATE TABLE bandwidth_samples (
	at timestamptz NOT NULL CHECK (extract(epoch FROM at)::bigint % 300 = 0),
	class text NOT NULL CHECK (class IN ('pages', 'downloads', 'hls',
		'box_uploads', 'rtmp_in')),
	bytes_out bigint NOT NULL DEFAULT 0 CHECK (bytes_out >= 0),
	bytes_in bigint NOT NULL DEFAULT 0 CHECK (bytes_in >= 0),
	PRIMARY KEY (at, class)
);

-- Where each source was read up to: a log file (its inode and offset) or
-- a counter (nginx-rtmp's bytes_in: its last value).
CREATE TABLE bandwidth_sources (
	name text PRIMARY KEY,
	inode bigint,
	offset_bytes bigint NOT NULL DEFAULT 0,
	counter bigint,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- The contract: traffic above floor_mbps at the month's 95th percentile
-- is billed price_per_mbps (EUR) per Mbit/s.
ALTER TABLE operations_settings
	ADD COLUMN bandwidth_floor_mbps numeric(10,2) NOT NULL DEFAULT 100
		CHECK (bandwidth_floor_mbps >= 0),
	ADD COLUMN bandwidth_price numeric(12,2) NOT NULL DEFAULT 30
		CHECK (bandwidth_price >= 0);
