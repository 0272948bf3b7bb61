<?cs set:Page.title = L.exports.title ?><?cs set:Page.section = "documents" ?><?cs include:"layout/header.cs" ?>
<?cs # The accountants' exports: the XLSX workbook of a period, the FEC of a year. ?>
<p class="crumbs"><a href="/documents"><?cs var:L.documents.title ?></a> ›</p>
<h1><?cs var:L.exports.title ?></h1>
<div class="columns">
<form method="get" action="/exports/invoices.xlsx" class="card form" novalidate id="xlsx-form">
<h2><?cs var:L.exports.xlsx_title ?></h2>
<p class="hint"><?cs var:L.exports.xlsx_hint ?></p>
<div class="grid2">
<?cs call:text_field("from", L.orders.from, 1, 10, "date") ?>
<?cs call:text_field("to", L.orders.to, 1, 10, "date") ?>
</div>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.exports.download ?></button></div>
</form>
<form method="get" action="/exports/fec.txt" class="card form" novalidate id="fec-form">
<h2><?cs var:L.exports.fec_title ?></h2>
<p class="hint"><?cs var:L.exports.fec_hint ?></p>
<?cs call:text_field("year", L.exports.year, 1, 4, "") ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.exports.download ?></button> <a href="/config/billing"><?cs var:L.exports.accounts ?></a></div>
</form>
</div>
<?cs include:"layout/footer.cs" ?>
