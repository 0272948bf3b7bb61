-- Demo data: a room with a simulated recording box (dev/demo-box starts
-- fm-box with a test source there) and the order its demo sessions
-- belong to.  Loaded once; dev/demo-box adds a short session at each run.

INSERT INTO rooms (site_id, name, capacity, position)
SELECT id, 'Salle 5 (boîtier démo)', 8, 5 FROM sites WHERE name = 'Paris Bastille';

INSERT INTO orders (company_id, contact_id, study_ref, internal_note, language)
SELECT c.id,
	(SELECT k.id FROM contacts k WHERE k.company_id = c.id ORDER BY k.id LIMIT 1),
	'DEMO-BOITIER',
	'Sessions courtes enregistrées par le boîtier de démonstration (dev/demo).',
	'fr'
FROM companies c ORDER BY c.id LIMIT 1;
