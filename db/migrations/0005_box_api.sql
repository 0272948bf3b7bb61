-- 0005_box_api: what the box API (docs/box-api.md) and the /boxes pages
-- add to the tables of 0004_recordings: the boxes' last heartbeat and
-- download-link key, the heartbeat history, the stream keys of live
-- reservations, the box's own name of each recording and its parts, and
-- the recording rate the contract promises (98% of sessions a year).

-- link_key, derived from the token when it is shown (common/linksign.h),
-- signs the local download links the box serves; the token itself is
-- never kept.  heartbeat: the last one as sent.
ALTER TABLE boxes
	ADD COLUMN link_key text CHECK (link_key ~ '^[0-9a-f]{64}$'),
	ADD COLUMN last_heartbeat timestamptz,
	ADD COLUMN reservation_id bigint REFERENCES reservations (id)
		ON DELETE SET NULL,
	ADD COLUMN disk_free_mb bigint,
	ADD COLUMN local_url short_text,
	ADD COLUMN heartbeat jsonb;

-- Heartbeat history, kept a week (pruned as heartbeats arrive).
CREATE TABLE box_heartbeats (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	box_id bigint NOT NULL REFERENCES boxes (id) ON DELETE CASCADE,
	at timestamptz NOT NULL DEFAULT now(),
	state text NOT NULL,
	reservation_id bigint,
	body jsonb NOT NULL
);
CREATE INDEX box_heartbeats_box_idx ON box_heartbeats (box_id, at);

-- The RTMP stream name of a live reservation: random, made when a box's
-- schedule first lists it; nginx-rtmp's on_publish checks it (live issue).
CREATE TABLE live_streams (
	reservation_id bigint PRIMARY KEY REFERENCES reservations (id)
		ON DELETE CASCADE,
	stream_key text NOT NULL UNIQUE
		DEFAULT 'r' || replace(gen_random_uuid()::text, '-', '')
		CHECK (stream_key ~ '^[A-Za-z0-9_-]{16,64}$')
);

-- box_key is the box's name of a recording: the box's events are
-- idempotent on (box_id, box_key).  While the box records (open), ends_at
-- follows its heartbeats; the "stopped" event sets it.
ALTER TABLE recordings
	ADD COLUMN box_key text CHECK (box_key ~ '^[A-Za-z0-9_-]{1,64}$'),
	ADD COLUMN parts integer NOT NULL DEFAULT 0 CHECK (parts >= 0),
	ADD COLUMN open boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX recordings_box_key ON recordings (box_id, box_key)
	WHERE box_key IS NOT NULL;

-- Each ffmpeg run of a recording (more than one: ffmpeg was restarted).
CREATE TABLE recording_parts (
	recording_id bigint NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
	part integer NOT NULL CHECK (part BETWEEN 1 AND 1000),
	starts_at timestamptz NOT NULL,
	path text NOT NULL,
	PRIMARY KEY (recording_id, part)
);

-- A media file is reported once per path (the box may send it again).
ALTER TABLE media_files
	ADD COLUMN duration_ms bigint CHECK (duration_ms >= 0);
CREATE UNIQUE INDEX media_files_path_key ON media_files (recording_id, path);

-- Periods when a box was known broken and being repaired: the contract
-- stops counting for the box meanwhile.
CREATE TABLE box_outages (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	box_id bigint NOT NULL REFERENCES boxes (id) ON DELETE CASCADE,
	starts_at timestamptz NOT NULL,
	ends_at timestamptz,
	note short_text NOT NULL DEFAULT '',
	CHECK (ends_at IS NULL OR ends_at > starts_at)
);
