<?cs # The order's header fields, shared by the new order and order pages.
     Contacts: the client company's; BillingContacts: the billing company's
     contacts flagged for billing. ?>
<div class="grid2">
<?cs call:select_field("company_id", L.orders.company, 1, Companies, L.contacts.choose_company) ?>
<?cs call:select_field("contact_id", L.orders.contact, 0, Contacts, L.contacts.no_department) ?>
</div>
<?cs if:Order.contact_phone || Order.contact_mobile || Order.contact_email ?><p class="hint contactline"><?cs if:Order.contact_phone ?><?cs var:L.contacts.phone ?> <?cs var:Order.contact_phone ?><?cs /if ?><?cs if:Order.contact_mobile ?><?cs if:Order.contact_phone ?> · <?cs /if ?><?cs var:L.contacts.mobile ?> <?cs var:Order.contact_mobile ?><?cs /if ?><?cs if:Order.contact_email ?><?cs if:Order.contact_phone || Order.contact_mobile ?> · <?cs /if ?><a href="mailto:<?cs var:Order.contact_email ?>"><?cs var:Order.contact_email ?></a><?cs /if ?></p><?cs /if ?>
<div class="grid2">
<?cs call:select_field("billing_company_id", L.orders.billing_company, 0, Companies, L.orders.same_company) ?>
<?cs call:select_field("billing_contact_id", L.orders.billing_contact, 0, BillingContacts, L.orders.choose_billing) ?>
</div>
<div class="grid4">
<?cs call:text_field("study_ref", L.orders.study_ref, 0, 100, "") ?>
<?cs call:text_field("account_code", L.orders.account_code, 0, 40, "") ?>
<?cs call:text_field("po_number", L.orders.po_number, 0, 100, "") ?>
<?cs call:text_field("buyer_ref", L.orders.buyer_ref, 0, 100, "") ?>
<?cs call:field_open("language", L.orders.language, 1) ?>
<select id="f-language" name="language"><option value="fr"<?cs if:Form.language == "fr" ?> selected<?cs /if ?>>Français</option><option value="en"<?cs if:Form.language == "en" ?> selected<?cs /if ?>>English</option></select>
<?cs call:field_close("language") ?>
<?cs call:field_open("vat_mode", L.orders.vat_mode, 1) ?>
<select id="f-vat_mode" name="vat_mode">
<option value="normal"<?cs if:Form.vat_mode == "normal" ?> selected<?cs /if ?>><?cs var:L.vat_mode.normal ?></option>
<option value="exempt"<?cs if:Form.vat_mode == "exempt" ?> selected<?cs /if ?>><?cs var:L.vat_mode.exempt ?></option>
<option value="reverse_charge"<?cs if:Form.vat_mode == "reverse_charge" ?> selected<?cs /if ?>><?cs var:L.vat_mode.reverse_charge ?></option>
<option value="export"<?cs if:Form.vat_mode == "export" ?> selected<?cs /if ?>><?cs var:L.vat_mode.export ?></option>
</select>
<?cs call:field_close("vat_mode") ?>
</div>
<?cs call:check_field("vip", L.orders.vip) ?>
<div class="grid2">
<?cs call:textarea_field("comment_printed", L.orders.comment_printed, 0, 4000) ?>
<?cs call:textarea_field("internal_note", L.orders.internal_note, 0, 4000) ?>
</div>
