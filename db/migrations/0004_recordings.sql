-- 0004_recordings: the boxes that record each room, the recordings they
-- make of reservations, and the media files of each recording.  The box
-- agent (fm-box), the uploader, the videos pages and the portal all build
-- on these three tables (DESIGN.md section 3); each adds its own columns
-- and tables in later migrations.

-- One recording box per room (a spare may wait unassigned).  The token is
-- shown once at registration; only its SHA-256 is kept.
CREATE TABLE boxes (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	room_id bigint REFERENCES rooms (id) ON DELETE RESTRICT,
	name short_text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	token_hash bytea NOT NULL UNIQUE,
	active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen timestamptz,
	state text CHECK (state IN ('idle', 'recording', 'encoding', 'uploading', 'error')),
	version short_text
);
CREATE UNIQUE INDEX boxes_room_key ON boxes (room_id) WHERE active AND room_id IS NOT NULL;

-- A recording of (part of) a reservation.  Its times are those of the
-- media; staff may correct them (times_edited).  A reservation that has
-- recordings cannot be deleted: move or delete the recordings first.
CREATE TABLE recordings (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE RESTRICT,
	box_id bigint REFERENCES boxes (id) ON DELETE SET NULL,
	starts_at timestamptz NOT NULL,
	ends_at timestamptz NOT NULL,
	times_edited boolean NOT NULL DEFAULT false,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT recordings_times CHECK (ends_at > starts_at)
);
CREATE INDEX recordings_reservation_idx ON recordings (reservation_id, starts_at);
CREATE INDEX recordings_starts_idx ON recordings (starts_at);

-- The files of a recording: the MP4 (H.264/AAC, room left, translation
-- right), the stereo MP3, the two mono MP3s, other formats.  path is
-- relative to the media store (central) or to the box's recording folder
-- (while only on the box); sha256 is hex.
CREATE TABLE media_files (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	recording_id bigint NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('mp4', 'mp3', 'mp3_room', 'mp3_trad', 'other')),
	path text NOT NULL CHECK (path <> '' AND path !~ '(^|/)\.\.(/|$)' AND path !~ '^/'),
	bytes bigint CHECK (bytes >= 0),
	sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	on_box boolean NOT NULL DEFAULT false,
	on_central boolean NOT NULL DEFAULT false,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_files_recording_idx ON media_files (recording_id, kind);
