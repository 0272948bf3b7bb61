<?cs set:Page.title = L.config.billing ?><?cs set:Page.section = "config" ?><?cs set:Kind.name = "billing" ?><?cs include:"layout/header.cs" ?>
<?cs # Billing settings: terms and legal mentions printed on documents, and
     the accounts of the FEC export. ?>
<p class="crumbs"><?cs var:L.config.title ?> ›</p>
<?cs include:"config/_nav.cs" ?>
<h1><?cs var:L.config.billing ?></h1>
<p class="hint"><?cs var:L.billing.hint ?></p>
<form method="post" action="/config/billing" class="card form" novalidate id="billing-form">
<?cs call:csrf() ?>
<h2><?cs var:L.billing.terms ?></h2>
<div class="grid3">
<?cs call:text_field("quote_validity_days", L.billing.quote_validity_days, 1, 3, "") ?>
<?cs call:text_field("recovery_indemnity", L.billing.recovery_indemnity, 1, 12, "") ?>
<?cs call:field_open("operation_nature", L.documents.nature, 1) ?>
<select id="f-operation_nature" name="operation_nature"><?cs each:m = L.documents.natures ?><option value="<?cs name:m ?>"<?cs if:Form.operation_nature == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select>
<?cs call:field_close("operation_nature") ?>
</div>
<?cs call:check_field("vat_on_debits", L.billing.vat_on_debits) ?>
<p class="hint"><?cs var:L.billing.vat_on_debits_hint ?></p>
<div class="grid2">
<?cs call:textarea_field("early_payment_fr", L.billing.early_payment_fr, 1, 1000) ?>
<?cs call:textarea_field("early_payment_en", L.billing.early_payment_en, 1, 1000) ?>
</div>
<h2><?cs var:L.billing.mentions ?></h2>
<div class="grid2">
<?cs call:textarea_field("mention_reverse_charge_fr", L.billing.mention_reverse_charge_fr, 1, 1000) ?>
<?cs call:textarea_field("mention_reverse_charge_en", L.billing.mention_reverse_charge_en, 1, 1000) ?>
<?cs call:textarea_field("mention_exempt_fr", L.billing.mention_exempt_fr, 1, 1000) ?>
<?cs call:textarea_field("mention_exempt_en", L.billing.mention_exempt_en, 1, 1000) ?>
<?cs call:textarea_field("mention_export_fr", L.billing.mention_export_fr, 1, 1000) ?>
<?cs call:textarea_field("mention_export_en", L.billing.mention_export_en, 1, 1000) ?>
<?cs call:textarea_field("mention_disbursements_fr", L.billing.mention_disbursements_fr, 1, 1000) ?>
<?cs call:textarea_field("mention_disbursements_en", L.billing.mention_disbursements_en, 1, 1000) ?>
</div>
<h2><?cs var:L.billing.fiscal_year ?></h2>
<p class="hint"><?cs var:L.billing.fiscal_year_hint ?></p>
<div class="grid2">
<?cs call:field_open("fiscal_year_start_month", L.billing.fiscal_year_start_month, 1) ?>
<select id="f-fiscal_year_start_month" name="fiscal_year_start_month"<?cs if:Errors.fiscal_year_start_month ?> aria-invalid="true" aria-describedby="e-fiscal_year_start_month"<?cs /if ?>><?cs each:m = L.billing.months ?><option value="<?cs name:m ?>"<?cs if:Form.fiscal_year_start_month == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select>
<?cs call:field_close("fiscal_year_start_month") ?>
<?cs call:text_field("fiscal_year_months", L.billing.fiscal_year_months, 1, 2, "") ?>
</div>
<h2><?cs var:L.billing.accounts ?></h2>
<p class="hint"><?cs var:L.billing.accounts_hint ?></p>
<div class="grid2">
<?cs call:text_field("journal_code", L.billing.journal_code, 1, 10, "") ?>
<?cs call:text_field("journal_label", L.billing.journal_label, 1, 100, "") ?>
<?cs call:text_field("bank_journal_code", L.billing.bank_journal_code, 1, 10, "") ?>
<?cs call:text_field("bank_journal_label", L.billing.bank_journal_label, 1, 100, "") ?>
<?cs call:text_field("bank_account", L.billing.bank_account, 1, 20, "") ?>
<?cs call:text_field("bank_label", L.billing.bank_label, 1, 100, "") ?>
<?cs call:text_field("vat_pending_account", L.billing.vat_pending_account, 1, 20, "") ?>
<?cs call:text_field("vat_pending_label", L.billing.vat_pending_label, 1, 100, "") ?>
<?cs call:text_field("customer_account", L.billing.customer_account, 1, 20, "") ?>
<?cs call:text_field("customer_label", L.billing.customer_label, 1, 100, "") ?>
<?cs call:text_field("disbursement_account", L.billing.disbursement_account, 1, 20, "") ?>
<?cs call:text_field("disbursement_label", L.billing.disbursement_label, 1, 100, "") ?>
<?cs call:text_field("sales_account_eu", L.billing.sales_account_eu, 1, 20, "") ?>
<?cs call:text_field("sales_label_eu", L.billing.sales_label_eu, 1, 100, "") ?>
<?cs call:text_field("sales_account_export", L.billing.sales_account_export, 1, 20, "") ?>
<?cs call:text_field("sales_label_export", L.billing.sales_label_export, 1, 100, "") ?>
</div>
<table class="list config">
<thead><tr><th><?cs var:L.config.rate ?></th><th><?cs var:L.billing.sales_account ?></th><th><?cs var:L.billing.vat_account ?></th></tr></thead>
<tbody>
<?cs each:v = Rates ?>
<tr><td><?cs var:v.label ?> %</td>
<td><input type="text" name="sales.<?cs var:v.id ?>" value="<?cs var:Form.sales[v.id] ?>" size="12" aria-label="<?cs var:L.billing.sales_account ?> <?cs var:v.label ?> %"<?cs if:Errors.sales[v.id] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.sales[v.id] ?><p class="error"><?cs var:Errors.sales[v.id] ?></p><?cs /if ?></td>
<td><input type="text" name="vat.<?cs var:v.id ?>" value="<?cs var:Form.vat[v.id] ?>" size="12" aria-label="<?cs var:L.billing.vat_account ?> <?cs var:v.label ?> %"<?cs if:Errors.vat[v.id] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.vat[v.id] ?><p class="error"><?cs var:Errors.vat[v.id] ?></p><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>
<?cs include:"layout/footer.cs" ?>
