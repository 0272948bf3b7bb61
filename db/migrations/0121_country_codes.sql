-- 0121_country_codes: a company or seller whose country is typed as text
-- (imports, older forms, the API of tomorrow) gets its code from the same
-- mapping as 0120's migration; a code chosen in the select list wins.
CREATE FUNCTION companies_country_code() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF (TG_OP = 'INSERT' AND NEW.country_code IS NULL) OR (TG_OP = 'UPDATE'
	    AND NEW.country IS DISTINCT FROM OLD.country
	    AND NEW.country_code IS NOT DISTINCT FROM OLD.country_code) THEN
		NEW.country_code := (SELECT code FROM countries WHERE code = country_code_of(NEW.country));
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER companies_country_code BEFORE INSERT OR UPDATE ON companies
	FOR EACH ROW EXECUTE FUNCTION companies_country_code();

CREATE FUNCTION seller_country_code() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.country IS DISTINCT FROM OLD.country
	    AND NEW.country_code IS NOT DISTINCT FROM OLD.country_code THEN
		NEW.country_code := coalesce((SELECT code FROM countries
			WHERE code = country_code_of(NEW.country)), NEW.country_code);
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER seller_country_code BEFORE UPDATE ON seller
	FOR EACH ROW EXECUTE FUNCTION seller_country_code();
