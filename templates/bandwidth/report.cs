<?cs set:Page.title = L.bandwidth.title ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.bandwidth.title ?> <?cs var:Month.ym ?></h1>
<nav class="pager"><a href="/bandwidth?month=<?cs var:Month.prev ?>">&larr; <?cs var:Month.prev ?></a> <a href="/bandwidth?month=<?cs var:Month.next ?>"><?cs var:Month.next ?> &rarr;</a></nav>
<a class="button" id="bandwidth-csv" href="/bandwidth.csv?month=<?cs var:Month.ym ?>"><?cs var:L.bandwidth.csv ?></a>
</div>
<p class="muted"><?cs var:L.bandwidth.rule ?></p>
<table class="list" id="bandwidth-bill">
<tbody>
<tr><th><?cs var:L.bandwidth.p95 ?></th><td class="num" id="bw-p95"><?cs var:Month.p95 ?> Mbit/s</td></tr>
<tr><th><?cs var:L.bandwidth.peak ?></th><td class="num" id="bw-peak"><?cs var:Month.peak ?> Mbit/s</td></tr>
<tr><th><?cs var:L.bandwidth.floor ?></th><td class="num" id="bw-floor"><?cs var:Month.floor_mbps ?> Mbit/s</td></tr>
<tr><th><?cs var:L.bandwidth.overage ?></th><td class="num" id="bw-overage"><?cs var:Month.overage ?> Mbit/s</td></tr>
<tr><th><?cs var:L.bandwidth.price ?></th><td class="num" id="bw-price"><?cs var:Month.price_per_mbps ?> € / Mbit/s</td></tr>
<tr><th><?cs var:L.bandwidth.amount ?></th><td class="num" id="bw-amount"><strong><?cs var:Month.amount ?> €</strong></td></tr>
<tr><th><?cs var:L.bandwidth.slots ?></th><td class="num"><?cs var:Month.slots ?></td></tr>
</tbody>
</table>
<svg id="bandwidth-chart" class="chart" viewBox="0 0 660 240" width="660" height="240" role="img" aria-label="<?cs var:L.bandwidth.chart ?>">
<line x1="40" y1="10" x2="40" y2="210" stroke="#888"/>
<line x1="40" y1="210" x2="640" y2="210" stroke="#888"/>
<text x="36" y="14" text-anchor="end" font-size="10"><?cs var:Month.scale ?></text>
<text x="36" y="214" text-anchor="end" font-size="10">0</text>
<?cs if:Month.points ?><polyline id="bw-samples" fill="none" stroke="#2e7d32" stroke-width="0.7" points="<?cs var:Month.points ?>"/><?cs /if ?>
<line id="bw-p95-line" x1="40" y1="<?cs var:Month.p95_y ?>" x2="640" y2="<?cs var:Month.p95_y ?>" stroke="#c0392b" stroke-dasharray="6 3"/>
<text x="640" y="<?cs var:Month.p95_y - 4 ?>" text-anchor="end" font-size="10" fill="#c0392b">p95 <?cs var:Month.p95 ?> Mbit/s</text>
<line id="bw-floor-line" x1="40" y1="<?cs var:Month.floor_y ?>" x2="640" y2="<?cs var:Month.floor_y ?>" stroke="#1565c0" stroke-dasharray="2 3"/>
<text x="44" y="<?cs var:Month.floor_y - 4 ?>" font-size="10" fill="#1565c0"><?cs var:L.bandwidth.floor ?> <?cs var:Month.floor_mbps ?></text>
<text x="340" y="232" text-anchor="middle" font-size="10">Mbit/s · <?cs var:L.bandwidth.every5 ?></text>
</svg>
<h2><?cs var:L.bandwidth.classes ?></h2>
<table class="list" id="bandwidth-classes">
<thead><tr><th></th><th class="num"><?cs var:L.bandwidth.sent ?></th><th class="num"><?cs var:L.bandwidth.received ?></th></tr></thead>
<tbody>
<?cs each:c = Classes ?><tr id="class-<?cs var:c.class ?>"><td><?cs var:L.bandwidth.names[c.class] ?></td><td class="num"><?cs var:c.sent ?></td><td class="num"><?cs var:c.received ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<section class="panel">
<h2><?cs var:L.bandwidth.settings ?></h2>
<form method="post" action="/bandwidth/settings" class="form" id="bandwidth-settings">
<?cs call:csrf() ?>
<?cs call:text_field("floor_mbps", L.bandwidth.floor_field, 1, 12, "") ?>
<?cs call:text_field("price_per_mbps", L.bandwidth.price_field, 1, 12, "") ?>
<p><button type="submit"><?cs var:L.common.save ?></button></p>
</form>
</section>
<?cs include:"layout/footer.cs" ?>
