-- 0130_fec_journals: the accountant's FEC (fec_lines(),
-- db/functions/fec.sql) covers one fiscal year and two journals, sales
-- and bank, with VAT on receipts for services unless the seller opted
-- for VAT on debits (docs/billing.md, "Exports for accountants").
--
-- The fiscal year: its first month and its length in months (12; up to
-- 24 for a first or a last year).  The bank journal and its accounts;
-- the account where VAT on receipts waits until the payment (44574…).

-- VAT on debits (art. 269-2 c CGI): 0010 made it; kept here for the
-- databases that lack it.
ALTER TABLE billing_settings ADD COLUMN IF NOT EXISTS vat_on_debits boolean NOT NULL DEFAULT false;

ALTER TABLE billing_settings
	ADD COLUMN fiscal_year_start_month integer NOT NULL DEFAULT 1
		CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
	ADD COLUMN fiscal_year_months integer NOT NULL DEFAULT 12
		CHECK (fiscal_year_months BETWEEN 1 AND 24),
	ADD COLUMN bank_journal_code text NOT NULL DEFAULT 'BQ'
		CHECK (bank_journal_code ~ '^[A-Za-z0-9]{1,10}$'),
	ADD COLUMN bank_journal_label short_text NOT NULL DEFAULT 'Banque'
		CHECK (btrim(bank_journal_label) <> ''),
	ADD COLUMN bank_account account_code NOT NULL DEFAULT '512000',
	ADD COLUMN bank_label short_text NOT NULL DEFAULT 'Banque',
	ADD COLUMN vat_pending_account account_code NOT NULL DEFAULT '445740',
	ADD COLUMN vat_pending_label short_text NOT NULL
		DEFAULT 'TVA collectée en attente d''encaissement',
	ADD CONSTRAINT billing_settings_journals CHECK (upper(bank_journal_code) <> upper(journal_code));
