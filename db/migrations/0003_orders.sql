-- 0002_orders: the configuration catalogue (VAT rates, tariffs, option
-- categories and options, the seller's identity), orders with their
-- reservations, options, disbursements and services, the order history
-- (written by triggers in the same transaction as each change), and the
-- SQL functions that price an order.
--
-- Money is numeric(12,2); every amount shown to a user comes from the
-- functions at the end of this file, never from arithmetic in C.

-- VAT rates offered in forms; other tables reference the rate itself so
-- that a row reads on its own (vat_rate = 20.00).
CREATE TABLE vat_rates (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	rate numeric(5,2) NOT NULL UNIQUE CHECK (rate >= 0 AND rate < 100),
	label_fr short_text NOT NULL CHECK (btrim(label_fr) <> ''),
	label_en short_text NOT NULL CHECK (btrim(label_en) <> ''),
	active boolean NOT NULL DEFAULT true
);
INSERT INTO vat_rates (rate, label_fr, label_en) VALUES
	(20, 'Taux normal 20 %', 'Standard rate 20%'),
	(10, 'Taux intermédiaire 10 %', 'Intermediate rate 10%'),
	(5.5, 'Taux réduit 5,5 %', 'Reduced rate 5.5%'),
	(0, 'Exonéré 0 %', 'Exempt 0%');

-- The seller's identity printed on quotes and invoices: one row.
CREATE TABLE seller (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	name short_text NOT NULL DEFAULT '',
	address long_text,
	postcode short_text,
	city short_text,
	country short_text,
	phone short_text,
	email short_text,
	siren text CHECK (siren ~ '^[0-9]{9}$'),
	rcs short_text,
	legal_form short_text,
	capital short_text,
	vat_number short_text,
	iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$'),
	bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
	payment_days integer NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 365),
	payment_terms long_text,
	late_rate numeric(5,2) NOT NULL DEFAULT 10 CHECK (late_rate >= 0 AND late_rate < 100),
	updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO seller (name) VALUES ('');
CREATE TRIGGER seller_touch BEFORE UPDATE ON seller
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Room hire tariffs.  The time window is what the tariff covers (the
-- reservation form proposes it); overtime_price is per hour beyond it.
CREATE TABLE tariffs (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	label_fr short_text NOT NULL CHECK (btrim(label_fr) <> ''),
	label_en short_text NOT NULL CHECK (btrim(label_en) <> ''),
	kind text NOT NULL CHECK (kind IN ('morning', 'afternoon', 'day',
		'evening', 'day_evening', 'afternoon_evening', 'other')),
	starts time NOT NULL,
	ends time NOT NULL CHECK (ends > starts),
	price numeric(12,2) NOT NULL CHECK (price >= 0),
	vat_rate numeric(5,2) NOT NULL REFERENCES vat_rates (rate),
	overtime_price numeric(12,2) NOT NULL DEFAULT 0 CHECK (overtime_price >= 0),
	active boolean NOT NULL DEFAULT true,
	position integer NOT NULL DEFAULT 0
);

-- Option catalogue: categories (Restauration, Matériel...) each shown as
-- a tab of the order form, and their options.
CREATE TABLE option_categories (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	label_fr short_text NOT NULL UNIQUE CHECK (btrim(label_fr) <> ''),
	label_en short_text NOT NULL CHECK (btrim(label_en) <> ''),
	-- Grid rows carry a room and hours (equipment) or only a day (catering).
	per_room boolean NOT NULL DEFAULT false,
	active boolean NOT NULL DEFAULT true,
	position integer NOT NULL DEFAULT 0
);

CREATE TABLE options (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	category_id bigint NOT NULL REFERENCES option_categories (id),
	label_fr short_text NOT NULL CHECK (btrim(label_fr) <> ''),
	label_en short_text NOT NULL CHECK (btrim(label_en) <> ''),
	unit_fr short_text NOT NULL DEFAULT '',
	unit_en short_text NOT NULL DEFAULT '',
	unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),
	vat_rate numeric(5,2) NOT NULL REFERENCES vat_rates (rate),
	-- Shown as a tick box in the grid (quantity 1 or nothing).
	checkbox boolean NOT NULL DEFAULT false,
	active boolean NOT NULL DEFAULT true,
	position integer NOT NULL DEFAULT 0,
	UNIQUE (category_id, label_fr)
);
CREATE INDEX options_category_idx ON options (category_id, position, id);

-- The order number is the order's id, shown everywhere as "N° 42".
CREATE TABLE orders (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	company_id bigint NOT NULL REFERENCES companies (id) ON DELETE RESTRICT,
	contact_id bigint REFERENCES contacts (id) ON DELETE SET NULL,
	billing_company_id bigint REFERENCES companies (id) ON DELETE RESTRICT,
	billing_contact_id bigint REFERENCES contacts (id) ON DELETE SET NULL,
	study_ref short_text,
	vip boolean NOT NULL DEFAULT false,
	account_code short_text,
	comment_printed long_text,
	internal_note long_text,
	language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
	vat_mode text NOT NULL DEFAULT 'normal'
		CHECK (vat_mode IN ('normal', 'exempt', 'reverse_charge', 'export')),
	created_by bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_company_idx ON orders (company_id);
CREATE INDEX orders_billing_company_idx ON orders (billing_company_id);
CREATE INDEX orders_contact_idx ON orders (contact_id);
CREATE INDEX orders_billing_contact_idx ON orders (billing_contact_id);
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The contact works for the order's company; the billing contact is a
-- billing contact (is_billing) of the billing company (by default the
-- order's company).  Checked when they are set, not when a contact
-- changes later (the order keeps the contact it was made with).
CREATE FUNCTION orders_check_contacts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.contact_id IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.contact_id IS DISTINCT FROM OLD.contact_id
	    OR NEW.company_id IS DISTINCT FROM OLD.company_id) THEN
		PERFORM 1 FROM contacts
		WHERE id = NEW.contact_id AND company_id = NEW.company_id;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'the contact does not work for the order''s company'
				USING ERRCODE = 'check_violation',
				CONSTRAINT = 'orders_contact_company';
		END IF;
	END IF;
	IF NEW.billing_contact_id IS NOT NULL AND (TG_OP = 'INSERT'
	    OR NEW.billing_contact_id IS DISTINCT FROM OLD.billing_contact_id
	    OR NEW.billing_company_id IS DISTINCT FROM OLD.billing_company_id
	    OR NEW.company_id IS DISTINCT FROM OLD.company_id) THEN
		PERFORM 1 FROM contacts
		WHERE id = NEW.billing_contact_id AND is_billing
		  AND company_id = coalesce(NEW.billing_company_id, NEW.company_id);
		IF NOT FOUND THEN
			RAISE EXCEPTION 'the billing contact is not a billing contact of the billing company'
				USING ERRCODE = 'check_violation',
				CONSTRAINT = 'orders_billing_contact';
		END IF;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER orders_contacts BEFORE INSERT OR UPDATE ON orders
	FOR EACH ROW EXECUTE FUNCTION orders_check_contacts();

-- Room reservations.  The exclusion constraint makes a double booking
-- impossible, even for two transactions at the same instant.  Prices are
-- copied from the tariff when the reservation is made or its tariff
-- changes: a later change of the catalogue does not alter past orders.
CREATE TABLE reservations (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	room_id bigint NOT NULL REFERENCES rooms (id) ON DELETE RESTRICT,
	starts_at timestamptz NOT NULL,
	ends_at timestamptz NOT NULL,
	tariff_id bigint NOT NULL REFERENCES tariffs (id) ON DELETE RESTRICT,
	rec boolean NOT NULL DEFAULT false,
	trad boolean NOT NULL DEFAULT false,
	live boolean NOT NULL DEFAULT false,
	overtime_minutes integer NOT NULL DEFAULT 0
		CHECK (overtime_minutes BETWEEN 0 AND 1440),
	info short_text,
	price numeric(12,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
	overtime_price numeric(12,2) NOT NULL DEFAULT 0 CHECK (overtime_price >= 0),
	vat_rate numeric(5,2) NOT NULL DEFAULT 20 REFERENCES vat_rates (rate),
	CONSTRAINT reservations_times CHECK (ends_at > starts_at
		AND ends_at - starts_at <= interval '24 hours'),
	CONSTRAINT reservations_no_overlap EXCLUDE USING gist
		(room_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);
CREATE INDEX reservations_order_idx ON reservations (order_id, starts_at);
CREATE INDEX reservations_time_idx ON reservations USING gist
	(tstzrange(starts_at, ends_at));

CREATE FUNCTION reservations_price() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.tariff_id IS DISTINCT FROM OLD.tariff_id THEN
		SELECT price, overtime_price, vat_rate
		INTO NEW.price, NEW.overtime_price, NEW.vat_rate
		FROM tariffs WHERE id = NEW.tariff_id;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER reservations_price BEFORE INSERT OR UPDATE ON reservations
	FOR EACH ROW EXECUTE FUNCTION reservations_price();

-- Catalogue options ordered for a day (and, for equipment, a room and
-- hours): one row per cell of the order form's grids.
CREATE TABLE order_options (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	option_id bigint NOT NULL REFERENCES options (id) ON DELETE RESTRICT,
	day date NOT NULL,
	room_id bigint REFERENCES rooms (id) ON DELETE RESTRICT,
	hours text NOT NULL DEFAULT '' CHECK (char_length(hours) <= 40),
	quantity numeric(10,3) NOT NULL CHECK (quantity > 0),
	unit_price numeric(12,2) NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
	vat_rate numeric(5,2) NOT NULL DEFAULT 20 REFERENCES vat_rates (rate),
	CONSTRAINT order_options_cell UNIQUE NULLS NOT DISTINCT
		(order_id, option_id, day, room_id, hours)
);
CREATE INDEX order_options_option_idx ON order_options (option_id);

CREATE FUNCTION order_options_price() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.option_id IS DISTINCT FROM OLD.option_id THEN
		SELECT unit_price, vat_rate INTO NEW.unit_price, NEW.vat_rate
		FROM options WHERE id = NEW.option_id;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER order_options_price BEFORE INSERT OR UPDATE ON order_options
	FOR EACH ROW EXECUTE FUNCTION order_options_price();

-- Disbursements (débours): paid on the client's behalf, outside the VAT base.
CREATE TABLE disbursements (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	last_name short_text NOT NULL CHECK (btrim(last_name) <> ''),
	first_name short_text,
	payment_type text NOT NULL CHECK (payment_type IN ('cash', 'cheque',
		'transfer', 'card', 'other')),
	amount numeric(12,2) NOT NULL CHECK (amount > 0),
	cheque_no short_text,
	paid_on date NOT NULL,
	CHECK (payment_type = 'cheque' OR cheque_no IS NULL)
);
CREATE INDEX disbursements_order_idx ON disbursements (order_id);

-- Free lines for anything the catalogue does not cover.
CREATE TABLE services (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	label short_text NOT NULL CHECK (btrim(label) <> ''),
	quantity numeric(10,3) NOT NULL CHECK (quantity > 0),
	unit_price numeric(12,2) NOT NULL,
	vat_rate numeric(5,2) NOT NULL REFERENCES vat_rates (rate)
);
CREATE INDEX services_order_idx ON services (order_id);

-- ---------------------------------------------------------------------
-- History: who changed what on an order, and when.  focusd sets
-- fm.staff_id at the start of each writing transaction; the triggers
-- below write one row per change in that same transaction (as people
-- read it: audit_display() and audit_summary(), db/functions/orders.sql).
CREATE TABLE order_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	at timestamptz NOT NULL DEFAULT now(),
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
	who text NOT NULL,
	entity text NOT NULL CHECK (entity IN ('order', 'reservation',
		'option', 'disbursement', 'service')),
	entity_id bigint NOT NULL,
	action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	summary text NOT NULL,
	-- For updates: {"field": ["old", "new"], ...} in display form.
	changes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX order_history_order_idx ON order_history (order_id, at DESC, id DESC);

CREATE FUNCTION audit_order_change() RETURNS trigger
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
		entity_id, action, summary, changes)
	VALUES (ord, who_id, coalesce(who_login, 'system'),
		CASE TG_TABLE_NAME WHEN 'orders' THEN 'order'
			WHEN 'reservations' THEN 'reservation'
			WHEN 'order_options' THEN 'option'
			WHEN 'disbursements' THEN 'disbursement'
			ELSE 'service' END,
		row_id, lower(TG_OP), audit_summary(TG_TABLE_NAME, d, row_id), ch);
	RETURN NULL;
END;
$$;
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders
	FOR EACH ROW EXECUTE FUNCTION audit_order_change();
CREATE TRIGGER reservations_audit AFTER INSERT OR UPDATE OR DELETE ON reservations
	FOR EACH ROW EXECUTE FUNCTION audit_order_change();
CREATE TRIGGER order_options_audit AFTER INSERT OR UPDATE OR DELETE ON order_options
	FOR EACH ROW EXECUTE FUNCTION audit_order_change();
CREATE TRIGGER disbursements_audit AFTER INSERT OR UPDATE OR DELETE ON disbursements
	FOR EACH ROW EXECUTE FUNCTION audit_order_change();
CREATE TRIGGER services_audit AFTER INSERT OR UPDATE OR DELETE ON services
	FOR EACH ROW EXECUTE FUNCTION audit_order_change();

-- ---------------------------------------------------------------------
-- Pricing.  Each line's amount excl. VAT is rounded to the cent (half away
-- from zero); VAT is computed once per rate on the sum of the lines at
-- that rate (the French practice), then rounded to the cent: order_lines()
-- and order_vat_totals() (db/functions/orders.sql).

-- The VAT rate that applies to a line under the order's VAT mode: only
-- the normal mode charges VAT (exempt, reverse charge, export: 0).
CREATE FUNCTION effective_vat_rate(vat_mode text, rate numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN vat_mode = 'normal' THEN rate ELSE 0 END
$$;

-- The planning's change counter (see 0002_change_counters.sql): bumped
-- by every change that the planning shows, so that focusd can keep a
-- rendered week until something changes.
INSERT INTO change_counters (topic) VALUES ('planning');
CREATE TRIGGER reservations_planning AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON reservations FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('planning');
CREATE TRIGGER orders_planning AFTER UPDATE OR DELETE OR TRUNCATE
	ON orders FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('planning');
CREATE TRIGGER rooms_planning AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON rooms FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('planning');
CREATE TRIGGER sites_planning AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON sites FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('planning');
CREATE TRIGGER companies_planning AFTER UPDATE OR DELETE OR TRUNCATE
	ON companies FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('planning');

-- The catalogue's change counter: bumped by every change of what order
-- pages show besides the order itself (the catalogue, companies and
-- contacts), so that focusd can keep a rendered order page until the order
-- (its history) or these change.
INSERT INTO change_counters (topic) VALUES ('catalogue');
CREATE TRIGGER tariffs_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON tariffs FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER options_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON options FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER option_categories_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON option_categories FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER vat_rates_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON vat_rates FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER rooms_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON rooms FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER sites_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON sites FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER companies_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON companies FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
CREATE TRIGGER contacts_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON contacts FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('catalogue');
