-- pgTAP: the foundation schema's own rules.
BEGIN;
SELECT plan(22);

SELECT has_table('staff_users');
SELECT has_table('sessions');
SELECT has_table('companies');
SELECT has_table('departments');
SELECT has_table('contacts');
SELECT has_table('rooms');

SELECT throws_ok($$INSERT INTO companies (name) VALUES ('   ')$$, '23514', NULL,
	'a company needs a name that is not blank');
SELECT throws_ok($$INSERT INTO companies (name, siren) VALUES ('X', '12345')$$, '23514', NULL,
	'SIREN is 9 digits');
SELECT throws_ok($$INSERT INTO companies (name) VALUES (repeat('x', 201))$$, '23514', NULL,
	'names are at most 200 characters');

INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (1001, 'Alpha'), (1002, 'Beta');
INSERT INTO departments (id, company_id, name) OVERRIDING SYSTEM VALUE VALUES (2001, 1001, 'Marketing'), (2002, 1002, 'Achats');

SELECT throws_ok($$INSERT INTO contacts (company_id, department_id, last_name) VALUES (1001, 2002, 'Wrong')$$,
	'23503', NULL, 'a contact cannot be in another company''s department');
SELECT lives_ok($$INSERT INTO contacts (company_id, department_id, last_name) VALUES (1001, 2001, 'Right')$$,
	'a contact in its own company''s department');
SELECT throws_ok($$INSERT INTO contacts (company_id, last_name, email) VALUES (1001, 'X', 'not an email')$$,
	'23514', NULL, 'contact e-mails are checked');
SELECT throws_ok($$INSERT INTO departments (company_id, name) VALUES (1001, 'Marketing')$$,
	'23505', NULL, 'department names are unique per company');

DELETE FROM departments WHERE id = 2001;
SELECT is((SELECT department_id FROM contacts WHERE last_name = 'Right'), NULL,
	'deleting a department keeps its contacts, without department');
SELECT is((SELECT company_id FROM contacts WHERE last_name = 'Right'), 1001::bigint,
	'... in their company');

DELETE FROM companies WHERE id = 1001;
SELECT is((SELECT count(*) FROM contacts WHERE company_id = 1001), 0::bigint,
	'deleting a company deletes its contacts');

SELECT is(search_key('Société Œuvre ÉTÉ'), 'societe oeuvre ete', 'search keys ignore case and accents');
SELECT is(contains_pattern('100%_x'), '%100\%\_x%', 'search text is taken literally in LIKE');

UPDATE companies SET name = 'Beta 2' WHERE id = 1002;
SELECT ok((SELECT updated_at >= created_at FROM companies WHERE id = 1002), 'updated_at is kept current');

SELECT throws_ok($$INSERT INTO staff_users (login, password_hash) VALUES ('a b', 'x')$$, '23514', NULL,
	'logins have no spaces');
INSERT INTO staff_users (login, password_hash) VALUES ('Jean', 'x');
SELECT throws_ok($$INSERT INTO staff_users (login, password_hash) VALUES ('jean', 'x')$$, '23505', NULL,
	'logins are unique whatever their case');

SELECT is(ARRAY(SELECT x FROM unnest(ARRAY['zèbre', 'Éole', 'eau', 'Abc']) x ORDER BY x COLLATE french),
	ARRAY['Abc', 'eau', 'Éole', 'zèbre'], 'the french collation sorts accents with their letter');

SELECT * FROM finish();
ROLLBACK;
