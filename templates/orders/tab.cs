<?cs include:"layout/macros.cs" ?><?cs # The order's tabs and the open tab, rendered apart and kept by
     orders.c until the order (order_history) or the catalogue changes:
     nothing here may depend on the session.  Buttons submit the forms
     that show.cs adds after it (they carry the session's token). ?>
<nav class="tabs" id="tab" aria-label="<?cs var:L.orders.tabs ?>">
<a href="/orders/<?cs var:Order.id ?>?tab=reservations#tab"<?cs if:Tab.name == "reservations" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.orders.tab_reservations ?> <span class="n"><?cs var:Counts.reservations ?></span></a>
<?cs each:c = Categories ?><a href="/orders/<?cs var:Order.id ?>?tab=cat-<?cs var:c.id ?>#tab"<?cs if:Tab.name == "cat-" + c.id ?> class="on" aria-current="page"<?cs /if ?>><?cs call:l10n(c) ?><?cs if:c.cells > 0 ?> <span class="n"><?cs var:c.cells ?></span><?cs /if ?></a><?cs /each ?>
<a href="/orders/<?cs var:Order.id ?>?tab=disbursements#tab"<?cs if:Tab.name == "disbursements" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.orders.tab_disbursements ?> <span class="n"><?cs var:Counts.disbursements ?></span></a>
<a href="/orders/<?cs var:Order.id ?>?tab=services#tab"<?cs if:Tab.name == "services" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.orders.tab_services ?> <span class="n"><?cs var:Counts.services ?></span></a>
<a href="/orders/<?cs var:Order.id ?>?tab=history#tab"<?cs if:Tab.name == "history" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.orders.tab_history ?></a>
</nav>
<section class="card tab" id="reservations">
<?cs if:Tab.name == "reservations" ?><?cs include:"orders/_reservations.cs" ?>
<?cs elif:Tab.name == "disbursements" ?><?cs include:"orders/_disbursements.cs" ?>
<?cs elif:Tab.name == "services" ?><?cs include:"orders/_services.cs" ?>
<?cs elif:Tab.name == "history" ?><?cs include:"orders/_history.cs" ?>
<?cs else ?><?cs include:"orders/_grid.cs" ?><?cs /if ?>
</section>
