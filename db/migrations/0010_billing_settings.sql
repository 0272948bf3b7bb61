-- 0010_billing_settings: the billing part (0010-0015: quotes, invoices,
-- credit notes and disbursement notes; docs/billing.md) begins with its
-- settings.  The billing functions are in db/functions/documents.sql,
-- document_issue.sql, document_log.sql and fec.sql.
--
-- The settings: what documents print besides the seller's identity (0003's
-- `seller`), and the accounts of the FEC export.

CREATE DOMAIN account_code AS text CHECK (VALUE ~ '^[0-9A-Z]{2,20}$');

CREATE TABLE billing_settings (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	quote_validity_days integer NOT NULL DEFAULT 30
		CHECK (quote_validity_days BETWEEN 1 AND 365),
	-- Fixed indemnity for recovery costs owed by business clients
	-- (art. L441-10 and D441-5 of the Code de commerce).
	recovery_indemnity numeric(12,2) NOT NULL DEFAULT 40.00
		CHECK (recovery_indemnity >= 0),
	early_payment_fr long_text NOT NULL
		DEFAULT 'Pas d''escompte pour paiement anticipé.',
	early_payment_en long_text NOT NULL
		DEFAULT 'No discount for early payment.',
	-- The seller opted for paying VAT on debits (art. 269-2 c CGI): the
	-- 2026 e-invoicing reform makes the mention compulsory.
	vat_on_debits boolean NOT NULL DEFAULT false,
	-- Nature of the operations by default: services, goods or both.
	operation_nature text NOT NULL DEFAULT 'services'
		CHECK (operation_nature IN ('services', 'goods', 'both')),
	mention_exempt_fr long_text NOT NULL
		DEFAULT 'Exonération de TVA, article 262 ter I du CGI.',
	mention_exempt_en long_text NOT NULL
		DEFAULT 'VAT exempt: article 262 ter I of the French tax code (CGI).',
	mention_reverse_charge_fr long_text NOT NULL
		DEFAULT 'Autoliquidation : TVA due par le preneur (article 283-2 du CGI, article 196 de la directive 2006/112/CE).',
	mention_reverse_charge_en long_text NOT NULL
		DEFAULT 'Reverse charge: VAT to be accounted for by the customer (Article 196 of Council Directive 2006/112/EC; article 283-2 of the French tax code).',
	mention_export_fr long_text NOT NULL
		DEFAULT 'Exonération de TVA : opération réalisée pour un client établi hors de l''Union européenne (articles 259-1 et 262 I du CGI).',
	mention_export_en long_text NOT NULL
		DEFAULT 'VAT exempt: supply to a customer established outside the European Union (articles 259-1 and 262 I of the French tax code).',
	-- Débours: sums paid in the client's name and on its behalf, outside
	-- the VAT base (art. 267 II-2° CGI).
	mention_disbursements_fr long_text NOT NULL
		DEFAULT 'Débours : sommes payées au nom et pour le compte du client, hors base d''imposition à la TVA (article 267 II-2° du CGI).',
	mention_disbursements_en long_text NOT NULL
		DEFAULT 'Disbursements: sums paid in the name and on behalf of the client, outside the VAT base (article 267 II-2° of the French tax code).',
	-- The sales journal of the FEC and its accounts.
	journal_code text NOT NULL DEFAULT 'VE'
		CHECK (journal_code ~ '^[A-Za-z0-9]{1,10}$'),
	journal_label short_text NOT NULL DEFAULT 'Journal des ventes'
		CHECK (btrim(journal_label) <> ''),
	customer_account account_code NOT NULL DEFAULT '411000',
	customer_label short_text NOT NULL DEFAULT 'Clients',
	disbursement_account account_code NOT NULL DEFAULT '467000',
	disbursement_label short_text NOT NULL DEFAULT 'Débours clients',
	sales_account_eu account_code NOT NULL DEFAULT '706500',
	sales_label_eu short_text NOT NULL
		DEFAULT 'Prestations de services UE (autoliquidation)',
	sales_account_export account_code NOT NULL DEFAULT '706600',
	sales_label_export short_text NOT NULL
		DEFAULT 'Prestations de services hors UE',
	updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_settings DEFAULT VALUES;
CREATE TRIGGER billing_settings_touch BEFORE UPDATE ON billing_settings
	FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Sales and VAT accounts of each rate (the FEC's credit side).
ALTER TABLE vat_rates
	ADD COLUMN sales_account account_code NOT NULL DEFAULT '706000',
	ADD COLUMN vat_account account_code NOT NULL DEFAULT '445710';
UPDATE vat_rates SET
	sales_account = CASE rate WHEN 20 THEN '706000' WHEN 10 THEN '706100'
		WHEN 5.5 THEN '706200' ELSE '706900' END,
	vat_account = CASE rate WHEN 20 THEN '445711' WHEN 10 THEN '445712'
		WHEN 5.5 THEN '445713' ELSE '445710' END;
