-- Demo data: three studies whose sessions took place in the last days and
-- were recorded, with live streaming and translation, and a live session
-- planned (loaded once).  Their recordings (short real MP4/MP3 files made
-- with FFmpeg's test sources), a shared file and the three accounts of
-- each are made by 0003_videos.logins.sh at every dev/demo, which prints
-- the accounts into run/demo-logins.tsv.

SET TimeZone = 'Europe/Paris';

INSERT INTO orders (company_id, contact_id, study_ref, language, comment_printed)
SELECT c.id,
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id ORDER BY k.is_billing, k.id LIMIT 1),
	s.ref, s.lang, 'Sessions enregistrées : les vidéos sont sur le portail.'
FROM (VALUES (1, 'Adsuil Celeb', 'DEMO-VIDEO-1 Routine - Concert', 'fr'),
	(2, 'Délices de Provence SA', 'DEMO-VIDEO-2 Goûts du Sud', 'fr'),
	(3, 'Bleu Horizon Études', 'DEMO-VIDEO-3 Travel panel', 'en')) AS s (n, company, ref, lang)
JOIN companies c ON c.name = s.company
ORDER BY s.n;

-- Two recorded sessions each in the last days (an evening slot, in the
-- first room free), and one live session in the coming days.
DO $$
DECLARE
	o record;
	t record;
	k int;
	off int;
	day date;
	room record;
	placed boolean;
BEGIN
	SELECT * INTO t FROM tariffs WHERE kind = 'evening' ORDER BY id LIMIT 1;
	FOR o IN SELECT id, row_number() OVER (ORDER BY id) AS i FROM orders
		WHERE study_ref LIKE 'DEMO-VIDEO-%' ORDER BY id LOOP
		FOR k IN 0 .. 2 LOOP
			placed := false;
			FOR off IN 0 .. 20 LOOP
				day := CASE WHEN k < 2 THEN current_date - (1 + k * 2 + o.i + off)::int
					ELSE current_date + (1 + o.i + off)::int END;
				FOR room IN SELECT id FROM rooms ORDER BY (id + o.i) % 6, id LOOP
					BEGIN
						INSERT INTO reservations (order_id, room_id, starts_at, ends_at,
							tariff_id, rec, trad, live, info)
						VALUES (o.id, room.id, day + time '18:30', day + time '20:30',
							t.id, true, o.i = 2, k = 2 OR o.i <> 3,
							'Groupe ' || (k + 1));
						placed := true;
					EXCEPTION WHEN exclusion_violation THEN
						NULL;
					END;
					EXIT WHEN placed;
				END LOOP;
				EXIT WHEN placed;
			END LOOP;
		END LOOP;
	END LOOP;
END;
$$;
