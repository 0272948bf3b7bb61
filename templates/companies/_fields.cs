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
<?cs call:text_field("country", L.companies.country, 0, 100, "") ?>
</div>
<?cs call:text_field("vat_number", L.companies.vat_number, 0, 20, "") ?>
<?cs call:textarea_field("preferences", L.companies.preferences, 0, 4000) ?>
