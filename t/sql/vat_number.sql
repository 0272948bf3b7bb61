-- pgTAP: VAT numbers (db/functions/vat_number.sql): the French key
-- against the SIREN, the SIREN's check digit, the company's own SIREN,
-- the formats of the other EU countries.
BEGIN;
SELECT plan(22);

SELECT is(vat_number_normal(' fr 40-303.265 045 '), 'FR40303265045', 'normalised: capitals, no spaces, dots or dashes');
SELECT is(vat_fr_key('303265045'), '40', 'the French key of a SIREN');
SELECT is(vat_fr_key('000000001'), '15', '... two digits');
SELECT ok(vat_siren_luhn('303265045') AND NOT vat_siren_luhn('303265046'), 'the SIREN''s check digit');
SELECT is((SELECT problem FROM vat_number_check('FR40303265045')), NULL, 'a right French number');
SELECT is((SELECT problem FROM vat_number_check('FR40303265045', '303 265 045')), NULL, '... for its company');
SELECT is((SELECT problem FROM vat_number_check(NULL)), NULL, 'none: nothing to say');
SELECT is((SELECT problem FROM vat_number_check('FRXX')), 'fr_format', 'FRXX is refused');
SELECT is((SELECT problem FROM vat_number_check('FRAB303265045')), 'fr_format', 'a key of letters is refused');
SELECT is((SELECT problem || '|' || expected || '|' || example FROM vat_number_check('FR41303265045')),
	'fr_key|40|FR40303265045', 'a wrong key: the right one said');
SELECT is((SELECT problem FROM vat_number_check('FR40303265046')), 'fr_siren', 'a SIREN with a wrong check digit');
SELECT is((SELECT problem || '|' || expected || '|' || example FROM vat_number_check('FR40303265045', '732829320')),
	'fr_other_siren|732829320|FR44732829320', 'another company''s SIREN: its own number said');
SELECT is((SELECT problem FROM vat_number_check('DE123456789')), NULL, 'Germany: DE + 9 digits');
SELECT is((SELECT problem || '|' || expected || '|' || example FROM vat_number_check('DE12345678')),
	'format|DE|DE123456789', 'Germany: 8 digits refused, with an example');
SELECT is((SELECT problem FROM vat_number_check('ATU12345678')), NULL, 'Austria: ATU + 8 digits');
SELECT is((SELECT problem FROM vat_number_check('AT12345678')), 'format', 'Austria without U');
SELECT is((SELECT problem FROM vat_number_check('NL123456789B01')), NULL, 'the Netherlands');
SELECT is((SELECT problem FROM vat_number_check('SE556677889901')), NULL, 'Sweden: 12 digits ending 01');
SELECT is((SELECT problem FROM vat_number_check('SE556677889902')), 'format', 'Sweden not ending 01');
SELECT is((SELECT problem || '|' || example FROM vat_number_check('GR123456789')), 'format|EL123456789',
	'Greece is EL, not GR');
SELECT is((SELECT problem FROM vat_number_check('ESX1234567X')), NULL, 'Spain: letters allowed');
SELECT is((SELECT problem FROM vat_number_check('GB123456789')), NULL, 'outside the EU: the form''s general rule only');

SELECT * FROM finish();
ROLLBACK;
