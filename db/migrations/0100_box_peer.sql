-- 0100_box_peer: a box is an untrusted peer (issue 13).  Its token can be
-- copied from its disk, so what a box sends is checked here too, not only
-- in focusd: a box makes recordings, and reports reservations, of its own
-- room only; the address it reports for its local downloads is a plain
-- http(s) URL; the files it uploads are named after their kind; a live
-- push carries the expiry of the signature it was accepted with.

-- Recordings a box makes (box_key: the box's own name of a recording)
-- are of reservations of its room.  Recordings registered by an operator
-- (fm-media) and the ones staff move to another reservation are theirs to
-- decide.
CREATE FUNCTION recordings_box_room() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.box_key IS NOT NULL AND NEW.box_id IS NOT NULL THEN
		PERFORM box_reservation(NEW.box_id, NEW.reservation_id);
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER recordings_box_room BEFORE INSERT ON recordings
	FOR EACH ROW EXECUTE FUNCTION recordings_box_room();

-- The box's local address ends up in a Location header (staff's on-site
-- download links): scheme, host (name, IPv4 or [IPv6]), optional port and
-- path, printable ASCII only (focusd parses it the same way).
UPDATE boxes SET local_url = NULL
WHERE local_url !~ '^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[!-~]*)?$';
ALTER TABLE boxes ADD CONSTRAINT boxes_local_url CHECK (local_url
	~ '^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[!-~]*)?$');

-- A live push is accepted with a signature that expires (linksign.h):
-- on_update ends the push once it has.
ALTER TABLE live_sessions ADD COLUMN sig_expires timestamptz;

-- on_publish's candidates gain the end of the reservation's window: their
-- result type changes, so the old function goes (db/functions/live.sql
-- makes the new one after the migrations).
DROP FUNCTION IF EXISTS live_publish_candidates(text);
