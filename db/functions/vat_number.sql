-- VAT numbers: the French key against the SIREN, the format of the
-- other EU member states' numbers (as VIES describes them).  The company
-- form asks vat_number_check() and shows its answer next to the field.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- A VAT number as it is stored: capitals, without spaces, dots or dashes.
CREATE OR REPLACE FUNCTION vat_number_normal(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT nullif(upper(regexp_replace(coalesce(p, ''), '[[:space:].-]', '', 'g')), '')
$$;

-- Nine digits whose Luhn sum is a multiple of 10 (a SIREN's check digit).
CREATE OR REPLACE FUNCTION vat_siren_luhn(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(p ~ '^[0-9]{9}$' AND (SELECT sum(CASE WHEN i % 2 = 0
			THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10 = 0
		FROM (SELECT i, substr(p, i, 1)::int AS d FROM generate_series(1, 9) i) x), false)
$$;

-- The French key of a SIREN: (12 + 3 × (SIREN mod 97)) mod 97, two digits.
CREATE OR REPLACE FUNCTION vat_fr_key(p_siren text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN p_siren ~ '^[0-9]{9}$'
		THEN lpad(((12 + 3 * (p_siren::bigint % 97)) % 97)::text, 2, '0') END
$$;

-- What is wrong with a VAT number, for a company whose SIREN is p_siren
-- (NULL when unknown): one row, problem NULL when nothing is.
--   fr_format      FR is followed by 2 digits (the key) and 9 (the SIREN)
--   fr_siren       the 9 digits are not a SIREN (check digit)
--   fr_key         the key does not match the SIREN (expected: the key)
--   fr_other_siren the SIREN in it is not the company's (expected: it)
--   format         not the format of that EU country (example: one that is)
-- Numbers of countries outside the EU (GB, CH, NO...) are checked by the
-- form's general rule only (2 letters, then letters and digits).
CREATE OR REPLACE FUNCTION vat_number_check(p_vat text, p_siren text DEFAULT NULL)
RETURNS TABLE (problem text, expected text, example text)
LANGUAGE plpgsql IMMUTABLE ROWS 1 AS $$
DECLARE
	v text := vat_number_normal(p_vat);
	s text := nullif(regexp_replace(coalesce(p_siren, ''), '[^0-9]', '', 'g'), '');
	f record;
BEGIN
	IF v IS NULL THEN
		RETURN QUERY SELECT NULL::text, NULL::text, NULL::text;
		RETURN;
	END IF;
	IF left(v, 2) = 'FR' THEN
		IF v !~ '^FR[0-9]{11}$' THEN
			RETURN QUERY SELECT 'fr_format', NULL::text, 'FR40303265045';
		ELSIF NOT vat_siren_luhn(substr(v, 5)) THEN
			RETURN QUERY SELECT 'fr_siren', substr(v, 5), 'FR40303265045';
		ELSIF substr(v, 3, 2) <> vat_fr_key(substr(v, 5)) THEN
			RETURN QUERY SELECT 'fr_key', vat_fr_key(substr(v, 5)),
				'FR' || vat_fr_key(substr(v, 5)) || substr(v, 5);
		ELSIF s IS NOT NULL AND substr(v, 5) <> s THEN
			RETURN QUERY SELECT 'fr_other_siren', s,
				CASE WHEN vat_siren_luhn(s) THEN 'FR' || vat_fr_key(s) || s END;
		ELSE
			RETURN QUERY SELECT NULL::text, NULL::text, NULL::text;
		END IF;
		RETURN;
	END IF;
	SELECT x.pattern, x.example INTO f FROM (VALUES
		('AT', '^ATU[0-9]{8}$', 'ATU12345678'),
		('BE', '^BE[01][0-9]{9}$', 'BE0123456789'),
		('BG', '^BG[0-9]{9,10}$', 'BG123456789'),
		('CY', '^CY[0-9]{8}[A-Z]$', 'CY12345678X'),
		('CZ', '^CZ[0-9]{8,10}$', 'CZ12345678'),
		('DE', '^DE[0-9]{9}$', 'DE123456789'),
		('DK', '^DK[0-9]{8}$', 'DK12345678'),
		('EE', '^EE[0-9]{9}$', 'EE123456789'),
		('EL', '^EL[0-9]{9}$', 'EL123456789'),
		('ES', '^ES[0-9A-Z][0-9]{7}[0-9A-Z]$', 'ESX1234567X'),
		('FI', '^FI[0-9]{8}$', 'FI12345678'),
		('HR', '^HR[0-9]{11}$', 'HR12345678901'),
		('HU', '^HU[0-9]{8}$', 'HU12345678'),
		('IE', '^IE([0-9]{7}[A-W][A-IW]?|[0-9][A-Z+*][0-9]{5}[A-W])$', 'IE1234567WA'),
		('IT', '^IT[0-9]{11}$', 'IT12345678901'),
		('LT', '^LT([0-9]{9}|[0-9]{12})$', 'LT123456789'),
		('LU', '^LU[0-9]{8}$', 'LU12345678'),
		('LV', '^LV[0-9]{11}$', 'LV12345678901'),
		('MT', '^MT[0-9]{8}$', 'MT12345678'),
		('NL', '^NL[0-9]{9}B[0-9]{2}$', 'NL123456789B01'),
		('PL', '^PL[0-9]{10}$', 'PL1234567890'),
		('PT', '^PT[0-9]{9}$', 'PT123456789'),
		('RO', '^RO[1-9][0-9]{1,9}$', 'RO1234567890'),
		('SE', '^SE[0-9]{10}01$', 'SE123456789701'),
		('SI', '^SI[0-9]{8}$', 'SI12345678'),
		('SK', '^SK[0-9]{10}$', 'SK1234567890'),
		-- Northern Ireland (goods), and Greece's ISO code used by mistake.
		('XI', '^XI([0-9]{9}|[0-9]{12}|GD[0-4][0-9]{2}|HA[5-9][0-9]{2})$', 'XI123456789'),
		('GR', '^$', 'EL123456789')) x(country, pattern, example)
	WHERE x.country = left(v, 2);
	IF FOUND AND v !~ f.pattern THEN
		RETURN QUERY SELECT 'format', left(v, 2), f.example;
	ELSE
		RETURN QUERY SELECT NULL::text, NULL::text, NULL::text;
	END IF;
END;
$$;
