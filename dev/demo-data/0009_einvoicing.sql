-- E-invoicing (docs/billing.md, "Factur-X"): a French business is invoiced
-- only with its SIREN, so the demo's French companies get one (a valid
-- check digit, made from their id).
UPDATE companies c SET siren = (SELECT x.s FROM (SELECT lpad((40000000 + c.id)::text, 8, '0') || d AS s
	FROM generate_series(0, 9) d) x WHERE siren_valid(x.s) LIMIT 1)
WHERE c.siren IS NULL AND c.country_code = 'FR' AND c.is_b2b
	AND (c.vat_number IS NULL OR c.vat_number !~ '^FR');
