-- 0206_contacts_search: the contacts' search by name and e-mail (trigram)
-- and the contacts list's order (last name, first name, id).
CREATE INDEX contacts_name_trgm ON contacts USING gin (search_key(coalesce(first_name, '')
	|| ' ' || last_name || ' ' || coalesce(first_name, '')) gin_trgm_ops);
CREATE INDEX contacts_email_trgm ON contacts USING gin (search_key(email) gin_trgm_ops);
CREATE INDEX contacts_list_idx ON contacts ((last_name COLLATE french),
	(first_name COLLATE french), id);
