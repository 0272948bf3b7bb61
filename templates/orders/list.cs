<?cs set:Page.title = L.orders.title ?><?cs set:Page.section = "orders" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.orders.title ?> <small class="count"><?cs call:plural(List.total, L.orders.count_one, L.orders.count) ?></small></h1>
<a class="button primary" href="/orders/new"><?cs var:L.orders.new ?></a>
</div>
<form method="get" action="/orders" class="searchbar filters" role="search">
<input type="search" name="q" value="<?cs var:List.q ?>" placeholder="<?cs var:L.orders.search_hint ?>" aria-label="<?cs var:L.orders.search_hint ?>">
<label><?cs var:L.orders.from ?> <input type="date" name="from" value="<?cs var:Form.from ?>"></label>
<label><?cs var:L.orders.to ?> <input type="date" name="to" value="<?cs var:Form.to ?>"></label>
<label class="check"><input type="checkbox" name="vip" value="1"<?cs if:Form.vip == "1" ?> checked<?cs /if ?>> <?cs var:L.orders.vip_only ?></label>
<button type="submit"><?cs var:L.common.search ?></button>
<?cs if:List.q || Form.from || Form.to || Form.vip == "1" ?><a href="/orders"><?cs var:L.orders.clear ?></a><?cs /if ?>
</form>
<?cs if:len(Orders) == 0 ?>
<p class="empty"><?cs var:L.orders.none ?></p>
<?cs else ?>
<table class="list orders">
<thead><tr>
<th><?cs var:L.orders.number ?></th>
<th><?cs var:L.orders.period ?></th>
<th><?cs var:L.orders.company ?></th>
<th><?cs var:L.orders.contact ?></th>
<th><?cs var:L.orders.study_ref ?></th>
<th class="num"><?cs var:L.orders.sessions ?></th>
<th class="num"><?cs var:L.orders.total_ht ?></th>
</tr></thead>
<tbody>
<?cs each:o = Orders ?>
<tr id="order-<?cs var:o.id ?>">
<td class="name nowrap"><a href="/orders/<?cs var:o.id ?>"><?cs var:L.orders.no ?> <?cs var:o.id ?></a><?cs if:o.vip == 1 ?> <span class="tag vip">VIP</span><?cs /if ?></td>
<td class="nowrap"><?cs var:o.first_day ?><?cs if:o.last_day != o.first_day ?> → <?cs var:o.last_day ?><?cs /if ?></td>
<td><a href="/companies/<?cs var:o.company_id ?>"><?cs var:o.company ?></a></td>
<td><?cs if:o.contact_id ?><a href="/contacts/<?cs var:o.contact_id ?>"><?cs var:o.contact ?></a><?cs /if ?></td>
<td><?cs var:o.study_ref ?></td>
<td class="num"><?cs var:o.sessions ?></td>
<td class="num nowrap"><?cs var:o.total_ht ?> €</td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs call:pager() ?>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
