-- pgTAP: live viewing (0040_live.sql, db/functions/live.sql): who may push a stream key and
-- when, pushes on air, the chat's rate limit and muting, the portal's
-- version following the pushes.
BEGIN;
SELECT plan(21);

SELECT has_table('live_sessions');
SELECT has_table('chat_messages');
SELECT has_table('chat_mutes');
SELECT has_function('chat_post');
SELECT has_function('live_publish_candidates', ARRAY['text']);

INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Site L');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 900, 'Salle L'), (902, 900, 'Salle M');
INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (900, 'Acme');
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate)
	OVERRIDING SYSTEM VALUE VALUES (900, 'Journée', 'Day', 'day', '09:00', '18:00', 850, 20);
INSERT INTO orders (id, company_id) OVERRIDING SYSTEM VALUE VALUES (900, 900);
INSERT INTO reservations (id, order_id, room_id, starts_at, ends_at, tariff_id, live)
	OVERRIDING SYSTEM VALUE VALUES
	(900, 900, 901, now() - interval '10 minutes', now() + interval '1 hour', 900, true),
	(901, 900, 901, now() + interval '2 hours', now() + interval '3 hours', 900, true),
	(902, 900, 902, now() - interval '10 minutes', now() + interval '1 hour', 900, false);
INSERT INTO live_streams (reservation_id, stream_key) VALUES
	(900, 'key900-0123456789abcdef'), (901, 'key901-0123456789abcdef'),
	(902, 'key902-0123456789abcdef');
INSERT INTO boxes (id, room_id, name, token_hash, link_key) OVERRIDING SYSTEM VALUE VALUES
	(900, 901, 'Box L', sha256('t1'::bytea), repeat('a', 64)),
	(901, 902, 'Box M', sha256('t2'::bytea), repeat('b', 64));

SELECT is(ARRAY(SELECT box_id FROM live_publish_candidates('key900-0123456789abcdef')),
	ARRAY[900::bigint], 'a live reservation in its slot: the box of its room may push it');
SELECT is((SELECT count(*) FROM live_publish_candidates('key901-0123456789abcdef')), 0::bigint,
	'not two hours before its start');
SELECT is((SELECT count(*) FROM live_publish_candidates('key902-0123456789abcdef')), 0::bigint,
	'not without the Live option');
UPDATE boxes SET active = false WHERE id = 900;
SELECT is((SELECT count(*) FROM live_publish_candidates('key900-0123456789abcdef')), 0::bigint,
	'not by a deactivated box');
UPDATE boxes SET active = true WHERE id = 900;

-- On air: open and reported within 30 seconds.
SELECT is(live_on_air_ids(), '', 'nothing on air');
INSERT INTO live_sessions (reservation_id, box_id, name, client_id) VALUES (900, 900, 'r900', '1');
SELECT is(live_on_air_ids(), '900', 'a push is on air');
SELECT matches(portal_version(900), '\.900$', 'and in the portal page''s version');
UPDATE live_sessions SET updated_at = now() - interval '1 minute';
SELECT is(live_on_air_ids(), '', 'a push not reported for a minute is not on air any more');

-- The chat: 3 messages per 2 seconds per session, muting.
INSERT INTO order_accounts (order_id, kind, login, valid_from, valid_until)
	SELECT 900, 'user', 'U900', now(), now() + interval '1 day'
	WHERE NOT EXISTS (SELECT 1 FROM order_accounts WHERE login = 'U900');
INSERT INTO sessions (id, token_hash, order_account_id, csrf_token, expires_at)
	OVERRIDING SYSTEM VALUE
	SELECT 900, sha256('s900'::bytea), id, 'x', now() + interval '1 hour'
	FROM order_accounts WHERE login = 'U900';
SELECT is(ARRAY(SELECT chat_post(900, 900, 0, 0, 'U900', 'Marie', 'm' || g) ~ '^[0-9]+$'
	FROM generate_series(1, 4) g), ARRAY[true, true, true, false],
	'three messages pass, the fourth within 2 s does not');
SELECT is(chat_post(900, 900, 0, 0, 'U900', 'Marie', 'encore'), 'rate', 'it is told so');
-- issue 13 (0103_chat_account): a mute is the account's, whatever the
-- session; a viewer may not take a staff user's name.
INSERT INTO chat_mutes (reservation_id, author_key, session_id, login, muted_by)
	SELECT 900, chat_author_key(id, 0), 900, 'U900', 'admin' FROM order_accounts WHERE login = 'U900';
SELECT is(chat_post(900, 900, (SELECT id FROM order_accounts WHERE login = 'U900'), 0, 'U900',
	'Marie', 'muette'), 'muted', 'a muted viewer cannot post');
INSERT INTO sessions (id, token_hash, order_account_id, csrf_token, expires_at)
	OVERRIDING SYSTEM VALUE
	SELECT 901, sha256('s901'::bytea), id, 'x', now() + interval '1 hour'
	FROM order_accounts WHERE login = 'U900';
SELECT is(chat_post(900, 901, (SELECT id FROM order_accounts WHERE login = 'U900'), 0, 'U900',
	'Marie', 'de retour'), 'muted', 'nor from a new session of the same account');
INSERT INTO staff_users (id, login, password_hash, full_name, role) OVERRIDING SYSTEM VALUE
	VALUES (900, 'mod900', 'x', 'Modération Équipe', 'staff');
SELECT is(chat_post(900, 901, 0, 0, 'x', '  moderation  équipe ', 'bonjour'), 'reserved',
	'a viewer cannot take a staff user''s name (case, accents, spaces aside)');
SELECT is(chat_post(900, 901, 0, 0, 'x', 'MOD900', 'bonjour'), 'reserved', 'nor its login');
SELECT ok(chat_post(900, 901, 0, 900, 'mod900', 'Modération Équipe', 'bonjour') ~ '^[0-9]+$',
	'the staff user itself writes under its name');
SELECT throws_ok($$INSERT INTO chat_messages (reservation_id, author, login, body)
	VALUES (900, 'x', 'x', repeat('a', 501))$$, '23514', NULL, 'a message is 500 characters at most');

SELECT * FROM finish();
ROLLBACK;
