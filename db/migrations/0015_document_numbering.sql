-- 0015_document_numbering: the gapless numbering of issued documents,
-- one counter row per kind and year, never a SEQUENCE.  issue_document
-- (db/functions/document_issue.sql) takes the next number: the row is
-- updated in the issuing transaction, so concurrent issues wait for each
-- other on it, and a rolled-back issue gives its number back.  Numbers
-- follow dates: an issue dated before the last one of its kind and year
-- is refused.

CREATE TABLE document_counters (
	kind text NOT NULL,
	year integer NOT NULL,
	last integer NOT NULL DEFAULT 0,
	last_issued_on date,
	PRIMARY KEY (kind, year)
);
