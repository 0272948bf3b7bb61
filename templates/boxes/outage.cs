<?cs set:Page.title = L.outages.edit_title ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.outages.edit_title ?> · <?cs var:Outage.box ?></h1>
</div>
<p><span class="tag outage-<?cs var:Outage.status ?>"><?cs var:L.outages.states[Outage.status] ?></span><?cs if:Outage.reason ?> <?cs var:L.outages.reasons[Outage.reason] ?><?cs if:Outage.reservation_id ?> (<?cs var:L.boxes.reservation ?> <?cs var:Outage.reservation_id ?>)<?cs /if ?><?cs /if ?></p>
<form method="post" action="/outages/<?cs var:Outage.id ?>" class="form" id="outage-form">
<?cs call:csrf() ?>
<?cs include:"boxes/_outage_form.cs" ?>
<p><button type="submit"><?cs if:Outage.status == "proposed" ?><?cs var:L.outages.confirm ?><?cs else ?><?cs var:L.common.save ?><?cs /if ?></button>
<a href="/boxes/<?cs var:Outage.box_id ?>"><?cs var:L.common.cancel ?></a></p>
</form>
<?cs include:"layout/footer.cs" ?>
