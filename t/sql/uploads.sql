-- pgTAP: what 0030_uploads adds for the boxes' uploads: the box's name
-- of a media file, the upload rows and their counters, the boxes' upload
-- error.
BEGIN;
SELECT plan(12);

SELECT has_table('media_uploads');
SELECT has_column('media_files', 'box_path');
SELECT has_column('media_files', 'verified_at');
SELECT has_column('boxes', 'upload_error');

INSERT INTO sites (id, name) OVERRIDING SYSTEM VALUE VALUES (950, 'Site U');
INSERT INTO rooms (id, site_id, name) OVERRIDING SYSTEM VALUE VALUES (951, 950, 'Salle U');
INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (950, 'Acme U');
INSERT INTO tariffs (id, label_fr, label_en, kind, starts, ends, price, vat_rate)
	OVERRIDING SYSTEM VALUE VALUES (950, 'Journée', 'Day', 'day', '09:00', '18:00', 850, 20);
INSERT INTO orders (id, company_id) OVERRIDING SYSTEM VALUE VALUES (950, 950);
INSERT INTO reservations (id, order_id, room_id, starts_at, ends_at, tariff_id)
	OVERRIDING SYSTEM VALUE VALUES (950, 950, 951, '2030-01-01 10:00', '2030-01-01 12:00', 950);
INSERT INTO boxes (id, room_id, name, token_hash) OVERRIDING SYSTEM VALUE
	VALUES (950, 951, 'Boîtier U', sha256('t'));
INSERT INTO recordings (id, reservation_id, box_id, box_key, starts_at, ends_at)
	OVERRIDING SYSTEM VALUE VALUES (950, 950, 950, 'k950', '2030-01-01 10:00', '2030-01-01 12:00');
INSERT INTO media_files (id, recording_id, kind, path, box_path, bytes, sha256, on_box)
	OVERRIDING SYSTEM VALUE VALUES (950, 950, 'mp4', 'k950/k950.mp4', 'k950/k950.mp4', 10,
	repeat('a', 64), true);

SELECT throws_ok($$INSERT INTO media_files (recording_id, kind, path, box_path)
	VALUES (950, 'mp3', 'x/y.mp3', 'k950/k950.mp4')$$, '23505', NULL,
	'a box names each file of a recording once');
SELECT throws_ok($$INSERT INTO media_files (recording_id, kind, path, box_path)
	VALUES (950, 'mp3', 'x/z.mp3', '../etc/passwd')$$, '23514', NULL,
	'a box path stays in the box''s media folder');
SELECT throws_ok($$INSERT INTO media_files (recording_id, kind, path, box_path)
	VALUES (950, 'mp3', 'x/w.mp3', '/etc/passwd')$$, '23514', NULL,
	'and is relative');

INSERT INTO media_uploads (media_file_id, box_id, received, bytes_in, chunks)
	VALUES (950, 950, 5, 5, 1);
SELECT throws_ok($$UPDATE media_uploads SET received = -1 WHERE media_file_id = 950$$,
	'23514', NULL, 'an offset is never negative');
SELECT throws_ok($$INSERT INTO media_uploads (media_file_id, box_id) VALUES (950, 950)$$,
	'23505', NULL, 'one upload row per media file');

-- The upload goes with its file, and with its box.
DELETE FROM media_files WHERE id = 950;
SELECT is((SELECT count(*) FROM media_uploads WHERE media_file_id = 950), 0::bigint,
	'a deleted media file takes its upload row');
INSERT INTO media_files (id, recording_id, kind, path, box_path, bytes, on_box)
	OVERRIDING SYSTEM VALUE VALUES (951, 950, 'mp4', 'k950/k950.mp4', 'k950/k950.mp4', 10, true);
INSERT INTO media_uploads (media_file_id, box_id) VALUES (951, 950);
SELECT lives_ok($$UPDATE boxes SET upload_error = 'disk full on the central server',
	upload_error_at = now() WHERE id = 950$$, 'a box keeps its upload error');
DELETE FROM boxes WHERE id = 950;
SELECT is((SELECT count(*) FROM media_uploads WHERE media_file_id = 951), 0::bigint,
	'a deleted box takes its upload rows');

SELECT * FROM finish();
ROLLBACK;
