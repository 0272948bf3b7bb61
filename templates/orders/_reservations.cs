<?cs # The Reservations tab: one row per reservation, the row Edit.id as a
     form, otherwise a last row to add one. ?>
<?cs if:Conflict.order_id ?><p class="alert conflict" role="alert"><?cs var:Errors.room_id ?> <a href="/orders/<?cs var:Conflict.order_id ?>"><?cs var:L.reservations.see_order ?></a></p><?cs /if ?>
<table class="list lines reservations">
<thead><tr>
<th><?cs var:L.reservations.room ?></th><th><?cs var:L.reservations.date ?></th>
<th><?cs var:L.reservations.start ?></th><th><?cs var:L.reservations.end ?></th>
<th><?cs var:L.reservations.tariff ?></th><th><?cs var:L.reservations.info ?></th>
<th class="flag" title="<?cs var:L.reservations.rec_hint ?>">Rec</th>
<th class="flag" title="<?cs var:L.reservations.trad_hint ?>">Trad</th>
<th class="flag" title="<?cs var:L.reservations.live_hint ?>">Live</th>
<th><?cs var:L.reservations.overtime ?></th>
<th class="num"><?cs var:L.reservations.amount ?></th>
<th class="actions"><?cs var:L.common.actions ?></th>
</tr></thead>
<tbody>
<?cs each:x = Reservations ?>
<?cs if:x.id == Edit.id ?>
<tr id="res-<?cs var:x.id ?>" class="editing">
<td><?cs call:cell_select("room_id", L.reservations.room, Rooms, "res-form") ?><?cs call:cell_error("room_id") ?></td>
<td><input type="date" name="date" value="<?cs var:Form.date ?>" form="res-form" aria-label="<?cs var:L.reservations.date ?>"><?cs call:cell_error("date") ?></td>
<td><?cs call:cell_text("start", L.reservations.start, "res-form", 5, "time") ?><?cs call:cell_error("start") ?></td>
<td><?cs call:cell_text("end", L.reservations.end, "res-form", 5, "time") ?><?cs call:cell_error("end") ?></td>
<td><?cs call:cell_select("tariff_id", L.reservations.tariff, Tariffs, "res-form") ?><?cs call:cell_error("tariff_id") ?></td>
<td><?cs call:cell_text("info", L.reservations.info, "res-form", 12, "") ?><?cs call:cell_error("info") ?></td>
<td class="flag"><?cs call:cell_check("rec", "Rec", "res-form") ?></td>
<td class="flag"><?cs call:cell_check("trad", "Trad", "res-form") ?></td>
<td class="flag"><?cs call:cell_check("live", "Live", "res-form") ?></td>
<td><?cs call:cell_text("overtime", L.reservations.overtime, "res-form", 3, "num") ?><?cs call:cell_error("overtime") ?></td>
<td></td>
<td class="actions"><button type="submit" form="res-form" class="primary small"><?cs var:L.common.save ?></button>
<a class="button small" href="/orders/<?cs var:Order.id ?>?tab=reservations#tab"><?cs var:L.common.cancel ?></a></td>
</tr>
<?cs else ?>
<tr id="res-<?cs var:x.id ?>">
<td><a href="/planning?date=<?cs var:x.date ?>&amp;view=day"><?cs var:x.room ?></a> <small class="muted site"><?cs var:x.site ?></small></td>
<td class="nowrap"><?cs var:x.date_label ?></td>
<td><?cs var:x.start ?></td><td><?cs var:x.end ?></td>
<td><?cs var:x.tariff ?></td><td><?cs var:x.info ?></td>
<td class="flag"><?cs if:x.rec == 1 ?><span class="yes">✓</span><?cs /if ?></td>
<td class="flag"><?cs if:x.trad == 1 ?><span class="yes">✓</span><?cs /if ?></td>
<td class="flag"><?cs if:x.live == 1 ?><span class="yes">✓</span><?cs /if ?></td>
<td><?cs if:x.overtime_minutes > 0 ?><?cs var:x.overtime ?> h<?cs /if ?></td>
<td class="num nowrap"><?cs var:x.amount ?> €</td>
<td class="actions"><a class="button small" href="/orders/<?cs var:Order.id ?>?tab=reservations&amp;edit=<?cs var:x.id ?>#res-<?cs var:x.id ?>"><?cs var:L.common.edit ?></a>
<a class="button small" href="/reservations/<?cs var:x.id ?>/move?next=<?cs var:url_escape("/orders/" + Order.id) ?>"><?cs var:L.reservations.move ?></a>
<button type="submit" form="rowdel" formaction="/reservations/<?cs var:x.id ?>/delete" class="small danger"><?cs var:L.common.delete ?></button></td>
</tr>
<?cs /if ?>
<?cs /each ?>
<?cs if:len(Reservations) == 0 ?><tr><td colspan="12" class="empty"><?cs var:L.reservations.none ?></td></tr><?cs /if ?>
</tbody>
<?cs if:!Edit.id ?>
<tfoot>
<tr class="addrow">
<td><?cs call:cell_select("room_id", L.reservations.room, Rooms, "res-new") ?><?cs call:cell_error("room_id") ?></td>
<td><input type="date" name="date" value="<?cs var:Form.date ?>" form="res-new" aria-label="<?cs var:L.reservations.date ?>"<?cs if:Errors.date ?> aria-invalid="true"<?cs /if ?>><?cs call:cell_error("date") ?></td>
<td><?cs call:cell_text("start", L.reservations.start, "res-new", 5, "time") ?><?cs call:cell_error("start") ?></td>
<td><?cs call:cell_text("end", L.reservations.end, "res-new", 5, "time") ?><?cs call:cell_error("end") ?></td>
<td><?cs call:cell_select("tariff_id", L.reservations.tariff, Tariffs, "res-new") ?><?cs call:cell_error("tariff_id") ?></td>
<td><?cs call:cell_text("info", L.reservations.info, "res-new", 12, "") ?><?cs call:cell_error("info") ?></td>
<td class="flag"><?cs call:cell_check("rec", "Rec", "res-new") ?></td>
<td class="flag"><?cs call:cell_check("trad", "Trad", "res-new") ?></td>
<td class="flag"><?cs call:cell_check("live", "Live", "res-new") ?></td>
<td><?cs call:cell_text("overtime", L.reservations.overtime, "res-new", 3, "num") ?><?cs call:cell_error("overtime") ?></td>
<td></td>
<td class="actions"><button type="submit" form="res-new" class="primary small"><?cs var:L.reservations.add ?></button></td>
</tr>
</tfoot>
<?cs /if ?>
</table>
<p class="hint"><?cs var:L.reservations.hint ?></p>
