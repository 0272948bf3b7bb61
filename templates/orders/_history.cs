<?cs # The History tab: who changed what and when, newest first. ?>
<h2 class="tabtitle"><?cs var:L.orders.tab_history ?></h2>
<?cs def:hvalue(field, v) ?><?cs if:v == "true" ?><?cs var:L.common.yes ?><?cs elif:v == "false" ?><?cs var:L.common.no ?><?cs elif:!v ?><span class="muted">—</span><?cs elif:field == "payment_type" ?><?cs var:L.payment[v] ?><?cs elif:field == "vat_mode" ?><?cs var:L.vat_mode[v] ?><?cs else ?><?cs var:v ?><?cs /if ?><?cs /def ?>
<?cs if:len(History) == 0 ?><p class="empty"><?cs var:L.history.none ?></p><?cs else ?>
<table class="list history">
<thead><tr><th><?cs var:L.history.when ?></th><th><?cs var:L.history.who ?></th><th><?cs var:L.history.what ?></th><th><?cs var:L.history.details ?></th></tr></thead>
<tbody>
<?cs each:h = History ?>
<tr class="h-<?cs var:h.action ?>">
<td class="nowrap"><?cs var:h.at ?></td>
<td><?cs var:h.who ?></td>
<td class="nowrap"><span class="act <?cs var:h.action ?>"><?cs var:h.what ?></span></td>
<td><?cs var:h.summary ?>
<?cs if:len(h.changes) ?><ul class="changes"><?cs each:c = h.changes ?><li><span class="field"><?cs alt:L.history.f[c.field] ?><?cs var:c.field ?><?cs /alt ?></span> : <del><?cs call:hvalue(c.field, c.old) ?></del> → <ins><?cs call:hvalue(c.field, c.new) ?></ins></li><?cs /each ?></ul><?cs /if ?>
</td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
