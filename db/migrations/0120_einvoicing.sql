-- 0120_einvoicing: what the 2026-2027 e-invoicing reform and EN 16931
-- need (docs/billing.md, "Factur-X"): countries as ISO 3166-1 alpha-2
-- codes, the companies' SIREN checked, B2B/B2C, electronic invoicing
-- address and billing address, the purchase order number (BT-13) and the
-- buyer reference (BT-10) of orders and documents, the seller's
-- electronic address and legal terms, Rec. 20 unit codes, and the
-- archive of the bytes of every issued invoice and credit note.

-- Countries: ISO 3166-1 alpha-2, named in both languages (the select
-- lists), with membership of the European Union (VAT modes).
CREATE TABLE countries (
	code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
	name_fr text NOT NULL,
	name_en text NOT NULL,
	eu boolean NOT NULL DEFAULT false
);
INSERT INTO countries (code, name_fr, name_en, eu) VALUES
	('AW', 'Aruba', 'Aruba', false),
	('AF', 'Afghanistan', 'Afghanistan', false),
	('AO', 'Angola', 'Angola', false),
	('AI', 'Anguilla', 'Anguilla', false),
	('AX', 'Åland, Îles', 'Åland Islands', false),
	('AL', 'Albanie', 'Albania', false),
	('AD', 'Andorre', 'Andorra', false),
	('AE', 'Émirats arabes unis', 'United Arab Emirates', false),
	('AR', 'Argentine', 'Argentina', false),
	('AM', 'Arménie', 'Armenia', false),
	('AS', 'Samoa américaines', 'American Samoa', false),
	('AQ', 'Antarctique', 'Antarctica', false),
	('TF', 'Terres australes françaises', 'French Southern Territories', false),
	('AG', 'Antigua-et-Barbuda', 'Antigua and Barbuda', false),
	('AU', 'Australie', 'Australia', false),
	('AT', 'Autriche', 'Austria', true),
	('AZ', 'Azerbaïdjan', 'Azerbaijan', false),
	('BI', 'Burundi', 'Burundi', false),
	('BE', 'Belgique', 'Belgium', true),
	('BJ', 'Bénin', 'Benin', false),
	('BQ', 'Bonaire, Saint-Eustache et Saba', 'Bonaire, Sint Eustatius and Saba', false),
	('BF', 'Burkina Faso', 'Burkina Faso', false),
	('BD', 'Bangladesh', 'Bangladesh', false),
	('BG', 'Bulgarie', 'Bulgaria', true),
	('BH', 'Bahreïn', 'Bahrain', false),
	('BS', 'Bahamas', 'Bahamas', false),
	('BA', 'Bosnie-Herzégovine', 'Bosnia and Herzegovina', false),
	('BL', 'Saint-Barthélemy', 'Saint Barthélemy', false),
	('BY', 'Bélarus', 'Belarus', false),
	('BZ', 'Belize', 'Belize', false),
	('BM', 'Bermudes', 'Bermuda', false),
	('BO', 'Bolivie, état plurinational de', 'Bolivia', false),
	('BR', 'Brésil', 'Brazil', false),
	('BB', 'Barbade', 'Barbados', false),
	('BN', 'Brunéi Darussalam', 'Brunei Darussalam', false),
	('BT', 'Bhoutan', 'Bhutan', false),
	('BV', 'île Bouvet', 'Bouvet Island', false),
	('BW', 'Botswana', 'Botswana', false),
	('CF', 'République centrafricaine', 'Central African Republic', false),
	('CA', 'Canada', 'Canada', false),
	('CC', 'Cocos (Keeling), Îles', 'Cocos (Keeling) Islands', false),
	('CH', 'Suisse', 'Switzerland', false),
	('CL', 'Chili', 'Chile', false),
	('CN', 'Chine', 'China', false),
	('CI', 'Côte d''Ivoire', 'Côte d''Ivoire', false),
	('CM', 'Cameroun', 'Cameroon', false),
	('CD', 'République démocratique du Congo', 'Congo, The Democratic Republic of the', false),
	('CG', 'République du Congo', 'Congo', false),
	('CK', 'îles Cook', 'Cook Islands', false),
	('CO', 'Colombie', 'Colombia', false),
	('KM', 'Comores', 'Comoros', false),
	('CV', 'Cap-Vert', 'Cabo Verde', false),
	('CR', 'Costa Rica', 'Costa Rica', false),
	('CU', 'Cuba', 'Cuba', false),
	('CW', 'Curaçao', 'Curaçao', false),
	('CX', 'Christmas, Île', 'Christmas Island', false),
	('KY', 'îles Caïmans', 'Cayman Islands', false),
	('CY', 'Chypre', 'Cyprus', true),
	('CZ', 'Tchéquie', 'Czechia', true),
	('DE', 'Allemagne', 'Germany', true),
	('DJ', 'Djibouti', 'Djibouti', false),
	('DM', 'Dominique', 'Dominica', false),
	('DK', 'Danemark', 'Denmark', true),
	('DO', 'République dominicaine', 'Dominican Republic', false),
	('DZ', 'Algérie', 'Algeria', false),
	('EC', 'Équateur', 'Ecuador', false),
	('EG', 'Égypte', 'Egypt', false),
	('ER', 'Érythrée', 'Eritrea', false),
	('EH', 'Sahara occidental', 'Western Sahara', false),
	('ES', 'Espagne', 'Spain', true),
	('EE', 'Estonie', 'Estonia', true),
	('ET', 'Éthiopie', 'Ethiopia', false),
	('FI', 'Finlande', 'Finland', true),
	('FJ', 'Fidji', 'Fiji', false),
	('FK', 'Malouines, Îles (Falkland)', 'Falkland Islands (Malvinas)', false),
	('FR', 'France', 'France', true),
	('FO', 'îles Féroé', 'Faroe Islands', false),
	('FM', 'Micronésie, États fédérés de', 'Micronesia, Federated States of', false),
	('GA', 'Gabon', 'Gabon', false),
	('GB', 'Royaume-Uni', 'United Kingdom', false),
	('GE', 'Géorgie', 'Georgia', false),
	('GG', 'Guernesey', 'Guernsey', false),
	('GH', 'Ghana', 'Ghana', false),
	('GI', 'Gibraltar', 'Gibraltar', false),
	('GN', 'Guinée', 'Guinea', false),
	('GP', 'Guadeloupe', 'Guadeloupe', false),
	('GM', 'Gambie', 'Gambia', false),
	('GW', 'Guinée-Bissau', 'Guinea-Bissau', false),
	('GQ', 'Guinée Équatoriale', 'Equatorial Guinea', false),
	('GR', 'Grèce', 'Greece', true),
	('GD', 'Grenade', 'Grenada', false),
	('GL', 'Groënland', 'Greenland', false),
	('GT', 'Guatemala', 'Guatemala', false),
	('GF', 'Guyane française', 'French Guiana', false),
	('GU', 'Guam', 'Guam', false),
	('GY', 'Guyana', 'Guyana', false),
	('HK', 'Hong Kong', 'Hong Kong', false),
	('HM', 'îles Heard-et-MacDonald', 'Heard Island and McDonald Islands', false),
	('HN', 'Honduras', 'Honduras', false),
	('HR', 'Croatie', 'Croatia', true),
	('HT', 'Haïti', 'Haiti', false),
	('HU', 'Hongrie', 'Hungary', true),
	('ID', 'Indonésie', 'Indonesia', false),
	('IM', 'Île de Man', 'Isle of Man', false),
	('IN', 'Inde', 'India', false),
	('IO', 'Territoire britannique de l''océan Indien', 'British Indian Ocean Territory', false),
	('IE', 'Irlande', 'Ireland', true),
	('IR', 'Iran, République islamique d''', 'Iran', false),
	('IQ', 'Irak', 'Iraq', false),
	('IS', 'Islande', 'Iceland', false),
	('IL', 'Israël', 'Israel', false),
	('IT', 'Italie', 'Italy', true),
	('JM', 'Jamaïque', 'Jamaica', false),
	('JE', 'Jersey', 'Jersey', false),
	('JO', 'Jordanie', 'Jordan', false),
	('JP', 'Japon', 'Japan', false),
	('KZ', 'Kazakhstan', 'Kazakhstan', false),
	('KE', 'Kenya', 'Kenya', false),
	('KG', 'Kirghizistan', 'Kyrgyzstan', false),
	('KH', 'Cambodge', 'Cambodia', false),
	('KI', 'Kiribati', 'Kiribati', false),
	('KN', 'Saint-Christophe-et-Niévès', 'Saint Kitts and Nevis', false),
	('KR', 'Corée, République de', 'South Korea', false),
	('KW', 'Koweït', 'Kuwait', false),
	('LA', 'Lao, République démocratique populaire', 'Laos', false),
	('LB', 'Liban', 'Lebanon', false),
	('LR', 'Libéria', 'Liberia', false),
	('LY', 'Libye', 'Libya', false),
	('LC', 'Sainte-Lucie', 'Saint Lucia', false),
	('LI', 'Liechtenstein', 'Liechtenstein', false),
	('LK', 'Sri Lanka', 'Sri Lanka', false),
	('LS', 'Lesotho', 'Lesotho', false),
	('LT', 'Lituanie', 'Lithuania', true),
	('LU', 'Luxembourg', 'Luxembourg', true),
	('LV', 'Lettonie', 'Latvia', true),
	('MO', 'Macau', 'Macao', false),
	('MF', 'Saint-Martin (partie française)', 'Saint Martin (French part)', false),
	('MA', 'Maroc', 'Morocco', false),
	('MC', 'Monaco', 'Monaco', false),
	('MD', 'Moldova, République de', 'Moldova', false),
	('MG', 'Madagascar', 'Madagascar', false),
	('MV', 'Maldives', 'Maldives', false),
	('MX', 'Mexique', 'Mexico', false),
	('MH', 'Îles Marshall', 'Marshall Islands', false),
	('MK', 'Macédoine du Nord', 'North Macedonia', false),
	('ML', 'Mali', 'Mali', false),
	('MT', 'Malte', 'Malta', true),
	('MM', 'Birmanie', 'Myanmar', false),
	('ME', 'Monténégro', 'Montenegro', false),
	('MN', 'Mongolie', 'Mongolia', false),
	('MP', 'Îles Mariannes du Nord', 'Northern Mariana Islands', false),
	('MZ', 'Mozambique', 'Mozambique', false),
	('MR', 'Mauritanie', 'Mauritania', false),
	('MS', 'Montserrat', 'Montserrat', false),
	('MQ', 'Martinique', 'Martinique', false),
	('MU', 'Maurice', 'Mauritius', false),
	('MW', 'Malawi', 'Malawi', false),
	('MY', 'Malaisie', 'Malaysia', false),
	('YT', 'Mayotte', 'Mayotte', false),
	('NA', 'Namibie', 'Namibia', false),
	('NC', 'Nouvelle-Calédonie', 'New Caledonia', false),
	('NE', 'Niger', 'Niger', false),
	('NF', 'île Norfolk', 'Norfolk Island', false),
	('NG', 'Nigeria', 'Nigeria', false),
	('NI', 'Nicaragua', 'Nicaragua', false),
	('NU', 'Nioue', 'Niue', false),
	('NL', 'Pays-Bas', 'Netherlands', true),
	('NO', 'Norvège', 'Norway', false),
	('NP', 'Népal', 'Nepal', false),
	('NR', 'Nauru', 'Nauru', false),
	('NZ', 'Nouvelle-Zélande', 'New Zealand', false),
	('OM', 'Oman', 'Oman', false),
	('PK', 'Pakistan', 'Pakistan', false),
	('PA', 'Panama', 'Panama', false),
	('PN', 'Îles Pitcairn', 'Pitcairn', false),
	('PE', 'Pérou', 'Peru', false),
	('PH', 'Philippines', 'Philippines', false),
	('PW', 'Palaos', 'Palau', false),
	('PG', 'Papouasie-Nouvelle-Guinée', 'Papua New Guinea', false),
	('PL', 'Pologne', 'Poland', true),
	('PR', 'Porto Rico', 'Puerto Rico', false),
	('KP', 'Corée, République populaire démocratique de', 'North Korea', false),
	('PT', 'Portugal', 'Portugal', true),
	('PY', 'Paraguay', 'Paraguay', false),
	('PS', 'Palestine, État de', 'Palestine, State of', false),
	('PF', 'Polynésie française', 'French Polynesia', false),
	('QA', 'Qatar', 'Qatar', false),
	('RE', 'Réunion, Île de la', 'Réunion', false),
	('RO', 'Roumanie', 'Romania', true),
	('RU', 'Russie, Fédération de', 'Russian Federation', false),
	('RW', 'Rwanda', 'Rwanda', false),
	('SA', 'Arabie saoudite', 'Saudi Arabia', false),
	('SD', 'Soudan', 'Sudan', false),
	('SN', 'Sénégal', 'Senegal', false),
	('SG', 'Singapour', 'Singapore', false),
	('GS', 'Géorgie du Sud et les îles Sandwich du Sud', 'South Georgia and the South Sandwich Islands', false),
	('SH', 'Sainte-Hélène, Ascension et Tristan da Cunha', 'Saint Helena, Ascension and Tristan da Cunha', false),
	('SJ', 'Svalbard et île Jan Mayen', 'Svalbard and Jan Mayen', false),
	('SB', 'Salomon, Îles', 'Solomon Islands', false),
	('SL', 'Sierra Leone', 'Sierra Leone', false),
	('SV', 'Salvador', 'El Salvador', false),
	('SM', 'Saint-Marin', 'San Marino', false),
	('SO', 'Somalie', 'Somalia', false),
	('PM', 'Saint-Pierre-et-Miquelon', 'Saint Pierre and Miquelon', false),
	('RS', 'Serbie', 'Serbia', false),
	('SS', 'Soudan du Sud', 'South Sudan', false),
	('ST', 'Sao Tomé-et-Principe', 'Sao Tome and Principe', false),
	('SR', 'Surinam', 'Suriname', false),
	('SK', 'Slovaquie', 'Slovakia', true),
	('SI', 'Slovénie', 'Slovenia', true),
	('SE', 'Suède', 'Sweden', true),
	('SZ', 'Eswatini', 'Eswatini', false),
	('SX', 'Saint-Martin (partie néerlandaise)', 'Sint Maarten (Dutch part)', false),
	('SC', 'Seychelles', 'Seychelles', false),
	('SY', 'Syrienne, République arabe', 'Syria', false),
	('TC', 'îles Turques-et-Caïques', 'Turks and Caicos Islands', false),
	('TD', 'Tchad', 'Chad', false),
	('TG', 'Togo', 'Togo', false),
	('TH', 'Thaïlande', 'Thailand', false),
	('TJ', 'Tadjikistan', 'Tajikistan', false),
	('TK', 'Tokelau', 'Tokelau', false),
	('TM', 'Turkménistan', 'Turkmenistan', false),
	('TL', 'Timor oriental', 'Timor-Leste', false),
	('TO', 'Tonga', 'Tonga', false),
	('TT', 'Trinité-et-Tobago', 'Trinidad and Tobago', false),
	('TN', 'Tunisie', 'Tunisia', false),
	('TR', 'Türkiye', 'Türkiye', false),
	('TV', 'Tuvalu', 'Tuvalu', false),
	('TW', 'Taïwan, province de Chine', 'Taiwan', false),
	('TZ', 'Tanzanie, République unie de', 'Tanzania', false),
	('UG', 'Ouganda', 'Uganda', false),
	('UA', 'Ukraine', 'Ukraine', false),
	('UM', 'Îles mineures éloignées des États-Unis', 'United States Minor Outlying Islands', false),
	('UY', 'Uruguay', 'Uruguay', false),
	('US', 'États-Unis', 'United States', false),
	('UZ', 'Ouzbékistan', 'Uzbekistan', false),
	('VA', 'Saint-Siège (état de la cité du Vatican)', 'Holy See (Vatican City State)', false),
	('VC', 'Saint-Vincent-et-les-Grenadines', 'Saint Vincent and the Grenadines', false),
	('VE', 'Vénézuela, république bolivarienne du', 'Venezuela', false),
	('VG', 'Îles Vierges britanniques', 'Virgin Islands, British', false),
	('VI', 'Îles Vierges, États-Unis', 'Virgin Islands, U.S.', false),
	('VN', 'Viêt Nam', 'Vietnam', false),
	('VU', 'Vanuatu', 'Vanuatu', false),
	('WF', 'Wallis et Futuna', 'Wallis and Futuna', false),
	('WS', 'Samoa', 'Samoa', false),
	('YE', 'Yémen', 'Yemen', false),
	('ZA', 'Afrique du Sud', 'South Africa', false),
	('ZM', 'Zambie', 'Zambia', false),
	('ZW', 'Zimbabwe', 'Zimbabwe', false);

-- The SIREN's check digit (Luhn, as INSEE computes it).
CREATE FUNCTION siren_valid(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p ~ '^[0-9]{9}$' AND (SELECT sum(CASE WHEN i % 2 = 0
			THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10 = 0
		FROM (SELECT i, substr(p, i, 1)::int AS d FROM generate_series(1, 9) i) x)
$$;

-- A French VAT number is FR + a key of two digits + the SIREN, the key
-- being (12 + 3 × (SIREN mod 97)) mod 97.
CREATE FUNCTION fr_vat_matches(p_vat text, p_siren text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p_vat IS NULL OR p_vat !~ '^FR' OR p_siren IS NULL
		OR p_vat = 'FR' || lpad(((12 + 3 * (p_siren::bigint % 97)) % 97)::text, 2, '0') || p_siren
$$;

-- The free-text countries in use, mapped to their codes; what no rule
-- maps stays with country_code NULL: fm-admin countries lists those
-- companies and issuing a document to them is refused until staff pick
-- the country.
CREATE FUNCTION country_code_of(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN p IS NULL OR btrim(p) = '' THEN 'FR'
		WHEN upper(btrim(p)) ~ '^[A-Z]{2}$' THEN upper(btrim(p))
		ELSE (SELECT x.code FROM (VALUES
			('france', 'FR'), ('fr', 'FR'), ('republique francaise', 'FR'),
			('royaume-uni', 'GB'), ('royaume uni', 'GB'), ('united kingdom', 'GB'),
			('uk', 'GB'), ('grande-bretagne', 'GB'), ('angleterre', 'GB'), ('england', 'GB'),
			('allemagne', 'DE'), ('germany', 'DE'), ('deutschland', 'DE'),
			('belgique', 'BE'), ('belgium', 'BE'), ('suisse', 'CH'), ('switzerland', 'CH'),
			('espagne', 'ES'), ('spain', 'ES'), ('italie', 'IT'), ('italy', 'IT'),
			('pays-bas', 'NL'), ('netherlands', 'NL'), ('hollande', 'NL'),
			('luxembourg', 'LU'), ('suede', 'SE'), ('sweden', 'SE'),
			('danemark', 'DK'), ('denmark', 'DK'), ('irlande', 'IE'), ('ireland', 'IE'),
			('portugal', 'PT'), ('autriche', 'AT'), ('austria', 'AT'),
			('pologne', 'PL'), ('poland', 'PL'), ('norvege', 'NO'), ('norway', 'NO'),
			('finlande', 'FI'), ('finland', 'FI'), ('grece', 'GR'), ('greece', 'GR'),
			('etats-unis', 'US'), ('etats unis', 'US'), ('usa', 'US'),
			('united states', 'US'), ('canada', 'CA'), ('maroc', 'MA'), ('morocco', 'MA'),
			('tunisie', 'TN'), ('algerie', 'DZ'), ('japon', 'JP'), ('japan', 'JP'),
			('chine', 'CN'), ('china', 'CN'), ('monaco', 'MC')) x(name, code)
			WHERE x.name = lower(translate(btrim(p), 'ÉÈÊËéèêëÀÂàâÎÏîïÔôÛÙûùÇç',
				'EEEEeeeeAAaaIIiiOoUUuuCc')))
	END
$$;

-- Companies.  country stays as typed until staff pick a code; the
-- billing address is where invoices go when it differs from the
-- registered one (address, postcode, city, country_code).
ALTER TABLE companies
	ADD COLUMN country_code text REFERENCES countries (code),
	ADD COLUMN is_b2b boolean NOT NULL DEFAULT true,
	ADD COLUMN e_address short_text,
	ADD COLUMN e_scheme text NOT NULL DEFAULT '0225' CHECK (e_scheme ~ '^[0-9]{4}$'),
	ADD COLUMN billing_address long_text,
	ADD COLUMN billing_postcode short_text,
	ADD COLUMN billing_city short_text,
	ADD COLUMN billing_country_code text REFERENCES countries (code);
UPDATE companies SET country_code = (SELECT code FROM countries WHERE code = country_code_of(country));
-- Checked on every new or changed row; rows already there keep what
-- they had until they are edited (the company form shows the reason).
ALTER TABLE companies
	ADD CONSTRAINT companies_siren_key CHECK (siren IS NULL OR siren_valid(siren)) NOT VALID,
	ADD CONSTRAINT companies_vat_siren CHECK (fr_vat_matches(vat_number, siren)) NOT VALID;
CREATE INDEX companies_country_unmapped_idx ON companies (id) WHERE country_code IS NULL;

-- The seller: electronic invoicing address (default: its SIREN, scheme
-- 0225), country code, franchise en base (art. 293 B CGI), and the legal
-- caps of B2B terms: 60 days from issue, or 45 days end of month
-- (art. L441-10 C. com.); a late-payment rate not below three times the
-- legal interest rate (a setting: it is published every six months).
ALTER TABLE seller
	ADD COLUMN country_code text NOT NULL DEFAULT 'FR' REFERENCES countries (code),
	ADD COLUMN e_address short_text,
	ADD COLUMN e_scheme text NOT NULL DEFAULT '0225' CHECK (e_scheme ~ '^[0-9]{4}$'),
	ADD COLUMN vat_franchise boolean NOT NULL DEFAULT false,
	ADD COLUMN payment_end_of_month boolean NOT NULL DEFAULT false,
	ADD COLUMN legal_interest_rate numeric(5,2) NOT NULL DEFAULT 3.16
		CHECK (legal_interest_rate >= 0 AND legal_interest_rate < 30);
UPDATE seller SET country_code = coalesce((SELECT code FROM countries
	WHERE code = country_code_of(country)), 'FR');
ALTER TABLE seller
	ADD CONSTRAINT seller_payment_cap CHECK (CASE WHEN payment_end_of_month
		THEN payment_days <= 45 ELSE payment_days <= 60 END) NOT VALID,
	ADD CONSTRAINT seller_late_rate_floor CHECK (late_rate >= 3 * legal_interest_rate) NOT VALID,
	ADD CONSTRAINT seller_siren_key CHECK (siren IS NULL OR siren_valid(siren)) NOT VALID,
	ADD CONSTRAINT seller_vat_siren CHECK (fr_vat_matches(vat_number, siren)) NOT VALID;

-- VAT on debits (art. 269-2 c CGI): 0010 made it; kept here for the
-- databases that lack it.
ALTER TABLE billing_settings ADD COLUMN IF NOT EXISTS vat_on_debits boolean NOT NULL DEFAULT false;

-- Purchase order number (BT-13) and buyer reference (BT-10), typed on
-- the order and copied to its documents.
ALTER TABLE orders
	ADD COLUMN po_number short_text,
	ADD COLUMN buyer_ref short_text;
ALTER TABLE documents
	ADD COLUMN po_number short_text,
	ADD COLUMN buyer_ref short_text;

-- Units (UN/ECE Recommendation 20) of what is sold.
CREATE DOMAIN unit_code AS text CHECK (VALUE IN ('HUR', 'DAY', 'C62', 'H87', 'MIN',
	'WEE', 'MON', 'KGM', 'LTR', 'MTR', 'MTK', 'SET', 'E48'));
ALTER TABLE tariffs ADD COLUMN unit_code unit_code NOT NULL DEFAULT 'DAY';
UPDATE tariffs SET unit_code = CASE WHEN kind IN ('day', 'day_evening') THEN 'DAY' ELSE 'C62' END;
ALTER TABLE options ADD COLUMN unit_code unit_code NOT NULL DEFAULT 'C62';
UPDATE options SET unit_code = CASE
	WHEN lower(unit_fr) ~ '^(h|heure)' OR lower(unit_en) ~ '^(h|hour)' THEN 'HUR'
	WHEN lower(unit_fr) ~ '^(j|jour)' OR lower(unit_en) ~ '^(d|day)' THEN 'DAY'
	ELSE 'C62' END;
ALTER TABLE services ADD COLUMN unit_code unit_code NOT NULL DEFAULT 'C62';
ALTER TABLE document_lines ADD COLUMN unit_code unit_code;

-- A line's unit comes from what it bills (the tariff, the option, the
-- service, the invoice line a credit note takes back), else "one".
CREATE FUNCTION document_lines_unit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.unit_code IS NULL THEN
		NEW.unit_code := coalesce(CASE NEW.source
			WHEN 'room' THEN (SELECT t.unit_code FROM reservations r
				JOIN tariffs t ON t.id = r.tariff_id WHERE r.id = NEW.source_id)
			WHEN 'option' THEN (SELECT o.unit_code FROM order_options x
				JOIN options o ON o.id = x.option_id WHERE x.id = NEW.source_id)
			WHEN 'service' THEN (SELECT s.unit_code FROM services s WHERE s.id = NEW.source_id)
			WHEN 'line' THEN (SELECT l.unit_code FROM document_lines l WHERE l.id = NEW.source_id)
			END, 'C62');
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER document_lines_unit BEFORE INSERT ON document_lines
	FOR EACH ROW EXECUTE FUNCTION document_lines_unit();
UPDATE document_lines SET unit_code = 'C62' WHERE unit_code IS NULL
	AND document_id IN (SELECT id FROM documents WHERE status = 'draft');

-- The bytes of an issued invoice or credit note, made in the issuing
-- transaction (the Factur-X PDF and its CII XML), served as they are
-- ever after; their SHA-256 is in the document log (an 'archive' entry).
-- Append-only.
CREATE TABLE document_files (
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
	format text NOT NULL CHECK (format IN ('pdf', 'xml')),
	bytes bytea NOT NULL,
	sha256 bytea NOT NULL CHECK (length(sha256) = 32),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (document_id, format)
);
ALTER TABLE document_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE FUNCTION document_files_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the archived files of issued documents cannot be changed'
		USING ERRCODE = 'check_violation', CONSTRAINT = 'document_files_append_only';
END;
$$;
CREATE TRIGGER document_files_append_only BEFORE UPDATE OR DELETE ON document_files
	FOR EACH ROW EXECUTE FUNCTION document_files_refuse();
CREATE TRIGGER document_files_no_truncate BEFORE TRUNCATE ON document_files
	FOR EACH STATEMENT EXECUTE FUNCTION document_files_refuse();

ALTER TABLE document_log DROP CONSTRAINT document_log_event_check;
ALTER TABLE document_log ADD CONSTRAINT document_log_event_check
	CHECK (event IN ('issue', 'send', 'download', 'payment', 'archive'));

-- Services to a business outside the EU are outside the scope of French
-- VAT by their place of supply (art. 259-1 CGI), not an exempt export of
-- goods: the default mention says so (a mention still as shipped follows).
ALTER TABLE billing_settings
	ALTER COLUMN mention_export_fr SET DEFAULT 'TVA non applicable, art. 259-1 du CGI (prestation de services à un preneur assujetti établi hors de l''Union européenne).',
	ALTER COLUMN mention_export_en SET DEFAULT 'VAT not applicable, article 259-1 of the French tax code (services to a business established outside the European Union).';
UPDATE billing_settings SET
	mention_export_fr = 'TVA non applicable, art. 259-1 du CGI (prestation de services à un preneur assujetti établi hors de l''Union européenne).'
	WHERE mention_export_fr = 'Exonération de TVA : opération réalisée pour un client établi hors de l''Union européenne (articles 259-1 et 262 I du CGI).';
UPDATE billing_settings SET
	mention_export_en = 'VAT not applicable, article 259-1 of the French tax code (services to a business established outside the European Union).'
	WHERE mention_export_en = 'VAT exempt: supply to a customer established outside the European Union (articles 259-1 and 262 I of the French tax code).';
