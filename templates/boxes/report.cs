<?cs set:Page.title = L.boxes.report ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.boxes.report ?> <?cs var:Year ?></h1>
<nav class="pager"><a href="/boxes/report?year=<?cs var:PrevYear ?>">&larr; <?cs var:PrevYear ?></a> <a href="/boxes/report?year=<?cs var:NextYear ?>"><?cs var:NextYear ?> &rarr;</a></nav>
<a class="button" id="rate-xlsx" href="/boxes/report.xlsx?year=<?cs var:Year ?>"><?cs var:L.rate.export ?></a>
</div>
<p class="muted" id="rate-rule"><?cs var:L.rate.rule_a ?> <strong><?cs var:Settings.coverage_pct ?> %</strong> <?cs var:L.rate.rule_b ?> <strong><?cs var:Settings.guarantee_pct ?> %</strong>.</p>
<?cs if:Session.role == "admin" ?>
<form method="post" action="/boxes/report/settings" class="inline" id="rate-settings"><?cs call:csrf() ?>
<label for="f-coverage_pct"><?cs var:L.rate.threshold ?></label>
<input type="number" id="f-coverage_pct" name="coverage_pct" min="1" max="100" value="<?cs alt:Form.coverage_pct ?><?cs var:Settings.coverage_pct ?><?cs /alt ?>"<?cs if:Errors.coverage_pct ?> aria-invalid="true"<?cs /if ?>> %
<button type="submit" class="small"><?cs var:L.common.save ?></button>
<?cs if:Errors.coverage_pct ?><span class="error"><?cs var:Errors.coverage_pct ?></span><?cs /if ?>
</form>
<?cs /if ?>
<h2><?cs var:L.rate.chart ?></h2>
<svg id="rate-chart" class="chart" viewBox="0 0 600 250" width="600" height="250" role="img" aria-label="<?cs var:L.rate.chart ?> <?cs var:Year ?>">
<line x1="45" y1="20" x2="45" y2="220" stroke="#888"/>
<line x1="45" y1="220" x2="595" y2="220" stroke="#888"/>
<text x="40" y="24" text-anchor="end" font-size="10">100 %</text>
<text x="40" y="124" text-anchor="end" font-size="10">50 %</text>
<text x="40" y="224" text-anchor="end" font-size="10">0 %</text>
<?cs each:m = Months ?><?cs if:m.scheduled > 0 ?><rect class="bar<?cs if:m.below == 1 ?> below<?cs /if ?>" x="<?cs var:m.x ?>" y="<?cs var:m.y ?>" width="36" height="<?cs var:m.h ?>" fill="<?cs if:m.below == 1 ?>#c0392b<?cs else ?>#2e7d32<?cs /if ?>"><title><?cs var:m.ym ?> : <?cs var:m.rate ?> % (<?cs var:m.recorded ?>/<?cs var:m.scheduled ?>)</title></rect><?cs /if ?>
<text x="<?cs var:m.x + 18 ?>" y="236" text-anchor="middle" font-size="10"><?cs var:L.rate.months[m.month] ?></text><?cs /each ?>
<line id="rate-line" x1="45" y1="<?cs var:Settings.line_y ?>" x2="595" y2="<?cs var:Settings.line_y ?>" stroke="#1565c0" stroke-dasharray="6 3"/>
<text x="595" y="<?cs var:Settings.line_y - 4 ?>" text-anchor="end" font-size="10" fill="#1565c0"><?cs var:Settings.guarantee_pct ?> %</text>
</svg>
<table class="list report" id="rate-months">
<thead><tr><th><?cs var:L.rate.month ?></th><th class="num"><?cs var:L.boxes.scheduled ?></th><th class="num"><?cs var:L.boxes.recorded ?></th><th class="num"><?cs var:L.rate.excluded ?></th><th class="num"><?cs var:L.boxes.rate ?></th></tr></thead>
<tbody>
<?cs each:m = Months ?><tr id="month-<?cs var:m.month ?>" class="<?cs if:m.below == 1 ?>alarm<?cs /if ?>"><td><?cs var:L.rate.months[m.month] ?></td><td class="num"><?cs var:m.scheduled ?></td><td class="num"><?cs var:m.recorded ?></td><td class="num"><?cs var:m.excluded ?></td><td class="num"><?cs if:m.rate ?><?cs var:m.rate ?> %<?cs else ?>—<?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<h2><?cs var:L.rate.per_box ?></h2>
<?cs if:len(Report) == 0 ?>
<p class="empty"><?cs var:L.boxes.none ?></p>
<?cs else ?>
<table class="list report" id="rate-boxes">
<thead><tr>
<th><?cs var:L.boxes.name ?></th>
<th><?cs var:L.boxes.room ?></th>
<th class="num"><?cs var:L.boxes.scheduled ?></th>
<th class="num"><?cs var:L.boxes.recorded ?></th>
<th class="num"><?cs var:L.boxes.rate ?></th>
<th class="num"><?cs var:L.rate.excluded ?></th>
<?cs loop:i = 1, 12, 1 ?><th class="num small"><?cs var:L.rate.months[i] ?></th><?cs /loop ?>
</tr></thead>
<tbody>
<?cs each:x = Report ?>
<tr id="rate-<?cs var:x.id ?>" class="<?cs if:x.below == 1 ?>alarm<?cs /if ?>">
<td><a href="/boxes/<?cs var:x.id ?>"><?cs var:x.name ?></a><?cs if:x.active == 0 ?> <span class="tag grey"><?cs var:L.common.inactive ?></span><?cs /if ?></td>
<td><?cs var:x.site ?> · <?cs var:x.room ?></td>
<td class="num"><?cs var:x.scheduled ?></td>
<td class="num"><?cs var:x.recorded ?></td>
<td class="num"><?cs if:x.rate ?><?cs var:x.rate ?> %<?cs else ?>—<?cs /if ?></td>
<td class="num"><?cs var:x.excluded ?></td>
<?cs each:c = x.months ?><td class="num small<?cs if:c.below == 1 ?> alarm<?cs /if ?>"<?cs if:c.rate ?> title="<?cs var:c.rate ?> %"<?cs /if ?>><?cs var:c.cell ?></td><?cs /each ?>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
<h2><?cs var:L.rate.missed ?></h2>
<?cs if:len(Missed) == 0 ?>
<p class="empty"><?cs var:L.rate.none_missed ?></p>
<?cs else ?>
<table class="list" id="rate-missed">
<thead><tr><th><?cs var:L.rate.day ?></th><th><?cs var:L.boxes.name ?></th><th><?cs var:L.boxes.order ?></th><th class="num"><?cs var:L.rate.covered ?></th><th></th></tr></thead>
<tbody>
<?cs each:m = Missed ?><tr id="missed-<?cs var:m.reservation_id ?>"><td class="nowrap"><?cs var:m.day ?> <?cs var:m.times ?></td><td><?cs var:m.box ?></td><td><a href="/orders/<?cs var:m.order_id ?>/videos"><?cs var:m.order_id ?><?cs if:m.study_ref ?> · <?cs var:m.study_ref ?><?cs /if ?></a></td><td class="num"><?cs var:m.covered ?> %</td><td><?cs if:m.has_recording == 1 ?><span class="tag incomplete"><?cs var:L.rate.incomplete ?></span><?cs else ?><span class="tag grey"><?cs var:L.rate.no_recording ?></span><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
<p><a href="/boxes"><?cs var:L.common.back ?></a></p>
<?cs include:"layout/footer.cs" ?>
