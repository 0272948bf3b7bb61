-- Demo data: two sites with three rooms each, and a dozen client
-- companies with departments and contacts.  Loaded once by dev/demo.

INSERT INTO sites (name, address) VALUES
	('Paris Bastille', E'29 rue Merlin\n75011 Paris'),
	('Lyon Part-Dieu', E'12 boulevard Vivier-Merle\n69003 Lyon');

INSERT INTO rooms (site_id, name, capacity, position)
SELECT s.id, r.name, r.capacity, r.position
FROM sites s
JOIN (VALUES
	('Paris Bastille', 'Salle 1', 12, 1),
	('Paris Bastille', 'Salle 2', 10, 2),
	('Paris Bastille', 'Salle 3 (grande)', 20, 3),
	('Lyon Part-Dieu', 'Salle A', 10, 1),
	('Lyon Part-Dieu', 'Salle B', 10, 2),
	('Lyon Part-Dieu', 'Salle C', 8, 3)
) AS r (site, name, capacity, position) ON r.site = s.name;

INSERT INTO companies (name, phone, fax, address, postcode, city, country,
	preferences, vat_number, siren) VALUES
	('Adsuil Celeb', '01 43 55 12 30', '01 43 55 12 31', '14 rue de la Roquette', '75011', 'Paris', 'France',
	 'Préfère la Salle 1. Plateau repas végétarien.', 'FR40303265045', '303265045'),
	('Bleu Horizon Études', '04 72 10 44 00', NULL, '5 place Bellecour', '69002', 'Lyon', 'France',
	 'Facturation en fin de mois.', NULL, '552100554'),
	('Cabinet Durand & Fils', '01 42 60 00 11', NULL, '8 avenue de l''Opéra', '75001', 'Paris', 'France',
	 NULL, NULL, NULL),
	('Délices de Provence SA', '04 91 33 20 20', '04 91 33 20 21', '120 La Canebière', '13001', 'Marseille', 'France',
	 'Traduction simultanée anglais systématique.', NULL, '732829320'),
	('Études Mercator', '01 55 34 00 00', NULL, '31 boulevard Haussmann', '75009', 'Paris', 'France',
	 'Café et viennoiseries à 9 h.', NULL, NULL),
	('Fraîcheur Laitière', '02 99 30 40 50', NULL, '2 rue de Rennes', '35000', 'Rennes', 'France',
	 NULL, NULL, NULL),
	('Global Insight Ltd', '+44 20 7946 0000', NULL, '22 Baker Street', 'W1U 3BW', 'London', 'Royaume-Uni',
	 'Documents en anglais. Autoliquidation de la TVA.', 'GB123456789', NULL),
	('Horizon Automobiles', '01 39 00 80 80', NULL, '1 avenue du Golf', '78280', 'Guyancourt', 'France',
	 NULL, NULL, NULL),
	('L''Œil du Consommateur', '01 48 05 77 77', NULL, '45 rue Oberkampf', '75011', 'Paris', 'France',
	 'Enregistrement HD demandé.', NULL, NULL),
	('Maison Vérité Conseil', '04 78 00 11 22', NULL, '9 quai Saint-Antoine', '69002', 'Lyon', 'France',
	 NULL, NULL, NULL),
	('Nordic Panel AB', '+46 8 123 456', NULL, 'Drottninggatan 10', '111 51', 'Stockholm', 'Suède',
	 'Documents en anglais.', 'SE556677889901', NULL),
	('Qualitest Santé', '01 40 20 50 50', NULL, '17 rue de Sèvres', '75006', 'Paris', 'France',
	 'Confidentialité renforcée : pas de live.', NULL, NULL);

INSERT INTO departments (company_id, name)
SELECT c.id, d.name FROM companies c
JOIN (VALUES
	('Adsuil Celeb', 'Marketing'),
	('Adsuil Celeb', 'Comptabilité'),
	('Bleu Horizon Études', 'Études qualitatives'),
	('Délices de Provence SA', 'Innovation produit'),
	('Délices de Provence SA', 'Achats'),
	('Études Mercator', 'Direction'),
	('Global Insight Ltd', 'Accounts'),
	('Horizon Automobiles', 'Marketing'),
	('Qualitest Santé', 'Pharmacovigilance')
) AS d (company, name) ON d.company = c.name;

INSERT INTO contacts (company_id, department_id, is_billing, function, title,
	last_name, first_name, email, phone, mobile, address, postcode, city, country)
SELECT c.id, d.id, k.billing, k.function, k.title, k.last, k.first, k.email,
	k.phone, k.mobile, k.address, k.postcode, k.city, k.country
FROM (VALUES
	('Adsuil Celeb', 'Marketing', false, 'Chef de projet', 'M.', 'Caembron', 'Catarino', 'c.caembron@adsuil.example', '01 43 55 12 32', '06 12 34 56 78', NULL, NULL, NULL, NULL),
	('Adsuil Celeb', 'Comptabilité', true, 'Comptable', 'Mme', 'Lefèvre', 'Hélène', 'compta@adsuil.example', '01 43 55 12 33', NULL, '14 rue de la Roquette', '75011', 'Paris', 'France'),
	('Bleu Horizon Études', 'Études qualitatives', true, 'Directrice d''études', 'Mme', 'Moreau', 'Chloé', 'chloe.moreau@bleuhorizon.example', '04 72 10 44 01', '06 98 76 54 32', '5 place Bellecour', '69002', 'Lyon', 'France'),
	('Bleu Horizon Études', NULL, false, 'Chargé d''études', 'M.', 'N''Diaye', 'Moussa', 'm.ndiaye@bleuhorizon.example', NULL, '07 11 22 33 44', NULL, NULL, NULL, NULL),
	('Cabinet Durand & Fils', NULL, true, 'Associé', 'M.', 'Durand', 'Jean-Pierre', 'jp.durand@durand.example', '01 42 60 00 12', NULL, '8 avenue de l''Opéra', '75001', 'Paris', 'France'),
	('Délices de Provence SA', 'Innovation produit', false, 'Responsable innovation', 'Mme', 'Fabre', 'Élodie', 'e.fabre@delices.example', '04 91 33 20 22', NULL, NULL, NULL, NULL, NULL),
	('Délices de Provence SA', 'Achats', true, 'Acheteur', 'M.', 'Giraud', 'Benoît', 'achats@delices.example', '04 91 33 20 23', NULL, '120 La Canebière', '13001', 'Marseille', 'France'),
	('Études Mercator', 'Direction', true, 'Directeur', 'M.', 'Mercier', 'François', 'f.mercier@mercator.example', '01 55 34 00 01', '06 00 00 00 01', '31 boulevard Haussmann', '75009', 'Paris', 'France'),
	('Études Mercator', NULL, false, 'Chargée de terrain', 'Mme', 'Roux', 'Camille', 'c.roux@mercator.example', NULL, '06 00 00 00 02', NULL, NULL, NULL, NULL),
	('Fraîcheur Laitière', NULL, true, 'Cheffe de produit', 'Mme', 'Le Gall', 'Gaëlle', 'g.legall@fraicheur.example', '02 99 30 40 51', NULL, '2 rue de Rennes', '35000', 'Rennes', 'France'),
	('Global Insight Ltd', 'Accounts', true, 'Accounts payable', 'Ms', 'Smith', 'Olivia', 'accounts@globalinsight.example', '+44 20 7946 0001', NULL, '22 Baker Street', 'W1U 3BW', 'London', 'United Kingdom'),
	('Global Insight Ltd', NULL, false, 'Research director', 'Mr', 'O''Connor', 'Liam', 'l.oconnor@globalinsight.example', '+44 20 7946 0002', '+44 7700 900123', NULL, NULL, NULL, NULL),
	('Horizon Automobiles', 'Marketing', true, 'Responsable études clients', 'Mme', 'Bertrand', 'Sophie', 's.bertrand@horizon-auto.example', '01 39 00 80 81', NULL, '1 avenue du Golf', '78280', 'Guyancourt', 'France'),
	('L''Œil du Consommateur', NULL, true, 'Gérante', 'Mme', 'Cœur', 'Anaïs', 'anais@oeil-conso.example', '01 48 05 77 78', '06 45 45 45 45', '45 rue Oberkampf', '75011', 'Paris', 'France'),
	('Maison Vérité Conseil', NULL, true, 'Consultant', 'M.', 'Vérité', 'Étienne', 'e.verite@mvc.example', '04 78 00 11 23', NULL, '9 quai Saint-Antoine', '69002', 'Lyon', 'France'),
	('Nordic Panel AB', NULL, true, 'Project manager', 'Ms', 'Lindqvist', 'Astrid', 'astrid@nordicpanel.example', '+46 8 123 457', NULL, 'Drottninggatan 10', '111 51', 'Stockholm', 'Sweden'),
	('Qualitest Santé', 'Pharmacovigilance', false, 'Pharmacienne', 'Dr', 'Nguyen', 'Linh', 'l.nguyen@qualitest.example', '01 40 20 50 51', NULL, NULL, NULL, NULL, NULL),
	('Qualitest Santé', NULL, true, 'Service financier', 'M.', 'Petit', 'Olivier', 'factures@qualitest.example', '01 40 20 50 52', NULL, '17 rue de Sèvres', '75006', 'Paris', 'France')
) AS k (company, dept, billing, function, title, last, first, email, phone, mobile, address, postcode, city, country)
JOIN companies c ON c.name = k.company
LEFT JOIN departments d ON d.company_id = c.id AND d.name = k.dept;
