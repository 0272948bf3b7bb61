-- 0001_foundation: staff accounts and sessions, sites and rooms,
-- companies with their departments and contacts.

CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Lists sort as a French reader expects (é with e, Œ with oe, case aside).
CREATE COLLATION french (provider = icu, locale = 'fr');

-- Keeps updated_at current on every UPDATE.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.updated_at := now();
	RETURN NEW;
END;
$$;

-- Text that may be shown in a list: not blank, bounded.
CREATE DOMAIN short_text AS text CHECK (char_length(VALUE) <= 200);
CREATE DOMAIN long_text AS text CHECK (char_length(VALUE) <= 4000);

CREATE TABLE staff_users (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	login text NOT NULL CHECK (login ~ '^[A-Za-z0-9._@-]{2,64}$'),
	password_hash text NOT NULL,
	full_name short_text NOT NULL DEFAULT '',
	role text NOT NULL DEFAULT 'staff'
		CHECK (role IN ('admin', 'staff', 'accountant')),
	active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_login_key ON staff_users (lower(login));

-- Server-side sessions: the cookie holds a random token, the table its
-- SHA-256 only.  Idle expiry is checked against last_seen.
CREATE TABLE sessions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	token_hash bytea NOT NULL UNIQUE,
	staff_user_id bigint REFERENCES staff_users (id) ON DELETE CASCADE,
	csrf_token text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	ip inet,
	user_agent text
);
CREATE INDEX sessions_staff_user_idx ON sessions (staff_user_id);

-- Every login attempt, for throttling and for the record.
CREATE TABLE login_attempts (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	login text NOT NULL,
	ip inet,
	outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'throttled')),
	at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_login_idx ON login_attempts (lower(login), at);

CREATE TABLE sites (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name short_text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	address long_text,
	active boolean NOT NULL DEFAULT true
);

CREATE TABLE rooms (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id bigint NOT NULL REFERENCES sites (id),
	name short_text NOT NULL CHECK (btrim(name) <> ''),
	capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
	active boolean NOT NULL DEFAULT true,
	position integer NOT NULL DEFAULT 0,
	UNIQUE (site_id, name)
);

CREATE TABLE companies (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name short_text NOT NULL CHECK (btrim(name) <> ''),
	phone short_text,
	fax short_text,
	address long_text,
	postcode short_text,
	city short_text,
	country short_text,
	preferences long_text,
	vat_number short_text,
	siren text CHECK (siren ~ '^[0-9]{9}$'),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_name_idx ON companies ((name COLLATE french), id);
CREATE TRIGGER companies_touch BEFORE UPDATE ON companies
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE departments (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
	name short_text NOT NULL CHECK (btrim(name) <> ''),
	UNIQUE (company_id, name),
	UNIQUE (id, company_id)
);

-- A contact's department must belong to the contact's company: the
-- composite foreign key makes any other pairing impossible.
CREATE TABLE contacts (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
	department_id bigint,
	active boolean NOT NULL DEFAULT true,
	is_billing boolean NOT NULL DEFAULT false,
	function short_text,
	title short_text,
	last_name short_text NOT NULL CHECK (btrim(last_name) <> ''),
	first_name short_text,
	email short_text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
	phone short_text,
	fax short_text,
	mobile short_text,
	address long_text,
	postcode short_text,
	city short_text,
	country short_text,
	info long_text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (department_id, company_id)
		REFERENCES departments (id, company_id)
		ON DELETE SET NULL (department_id)
);
CREATE INDEX contacts_company_idx ON contacts (company_id, last_name);
CREATE INDEX contacts_name_idx ON contacts ((last_name COLLATE french), (first_name COLLATE french));
CREATE TRIGGER contacts_touch BEFORE UPDATE ON contacts
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
