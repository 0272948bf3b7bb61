-- 0141_alerts: the alerts fm-alerts raises (docs/operations.md,
-- "Alerts"): one row per incident, open while its condition holds, with
-- the message sent to the staff recipients when it opened and the one
-- sent when it was resolved (through the outbox).
CREATE TABLE alerts (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	rule text NOT NULL CHECK (rule IN ('not_recording', 'box_silent',
		'box_disk', 'central_disk', 'files_waiting', 'live_off_air',
		'backup', 'health_db', 'health_media', 'health_down')),
	-- what it is about: 'box:3', 'reservation:12', 'central'
	subject text NOT NULL CHECK (subject ~ '^[a-z_]+(:[0-9]+)?$'),
	summary text NOT NULL CHECK (char_length(summary) <= 300
		AND summary !~ '[[:cntrl:]]'),
	opened_at timestamptz NOT NULL DEFAULT now(),
	seen_at timestamptz NOT NULL DEFAULT now(),
	resolved_at timestamptz
);
-- One open incident per rule and subject.
CREATE UNIQUE INDEX alerts_open_key ON alerts (rule, subject)
	WHERE resolved_at IS NULL;
CREATE INDEX alerts_opened_idx ON alerts (opened_at DESC);

-- The alert a message of the outbox tells about.
ALTER TABLE outbox ADD COLUMN alert_id bigint REFERENCES alerts (id)
	ON DELETE SET NULL;
CREATE INDEX outbox_alert_idx ON outbox (alert_id) WHERE alert_id IS NOT NULL;
