<?cs set:Page.title = L.videos.edit_title ?><?cs set:Page.section = "videos" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/videos"><?cs var:L.videos.title ?></a> › <a href="/orders/<?cs var:Recording.order_id ?>/videos"><?cs var:L.orders.no ?> <?cs var:Recording.order_id ?></a> ›</p>
<h1><?cs var:L.videos.edit_title ?></h1>
<section class="card form confirm">
<p><strong><?cs var:L.orders.no ?> <?cs var:Recording.order_id ?></strong> · <?cs var:Recording.company ?><?cs if:Recording.study_ref ?> · <?cs var:Recording.study_ref ?><?cs /if ?></p>
<p><?cs var:Recording.label ?><?cs if:Recording.times_edited == 1 ?> <span class="edited" title="<?cs var:L.videos.edited ?>">✱ <?cs var:L.videos.edited ?></span><?cs /if ?></p>
<form method="post" action="/recordings/<?cs var:Recording.id ?>" novalidate>
<?cs call:csrf() ?>
<?cs if:Form.back ?><input type="hidden" name="back" value="<?cs var:Form.back ?>"><?cs /if ?>
<div class="grid3">
<?cs call:text_field("day", L.videos.day, 1, 10, "date") ?>
<?cs call:text_field("start", L.videos.start, 1, 5, "text") ?>
<?cs call:text_field("end", L.videos.end, 1, 5, "text") ?>
</div>
<?cs call:text_field("info", L.videos.info, 0, 200, "text") ?>
<p class="hint"><?cs var:L.videos.edit_hint ?></p>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button>
<a href="<?cs alt:Form.back ?>/orders/<?cs var:Recording.order_id ?>/videos<?cs /alt ?>"><?cs var:L.common.cancel ?></a></div>
</form>
</section>
<?cs include:"layout/footer.cs" ?>
