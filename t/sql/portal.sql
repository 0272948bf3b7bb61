-- pgTAP: order accounts and their sessions, the download log functions,
-- the outbox's back-off and redaction, recording changes and their events.
BEGIN;
SELECT plan(39);

SELECT has_table('order_accounts');
SELECT has_table('order_files');
SELECT has_table('download_log');
SELECT has_table('download_transfers');
SELECT has_table('outbox');
SELECT has_table('recording_events');
SELECT has_function('download_begin');
SELECT has_function('download_log_refresh', ARRAY['bigint']);
SELECT has_function('outbox_claim');

SET TimeZone = 'Europe/Paris';
INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Site P');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 900, 'Salle P');
INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Acme'), (901, 'Other');
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate)
	OVERRIDING SYSTEM VALUE VALUES (900, 'Journée', 'Day', 'day', '09:00', '18:00', 850, 20);
INSERT INTO orders (id, company_id) OVERRIDING SYSTEM VALUE VALUES (900, 900), (901, 901);

-- Accounts.
SELECT is(ARRAY(SELECT login FROM order_accounts WHERE order_id = 900 ORDER BY login),
	ARRAY['C900', 'L900', 'U900'], 'an order is made with its three accounts');
SELECT ok((SELECT bool_and(password_hash IS NULL) FROM order_accounts WHERE order_id = 900),
	'without a password');
SELECT throws_ok($$INSERT INTO order_accounts (order_id, kind, login, valid_from, valid_until)
	VALUES (901, 'user', 'U900', now(), now() + interval '1 day')$$, '23514', NULL,
	'a login is its kind''s letter and its order''s number');
SELECT throws_ok($$UPDATE order_accounts SET valid_until = valid_from WHERE login = 'U900'$$,
	'23514', NULL, 'a period ends after it starts');
SELECT throws_ok($$INSERT INTO staff_users (login, password_hash) VALUES ('c42', 'x')$$,
	'23514', NULL, 'a staff login cannot look like an order account''s');

UPDATE order_accounts SET password_hash = 'h1', password_changed_at = now() WHERE login = 'U900';
INSERT INTO sessions (token_hash, order_account_id, csrf_token, expires_at)
	SELECT sha256((login || g)::bytea), id, 'x', now() + interval '1 hour'
	FROM order_accounts, generate_series(10, 11) g WHERE login IN ('U900', 'C900');
UPDATE order_accounts SET password_hash = 'h1b' WHERE login = 'U900';
SELECT is((SELECT count(*)::int FROM sessions s JOIN order_accounts a ON a.id = s.order_account_id
	WHERE a.login = 'U900'), 2, 'a re-hash of the same password keeps the sessions');
UPDATE order_accounts SET password_hash = 'h2', password_changed_at = clock_timestamp()
	WHERE login = 'U900';
SELECT is((SELECT count(*)::int FROM sessions s JOIN order_accounts a ON a.id = s.order_account_id
	WHERE a.login = 'U900'), 0, 'a new password ends the account''s sessions');
SELECT is((SELECT count(*)::int FROM sessions s JOIN order_accounts a ON a.id = s.order_account_id
	WHERE a.login = 'C900'), 2, 'and only its own');
UPDATE order_accounts SET password_hash = 'h3' WHERE login = 'C900';
UPDATE order_accounts SET password_hash = NULL WHERE login = 'C900';
SELECT is((SELECT count(*)::int FROM sessions), 0, 'no password: no session');
SELECT throws_ok($$INSERT INTO sessions (token_hash, csrf_token, expires_at)
	VALUES ('\x00', 'x', now())$$, '23514', NULL, 'a session belongs to a staff user or an account');

-- Recordings, downloads.
INSERT INTO reservations (id, order_id, room_id, starts_at, ends_at, tariff_id) OVERRIDING SYSTEM VALUE
	VALUES (900, 900, 901, '2030-03-11 10:00', '2030-03-11 12:00', 900),
	       (901, 901, 901, '2030-03-12 10:00', '2030-03-12 12:00', 900);
INSERT INTO recordings (id, reservation_id, starts_at, ends_at) OVERRIDING SYSTEM VALUE
	VALUES (900, 900, '2030-03-11 10:05', '2030-03-11 11:55');
INSERT INTO media_files (id, recording_id, kind, path, bytes, on_central) OVERRIDING SYSTEM VALUE
	VALUES (900, 900, 'mp4', '2030/03/11/r900-mp4.mp4', 1000, true),
	       (901, 900, 'mp3', '2030/03/11/r900-mp3.mp3', 100, false);
SELECT is((SELECT count(*)::int FROM download_begin(900, 901, 'download', 1, 0, 0, 'C901', NULL, 'ua')),
	0, 'another order''s account gets nothing');
SELECT is((SELECT count(*)::int FROM download_begin(901, 900, 'download', 1, 0, 0, 'C900', NULL, 'ua')),
	0, 'nor a file not on the central server');
SELECT is((SELECT path || ' ' || bytes || ' ' || file_name FROM download_begin(900, 900, 'download', 1, 0, 0,
	'C900', '10.0.0.1', 'ua')), '2030/03/11/r900-mp4.mp4 1000 order900-2030-03-11_1005-900.mp4',
	'the order''s account gets its file');
SELECT is((SELECT download_id FROM download_begin(900, 0, 'download', 1, 0, 0, 'C900', NULL, 'ua')),
	(SELECT max(id) FROM download_log), 'the same session''s next request shares the entry');
SELECT is((SELECT requests FROM download_log), 2, 'counting its requests');
INSERT INTO download_transfers (request_id, download_id, at, status, bytes_sent, completed)
	SELECT repeat('a', 32), max(id), now(), 200, 400, false FROM download_log;
SELECT download_log_refresh(max(id)) FROM download_log;
SELECT is((SELECT status || ' ' || bytes_sent FROM download_log), 'in_progress 400',
	'a request not logged yet: in progress');
INSERT INTO download_transfers (request_id, download_id, at, status, bytes_sent, completed, range)
	SELECT repeat('b', 32), max(id), now(), 206, 600, true, 'bytes=400-' FROM download_log;
SELECT download_log_refresh(max(id)) FROM download_log;
SELECT is((SELECT status || ' ' || bytes_sent FROM download_log), 'complete 1000',
	'the rest resumed: complete');
INSERT INTO download_transfers (request_id, download_id, at, status, bytes_sent, completed)
	SELECT repeat('c', 32), max(id), now(), 404, 150, true FROM download_log;
SELECT download_log_refresh(max(id)) FROM download_log;
SELECT is((SELECT bytes_sent FROM download_log), 1000::bigint, 'an error answer''s bytes do not count');

-- Recording changes.
SELECT is(recording_edit(900, '2030-03-11', '10:10', '11:50', 'Groupe 1', 'marie'), 900::bigint,
	'edit: returns the order');
SELECT is((SELECT times_edited FROM recordings WHERE id = 900), true, 'times edited by hand');
SELECT is((SELECT old_order || '>' || new_order FROM recording_move(900, 901, 'marie')), '900>901',
	'move to another order''s reservation');
SELECT is((SELECT count(*)::int FROM recording_events WHERE recording_id = 900 AND action = 'move'), 2,
	'the move is in both orders'' events');
SELECT is((SELECT count(*)::int FROM recording_delete(900, 900, 'U900')), 0,
	'the first order''s account can no longer delete it');
SELECT is(ARRAY(SELECT coalesce(path, '-') FROM recording_delete(900, 901, 'U901')),
	ARRAY['-', '2030/03/11/r900-mp4.mp4'], 'its new order''s can: the files to remove (central only)');
SELECT is((SELECT count(*)::int FROM media_files WHERE recording_id = 900), 0, 'the media rows went with it');

-- Outbox.
INSERT INTO outbox ("to", subject, body, redact, created_by)
	VALUES ('a@b.example', 'Codes', 'Mot de passe : Secret1', ARRAY['Secret1'], 'marie');
SELECT is((SELECT status || ' ' || attempts FROM outbox_claim()), 'sending 1', 'claimed for sending');
SELECT is((SELECT count(*)::int FROM outbox_claim()), 0, 'a message is claimed once');
SELECT is(outbox_failed(max(id), 'exit 75', 3), 'pending', 'a failure: pending again') FROM outbox;
SELECT ok((SELECT next_attempt_at BETWEEN now() + interval '59 seconds' AND now() + interval '61 seconds'
	FROM outbox), 'after a minute');
SELECT outbox_sent(max(id)) FROM outbox;
SELECT is((SELECT status || ' ' || body FROM outbox), 'sent Mot de passe : ********',
	'sent: the password is blanked');

SELECT * FROM finish();
ROLLBACK;
