<?cs set:Page.title = L.orders.new ?><?cs set:Page.section = "orders" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/orders"><?cs var:L.orders.title ?></a> ›<?cs if:Client.id ?> <a href="/companies/<?cs var:Client.id ?>"><?cs var:Client.name ?></a> ›<?cs /if ?></p>
<h1><?cs var:L.orders.new ?><?cs if:Client.name ?> — <?cs var:Client.name ?><?cs /if ?></h1>
<?cs if:!Client.id ?>
<form method="get" action="/orders/new" class="card form">
<p class="hint"><?cs var:L.orders.choose_company_first ?></p>
<?cs call:select_field("company_id", L.orders.company, 1, Companies, L.contacts.choose_company) ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.next ?></button> <a href="/orders"><?cs var:L.common.cancel ?></a></div>
</form>
<?cs else ?>
<form method="post" action="/orders" class="card form" novalidate>
<?cs call:csrf() ?>
<?cs include:"orders/_header_fields.cs" ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.orders.create ?></button> <a href="/companies/<?cs var:Client.id ?>"><?cs var:L.common.cancel ?></a></div>
</form>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
