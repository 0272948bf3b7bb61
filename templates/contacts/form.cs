<?cs if:Contact.id ?><?cs set:Page.title = L.contacts.edit ?><?cs else ?><?cs set:Page.title = L.contacts.new ?><?cs /if ?><?cs set:Page.section = "contacts" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/companies"><?cs var:L.companies.title ?></a> ›<?cs if:Contact.company_name ?> <a href="/companies/<?cs var:Contact.company_id ?>"><?cs var:Contact.company_name ?></a> ›<?cs /if ?></p>
<div class="pagehead">
<h1><?cs var:Page.title ?></h1>
<?cs if:Contact.id ?><span class="headactions"><a class="button primary" href="/orders/new?contact_id=<?cs var:Contact.id ?>"><?cs var:L.contacts.add_order ?></a>
<form method="post" action="/contacts/<?cs var:Contact.id ?>/delete" class="inline" data-confirm="<?cs var:L.contacts.delete_confirm ?>"><?cs call:csrf() ?><button type="submit" class="danger"><?cs var:L.common.delete ?></button></form></span><?cs /if ?>
</div>
<form method="post" action="<?cs if:Contact.id ?>/contacts/<?cs var:Contact.id ?><?cs else ?>/contacts<?cs /if ?>" class="card form" novalidate>
<?cs call:csrf() ?>
<div class="grid2">
<?cs call:check_field("active", L.contacts.active) ?>
<?cs call:check_field("is_billing", L.contacts.is_billing) ?>
</div>
<p class="hint"><?cs var:L.contacts.billing_hint ?></p>
<div class="grid2">
<?cs call:field_open("company_id", L.contacts.company, 1) ?>
<select id="f-company_id" name="company_id">
<option value=""><?cs var:L.contacts.choose_company ?></option>
<?cs each:c = Companies ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Form.company_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
</select>
<?cs call:field_close("company_id") ?>
<?cs call:field_open("department_id", L.contacts.department, 0) ?>
<select id="f-department_id" name="department_id">
<option value=""><?cs var:L.contacts.no_department ?></option>
<?cs each:d = Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
</select>
<?cs call:field_close("department_id") ?>
</div>
<div class="grid3">
<?cs call:text_field("title", L.contacts.title_field, 0, 20, "") ?>
<?cs call:text_field("last_name", L.contacts.last_name, 1, 100, "") ?>
<?cs call:text_field("first_name", L.contacts.first_name, 0, 100, "") ?>
</div>
<div class="grid2">
<?cs call:text_field("function", L.contacts.function, 0, 100, "") ?>
<?cs call:text_field("email", L.contacts.email, 0, 254, "email") ?>
</div>
<div class="grid3">
<?cs call:text_field("phone", L.contacts.phone, 0, 40, "tel") ?>
<?cs call:text_field("fax", L.contacts.fax, 0, 40, "tel") ?>
<?cs call:text_field("mobile", L.contacts.mobile, 0, 40, "tel") ?>
</div>
<?cs call:textarea_field("address", L.contacts.address, 0, 1000) ?>
<div class="grid3">
<?cs call:text_field("postcode", L.contacts.postcode, 0, 20, "") ?>
<?cs call:text_field("city", L.contacts.city, 0, 100, "") ?>
<?cs call:text_field("country", L.contacts.country, 0, 100, "") ?>
</div>
<?cs call:textarea_field("info", L.contacts.info, 0, 4000) ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button> <a href="<?cs if:Contact.company_id ?>/companies/<?cs var:Contact.company_id ?><?cs else ?>/contacts<?cs /if ?>"><?cs var:L.common.cancel ?></a></div>
</form>
<?cs include:"layout/footer.cs" ?>
