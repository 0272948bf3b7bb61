-- The order history keeps the row as it was shown (audit_display) beside
-- its summary, so that the History tab writes the summary, its amounts
-- and quantities in the page's language (history_summary(),
-- db/functions/history.sql) instead of the one text written at the time.
-- Rows written before keep their summary as it is (data is NULL).
ALTER TABLE order_history ADD COLUMN data jsonb;

CREATE OR REPLACE FUNCTION audit_order_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	who_id bigint := nullif(current_setting('fm.staff_id', true), '')::bigint;
	who_login text;
	o jsonb;
	n jsonb;
	d jsonb;
	ch jsonb := '{}';
	k text;
	row_id bigint;
	ord bigint;
BEGIN
	IF TG_OP <> 'INSERT' THEN o := audit_display(TG_TABLE_NAME, to_jsonb(OLD)); END IF;
	IF TG_OP <> 'DELETE' THEN n := audit_display(TG_TABLE_NAME, to_jsonb(NEW)); END IF;
	IF TG_OP = 'UPDATE' THEN
		FOR k IN SELECT jsonb_object_keys(n) LOOP
			IF (o->k) IS DISTINCT FROM (n->k) THEN
				ch := ch || jsonb_build_object(k, jsonb_build_array(o->k, n->k));
			END IF;
		END LOOP;
		IF ch = '{}' THEN
			RETURN NULL;  -- nothing a person would see changed
		END IF;
	END IF;
	IF TG_OP = 'DELETE' THEN
		row_id := OLD.id;
		ord := CASE WHEN TG_TABLE_NAME = 'orders' THEN OLD.id ELSE (to_jsonb(OLD)->>'order_id')::bigint END;
	ELSE
		row_id := NEW.id;
		ord := CASE WHEN TG_TABLE_NAME = 'orders' THEN NEW.id ELSE (to_jsonb(NEW)->>'order_id')::bigint END;
	END IF;
	-- A cascade from a deleted order leaves nothing to write to.
	PERFORM 1 FROM orders WHERE id = ord;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	SELECT login INTO who_login FROM staff_users WHERE id = who_id;
	d := coalesce(n, o);
	INSERT INTO order_history (order_id, staff_user_id, who, entity,
		entity_id, action, summary, changes, data)
	VALUES (ord, who_id, coalesce(who_login, 'system'),
		CASE TG_TABLE_NAME WHEN 'orders' THEN 'order'
			WHEN 'reservations' THEN 'reservation'
			WHEN 'order_options' THEN 'option'
			WHEN 'disbursements' THEN 'disbursement'
			ELSE 'service' END,
		row_id, lower(TG_OP), audit_summary(TG_TABLE_NAME, d, row_id), ch, d);
	RETURN NULL;
END;
$$;
