-- The files shared on an order (0101_file_quota.sql).
--
-- Repeatable: fm-migrate applies this file again when its text changes
-- (docs/development.md, "Database changes").

-- Adds a file to an order when it fits in p_quota bytes (NULL: no
-- quota).  Returns the new row's id and path, or no row when the order's
-- files would then weigh more than the quota (the caller says so; nothing
-- was written).  An unknown order raises the foreign key's error.
CREATE OR REPLACE FUNCTION order_file_add(p_order bigint, p_name text, p_bytes bigint,
	p_type text, p_sha256 text, p_by text, p_staff bigint, p_account bigint,
	p_quota bigint)
RETURNS TABLE (id bigint, path text)
LANGUAGE plpgsql AS $$
DECLARE
	used bigint;
BEGIN
	INSERT INTO order_file_usage (order_id) SELECT o.id FROM orders o
	WHERE o.id = p_order ON CONFLICT (order_id) DO NOTHING;
	SELECT u.bytes INTO used FROM order_file_usage u
	WHERE u.order_id = p_order FOR UPDATE;
	IF p_quota IS NOT NULL AND coalesce(used, 0) + p_bytes > p_quota THEN
		RETURN;
	END IF;
	RETURN QUERY INSERT INTO order_files AS f (order_id, name, bytes,
		content_type, sha256, uploaded_by, staff_user_id, account_id)
	VALUES (p_order, p_name, p_bytes, p_type, p_sha256, p_by,
		nullif(p_staff, 0), nullif(p_account, 0))
	RETURNING f.id, f.path;
END;
$$;
