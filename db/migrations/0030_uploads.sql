-- 0030_uploads: the boxes' uploads of their finished files to the central
-- media store (issue 7, docs/box-api.md "Uploads", docs/upload.md).
--
-- A media file reported by a box (its "file" event) has the box's path,
-- relative to the box's media folder.  Once uploaded and verified it is
-- in the central store: path becomes the store's path (media/YYYY/MM/DD/
-- ...), on_central true, and box_path keeps the box's own name for the
-- on-site download links and the box's later calls, until the box says it
-- deleted its copy (on_box false).

ALTER TABLE media_files
	ADD COLUMN box_path text CHECK (box_path <> ''
		AND box_path !~ '(^|/)\.\.(/|$)' AND box_path !~ '^/'),
	ADD COLUMN verified_at timestamptz;
-- Rows made by the boxes' events so far name the box's file in path.
UPDATE media_files SET box_path = path WHERE on_box AND NOT on_central;
-- A box reports each of its files once per recording (events repeat).
CREATE UNIQUE INDEX media_files_box_path_key ON media_files (recording_id, box_path)
	WHERE box_path IS NOT NULL;

-- One row per media file a box started to upload.  The partial file
-- (Uploads.Dir/<media_file_id>.part) is the truth for the offset: its
-- size; received follows it for the staff pages.  bytes_in counts every
-- chunk byte focusd was handed for this file, appended or refused (a
-- chunk at a wrong offset, a full disk), so that bytes_in - bytes is what
-- was sent twice; restarts counts partial files thrown away because the
-- finished file did not have the SHA-256 the box reported.
CREATE TABLE media_uploads (
	media_file_id bigint PRIMARY KEY REFERENCES media_files (id) ON DELETE CASCADE,
	box_id bigint NOT NULL REFERENCES boxes (id) ON DELETE CASCADE,
	received bigint NOT NULL DEFAULT 0 CHECK (received >= 0),
	bytes_in bigint NOT NULL DEFAULT 0 CHECK (bytes_in >= 0),
	chunks integer NOT NULL DEFAULT 0 CHECK (chunks >= 0),
	restarts integer NOT NULL DEFAULT 0 CHECK (restarts >= 0),
	started_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	finished_at timestamptz,
	last_error text CHECK (char_length(last_error) <= 500)
);
CREATE INDEX media_uploads_box_idx ON media_uploads (box_id, updated_at DESC);

-- The box's last upload call that went well, and the last one that
-- failed on the central side (a full disk): /boxes shows it in red until
-- an upload works again.
ALTER TABLE boxes
	ADD COLUMN upload_at timestamptz,
	ADD COLUMN upload_error text CHECK (char_length(upload_error) <= 500),
	ADD COLUMN upload_error_at timestamptz;
