<?cs set:Page.title = L.orders.no + " " + Order.id ?><?cs set:Page.section = "orders" ?><?cs set:Page.script = "orders.js" ?><?cs include:"layout/header.cs" ?>
<div class="orderpage">
<?cs escape: "none" ?><?cs var:Order.body_html ?><?cs /escape ?>
<?cs include:"documents/_order_bar.cs" ?>
</div>
<input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>" form="order-header">
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
