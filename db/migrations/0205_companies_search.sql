-- 0205_companies_search: the companies' search by name and city (trigram).
CREATE INDEX companies_name_trgm ON companies USING gin (search_key(name) gin_trgm_ops);
CREATE INDEX companies_city_trgm ON companies USING gin (search_key(city) gin_trgm_ops);
