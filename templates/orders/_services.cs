<?cs # The Services tab: free lines for anything unplanned. ?>
<h2 class="tabtitle"><?cs var:L.orders.tab_services ?></h2>
<table class="list lines services">
<thead><tr>
<th><?cs var:L.services.label ?></th><th class="num"><?cs var:L.services.quantity ?></th><th><?cs var:L.services.unit ?></th>
<th class="num"><?cs var:L.services.unit_price ?></th><th><?cs var:L.services.vat_rate ?></th>
<th class="num"><?cs var:L.services.amount ?></th><th class="actions"><?cs var:L.common.actions ?></th>
</tr></thead>
<?cs def:service_inputs(formid) ?>
<td><?cs call:cell_text("label", L.services.label, formid, 36, "wide") ?><?cs call:cell_error("label") ?></td>
<td class="num"><?cs call:cell_text("quantity", L.services.quantity, formid, 5, "num") ?><?cs call:cell_error("quantity") ?></td>
<td><?cs call:cell_select("unit_code", L.services.unit, Choices.units, formid) ?><?cs call:cell_error("unit_code") ?></td>
<td class="num"><?cs call:cell_text("unit_price", L.services.unit_price, formid, 8, "num") ?><?cs call:cell_error("unit_price") ?></td>
<td><?cs call:cell_select("vat_rate", L.services.vat_rate, Vat, formid) ?><?cs call:cell_error("vat_rate") ?></td>
<td></td>
<?cs /def ?>
<tbody>
<?cs each:s = Services ?>
<?cs if:s.id == Edit.id ?>
<tr id="svc-<?cs var:s.id ?>" class="editing"><?cs call:service_inputs("svc-form") ?>
<td class="actions"><button type="submit" form="svc-form" class="primary small"><?cs var:L.common.save ?></button>
<a class="button small" href="/orders/<?cs var:Order.id ?>?tab=services#tab"><?cs var:L.common.cancel ?></a></td></tr>
<?cs else ?>
<tr id="svc-<?cs var:s.id ?>">
<td><?cs var:s.label ?></td><td class="num"><?cs var:s.quantity ?></td><td class="unit"><?cs var:L.unit[s.unit_code] ?></td><td class="num nowrap"><?cs var:s.unit_price_label ?> €</td>
<td><?cs var:s.vat_rate_label ?> %</td><td class="num nowrap"><?cs var:s.amount ?> €</td>
<td class="actions"><a class="button small" href="/orders/<?cs var:Order.id ?>?tab=services&amp;edit=<?cs var:s.id ?>#svc-<?cs var:s.id ?>"><?cs var:L.common.edit ?></a>
<button type="submit" form="rowdel" formaction="/services/<?cs var:s.id ?>/delete" class="small danger"><?cs var:L.common.delete ?></button></td>
</tr>
<?cs /if ?>
<?cs /each ?>
<?cs if:len(Services) == 0 ?><tr><td colspan="7" class="empty"><?cs var:L.services.none ?></td></tr><?cs /if ?>
</tbody>
<?cs if:!Edit.id ?>
<tfoot><tr class="addrow"><?cs call:service_inputs("svc-new") ?>
<td class="actions"><button type="submit" form="svc-new" class="primary small"><?cs var:L.common.add ?></button></td></tr></tfoot>
<?cs /if ?>
</table>
