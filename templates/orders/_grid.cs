<?cs # An option category's grid: rows of day (room, hours), a quantity
     per option; Form.day.N, Form.room.N, Form.hours.N, Form.q.N.<option>. ?>
<h2 class="tabtitle"><?cs var:Grid.label ?></h2>
<?cs if:len(Grid.options) == 0 ?><p class="empty"><?cs var:L.grid.no_options ?> <a href="/config/options"><?cs var:L.nav.config ?></a></p><?cs else ?>
<form method="post" action="/orders/<?cs var:Order.id ?>/options/<?cs var:Grid.category ?>" class="gridform" novalidate id="grid">
<input type="hidden" name="n" value="<?cs var:Grid.n ?>">
<div class="scroll">
<table class="list lines grid">
<thead><tr>
<th><?cs var:L.grid.day ?></th>
<?cs if:Grid.per_room == 1 ?><th><?cs var:L.grid.hours ?></th><th><?cs var:L.grid.room ?></th><?cs /if ?>
<?cs each:o = Grid.options ?><th class="opt" title="<?cs var:o.unit_price ?> € <?cs if:o.unit ?>/ <?cs var:o.unit ?><?cs /if ?>"><?cs var:o.label ?><small><?cs var:o.unit_price ?> €<?cs if:o.unit ?> / <?cs var:o.unit ?><?cs /if ?></small></th><?cs /each ?>
<th class="flag"><?cs var:L.common.delete ?></th>
</tr></thead>
<tbody>
<?cs each:i = Grid.rows ?>
<tr class="gridrow">
<td><input type="date" name="day.<?cs var:i ?>" value="<?cs var:Form.day[i] ?>" aria-label="<?cs var:L.grid.day ?>"<?cs if:Errors.day[i] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.day[i] ?><p class="error"><?cs var:Errors.day[i] ?></p><?cs /if ?></td>
<?cs if:Grid.per_room == 1 ?>
<td><input type="text" name="hours.<?cs var:i ?>" value="<?cs var:Form.hours[i] ?>" size="9" placeholder="10h-12h" aria-label="<?cs var:L.grid.hours ?>"<?cs if:Errors.hours[i] ?> aria-invalid="true"<?cs /if ?>><?cs if:Errors.hours[i] ?><p class="error"><?cs var:Errors.hours[i] ?></p><?cs /if ?></td>
<td><select name="room.<?cs var:i ?>" aria-label="<?cs var:L.grid.room ?>"><option value="">—</option><?cs each:m = Rooms ?><?cs if:m.active != "0" || m.id == Form.room[i] ?><option value="<?cs var:m.id ?>"<?cs if:m.id == Form.room[i] ?> selected<?cs /if ?>><?cs var:m.name ?></option><?cs /if ?><?cs /each ?></select></td>
<?cs /if ?>
<?cs each:o = Grid.options ?><td class="q"><?cs if:o.checkbox == 1 ?><input type="checkbox" name="q.<?cs var:i ?>.<?cs var:o.id ?>" value="1"<?cs if:Form.q[i][o.id] == "1" ?> checked<?cs /if ?> aria-label="<?cs var:o.label ?>"><?cs else ?><input type="text" inputmode="decimal" name="q.<?cs var:i ?>.<?cs var:o.id ?>" value="<?cs var:Form.q[i][o.id] ?>" size="4" aria-label="<?cs var:o.label ?>"<?cs if:Errors.q[i][o.id] ?> aria-invalid="true" aria-describedby="err-q-<?cs var:i ?>-<?cs var:o.id ?>"<?cs /if ?>><?cs if:Errors.q[i][o.id] ?><p class="error" id="err-q-<?cs var:i ?>-<?cs var:o.id ?>"><?cs var:Errors.q[i][o.id] ?></p><?cs /if ?><?cs /if ?></td><?cs /each ?>
<td class="flag"><input type="checkbox" name="del.<?cs var:i ?>" value="1" aria-label="<?cs var:L.common.delete ?>"<?cs if:Form.del[i] == "1" ?> checked<?cs /if ?>></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.grid.save ?></button> <button type="button" class="addgridrow" hidden><?cs var:L.grid.add_row ?></button> <span class="hint"><?cs var:L.grid.hint ?></span></div>
</form>
<?cs /if ?>
