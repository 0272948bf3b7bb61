<?cs set:Page.title = L.config.seller ?><?cs set:Page.section = "config" ?><?cs set:Kind.name = "seller" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><?cs var:L.config.title ?> ›</p>
<?cs include:"config/_nav.cs" ?>
<h1><?cs var:L.config.seller ?></h1>
<p class="hint"><?cs var:L.config.hint.seller ?></p>
<form method="post" action="/config/seller" class="card form" novalidate>
<?cs call:csrf() ?>
<div class="grid2">
<?cs call:text_field("name", L.seller.name, 1, 200, "") ?>
<?cs call:text_field("legal_form", L.seller.legal_form, 0, 100, "") ?>
</div>
<?cs call:textarea_field("address", L.companies.address, 0, 1000) ?>
<div class="grid3">
<?cs call:text_field("postcode", L.companies.postcode, 0, 20, "") ?>
<?cs call:text_field("city", L.companies.city, 0, 100, "") ?>
<?cs call:select_field("country_code", L.companies.country, 1, Countries, L.companies.choose_country) ?>
</div>
<div class="grid2">
<?cs call:text_field("phone", L.companies.phone, 0, 40, "tel") ?>
<?cs call:text_field("email", L.contacts.email, 0, 254, "email") ?>
</div>
<div class="grid4">
<?cs call:text_field("siren", L.companies.siren, 0, 11, "") ?>
<?cs call:text_field("rcs", L.seller.rcs, 0, 100, "") ?>
<?cs call:text_field("capital", L.seller.capital, 0, 100, "") ?>
<?cs call:text_field("vat_number", L.companies.vat_number, 0, 20, "") ?>
</div>
<div class="grid2">
<?cs call:text_field("iban", L.seller.iban, 0, 42, "") ?>
<?cs call:text_field("bic", L.seller.bic, 0, 11, "") ?>
</div>
<div class="grid2">
<?cs call:text_field("e_address", L.companies.e_address, 0, 125, "") ?>
<?cs call:text_field("e_scheme", L.companies.e_scheme, 0, 4, "") ?>
</div>
<p class="hint"><?cs var:L.companies.e_address_hint ?></p>
<div class="grid3">
<?cs call:text_field("payment_days", L.seller.payment_days, 0, 3, "") ?>
<?cs call:text_field("late_rate", L.seller.late_rate, 0, 6, "") ?>
<?cs call:text_field("legal_interest_rate", L.seller.legal_interest_rate, 0, 6, "") ?>
</div>
<?cs call:check_field("payment_end_of_month", L.seller.payment_end_of_month) ?>
<p class="hint"><?cs var:L.seller.terms_hint ?></p>
<?cs call:check_field("vat_franchise", L.seller.vat_franchise) ?>
<?cs call:textarea_field("payment_terms", L.seller.payment_terms, 0, 1000) ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>
<?cs include:"layout/footer.cs" ?>
