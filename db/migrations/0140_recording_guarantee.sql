-- 0140_recording_guarantee: what the contract's 98 % guarantee needs
-- (docs/operations.md, "The recording guarantee"): the real duration of
-- each media file, measured by the central server itself (fm-media
-- probe, ffprobe: a box's word is not proof), the report's settings, and
-- box outages that staff declare or confirm, with the moment repair
-- started (the count pauses from then until the box is restored).

-- probed_ms: what ffprobe read from the file in the central store;
-- probed_at: when (NULL: still to measure); probe_error: why it could
-- not (the file then covers nothing).
ALTER TABLE media_files
	ADD COLUMN probed_ms bigint CHECK (probed_ms >= 0),
	ADD COLUMN probed_at timestamptz,
	ADD COLUMN probe_error text CHECK (char_length(probe_error) <= 500);
CREATE INDEX media_files_unprobed_idx ON media_files (id)
	WHERE on_central AND probed_at IS NULL;

-- A file that changes in the store (an upload finished, a new path) is
-- measured again.
CREATE FUNCTION media_files_reprobe() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.path IS DISTINCT FROM OLD.path
	   OR NEW.sha256 IS DISTINCT FROM OLD.sha256
	   OR NEW.on_central IS DISTINCT FROM OLD.on_central THEN
		NEW.probed_ms := NULL;
		NEW.probed_at := NULL;
		NEW.probe_error := NULL;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER media_files_reprobe BEFORE UPDATE ON media_files
	FOR EACH ROW EXECUTE FUNCTION media_files_reprobe();

-- The settings of the recording report, one row: a session counts as
-- recorded when its media cover at least coverage_pct % of its booked
-- time; guarantee_pct is the contract's line.
CREATE TABLE operations_settings (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	coverage_pct integer NOT NULL DEFAULT 90
		CHECK (coverage_pct BETWEEN 1 AND 100),
	guarantee_pct numeric(5,2) NOT NULL DEFAULT 98
		CHECK (guarantee_pct > 0 AND guarantee_pct <= 100),
	updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO operations_settings DEFAULT VALUES;
-- The threshold decides which recordings are "incomplete" on the portal
-- page, kept under the media counter (0020_portal).
CREATE TRIGGER operations_settings_media AFTER UPDATE ON operations_settings
	FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('media');

-- Outages: detected_at (was starts_at), repair_started_at (the count
-- pauses from then), restored_at (was ends_at; NULL while broken).  The
-- server proposes an outage (status proposed, reason, the reservation it
-- saw missed) when a box is silent or in error during a reservation with
-- recording; staff confirm it (with the repair's start) or dismiss it.
-- Outages declared before this migration were counted from their start:
-- they keep that as their repair's start.
ALTER TABLE box_outages RENAME COLUMN starts_at TO detected_at;
ALTER TABLE box_outages RENAME COLUMN ends_at TO restored_at;
ALTER TABLE box_outages
	ADD COLUMN repair_started_at timestamptz,
	ADD COLUMN status text NOT NULL DEFAULT 'confirmed'
		CHECK (status IN ('proposed', 'confirmed', 'dismissed')),
	ADD COLUMN reason text CHECK (reason IN ('silent', 'error')),
	ADD COLUMN reservation_id bigint REFERENCES reservations (id)
		ON DELETE SET NULL,
	ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
	ADD COLUMN created_by text NOT NULL DEFAULT 'system',
	ADD COLUMN decided_at timestamptz,
	ADD COLUMN decided_by text;
UPDATE box_outages SET repair_started_at = detected_at;
ALTER TABLE box_outages
	ADD CONSTRAINT box_outages_repair CHECK (repair_started_at IS NULL
		OR (repair_started_at >= detected_at
		    AND (restored_at IS NULL OR repair_started_at < restored_at)));
CREATE INDEX box_outages_box_idx ON box_outages (box_id, detected_at DESC);
-- One proposal per box and missed reservation, even once dismissed.
CREATE UNIQUE INDEX box_outages_proposal_key ON box_outages
	(box_id, reservation_id) WHERE reservation_id IS NOT NULL;
