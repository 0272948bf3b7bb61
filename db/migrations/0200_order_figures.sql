-- 0200_order_figures: what the lists show of each order (its period,
-- its sessions, its total excl. VAT) kept by the database as the order's
-- reservations, options and services change, in the same transaction;
-- and pg_trgm for the searches' indexes (0204-0207), so that a page
-- costs what it shows whatever the size of the tables
-- (docs/benchmarks.md, "Five years of data").
--
-- Locks: this file only creates the table and the triggers; writes to
-- orders, reservations, options and services wait from the LOCK below to
-- its commit (no row is read or written meanwhile).  The rows of the
-- orders that exist are made by 0203 (its own transaction, while the
-- triggers keep the orders that change meanwhile), the indexes of the
-- searches by 0204-0207, one table a transaction (docs/benchmarks.md).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The search key moves here from db/functions/common.sql: the trigram
-- indexes of 0204-0207 are built on it.
CREATE OR REPLACE FUNCTION search_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(t, '')))
$$;

-- One row per order.  first_day and last_day: the days of its first and
-- last reservation (its creation day when it has none), in the writing
-- session's time zone (focusd's and the tools' Site.TimeZone); sessions:
-- its reservations; total_ht: the sum of its priced lines (order_lines(),
-- db/functions/orders.sql), before VAT.
CREATE TABLE order_figures (
	order_id bigint PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
	first_day date NOT NULL,
	last_day date NOT NULL,
	sessions integer NOT NULL DEFAULT 0,
	total_ht numeric(12,2) NOT NULL DEFAULT 0
);
-- The orders list's order (most recent period first).
CREATE INDEX order_figures_list_idx ON order_figures (first_day DESC, order_id DESC);

-- Computes the figures of the given orders again and stores them.  The
-- rows are locked first, so that a second transaction changing the same
-- order computes after the first one's commit (READ COMMITTED: the next
-- statement sees it).
CREATE FUNCTION order_figures_refresh(p_orders bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM order_figures WHERE order_id = ANY (p_orders)
	ORDER BY order_id FOR UPDATE;
	INSERT INTO order_figures (order_id, first_day, last_day, sessions, total_ht)
	SELECT o.id, coalesce(r.first_day, o.created_at::date),
		coalesce(r.last_day, o.created_at::date), coalesce(r.sessions, 0),
		coalesce(r.amount, 0) + coalesce(x.amount, 0) + coalesce(s.amount, 0)
	FROM orders o
	LEFT JOIN LATERAL (SELECT min(starts_at)::date AS first_day,
		max(ends_at - interval '1 second')::date AS last_day,
		count(*)::int AS sessions,
		sum(price + round(overtime_minutes * overtime_price / 60, 2)) AS amount
		FROM reservations WHERE order_id = o.id) r ON true
	LEFT JOIN LATERAL (SELECT sum(round(quantity * unit_price, 2)) AS amount
		FROM order_options WHERE order_id = o.id) x ON true
	LEFT JOIN LATERAL (SELECT sum(round(quantity * unit_price, 2)) AS amount
		FROM services WHERE order_id = o.id) s ON true
	WHERE o.id = ANY (p_orders)
	ON CONFLICT (order_id) DO UPDATE SET first_day = EXCLUDED.first_day,
		last_day = EXCLUDED.last_day, sessions = EXCLUDED.sessions,
		total_ht = EXCLUDED.total_ht
	WHERE (order_figures.first_day, order_figures.last_day,
		order_figures.sessions, order_figures.total_ht)
	   IS DISTINCT FROM (EXCLUDED.first_day, EXCLUDED.last_day,
		EXCLUDED.sessions, EXCLUDED.total_ht);
END;
$$;

-- Statement triggers: one refresh per statement for all the orders it
-- touched (a copy of a hundred reservations refreshes its order once).
CREATE FUNCTION order_figures_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'orders' THEN
		PERFORM order_figures_refresh(ARRAY(SELECT id FROM new_rows));
	ELSE
		PERFORM order_figures_refresh(ARRAY(SELECT DISTINCT order_id FROM new_rows));
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION order_figures_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM order_figures_refresh(ARRAY(SELECT DISTINCT order_id FROM old_rows));
	RETURN NULL;
END;
$$;
CREATE FUNCTION order_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM order_figures_refresh(ARRAY(SELECT order_id FROM old_rows
		UNION SELECT order_id FROM new_rows));
	RETURN NULL;
END;
$$;

LOCK TABLE orders, reservations, order_options, services IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER orders_figures AFTER INSERT ON orders
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_new();
CREATE TRIGGER reservations_figures_insert AFTER INSERT ON reservations
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_new();
CREATE TRIGGER reservations_figures_update AFTER UPDATE ON reservations
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_changed();
CREATE TRIGGER reservations_figures_delete AFTER DELETE ON reservations
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_old();
CREATE TRIGGER order_options_figures_insert AFTER INSERT ON order_options
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_new();
CREATE TRIGGER order_options_figures_update AFTER UPDATE ON order_options
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_changed();
CREATE TRIGGER order_options_figures_delete AFTER DELETE ON order_options
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_old();
CREATE TRIGGER services_figures_insert AFTER INSERT ON services
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_new();
CREATE TRIGGER services_figures_update AFTER UPDATE ON services
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_changed();
CREATE TRIGGER services_figures_delete AFTER DELETE ON services
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION order_figures_old();
