<?cs set:Page.title = L.exports.title ?><?cs set:Page.section = "documents" ?><?cs include:"layout/header.cs" ?>
<?cs # The accountants' exports: the XLSX workbook of a period; the sales
     and receipts entries of a fiscal year in FEC format. ?>
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
<p id="fec-what"><?cs var:L.exports.fec_what ?></p>
<p class="hint"><?cs var:L.exports.fec_hint ?></p>
<?cs call:field_open("year", L.exports.fiscal_year, 1) ?>
<select id="f-year" name="year"<?cs if:Errors.year ?> aria-invalid="true" aria-describedby="e-year"<?cs /if ?>><?cs each:y = FiscalYears ?><option value="<?cs var:y.year ?>"<?cs if:Form.year == y.year ?> selected<?cs /if ?>><?cs var:L.exports.from ?> <?cs var:y.starts ?> <?cs var:L.exports.to ?> <?cs var:y.ends ?></option><?cs /each ?></select>
<?cs call:field_close("year") ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.exports.download ?></button> <a href="/config/billing"><?cs var:L.exports.accounts ?></a></div>
</form>
</div>
<?cs include:"layout/footer.cs" ?>
