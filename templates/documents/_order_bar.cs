<?cs # The order page's documents (the product description's "Débours /
     Devis / Facture / Avoirs" selectors): generate, and open any of
     them.  Read afresh on every page (not in the order's cached body). ?>
<?cs def:doc_options(list) ?><?cs each:d = list ?><option value="<?cs var:d.id ?>"><?cs if:d.number ?><?cs var:d.number ?> · <?cs var:d.issued_on ?><?cs else ?><?cs var:L.documents.draft_of ?> <?cs var:d.created_on ?><?cs /if ?> · <?cs var:d.total_due ?> €<?cs if:d.payment ?> · <?cs var:L.documents.pay[d.payment] ?><?cs /if ?></option><?cs /each ?><?cs /def ?>
<?cs def:doc_select(list, label) ?><form method="get" action="/documents/open" class="inline docopen"><select name="id" aria-label="<?cs var:label ?>"<?cs if:len(list) == 0 ?> disabled<?cs /if ?>><?cs if:len(list) == 0 ?><option value=""><?cs var:L.documents.none_yet ?></option><?cs else ?><?cs call:doc_options(list) ?><?cs /if ?></select> <button type="submit" class="small"<?cs if:len(list) == 0 ?> disabled<?cs /if ?>><?cs var:L.documents.open ?></button></form><?cs /def ?>
<section class="card docbar" id="documents">
<h2><?cs var:L.documents.title ?></h2>
<div class="docrow">
<span class="dlabel"><?cs var:L.orders.tab_disbursements ?></span>
<form method="post" action="/orders/<?cs var:Order.id ?>/documents" class="inline"><?cs call:csrf() ?><input type="hidden" name="kind" value="disbursement_note"><button type="submit" class="small primary" id="gen-disbursement_note"><?cs var:L.documents.generate ?></button></form>
<?cs call:doc_select(OrderDocs.disbursement_note, L.documents.select.disbursement_note) ?>
</div>
<div class="docrow">
<span class="dlabel"><?cs var:L.documents.kind.quote ?></span>
<form method="post" action="/orders/<?cs var:Order.id ?>/documents" class="inline"><?cs call:csrf() ?><input type="hidden" name="kind" value="quote"><button type="submit" class="small primary" id="gen-quote"><?cs var:L.documents.generate ?></button> <label class="check"><input type="checkbox" name="without_disbursements" value="1"> <?cs var:L.documents.without_disbursements ?></label></form>
<?cs call:doc_select(OrderDocs.quote, L.documents.select.quote) ?>
</div>
<div class="docrow">
<span class="dlabel"><?cs var:L.documents.kind.invoice ?></span>
<form method="post" action="/orders/<?cs var:Order.id ?>/documents" class="inline"><?cs call:csrf() ?><input type="hidden" name="kind" value="invoice"><button type="submit" class="small primary" id="gen-invoice"><?cs var:L.documents.generate ?></button> <label class="check"><input type="checkbox" name="without_disbursements" value="1"> <?cs var:L.documents.without_disbursements ?></label></form>
<?cs if:len(OrderDocs.quote) > 0 ?><form method="post" action="/orders/<?cs var:Order.id ?>/documents" class="inline"><?cs call:csrf() ?><input type="hidden" name="kind" value="invoice"><select name="from_quote" aria-label="<?cs var:L.documents.select.quote ?>"><?cs call:doc_options(OrderDocs.quote) ?></select> <button type="submit" class="small" id="gen-from-quote"><?cs var:L.documents.from_quote ?></button></form><?cs /if ?>
<?cs call:doc_select(OrderDocs.invoice, L.documents.select.invoice) ?>
</div>
<div class="docrow">
<span class="dlabel"><?cs var:L.documents.credit_notes ?></span>
<?cs call:doc_select(OrderDocs.credit_note, L.documents.select.credit_note) ?>
<span class="hint"><?cs var:L.documents.credit_from_invoice ?></span>
</div>
</section>
