-- 0207_documents_search: the documents' search by study reference and
-- number (trigram).
CREATE INDEX documents_study_ref_trgm ON documents USING gin (search_key(study_ref) gin_trgm_ops);
CREATE INDEX documents_number_trgm ON documents USING gin (number gin_trgm_ops);
