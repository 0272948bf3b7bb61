-- 0020_portal: what the videos pages and the sponsors' portal need (issue
-- 5, DESIGN.md sections 3 and 5): the three accounts of each order and
-- their sessions, the files shared on an order, the download log that
-- nginx's own log completes, the mail outbox, and a note and an audit
-- trail on recordings.

-- ---------------------------------------------------------------------
-- Order accounts: user (U<order>), client (C<order>), live (L<order>).
-- Every order has its three, made with it; an account without a password
-- cannot log in.  The password is random, shown once, kept hashed
-- (yescrypt).  valid_until is exclusive (the day after the last day).
CREATE TABLE order_accounts (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('user', 'client', 'live')),
	login text NOT NULL UNIQUE,
	password_hash text,
	password_changed_at timestamptz,
	valid_from timestamptz NOT NULL,
	valid_until timestamptz NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (order_id, kind),
	CONSTRAINT order_accounts_login CHECK (login = upper(left(kind, 1)) || order_id),
	CONSTRAINT order_accounts_validity CHECK (valid_until > valid_from)
);

-- A staff login may not look like an order account's (U123, c42...):
-- the login form tells them apart by their shape.  NOT VALID: rows that
-- exist are not checked, new ones are.
ALTER TABLE staff_users ADD CONSTRAINT staff_users_not_account_login
	CHECK (login !~* '^[ucl][0-9]+$') NOT VALID;

-- By default an account works from the day it is made for 13 weeks.
CREATE FUNCTION orders_make_accounts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO order_accounts (order_id, kind, login, valid_from, valid_until)
	SELECT NEW.id, k, upper(left(k, 1)) || NEW.id,
		current_date::timestamptz, (current_date + 91)::timestamptz
	FROM unnest(ARRAY['user', 'client', 'live']) AS k;
	RETURN NULL;
END;
$$;
CREATE TRIGGER orders_accounts AFTER INSERT ON orders
	FOR EACH ROW EXECUTE FUNCTION orders_make_accounts();

INSERT INTO order_accounts (order_id, kind, login, valid_from, valid_until)
SELECT o.id, k, upper(left(k, 1)) || o.id,
	current_date::timestamptz, (current_date + 91)::timestamptz
FROM orders o CROSS JOIN unnest(ARRAY['user', 'client', 'live']) AS k;

-- Sessions belong to a staff user or to an order account.
ALTER TABLE sessions
	ADD COLUMN order_account_id bigint REFERENCES order_accounts (id) ON DELETE CASCADE,
	ADD CONSTRAINT sessions_one_owner
		CHECK ((staff_user_id IS NULL) <> (order_account_id IS NULL));
CREATE INDEX sessions_order_account_idx ON sessions (order_account_id);

-- A new password (password_changed_at moves) or none ends the account's
-- sessions, whichever program changes it.  A re-hash of the same password
-- at login leaves password_changed_at alone, and the sessions too.
CREATE FUNCTION order_accounts_end_sessions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM sessions WHERE order_account_id = NEW.id;
	RETURN NULL;
END;
$$;
CREATE TRIGGER order_accounts_password AFTER UPDATE ON order_accounts
	FOR EACH ROW WHEN (OLD.password_changed_at IS DISTINCT FROM NEW.password_changed_at
		OR (NEW.password_hash IS NULL AND OLD.password_hash IS NOT NULL))
	EXECUTE FUNCTION order_accounts_end_sessions();

-- ---------------------------------------------------------------------
-- Recordings: a note staff may add ("Infos"), and who changed what.
ALTER TABLE recordings ADD COLUMN info short_text;

-- What happened to recordings (kept after they are deleted): who added,
-- edited the times of, moved or deleted one, on which order.
CREATE TABLE recording_events (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	recording_id bigint NOT NULL,
	order_id bigint REFERENCES orders (id) ON DELETE CASCADE,
	at timestamptz NOT NULL DEFAULT now(),
	who text NOT NULL,
	action text NOT NULL CHECK (action IN ('add', 'edit', 'move', 'delete')),
	summary text NOT NULL
);
CREATE INDEX recording_events_order_idx ON recording_events (order_id, at DESC);

-- ---------------------------------------------------------------------
-- Files shared on an order (portal "Fichiers", staff /orders/{id}/files).
-- The bytes live in the media store under path (made from the order and
-- the file's id, never from the name the uploader gave); name is only
-- shown and offered back at download.
CREATE TABLE order_files (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200
		AND name !~ '[/\\[:cntrl:]]' AND name NOT IN ('.', '..')),
	path text GENERATED ALWAYS AS ('files/' || order_id || '/' || id) STORED,
	bytes bigint NOT NULL CHECK (bytes >= 0),
	content_type text NOT NULL,
	sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	uploaded_by text NOT NULL,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_files_order_idx ON order_files (order_id, created_at DESC);

-- ---------------------------------------------------------------------
-- Downloads.  focusd writes a row when it lets a request through to nginx
-- (X-Accel-Redirect); nginx logs each transfer with the row's id, and
-- fm-downloads imports those lines (download_transfers) and fills
-- bytes_sent, ended_at and status.  The requests of one session for one
-- file in one mode within 15 minutes of each other (a player's range
-- requests, a resumed download) share a row.  The log outlives the media
-- it names: media_file_id has no foreign key.
CREATE TABLE download_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint REFERENCES orders (id) ON DELETE CASCADE,
	media_file_id bigint NOT NULL,
	media_kind text NOT NULL,
	recording_label text,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	login text NOT NULL,
	session_id bigint,
	mode text NOT NULL CHECK (mode IN ('download', 'watch')),
	started_at timestamptz NOT NULL DEFAULT now(),
	last_request_at timestamptz NOT NULL DEFAULT now(),
	ended_at timestamptz,
	requests integer NOT NULL DEFAULT 1,
	transfers integer NOT NULL DEFAULT 0,
	ip inet,
	user_agent text,
	bytes_sent bigint NOT NULL DEFAULT 0,
	bytes_total bigint,
	status text NOT NULL DEFAULT 'in_progress'
		CHECK (status IN ('in_progress', 'incomplete', 'complete'))
);
CREATE INDEX download_log_order_idx ON download_log (order_id, started_at DESC);
CREATE INDEX download_log_reuse_idx ON download_log (session_id, media_file_id, mode, last_request_at);
CREATE INDEX download_log_open_idx ON download_log (last_request_at) WHERE status = 'in_progress';

-- One line of nginx's download log.  request_id is nginx's $request_id:
-- importing the same line twice counts it once.
CREATE TABLE download_transfers (
	request_id text PRIMARY KEY CHECK (request_id ~ '^[0-9a-f]{32}$'),
	download_id bigint NOT NULL REFERENCES download_log (id) ON DELETE CASCADE,
	at timestamptz NOT NULL,
	status smallint NOT NULL,
	bytes_sent bigint NOT NULL CHECK (bytes_sent >= 0),
	seconds numeric(12,3),
	completed boolean NOT NULL,
	range text
);
CREATE INDEX download_transfers_download_idx ON download_transfers (download_id);

-- Where the import stopped in each log file (inode and byte position).
CREATE TABLE download_import_state (
	log_path text PRIMARY KEY,
	inode bigint NOT NULL,
	position bigint NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------
-- Mail.  focusd only writes rows; fm-mail (a timer) hands each to the
-- sendmail-compatible Mail.Command, and on failure tries again later
-- (1, 2, 4... minutes) until Mail.MaxAttempts.  Nothing is lost when the
-- command fails: the row stays, with the error, for staff to see.  redact
-- lists secrets (passwords) in the body, replaced by asterisks once the
-- message is sent or cancelled.
CREATE TABLE outbox (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	"to" text NOT NULL CHECK ("to" ~ '^[^@[:space:][:cntrl:]<>,;"]+@[^@[:space:][:cntrl:]<>,;"]+$'),
	subject text NOT NULL CHECK (char_length(subject) <= 300 AND subject !~ '[[:cntrl:]]'),
	body text NOT NULL CHECK (char_length(body) <= 20000),
	status text NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
	attempts integer NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL DEFAULT now(),
	last_error text,
	order_id bigint REFERENCES orders (id) ON DELETE SET NULL,
	account_id bigint REFERENCES order_accounts (id) ON DELETE SET NULL,
	redact text[],
	created_by text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	claimed_at timestamptz,
	sent_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_order_idx ON outbox (order_id, created_at DESC);
CREATE INDEX outbox_status_idx ON outbox (status, created_at DESC);

-- ---------------------------------------------------------------------
-- The media change counter (recordings, media files): part of the portal
-- page's version (portal_version(), db/functions/portal.sql).
INSERT INTO change_counters (topic) VALUES ('media');
CREATE TRIGGER recordings_media AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON recordings FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('media');
CREATE TRIGGER media_files_media AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON media_files FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('media');
