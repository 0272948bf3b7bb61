<?cs # A document: quote, invoice, credit note or disbursement note.
     Draft: header form, lines table, issue/delete.  Issued: read only,
     with payments, credit notes, sending and its log entries. ?><?cs set:Page.title = L.documents.kind[Doc.kind] + " " + Doc.number ?><?cs set:Page.section = "documents" ?><?cs set:Page.script = "orders.js" ?><?cs include:"layout/header.cs" ?>
<?cs def:money(x) ?><?cs var:x ?>&nbsp;€<?cs /def ?>
<p class="crumbs"><a href="/orders"><?cs var:L.orders.title ?></a> › <a href="/orders/<?cs var:Doc.order_id ?>"><?cs var:L.orders.order ?> <?cs var:L.orders.no ?> <?cs var:Doc.order_id ?></a> ›</p>
<div class="pagehead">
<h1><?cs var:L.documents.kind[Doc.kind] ?> <span class="docno"><?cs if:Doc.number ?><?cs var:Doc.number ?><?cs else ?><?cs var:L.documents.draft_no ?><?cs /if ?></span>
<span class="tag status-<?cs var:Doc.status ?>"><?cs var:L.documents.status[Doc.status] ?></span><?cs if:Balance.payment ?> <span class="tag pay-<?cs var:Balance.payment ?>"><?cs var:L.documents.pay[Balance.payment] ?></span><?cs /if ?><?cs if:Doc.vip == 1 ?> <span class="tag vip">VIP</span><?cs /if ?>
<small class="count"><?cs var:Doc.billing_company_name ?><?cs if:Doc.study_ref ?> · <?cs var:Doc.study_ref ?><?cs /if ?></small></h1>
<span class="muted"><?cs if:Doc.status == "issued" ?><?cs var:L.documents.issued_on ?> <?cs var:Doc.issued_on_label ?> · <?cs var:Doc.issued_by ?><?cs else ?><?cs var:L.documents.created ?> <?cs var:Doc.created_at ?> · <?cs var:Doc.created_by ?><?cs /if ?></span>
</div>

<div class="docactions">
<a class="button" href="/orders/<?cs var:Doc.order_id ?>">&larr; <?cs var:L.documents.back_to_order ?></a>
<a class="button primary" href="/documents/<?cs var:Doc.id ?>.pdf" id="pdf-link"><?cs var:L.documents.pdf ?></a>
<?cs if:Doc.status == "draft" ?>
<form method="post" action="/documents/<?cs var:Doc.id ?>/issue" class="inline" data-confirm="<?cs if:Doc.kind == "credit_note" ?><?cs var:L.documents.issue_credit_confirm ?><?cs else ?><?cs var:L.documents.issue_confirm ?><?cs /if ?>"><?cs call:csrf() ?><button type="submit" class="primary" id="issue"><?cs if:Doc.kind == "credit_note" ?><?cs var:L.documents.issue_credit ?><?cs elif:Doc.kind == "invoice" ?><?cs var:L.documents.issue ?><?cs else ?><?cs var:L.documents.validate ?><?cs /if ?></button></form>
<form method="post" action="/documents/<?cs var:Doc.id ?>/delete" class="inline" data-confirm="<?cs var:L.documents.delete_confirm ?>"><?cs call:csrf() ?><button type="submit" class="danger"><?cs var:L.common.delete ?></button></form>
<?cs /if ?>
<?cs if:Doc.kind == "quote" ?>
<form method="post" action="/documents/<?cs var:Doc.id ?>/invoice" class="inline"><?cs call:csrf() ?><button type="submit"><?cs var:L.documents.invoice_from_quote ?></button></form>
<?cs /if ?>
</div>
<?cs if:Credit.exceeds == 1 ?><p class="alert" role="alert" id="credit-exceeds"><?cs var:L.documents.credit_exceeds.this ?> (<?cs call:money(Credit.draft_total) ?>) <?cs var:L.documents.credit_exceeds.left ?> <strong><?cs call:money(Credit.remaining) ?></strong> (<?cs var:L.documents.credit_exceeds.invoice ?> <?cs call:money(Credit.invoice_total) ?>, <?cs var:L.documents.credit_exceeds.issued ?> <?cs call:money(Credit.credited) ?>). <?cs var:L.documents.credit_exceeds.refused ?></p><?cs /if ?>
<?cs if:Errors.issue ?><p class="alert" role="alert" id="issue-error"><?cs var:Errors.issue ?></p><?cs /if ?>
<?cs if:Doc.source_number ?><p class="hint"><?cs if:Doc.kind == "credit_note" ?><?cs var:L.documents.corrects ?><?cs else ?><?cs var:L.documents.made_from ?><?cs /if ?> <a href="/documents/<?cs var:Doc.source_id ?>"><?cs var:L.documents.kind[Doc.source_kind] ?> <?cs var:Doc.source_number ?></a><?cs if:Doc.source_issued_on ?> (<?cs var:Doc.source_issued_on ?>)<?cs /if ?></p><?cs /if ?>

<div class="columns order">
<?cs if:Doc.status == "draft" ?>
<form method="post" action="/documents/<?cs var:Doc.id ?>" class="card form header" novalidate id="doc-header">
<?cs call:csrf() ?>
<h2><?cs var:L.orders.client ?> <a class="small" href="/companies/<?cs var:Doc.company_id ?>"><?cs var:L.documents.see_client ?></a></h2>
<p class="hint contactline"><?cs var:L.orders.company ?> : <strong><?cs var:Doc.company_name ?></strong><?cs if:Doc.contact_name ?> · <?cs var:L.orders.contact ?> : <?cs var:Doc.contact_name ?><?cs /if ?><?cs if:Doc.contact_phone ?> · <?cs var:L.contacts.phone ?> <?cs var:Doc.contact_phone ?><?cs /if ?><?cs if:Doc.contact_email ?> · <a href="mailto:<?cs var:Doc.contact_email ?>"><?cs var:Doc.contact_email ?></a><?cs /if ?></p>
<div class="grid2">
<?cs call:select_field("billing_company_id", L.orders.billing_company, 1, Companies, L.contacts.choose_company) ?>
<?cs call:select_field("billing_contact_id", L.orders.billing_contact, 0, BillingContacts, L.orders.choose_billing) ?>
</div>
<div class="grid4">
<?cs call:field_open("language", L.orders.language, 1) ?>
<select id="f-language" name="language"><option value="fr"<?cs if:Form.language == "fr" ?> selected<?cs /if ?>>Français</option><option value="en"<?cs if:Form.language == "en" ?> selected<?cs /if ?>>English</option></select>
<?cs call:field_close("language") ?>
<?cs call:text_field("study_ref", L.orders.study_ref, 0, 100, "") ?>
<?cs call:text_field("po_number", L.orders.po_number, 0, 100, "") ?>
<?cs call:text_field("buyer_ref", L.orders.buyer_ref, 0, 100, "") ?>
<?cs call:text_field("account_code", L.orders.account_code, 0, 40, "") ?>
<?cs call:field_open("vat_mode", L.orders.vat_mode, 1) ?>
<select id="f-vat_mode" name="vat_mode">
<?cs each:m = L.vat_mode ?><option value="<?cs name:m ?>"<?cs if:Form.vat_mode == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?>
</select>
<?cs call:field_close("vat_mode") ?>
</div>
<div class="grid4">
<?cs call:text_field("service_from", L.documents.service_from, 0, 10, "date") ?>
<?cs call:text_field("service_to", L.documents.service_to, 0, 10, "date") ?>
<?cs if:Doc.kind == "quote" ?><?cs call:text_field("valid_until", L.documents.valid_until, 0, 10, "date") ?><?cs else ?><input type="hidden" name="valid_until" value="<?cs var:Form.valid_until ?>"><?cs /if ?>
<?cs call:field_open("operation_nature", L.documents.nature, 1) ?>
<select id="f-operation_nature" name="operation_nature">
<?cs each:m = L.documents.natures ?><option value="<?cs name:m ?>"<?cs if:Form.operation_nature == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?>
</select>
<?cs call:field_close("operation_nature") ?>
</div>
<?cs call:check_field("vip", L.orders.vip) ?>
<div class="grid2">
<?cs call:textarea_field("comment_printed", L.orders.comment_printed, 0, 4000) ?>
<?cs call:textarea_field("internal_note", L.documents.internal_note, 0, 4000) ?>
</div>
<?cs call:textarea_field("delivery_address", L.documents.delivery_address, 0, 1000) ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>
<?cs else ?>
<section class="card header readonly">
<h2><?cs var:L.documents.buyer ?></h2>
<dl class="facts">
<dt><?cs var:L.orders.billing_company ?></dt><dd><?cs var:Doc.billing_company_name ?></dd>
<?cs if:Doc.billing_contact_name ?><dt><?cs var:L.orders.billing_contact ?></dt><dd><?cs var:Doc.billing_contact_name ?></dd><?cs /if ?>
<?cs if:Doc.company_name != Doc.billing_company_name ?><dt><?cs var:L.orders.client ?></dt><dd><?cs var:Doc.company_name ?></dd><?cs /if ?>
<dt><?cs var:L.orders.language ?></dt><dd><?cs var:L.lang[Doc.language] ?></dd>
<dt><?cs var:L.orders.vat_mode ?></dt><dd><?cs var:L.vat_mode[Doc.vat_mode] ?></dd>
<?cs if:Doc.study_ref ?><dt><?cs var:L.orders.study_ref ?></dt><dd><?cs var:Doc.study_ref ?></dd><?cs /if ?>
<?cs if:Doc.po_number ?><dt><?cs var:L.orders.po_number ?></dt><dd><?cs var:Doc.po_number ?></dd><?cs /if ?>
<?cs if:Doc.buyer_ref ?><dt><?cs var:L.orders.buyer_ref ?></dt><dd><?cs var:Doc.buyer_ref ?></dd><?cs /if ?>
<?cs if:Doc.account_code ?><dt><?cs var:L.orders.account_code ?></dt><dd><?cs var:Doc.account_code ?></dd><?cs /if ?>
<?cs if:Doc.service_from_label ?><dt><?cs var:L.documents.service ?></dt><dd><?cs var:Doc.service_from_label ?><?cs if:Doc.service_to_label && Doc.service_to_label != Doc.service_from_label ?> – <?cs var:Doc.service_to_label ?><?cs /if ?></dd><?cs /if ?>
<?cs if:Doc.due_on_label ?><dt><?cs var:L.documents.due_on ?></dt><dd><?cs var:Doc.due_on_label ?></dd><?cs /if ?>
<?cs if:Doc.valid_until_label ?><dt><?cs var:L.documents.valid_until ?></dt><dd><?cs var:Doc.valid_until_label ?></dd><?cs /if ?>
<?cs if:Doc.comment_printed ?><dt><?cs var:L.orders.comment_printed ?></dt><dd class="pre"><?cs var:Doc.comment_printed ?></dd><?cs /if ?>
<?cs if:Doc.internal_note ?><dt><?cs var:L.documents.internal_note ?></dt><dd class="pre"><?cs var:Doc.internal_note ?></dd><?cs /if ?>
</dl>
</section>
<?cs /if ?>

<section class="card totals" id="totals">
<h2><?cs var:L.totals.title ?></h2>
<table class="totals">
<tr class="sum"><th><?cs var:L.totals.ht ?></th><td id="total-ht" data-raw="<?cs var:Doc.total_ht_raw ?>"><?cs call:money(Doc.total_ht) ?></td></tr>
<?cs each:v = VatTotals ?>
<tr class="vat"><th><?cs var:L.totals.vat ?> <?cs var:v.rate ?> % <span class="muted">(<?cs var:L.totals.base ?> <?cs call:money(v.base) ?>)</span></th><td class="vat-amount" data-rate="<?cs var:v.rate_raw ?>" data-base="<?cs var:v.base_raw ?>" data-raw="<?cs var:v.vat_raw ?>"><?cs call:money(v.vat) ?></td></tr>
<?cs /each ?>
<tr><th><?cs var:L.totals.vat_total ?></th><td id="total-vat"><?cs call:money(Doc.total_vat) ?></td></tr>
<tr class="grand"><th><?cs var:L.totals.ttc ?></th><td id="total-ttc"><?cs call:money(Doc.total_ttc) ?></td></tr>
<tr class="apart"><th><?cs var:L.totals.disbursements ?></th><td id="total-disb" data-raw="<?cs var:Doc.disbursements_raw ?>"><?cs call:money(Doc.disbursements) ?></td></tr>
<tr class="due"><th><?cs if:Doc.kind == "credit_note" ?><?cs var:L.documents.total_credit ?><?cs elif:Doc.kind == "quote" ?><?cs var:L.documents.total_quote ?><?cs else ?><?cs var:L.documents.total_due ?><?cs /if ?></th><td id="total-due" data-raw="<?cs var:Doc.total_due_raw ?>"><?cs call:money(Doc.total_due) ?></td></tr>
</table>
<?cs if:Doc.vat_mode != "normal" ?><p class="hint"><?cs var:L.vat_mode[Doc.vat_mode] ?> : <?cs var:L.totals.no_vat ?></p><?cs /if ?>
<p class="hint"><?cs var:L.documents.rounding ?></p>
</section>
</div>

<?cs if:Doc.kind != "disbursement_note" ?>
<section class="card" id="lines">
<h2><?cs var:L.documents.lines ?> <span class="n"><?cs var:Doc.nlines ?></span></h2>
<?cs if:Doc.status == "draft" ?>
<form method="post" action="/documents/<?cs var:Doc.id ?>/lines" novalidate id="lines-form"><?cs call:csrf() ?>
<input type="hidden" name="n" value="<?cs var:Grid.n ?>">
</form>
<form id="linemove" method="post" action="/documents/<?cs var:Doc.id ?>" hidden><?cs call:csrf() ?></form>
<div class="scroll">
<table class="list lines doclines">
<thead><tr><th class="pos">#</th><th><?cs var:L.documents.description ?></th><th class="num"><?cs var:L.documents.quantity ?></th><th class="num"><?cs var:L.documents.unit_price ?></th><th class="num"><?cs var:L.documents.discount ?></th><th><?cs var:L.documents.vat_rate ?></th><th class="num"><?cs var:L.documents.amount ?></th><th class="actions"></th></tr></thead>
<tbody>
<?cs each:i = Grid.rows ?>
<tr class="docline<?cs if:!Form.id[i] ?> blank<?cs /if ?>">
<td class="pos"><?cs if:Form.id[i] ?><input type="hidden" name="id.<?cs var:i ?>" value="<?cs var:Form.id[i] ?>" form="lines-form"><?cs var:#i + 1 ?><?cs else ?>+<?cs /if ?></td>
<td><textarea name="label.<?cs var:i ?>" rows="1" form="lines-form" aria-label="<?cs var:L.documents.description ?>"<?cs if:Errors.label[i] ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.label[i] ?></textarea><?cs if:Errors.label[i] ?><p class="error"><?cs var:Errors.label[i] ?></p><?cs /if ?></td>
<td class="num"><input type="text" inputmode="decimal" name="quantity.<?cs var:i ?>" value="<?cs var:Form.quantity[i] ?>" size="5" form="lines-form" aria-label="<?cs var:L.documents.quantity ?>"<?cs if:Errors.quantity[i] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.quantity[i] ?><p class="error"><?cs var:Errors.quantity[i] ?></p><?cs /if ?></td>
<td class="num"><input type="text" inputmode="decimal" name="unit_price.<?cs var:i ?>" value="<?cs var:Form.unit_price[i] ?>" size="8" form="lines-form" aria-label="<?cs var:L.documents.unit_price ?>"<?cs if:Errors.unit_price[i] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.unit_price[i] ?><p class="error"><?cs var:Errors.unit_price[i] ?></p><?cs /if ?></td>
<td class="num"><input type="text" inputmode="decimal" name="discount.<?cs var:i ?>" value="<?cs var:Form.discount[i] ?>" size="4" placeholder="0" form="lines-form" aria-label="<?cs var:L.documents.discount ?>"<?cs if:Errors.discount[i] ?> aria-invalid="true"<?cs /if ?>>&nbsp;%<?cs if:Errors.discount[i] ?><p class="error"><?cs var:Errors.discount[i] ?></p><?cs /if ?></td>
<td><select name="vat_rate.<?cs var:i ?>" form="lines-form" aria-label="<?cs var:L.documents.vat_rate ?>"><?cs each:o = Vat ?><?cs if:o.active != "0" || o.id == Form.vat_rate[i] ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form.vat_rate[i] ?> selected<?cs /if ?>><?cs call:l10n(o) ?></option><?cs /if ?><?cs /each ?></select><?cs if:Errors.vat_rate[i] ?><p class="error"><?cs var:Errors.vat_rate[i] ?></p><?cs /if ?></td>
<td class="num nowrap"><?cs each:l = Lines ?><?cs if:l.id == Form.id[i] ?><?cs call:money(l.amount) ?><?cs /if ?><?cs /each ?></td>
<td class="actions nowrap"><?cs if:Form.id[i] ?><button type="submit" form="linemove" formaction="/documents/<?cs var:Doc.id ?>/lines/<?cs var:Form.id[i] ?>/up" class="small" title="<?cs var:L.documents.up ?>" aria-label="<?cs var:L.documents.up ?>">↑</button><button type="submit" form="linemove" formaction="/documents/<?cs var:Doc.id ?>/lines/<?cs var:Form.id[i] ?>/down" class="small" title="<?cs var:L.documents.down ?>" aria-label="<?cs var:L.documents.down ?>">↓</button><button type="submit" form="linemove" formaction="/documents/<?cs var:Doc.id ?>/lines/<?cs var:Form.id[i] ?>/delete" class="small danger" title="<?cs var:L.common.delete ?>" aria-label="<?cs var:L.common.delete ?>">✖</button><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
<div class="buttons"><button type="submit" form="lines-form" class="primary"><?cs var:L.documents.save_lines ?></button> <span class="hint"><?cs var:L.documents.lines_hint ?></span></div>
<?cs else ?>
<table class="list lines doclines">
<thead><tr><th class="pos">#</th><th><?cs var:L.documents.description ?></th><th class="num"><?cs var:L.documents.quantity ?></th><th class="num"><?cs var:L.documents.unit_price ?></th><th class="num"><?cs var:L.documents.discount ?></th><th><?cs var:L.documents.vat_rate ?></th><th class="num"><?cs var:L.documents.amount ?></th></tr></thead>
<tbody>
<?cs each:l = Lines ?>
<tr><td class="pos"><?cs var:l.position ?></td><td class="pre"><?cs var:l.label ?></td><td class="num"><?cs var:l.quantity ?></td><td class="num nowrap"><?cs call:money(l.unit_price) ?></td><td class="num"><?cs if:l.discount_raw != "0" ?><?cs var:l.discount ?>&nbsp;%<?cs /if ?></td><td><?cs var:l.vat_rate ?>&nbsp;%</td><td class="num nowrap"><?cs call:money(l.amount) ?></td></tr>
<?cs /each ?>
<?cs if:len(Lines) == 0 ?><tr><td colspan="7" class="empty"><?cs var:L.documents.no_lines ?></td></tr><?cs /if ?>
</tbody>
</table>
<?cs /if ?>
</section>
<?cs /if ?>

<?cs if:len(Disb) > 0 || Doc.kind == "disbursement_note" ?>
<section class="card" id="disbursements">
<h2><?cs var:L.orders.tab_disbursements ?> <span class="n"><?cs var:Doc.ndisb ?></span></h2>
<table class="list lines">
<thead><tr><th><?cs var:L.disbursements.last_name ?></th><th><?cs var:L.disbursements.first_name ?></th><th><?cs var:L.disbursements.payment_type ?></th><th><?cs var:L.disbursements.cheque_no ?></th><th><?cs var:L.disbursements.paid_on ?></th><th class="num"><?cs var:L.disbursements.amount ?></th><?cs if:Doc.status == "draft" ?><th class="actions"></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:d = Disb ?>
<tr><td><?cs var:d.last_name ?></td><td><?cs var:d.first_name ?></td><td><?cs var:L.payment[d.payment_type] ?></td><td><?cs var:d.cheque_no ?></td><td class="nowrap"><?cs var:d.paid_on ?></td><td class="num nowrap"><?cs call:money(d.amount) ?></td>
<?cs if:Doc.status == "draft" ?><td class="actions"><form method="post" action="/documents/<?cs var:Doc.id ?>/disbursements/<?cs var:d.id ?>/delete" class="inline"><?cs call:csrf() ?><button type="submit" class="small danger" aria-label="<?cs var:L.common.delete ?>">✖</button></form></td><?cs /if ?></tr>
<?cs /each ?>
<?cs if:len(Disb) == 0 ?><tr><td colspan="7" class="empty"><?cs var:L.disbursements.none ?></td></tr><?cs /if ?>
</tbody>
</table>
<p class="hint"><?cs var:L.disbursements.hint ?></p>
</section>
<?cs /if ?>

<?cs if:Doc.status == "issued" && Doc.kind == "invoice" ?>
<section class="card" id="payments">
<h2><?cs var:L.documents.payments ?></h2>
<p class="balance"><?cs var:L.documents.total_due ?> <strong><?cs call:money(Balance.total_due) ?></strong> · <?cs var:L.documents.paid ?> <strong><?cs call:money(Balance.paid) ?></strong><?cs if:Balance.has_credit == 1 ?> · <?cs var:L.documents.credited ?> <strong><?cs call:money(Balance.credited) ?></strong><?cs /if ?> · <?cs var:L.documents.balance ?> <strong id="balance"><?cs call:money(Balance.balance) ?></strong></p>
<table class="list lines">
<thead><tr><th><?cs var:L.documents.paid_on ?></th><th class="num"><?cs var:L.disbursements.amount ?></th><th><?cs var:L.documents.method ?></th><th><?cs var:L.documents.reference ?></th><th><?cs var:L.documents.recorded_by ?></th></tr></thead>
<tbody>
<?cs each:p = Payments ?><tr><td class="nowrap"><?cs var:p.paid_on ?></td><td class="num nowrap"><?cs call:money(p.amount) ?></td><td><?cs var:L.method[p.method] ?></td><td><?cs var:p.reference ?></td><td><?cs var:p.created_by ?></td></tr><?cs /each ?>
<?cs if:len(Payments) == 0 ?><tr><td colspan="5" class="empty"><?cs var:L.documents.no_payments ?></td></tr><?cs /if ?>
</tbody>
<?cs if:Balance.open == 1 ?>
<tfoot><tr class="addrow">
<td><input type="date" name="paid_on" value="<?cs var:Form.paid_on ?>" form="pay-form" aria-label="<?cs var:L.documents.paid_on ?>"<?cs if:Errors.paid_on ?> aria-invalid="true"<?cs /if ?>><?cs call:cell_error("paid_on") ?></td>
<td class="num"><?cs call:cell_text("amount", L.disbursements.amount, "pay-form", 9, "num") ?><?cs call:cell_error("amount") ?></td>
<td><select name="method" form="pay-form" aria-label="<?cs var:L.documents.method ?>"><?cs each:m = L.method ?><option value="<?cs name:m ?>"<?cs if:Form.method == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select><?cs call:cell_error("method") ?></td>
<td><?cs call:cell_text("reference", L.documents.reference, "pay-form", 16, "") ?></td>
<td><button type="submit" form="pay-form" class="primary small"><?cs var:L.documents.record_payment ?></button></td>
</tr></tfoot>
<?cs /if ?>
</table>
<form id="pay-form" method="post" action="/documents/<?cs var:Doc.id ?>/payments" novalidate hidden><?cs call:csrf() ?></form>
</section>

<section class="card" id="credit">
<h2><?cs var:L.documents.credit_title ?></h2>
<form method="post" action="/documents/<?cs var:Doc.id ?>/credit" class="form" novalidate id="credit-form"><?cs call:csrf() ?>
<?cs if:Errors.mode ?><p class="error"><?cs var:Errors.mode ?></p><?cs /if ?>
<div class="choices">
<label><input type="radio" name="mode" value="whole"<?cs if:Form.mode == "whole" ?> checked<?cs /if ?>> <?cs var:L.documents.credit_whole ?></label>
<label><input type="radio" name="mode" value="lines"<?cs if:Form.mode == "lines" ?> checked<?cs /if ?>> <?cs var:L.documents.credit_lines ?></label>
<ul class="creditlines"><?cs each:l = Lines ?><li><label><input type="checkbox" name="cl.<?cs var:l.id ?>" value="1"> <?cs var:l.position ?>. <?cs var:l.label ?> — <?cs call:money(l.amount) ?></label></li><?cs /each ?></ul>
<label><input type="radio" name="mode" value="amount"<?cs if:Form.mode == "amount" ?> checked<?cs /if ?>> <?cs var:L.documents.credit_amount ?></label>
</div>
<div class="grid3">
<?cs call:text_field("amount", L.documents.credit_amount_ht, 0, 20, "") ?>
<?cs call:field_open("vat_rate", L.documents.vat_rate, 0) ?><select id="f-vat_rate" name="vat_rate"><?cs each:o = Vat ?><?cs if:o.active != "0" ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form.vat_rate ?> selected<?cs /if ?>><?cs call:l10n(o) ?></option><?cs /if ?><?cs /each ?></select><?cs call:field_close("vat_rate") ?>
<?cs call:text_field("label", L.documents.credit_label, 0, 200, "") ?>
</div>
<div class="buttons"><button type="submit"><?cs var:L.documents.make_credit ?></button> <span class="hint"><?cs var:L.documents.credit_hint ?></span></div>
</form>
</section>
<?cs /if ?>

<?cs if:len(Children) > 0 ?>
<section class="card" id="children">
<h2><?cs var:L.documents.children ?></h2>
<ul class="doclist"><?cs each:c = Children ?><li><a href="/documents/<?cs var:c.id ?>"><?cs var:L.documents.kind[c.kind] ?> <?cs if:c.number ?><?cs var:c.number ?><?cs else ?><?cs var:L.documents.draft_no ?><?cs /if ?></a> · <?cs if:c.issued_on ?><?cs var:c.issued_on ?> · <?cs /if ?><?cs call:money(c.total_due) ?></li><?cs /each ?></ul>
</section>
<?cs /if ?>

<?cs if:Doc.status == "issued" ?>
<section class="card" id="mail">
<h2><?cs var:L.documents.mail_title ?></h2>
<?cs if:Mail.email ?>
<form method="post" action="/documents/<?cs var:Doc.id ?>/mail" class="form" novalidate id="mail-form"><?cs call:csrf() ?>
<?cs if:Errors.mail ?><p class="error"><?cs var:Errors.mail ?></p><?cs /if ?>
<p class="hint"><?cs var:L.documents.mail_in_lang ?> <?cs var:L.lang[Mail.language] ?></p>
<div class="grid2">
<?cs call:text_field("mail_to", L.documents.mail_to, 1, 254, "email") ?>
<?cs call:text_field("mail_subject", L.documents.mail_subject, 1, 300, "") ?>
</div>
<?cs call:field_open("mail_message", L.documents.mail_message, 1) ?>
<textarea id="f-mail_message" name="mail_message" rows="9" maxlength="5000"<?cs if:Errors.mail_message ?> aria-invalid="true" aria-describedby="e-mail_message"<?cs /if ?>><?cs var:Form.mail_message ?></textarea>
<?cs call:field_close("mail_message") ?>
<p class="hint"><?cs var:L.documents.mail_attached ?> <a href="/documents/<?cs var:Doc.id ?>.pdf"><?cs var:Mail.file ?></a></p>
<div class="buttons"><button type="submit" class="primary" id="mail-send"><?cs var:L.documents.mail_send ?></button></div>
</form>
<?cs elif:Mail.has_contact == "1" ?>
<p class="empty" id="mail-none"><?cs var:L.documents.mail_no_email ?> (<?cs var:Mail.contact ?>)</p>
<?cs else ?>
<p class="empty" id="mail-none"><?cs var:L.documents.mail_no_contact ?></p>
<?cs /if ?>
</section>
<section class="card" id="log">
<h2><?cs var:L.documents.log ?></h2>
<form method="post" action="/documents/<?cs var:Doc.id ?>/sent" class="inline sentform" novalidate><?cs call:csrf() ?>
<label for="f-channel"><?cs var:L.documents.sent_by ?></label> <select id="f-channel" name="channel"><?cs each:m = L.documents.channel ?><option value="<?cs name:m ?>"<?cs if:Form.channel == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select>
<input type="text" name="sent_to" value="<?cs var:Form.sent_to ?>" size="28" placeholder="<?cs var:L.documents.sent_to ?>" aria-label="<?cs var:L.documents.sent_to ?>"<?cs if:Errors.sent_to ?> aria-invalid="true"<?cs /if ?>>
<button type="submit" class="small"><?cs var:L.documents.mark_sent ?></button><?cs call:cell_error("sent_to") ?>
</form>
<?cs # The journal as sentences (who, when, what), each entry checked
     in the hash chain (document_journal()); the JSON as stored is the
     export link's. ?>
<?cs set:LogCheck.bad = 0 ?><?cs set:LogCheck.n = 0 ?>
<?cs each:e = Log ?><?cs set:LogCheck.n = LogCheck.n + 1 ?><?cs if:e.ok != 1 ?><?cs set:LogCheck.bad = LogCheck.bad + 1 ?><?cs /if ?><?cs /each ?>
<?cs if:LogCheck.n > 0 ?><p class="logcheck <?cs if:LogCheck.bad == 0 ?>ok<?cs else ?>alert<?cs /if ?>" id="log-check"><?cs if:LogCheck.bad == 0 ?>✓ <?cs var:L.documents.log_check_ok ?><?cs else ?>✗ <?cs var:L.documents.log_check_bad ?><?cs /if ?></p><?cs /if ?>
<ol class="journal" id="journal">
<?cs each:e = Log ?><li id="log-<?cs var:e.seq ?>" class="<?cs if:e.ok == 1 ?>intact<?cs else ?>altered<?cs /if ?>"><span class="at"><?cs var:e.at ?></span> — <strong><?cs var:e.who ?></strong>
<?cs if:e.event == "issue" ?><?cs var:L.documents.says.issue[e.kind] ?><?cs if:e.issued_on ?> <?cs var:L.documents.says.dated ?> <?cs var:e.issued_on ?><?cs /if ?><?cs if:e.total_due ?> (<?cs var:L.documents.says.total ?> <?cs var:e.total_due ?>&nbsp;€)<?cs /if ?><?cs if:e.source ?>, <?cs var:L.documents.says.corrects ?> <?cs var:e.source ?><?cs /if ?>.
<?cs elif:e.event == "send" ?><?cs var:L.documents.says.send ?> <?cs alt:L.documents.channel[e.channel] ?><?cs var:e.channel ?><?cs /alt ?><?cs if:e.sent_to ?> <?cs var:L.documents.says.to ?> <?cs var:e.sent_to ?><?cs /if ?>.
<?cs elif:e.event == "archive" ?><?cs var:L.documents.says.archive ?>.
<?cs elif:e.event == "download" ?><?cs var:L.documents.says.download ?> <?cs var:e.format ?>.
<?cs elif:e.event == "payment" ?><?cs var:L.documents.says.payment ?> <?cs var:e.amount ?>&nbsp;€<?cs if:e.method ?> (<?cs alt:L.method[e.method] ?><?cs var:e.method ?><?cs /alt ?><?cs if:e.reference ?>, <?cs var:e.reference ?><?cs /if ?>)<?cs /if ?><?cs if:e.paid_on ?> <?cs var:L.documents.says.paid_on ?> <?cs var:e.paid_on ?><?cs /if ?>.
<?cs else ?><?cs var:L.documents.event[e.event] ?>.<?cs /if ?>
<small class="muted">#<?cs var:e.seq ?> · <code title="<?cs var:L.documents.hash ?>"><?cs var:e.hash ?>…</code> <?cs if:e.ok == 1 ?><span class="yes" title="<?cs var:L.documents.says.intact ?>">✓</span><?cs else ?><span class="no"><?cs var:L.documents.says.altered ?></span><?cs /if ?></small></li>
<?cs /each ?>
</ol>
<p><a href="/documents/<?cs var:Doc.id ?>/log.json" download><?cs var:L.documents.log_json ?></a></p>
<p class="hint"><?cs var:L.documents.log_hint ?></p>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
