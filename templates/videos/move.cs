<?cs set:Page.title = L.videos.move_title ?><?cs set:Page.section = "videos" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/videos"><?cs var:L.videos.title ?></a> › <a href="/orders/<?cs var:Recording.order_id ?>/videos"><?cs var:L.orders.no ?> <?cs var:Recording.order_id ?></a> ›</p>
<h1><?cs var:L.videos.move_title ?></h1>
<section class="card form">
<p><strong><?cs var:L.orders.no ?> <?cs var:Recording.order_id ?></strong> · <?cs var:Recording.company ?> · <?cs var:Recording.label ?></p>
<form method="get" action="/recordings/<?cs var:Recording.id ?>/move" class="searchbar">
<label for="f-order"><?cs var:L.videos.other_order ?></label>
<input type="search" id="f-order" name="order" value="<?cs var:Form.order ?>" inputmode="numeric" style="width:8rem">
<button type="submit"><?cs var:L.common.search ?></button>
<?cs if:Form.order ?><a href="/recordings/<?cs var:Recording.id ?>/move"><?cs var:L.videos.same_day ?></a><?cs /if ?>
</form>
<?cs if:len(Candidates) == 0 ?>
<p class="empty"><?cs var:L.videos.no_candidates ?></p>
<?cs else ?>
<form method="post" action="/recordings/<?cs var:Recording.id ?>/move" novalidate>
<?cs call:csrf() ?>
<?cs if:Errors.reservation_id ?><p class="error"><?cs var:Errors.reservation_id ?></p><?cs /if ?>
<table class="list">
<thead><tr><th></th><th><?cs var:L.orders.number ?></th><th><?cs var:L.orders.company ?></th><th><?cs var:L.videos.reservation ?></th></tr></thead>
<tbody>
<?cs each:c = Candidates ?>
<tr><td><input type="radio" name="reservation_id" value="<?cs var:c.id ?>" id="c-<?cs var:c.id ?>"<?cs if:c.current == 1 ?> checked<?cs /if ?>></td>
<td><label for="c-<?cs var:c.id ?>"><?cs var:L.orders.no ?> <?cs var:c.order_id ?></label></td>
<td><?cs var:c.company ?><?cs if:c.study_ref ?> · <?cs var:c.study_ref ?><?cs /if ?></td>
<td><?cs var:c.label ?><?cs if:c.current == 1 ?> <small class="muted">(<?cs var:L.videos.current ?>)</small><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.videos.move_submit ?></button>
<a href="/orders/<?cs var:Recording.order_id ?>/videos"><?cs var:L.common.cancel ?></a></div>
</form>
<?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
