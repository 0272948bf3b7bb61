<?cs set:Page.title = L.boxes.report ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.boxes.report ?> <?cs var:Year ?></h1>
<nav class="pager"><a href="/boxes/report?year=<?cs var:PrevYear ?>">&larr; <?cs var:PrevYear ?></a> <a href="/boxes/report?year=<?cs var:NextYear ?>"><?cs var:NextYear ?> &rarr;</a></nav>
</div>
<p class="muted"><?cs var:L.boxes.report_hint ?></p>
<?cs if:len(Report) == 0 ?>
<p class="empty"><?cs var:L.boxes.none ?></p>
<?cs else ?>
<table class="list report">
<thead><tr>
<th><?cs var:L.boxes.name ?></th>
<th><?cs var:L.boxes.room ?></th>
<th class="num"><?cs var:L.boxes.scheduled ?></th>
<th class="num"><?cs var:L.boxes.recorded ?></th>
<th class="num"><?cs var:L.boxes.rate ?></th>
</tr></thead>
<tbody>
<?cs each:x = Report ?>
<tr id="rate-<?cs var:x.id ?>" class="<?cs if:x.below == 1 ?>alarm<?cs /if ?>">
<td><?cs var:x.name ?><?cs if:x.active == 0 ?> <span class="tag grey"><?cs var:L.common.inactive ?></span><?cs /if ?></td>
<td><?cs var:x.site ?> · <?cs var:x.room ?></td>
<td class="num"><?cs var:x.scheduled ?></td>
<td class="num"><?cs var:x.recorded ?></td>
<td class="num"><?cs if:x.rate ?><?cs var:x.rate ?> %<?cs else ?>—<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
<p><a href="/boxes"><?cs var:L.common.back ?></a></p>
<?cs include:"layout/footer.cs" ?>
