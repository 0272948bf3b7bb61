-- 0204_orders_search: the orders' search by study reference (trigram,
-- accent- and case-insensitive: search_key).  One table a file: writes to
-- orders wait for this index's build only.
CREATE INDEX orders_study_ref_trgm ON orders USING gin (search_key(study_ref) gin_trgm_ops);
