<?cs set:Page.title = Box.name ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:Box.name ?><?cs if:Box.active == 0 ?> <span class="tag grey"><?cs var:L.common.inactive ?></span><?cs /if ?></h1>
<a class="button" href="/boxes"><?cs var:L.boxes.title ?></a>
</div>
<p><?cs var:Box.site ?> · <?cs var:Box.room ?> · <?cs if:Box.state ?><span class="tag state-<?cs var:Box.state ?>"><?cs var:L.boxes.states[Box.state] ?></span><?cs else ?><span class="muted"><?cs var:L.boxes.never ?></span><?cs /if ?><?cs if:Box.last_heartbeat ?> · <?cs var:L.boxes.last_heartbeat ?> <?cs var:Box.last_heartbeat ?><?cs /if ?></p>
<h2><?cs var:L.outages.history ?></h2>
<?cs if:len(Outages) == 0 ?>
<p class="empty"><?cs var:L.outages.none ?></p>
<?cs else ?>
<?cs include:"boxes/_outages.cs" ?>
<?cs /if ?>
<section class="panel">
<h2><?cs var:L.outages.declare ?></h2>
<form method="post" action="/boxes/<?cs var:Box.id ?>/outages" class="form" id="outage-form">
<?cs call:csrf() ?>
<?cs include:"boxes/_outage_form.cs" ?>
<p><button type="submit"><?cs var:L.outages.declare_submit ?></button></p>
</form>
</section>
<?cs include:"layout/footer.cs" ?>
