-- 0161_clips: clips and highlight reels (docs/videos.md, "Clips and
-- reels").  A clip is a part of a recording's MP4 cut without
-- re-encoding; a reel joins clips of one order.  Both are jobs of a queue
-- (clips.status) that `fm-media clips` works through outside focusd's
-- workers: a job claimed by a runner carries a lease (locked_until); a
-- runner killed in the middle leaves it running with a past lease, and
-- the next runner takes it again.  The result is a media file of the
-- recording (kind 'clip'): served through /download/{media} like the
-- recording's files, in the download log, and deleted with the
-- recording (recording_delete() removes every file of it).
ALTER TABLE media_files DROP CONSTRAINT media_files_kind_check;
ALTER TABLE media_files ADD CONSTRAINT media_files_kind_check
	CHECK (kind IN ('mp4', 'mp3', 'mp3_room', 'mp3_trad', 'other', 'clip'));

CREATE TABLE clips (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	-- a clip's recording; a reel's: its first clip's
	recording_id bigint NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('clip', 'reel')),
	name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100
		AND name !~ '[[:cntrl:]]'),
	-- a clip: its marks in the recording, milliseconds from its start
	start_ms bigint CHECK (start_ms >= 0),
	end_ms bigint,
	note_id bigint REFERENCES notes (id) ON DELETE SET NULL,
	status text NOT NULL DEFAULT 'queued'
		CHECK (status IN ('queued', 'running', 'done', 'failed')),
	attempts integer NOT NULL DEFAULT 0,
	run_after timestamptz NOT NULL DEFAULT now(),
	locked_until timestamptz,
	last_error text,
	media_file_id bigint REFERENCES media_files (id) ON DELETE SET NULL,
	duration_ms bigint,
	author text NOT NULL,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	finished_at timestamptz,
	CHECK (kind = 'reel' OR (start_ms IS NOT NULL AND end_ms > start_ms))
);
CREATE INDEX clips_order_idx ON clips (order_id, created_at);
CREATE INDEX clips_queue_idx ON clips (run_after) WHERE status IN ('queued', 'running');

-- The clips of a reel, in their order.
CREATE TABLE reel_clips (
	reel_id bigint NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
	position integer NOT NULL,
	clip_id bigint NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
	PRIMARY KEY (reel_id, position)
);
