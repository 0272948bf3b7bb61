-- 0002_change_counters: a counter per topic, bumped in the same
-- transaction as any change to the topic's tables.  focusd keeps rendered
-- fragments of busy lists (the companies list) tagged with the counter it
-- read before querying; a higher counter means the fragment is old.  The
-- update is transactional, so a counter never runs ahead of the data it
-- announces, and a fragment is never served staler than its tag.

CREATE TABLE change_counters (
	topic text PRIMARY KEY,
	n bigint NOT NULL DEFAULT 0
);
INSERT INTO change_counters (topic) VALUES ('directory');

CREATE FUNCTION bump_change_counter() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE change_counters SET n = n + 1 WHERE topic = TG_ARGV[0];
	RETURN NULL;
END;
$$;

-- The directory: companies, their departments and contacts.
CREATE TRIGGER companies_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON companies FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('directory');
CREATE TRIGGER departments_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON departments FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('directory');
CREATE TRIGGER contacts_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON contacts FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('directory');
