-- 0208_media_pending: the files each box still has to upload, for the
-- boxes page (few, whatever the number of recordings).
CREATE INDEX media_files_pending_idx ON media_files (recording_id)
	WHERE on_box AND NOT on_central;
