<?cs set:Page.title = L.orders.no + " " + Order.id ?><?cs set:Page.section = "orders" ?><?cs set:Page.script = "orders.js" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/orders"><?cs var:L.orders.title ?></a> › <a href="/companies/<?cs var:Order.company_id ?>"><?cs var:Order.company_name ?></a> ›</p>
<div class="pagehead">
<h1><?cs var:L.orders.order ?> <span class="orderno"><?cs var:L.orders.no ?> <?cs var:Order.id ?></span><?cs if:Order.vip == 1 ?> <span class="tag vip">VIP</span><?cs /if ?>
<small class="count"><?cs var:Order.company_name ?><?cs if:Order.study_ref ?> · <?cs var:Order.study_ref ?><?cs /if ?></small></h1>
<span class="muted"><?cs var:L.orders.created ?> <?cs var:Order.created_at ?><?cs if:Order.created_by ?> · <?cs var:Order.created_by ?><?cs /if ?></span>
</div>

<div class="columns order">
<form method="post" action="/orders/<?cs var:Order.id ?>" class="card form header" novalidate id="order-header">
<h2><?cs var:L.orders.client ?></h2>
<?cs call:csrf() ?>
<input type="hidden" name="tab" value="<?cs var:Tab.name ?>">
<?cs include:"orders/_header_fields.cs" ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>

<?cs escape: "none" ?><?cs var:Order.totals_html ?><?cs /escape ?>
</div>

<?cs escape: "none" ?><?cs var:Order.tab_html ?><?cs /escape ?>
<?cs # The forms the tab's buttons submit (form="..." attributes). ?>
<form id="rowdel" method="post" action="/orders/<?cs var:Order.id ?>" hidden data-confirm="<?cs var:L.orders.delete_line_confirm ?>"><?cs call:csrf() ?></form>
<?cs if:Tab.name == "reservations" ?><form id="res-new" method="post" action="/orders/<?cs var:Order.id ?>/reservations" novalidate hidden><?cs call:csrf() ?></form>
<?cs if:Edit.id ?><form id="res-form" method="post" action="/reservations/<?cs var:Edit.id ?>" novalidate hidden><?cs call:csrf() ?></form><?cs /if ?>
<?cs elif:Tab.name == "disbursements" ?><form id="disb-new" method="post" action="/orders/<?cs var:Order.id ?>/disbursements" novalidate hidden><?cs call:csrf() ?></form>
<?cs if:Edit.id ?><form id="disb-form" method="post" action="/disbursements/<?cs var:Edit.id ?>" novalidate hidden><?cs call:csrf() ?></form><?cs /if ?>
<?cs elif:Tab.name == "services" ?><form id="svc-new" method="post" action="/orders/<?cs var:Order.id ?>/services" novalidate hidden><?cs call:csrf() ?></form>
<?cs if:Edit.id ?><form id="svc-form" method="post" action="/services/<?cs var:Edit.id ?>" novalidate hidden><?cs call:csrf() ?></form><?cs /if ?>
<?cs else ?><input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>" form="grid"><?cs /if ?>
<?cs include:"layout/footer.cs" ?>
