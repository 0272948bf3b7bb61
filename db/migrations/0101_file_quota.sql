-- 0101_file_quota: a quota for the files shared on an order (issue 13).
-- Portal accounts (user, client) and staff add files to an order; without
-- a limit one account could fill the media store, which the recordings
-- share.  order_file_usage keeps each order's figures (a trigger on
-- order_files: the pages read one row, never a sum), and order_file_add()
-- checks the quota and inserts in one step, under the usage row's lock,
-- so that two uploads at once cannot both pass it.

CREATE TABLE order_file_usage (
	order_id bigint PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
	bytes bigint NOT NULL DEFAULT 0 CHECK (bytes >= 0),
	files integer NOT NULL DEFAULT 0 CHECK (files >= 0)
);

INSERT INTO order_file_usage (order_id, bytes, files)
SELECT order_id, sum(bytes), count(*) FROM order_files GROUP BY order_id;

CREATE FUNCTION order_file_usage_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO order_file_usage AS u (order_id, bytes, files)
		VALUES (NEW.order_id, NEW.bytes, 1)
		ON CONFLICT (order_id) DO UPDATE
			SET bytes = u.bytes + EXCLUDED.bytes, files = u.files + 1;
	ELSE
		UPDATE order_file_usage SET bytes = greatest(bytes - OLD.bytes, 0),
			files = greatest(files - 1, 0)
		WHERE order_id = OLD.order_id;
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER order_files_usage AFTER INSERT OR DELETE ON order_files
	FOR EACH ROW EXECUTE FUNCTION order_file_usage_track();

