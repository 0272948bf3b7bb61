-- Helpers every part uses: who acts, search keys, and figures and dates
-- as people read them.
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- search_key(t), the case- and accent-insensitive search key ("Société"
-- matches "societe"), is in db/migrations/0200_order_figures.sql: the
-- trigram indexes are built on it.

-- LIKE pattern matching s anywhere, with s's own % and _ taken literally.
CREATE OR REPLACE FUNCTION contains_pattern(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT '%' || replace(replace(replace(search_key(s), '\', '\\'),
		'%', '\%'), '_', '\_') || '%'
$$;

CREATE OR REPLACE FUNCTION fm_date(d date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(d, 'DD/MM/YYYY') $$;

-- Amounts as people read them: "1 234,50" (narrow no-break space,
-- U+202F, as French typography groups digits) in French, "1,234.50" in
-- English.  The PDFs print it as a no-break space (pdf_cp1252).
CREATE OR REPLACE FUNCTION fm_money(x numeric, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN lang = 'en' THEN to_char(x, 'FM999,999,999,990.00')
		ELSE translate(to_char(x, 'FM999,999,999,990.00'), ',.', ' ,') END
$$;

-- Who acts: focusd names the staff user (fm.staff_id) at the start of
-- each writing transaction; scripts may name themselves (fm.who).
CREATE OR REPLACE FUNCTION fm_who() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(nullif(current_setting('fm.who', true), ''),
		(SELECT login FROM staff_users
		 WHERE id = nullif(current_setting('fm.staff_id', true), '')::bigint),
		'system')
$$;

-- Figures and dates as people read them in a document's language.
CREATE OR REPLACE FUNCTION fm_qty(x numeric, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN lang = 'en' THEN trim_scale(x)::text
		ELSE replace(trim_scale(x)::text, '.', ',') END
$$;

CREATE OR REPLACE FUNCTION fm_day(d date, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN d IS NULL THEN NULL WHEN lang = 'en'
		THEN to_char(d, 'FMDD Mon YYYY') ELSE to_char(d, 'DD/MM/YYYY') END
$$;

-- 1.1 Go / 1.1 GB: sizes as the download log shows them.
CREATE OR REPLACE FUNCTION fm_bytes(n bigint, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN n IS NULL THEN ''
		WHEN n < 1024 THEN n || CASE WHEN lang = 'en' THEN ' B' ELSE ' o' END
		ELSE replace(to_char(n / 1024.0 ^ e, 'FM9999990.0'), '.',
			CASE WHEN lang = 'en' THEN '.' ELSE ',' END) || ' '
			|| (CASE WHEN lang = 'en' THEN ARRAY['KB', 'MB', 'GB', 'TB']
				ELSE ARRAY['Ko', 'Mo', 'Go', 'To'] END)[e]
		END
	FROM (SELECT least(4, greatest(1, floor(log(1024, greatest(n, 1)::numeric))::int)) AS e) x
$$;
