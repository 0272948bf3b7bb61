<?cs ## The outages in Outages.*: on /boxes (open and proposed, the last ones) and on a box's page (all of its own). ?>
<table class="list outages">
<thead><tr>
<th><?cs var:L.boxes.name ?></th>
<th><?cs var:L.outages.status ?></th>
<th><?cs var:L.outages.detected ?></th>
<th><?cs var:L.outages.repair ?></th>
<th><?cs var:L.outages.restored ?></th>
<th><?cs var:L.outages.note ?></th>
<th class="actions"><?cs var:L.common.actions ?></th>
</tr></thead>
<tbody>
<?cs each:o = Outages ?>
<tr id="outage-<?cs var:o.id ?>" class="status-<?cs var:o.status ?><?cs if:o.status == "proposed" ?> alarm<?cs /if ?>">
<td><a href="/boxes/<?cs var:o.box_id ?>"><?cs var:o.box ?></a></td>
<td><span class="tag outage-<?cs var:o.status ?>"><?cs var:L.outages.states[o.status] ?></span><?cs if:o.reason ?><br><span class="small"><?cs var:L.outages.reasons[o.reason] ?><?cs if:o.reservation_id ?> (<?cs var:L.boxes.reservation ?> <?cs var:o.reservation_id ?>)<?cs /if ?></span><?cs /if ?></td>
<td class="nowrap"><?cs var:o.detected ?></td>
<td class="nowrap"><?cs alt:o.repair ?>—<?cs /alt ?></td>
<td class="nowrap"><?cs if:o.restored ?><?cs var:o.restored ?><?cs elif:o.status != "dismissed" ?><strong><?cs var:L.outages.ongoing ?></strong><?cs else ?>—<?cs /if ?></td>
<td class="small"><?cs var:o.note ?><?cs if:o.decided_by ?><br><span class="muted"><?cs var:o.decided_by ?></span><?cs /if ?></td>
<td class="actions"><?cs if:o.status != "dismissed" ?><a class="button small" href="/outages/<?cs var:o.id ?>"><?cs if:o.status == "proposed" ?><?cs var:L.outages.confirm ?><?cs else ?><?cs var:L.common.edit ?><?cs /if ?></a><?cs /if ?>
<?cs if:o.status == "proposed" ?><form method="post" action="/outages/<?cs var:o.id ?>/dismiss" class="inline"><?cs call:csrf() ?><button type="submit" class="small"><?cs var:L.outages.dismiss ?></button></form><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
