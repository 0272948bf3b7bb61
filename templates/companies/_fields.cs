<?cs # The company form's fields, shared by the new and edit pages. ?>
<div class="grid2">
<?cs call:text_field("name", L.companies.name, 1, 200, "") ?>
<?cs call:text_field("siren", L.companies.siren, 0, 11, "") ?>
<?cs call:text_field("phone", L.companies.phone, 0, 40, "tel") ?>
<?cs call:text_field("fax", L.companies.fax, 0, 40, "tel") ?>
</div>
<?cs call:textarea_field("address", L.companies.address, 0, 1000) ?>
<div class="grid3">
<?cs call:text_field("postcode", L.companies.postcode, 0, 20, "") ?>
<?cs call:text_field("city", L.companies.city, 0, 100, "") ?>
<?cs call:select_field("country_code", L.companies.country, 1, Countries, L.companies.choose_country) ?>
</div>
<?cs if:Company.country && !Form.country_code ?><p class="hint"><?cs var:L.companies.country_typed ?> « <?cs var:Company.country ?> »</p><?cs /if ?>
<?cs call:text_field("vat_number", L.companies.vat_number, 0, 20, "") ?>
<fieldset class="einvoicing"><legend><?cs var:L.companies.einvoicing ?></legend>
<?cs call:check_field("is_b2b", L.companies.is_b2b) ?>
<div class="grid2">
<?cs call:text_field("e_address", L.companies.e_address, 0, 125, "") ?>
<?cs call:text_field("e_scheme", L.companies.e_scheme, 0, 4, "") ?>
</div>
<p class="hint"><?cs var:L.companies.e_address_hint ?></p>
</fieldset>
<fieldset class="billing-address"><legend><?cs var:L.companies.billing_address ?></legend>
<p class="hint"><?cs var:L.companies.billing_address_hint ?></p>
<?cs call:textarea_field("billing_address", L.companies.address, 0, 1000) ?>
<div class="grid3">
<?cs call:text_field("billing_postcode", L.companies.postcode, 0, 20, "") ?>
<?cs call:text_field("billing_city", L.companies.city, 0, 100, "") ?>
<?cs call:select_field("billing_country_code", L.companies.country, 0, Countries, L.companies.same_country) ?>
</div>
</fieldset>
<?cs call:textarea_field("preferences", L.companies.preferences, 0, 4000) ?>
