<?cs # The Disbursements tab (débours): outside the VAT base. ?>
<h2 class="tabtitle"><?cs var:L.orders.tab_disbursements ?></h2>
<table class="list lines disbursements">
<thead><tr>
<th><?cs var:L.disbursements.last_name ?></th><th><?cs var:L.disbursements.first_name ?></th>
<th><?cs var:L.disbursements.payment_type ?></th><th class="num"><?cs var:L.disbursements.amount ?></th>
<th><?cs var:L.disbursements.cheque_no ?></th><th><?cs var:L.disbursements.paid_on ?></th>
<th class="actions"><?cs var:L.common.actions ?></th>
</tr></thead>
<?cs def:disb_inputs(formid) ?>
<td><?cs call:cell_text("last_name", L.disbursements.last_name, formid, 14, "") ?><?cs call:cell_error("last_name") ?></td>
<td><?cs call:cell_text("first_name", L.disbursements.first_name, formid, 12, "") ?><?cs call:cell_error("first_name") ?></td>
<td><select name="payment_type" form="<?cs var:formid ?>" aria-label="<?cs var:L.disbursements.payment_type ?>">
<option value="cash"<?cs if:Form.payment_type == "cash" ?> selected<?cs /if ?>><?cs var:L.payment.cash ?></option>
<option value="cheque"<?cs if:Form.payment_type == "cheque" ?> selected<?cs /if ?>><?cs var:L.payment.cheque ?></option>
<option value="transfer"<?cs if:Form.payment_type == "transfer" ?> selected<?cs /if ?>><?cs var:L.payment.transfer ?></option>
<option value="card"<?cs if:Form.payment_type == "card" ?> selected<?cs /if ?>><?cs var:L.payment.card ?></option>
<option value="other"<?cs if:Form.payment_type == "other" ?> selected<?cs /if ?>><?cs var:L.payment.other ?></option>
</select><?cs call:cell_error("payment_type") ?></td>
<td class="num"><?cs call:cell_text("amount", L.disbursements.amount, formid, 8, "num") ?><?cs call:cell_error("amount") ?></td>
<td><?cs call:cell_text("cheque_no", L.disbursements.cheque_no, formid, 10, "") ?><?cs call:cell_error("cheque_no") ?></td>
<td><input type="date" name="paid_on" value="<?cs var:Form.paid_on ?>" form="<?cs var:formid ?>" aria-label="<?cs var:L.disbursements.paid_on ?>"<?cs if:Errors.paid_on ?> aria-invalid="true"<?cs /if ?>><?cs call:cell_error("paid_on") ?></td>
<?cs /def ?>
<tbody>
<?cs each:d = Disbursements ?>
<?cs if:d.id == Edit.id ?>
<tr id="disb-<?cs var:d.id ?>" class="editing"><?cs call:disb_inputs("disb-form") ?>
<td class="actions"><button type="submit" form="disb-form" class="primary small"><?cs var:L.common.save ?></button>
<a class="button small" href="/orders/<?cs var:Order.id ?>?tab=disbursements#tab"><?cs var:L.common.cancel ?></a></td></tr>
<?cs else ?>
<tr id="disb-<?cs var:d.id ?>">
<td><?cs var:d.last_name ?></td><td><?cs var:d.first_name ?></td><td><?cs var:L.payment[d.payment_type] ?></td>
<td class="num nowrap"><?cs var:d.amount_label ?> €</td><td><?cs var:d.cheque_no ?></td><td class="nowrap"><?cs var:d.paid_on_label ?></td>
<td class="actions"><a class="button small" href="/orders/<?cs var:Order.id ?>?tab=disbursements&amp;edit=<?cs var:d.id ?>#disb-<?cs var:d.id ?>"><?cs var:L.common.edit ?></a>
<button type="submit" form="rowdel" formaction="/disbursements/<?cs var:d.id ?>/delete" class="small danger"><?cs var:L.common.delete ?></button></td>
</tr>
<?cs /if ?>
<?cs /each ?>
<?cs if:len(Disbursements) == 0 ?><tr><td colspan="7" class="empty"><?cs var:L.disbursements.none ?></td></tr><?cs /if ?>
</tbody>
<?cs if:!Edit.id ?>
<tfoot><tr class="addrow"><?cs call:disb_inputs("disb-new") ?>
<td class="actions"><button type="submit" form="disb-new" class="primary small"><?cs var:L.common.add ?></button></td></tr></tfoot>
<?cs /if ?>
</table>
<p class="hint"><?cs var:L.disbursements.hint ?></p>
