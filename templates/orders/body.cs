<?cs include:"layout/macros.cs" ?><?cs # The order page's content, rendered apart and kept by orders.c
     until order_version() moves (the order's history, the catalogue,
     companies and contacts): nothing here may depend on the session.
     Forms carrying the session's token are added by show.cs and
     referenced by form="..." attributes. ?>
<p class="crumbs"><a href="/orders"><?cs var:L.orders.title ?></a> › <a href="/companies/<?cs var:Order.company_id ?>"><?cs var:Order.company_name ?></a> ›</p>
<div class="pagehead">
<h1><?cs var:L.orders.order ?> <span class="orderno"><?cs var:L.orders.no ?> <?cs var:Order.id ?></span><?cs if:Order.vip == 1 ?> <span class="tag vip">VIP</span><?cs /if ?>
<small class="count"><?cs var:Order.company_name ?><?cs if:Order.study_ref ?> · <?cs var:Order.study_ref ?><?cs /if ?></small></h1>
<span class="muted"><?cs var:L.orders.created ?> <?cs var:Order.created_at ?><?cs if:Order.created_by ?> · <?cs var:Order.created_by ?><?cs /if ?></span>
<span class="headactions"><a class="button small" href="/orders/<?cs var:Order.id ?>/videos"><?cs var:L.videos.order_tab ?></a> <a class="button small" href="/orders/<?cs var:Order.id ?>/files"><?cs var:L.files.title ?></a> <a class="button small" href="/orders/<?cs var:Order.id ?>/access"><?cs var:L.access.title ?></a></span>
</div>

<div class="columns order">
<form method="post" action="/orders/<?cs var:Order.id ?>" class="card form header" novalidate id="order-header">
<h2><?cs var:L.orders.client ?></h2>
<input type="hidden" name="tab" value="<?cs var:Tab.name ?>">
<?cs include:"orders/_header_fields.cs" ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>

<section class="card totals" id="totals">
<h2><?cs var:L.totals.title ?></h2>
<table class="totals">
<?cs each:v = VatTotals ?>
<tr class="base"><th><?cs var:L.totals.base ?> <?cs var:v.rate ?> %</th><td data-raw="<?cs var:v.base_raw ?>" data-rate="<?cs var:v.rate_raw ?>" class="base-amount"><?cs var:v.base ?> €</td></tr>
<tr class="vat"><th><?cs var:L.totals.vat ?> <?cs var:v.rate ?> %</th><td data-raw="<?cs var:v.vat_raw ?>" data-rate="<?cs var:v.rate_raw ?>" class="vat-amount"><?cs var:v.vat ?> €</td></tr>
<?cs /each ?>
<tr class="sum"><th><?cs var:L.totals.ht ?></th><td id="total-ht" data-raw="<?cs var:Totals.total_ht_raw ?>"><?cs var:Totals.total_ht ?> €</td></tr>
<tr><th><?cs var:L.totals.vat_total ?></th><td id="total-vat" data-raw="<?cs var:Totals.total_vat_raw ?>"><?cs var:Totals.total_vat ?> €</td></tr>
<tr class="grand"><th><?cs var:L.totals.ttc ?></th><td id="total-ttc" data-raw="<?cs var:Totals.total_ttc_raw ?>"><?cs var:Totals.total_ttc ?> €</td></tr>
<tr class="apart"><th><?cs var:L.totals.disbursements ?></th><td id="total-disb" data-raw="<?cs var:Totals.disbursements_raw ?>"><?cs var:Totals.disbursements ?> €</td></tr>
<tr class="due"><th><?cs var:L.totals.due ?></th><td id="total-due" data-raw="<?cs var:Totals.total_due_raw ?>"><?cs var:Totals.total_due ?> €</td></tr>
</table>
<?cs if:Order.vat_mode != "normal" ?><p class="hint"><?cs var:L.vat_mode[Order.vat_mode] ?> : <?cs var:L.totals.no_vat ?></p><?cs /if ?>
<p class="hint"><?cs var:L.totals.rounding ?></p>
</section>
</div>

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
