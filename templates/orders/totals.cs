<?cs # The order's totals (order_totals, order_vat_totals), rendered apart
     and kept by orders.c until the order or the catalogue changes:
     nothing here may depend on the session. ?>
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
