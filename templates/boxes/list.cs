<?cs set:Page.title = L.boxes.title ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.boxes.title ?></h1>
<a class="button" href="/boxes/report"><?cs var:L.boxes.report ?></a>
</div>
<?cs if:len(Boxes) == 0 ?>
<p class="empty"><?cs var:L.boxes.none ?></p>
<?cs else ?>
<table class="list boxes">
<thead><tr>
<th><?cs var:L.boxes.name ?></th>
<th><?cs var:L.boxes.room ?></th>
<th><?cs var:L.boxes.state ?></th>
<th><?cs var:L.boxes.last_heartbeat ?></th>
<th><?cs var:L.boxes.details ?></th>
<th class="actions"><?cs var:L.common.actions ?></th>
</tr></thead>
<tbody>
<?cs each:b = Boxes ?>
<?cs set:alarm = b.active == 1 && (b.silent == 1 || b.failing == 1 || b.missing == 1 || b.upload_failing == 1) ?>
<tr id="box-<?cs var:b.id ?>" class="<?cs if:alarm ?>alarm<?cs /if ?><?cs if:b.active == 0 ?> inactive<?cs /if ?>">
<td class="name"><strong><a href="/boxes/<?cs var:b.id ?>"><?cs var:b.name ?></a></strong><?cs if:b.active == 0 ?> <span class="tag grey"><?cs var:L.common.inactive ?></span><?cs /if ?></td>
<td><?cs var:b.site ?> · <?cs var:b.room ?></td>
<td class="state"><?cs if:b.state ?><span class="tag state-<?cs var:b.state ?>"><?cs var:L.boxes.states[b.state] ?></span><?cs else ?><span class="muted"><?cs var:L.boxes.never ?></span><?cs /if ?>
<?cs if:b.active == 1 ?><?cs if:b.silent == 1 && b.last_heartbeat ?><br><strong class="why"><?cs var:L.boxes.why_silent ?></strong><?cs /if ?><?cs if:b.failing == 1 ?><br><strong class="why"><?cs var:L.boxes.why_error ?><?cs if:b.message ?> : <?cs var:b.message ?><?cs /if ?></strong><?cs /if ?><?cs if:b.missing == 1 ?><br><strong class="why"><?cs var:L.boxes.why_missing ?> <?cs var:b.due_reservation ?></strong><?cs /if ?><?cs if:b.upload_failing == 1 ?><br><strong class="why upload-error"><?cs if:b.upload_disk_full == 1 ?><?cs var:L.boxes.why_upload_disk ?><?cs else ?><?cs var:L.boxes.why_upload ?><?cs /if ?> (<?cs var:b.upload_error_at ?>)</strong><br><span class="small muted"><?cs var:b.upload_error ?></span><?cs /if ?><?cs /if ?></td>
<td class="nowrap"><?cs alt:b.last_heartbeat ?>—<?cs /alt ?></td>
<td class="small"><?cs if:b.reservation_id ?><?cs var:L.boxes.reservation ?> <?cs var:b.reservation_id ?><?cs if:b.parts > 1 ?> · <?cs var:b.parts ?> <?cs var:L.boxes.parts ?><?cs /if ?><?cs if:b.speed ?> · ffmpeg <?cs var:b.speed ?><?cs /if ?><?cs if:b.live == "pushing" ?> · <?cs var:L.boxes.live_pushing ?><?cs elif:b.live == "retrying" ?> · <?cs var:L.boxes.live_retrying ?><?cs /if ?><br><?cs /if ?>
<?cs if:b.disk_free_mb ?><?cs var:L.boxes.disk_free ?> <?cs var:b.disk_free_mb ?> Mo<?cs /if ?><?cs if:b.version ?> · v<?cs var:b.version ?><?cs /if ?><?cs if:b.local_url ?><br><span class="muted"><?cs var:b.local_url ?></span><?cs /if ?>
<br><span class="uploads" id="upload-<?cs var:b.id ?>"><?cs if:b.pending_files > 0 ?><?cs var:L.boxes.upload_pending ?> <?cs var:b.pending_files ?> (<?cs var:b.pending_size ?>)<?cs else ?><?cs var:L.boxes.upload_none ?><?cs /if ?><?cs if:b.upload_at ?> · <?cs var:L.boxes.upload_last ?> <?cs var:b.upload_at ?><?cs /if ?></span></td>
<td class="actions"><?cs if:b.active == 1 && Session.role == "admin" ?>
<form method="post" action="/boxes/<?cs var:b.id ?>/token" class="inline" data-confirm="<?cs var:L.boxes.token_confirm ?>"><?cs call:csrf() ?><button type="submit" class="small"><?cs var:L.boxes.new_token ?></button></form>
<form method="post" action="/boxes/<?cs var:b.id ?>/deactivate" class="inline" data-confirm="<?cs var:L.boxes.deactivate_confirm ?>"><?cs call:csrf() ?><button type="submit" class="small danger"><?cs var:L.boxes.deactivate ?></button></form>
<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<p class="muted small"><?cs var:L.boxes.legend ?></p>
<?cs /if ?>

<?cs if:len(Outages) > 0 ?>
<h2><?cs var:L.outages.title ?></h2>
<?cs include:"boxes/_outages.cs" ?>
<p class="muted small"><?cs var:L.outages.legend ?></p>
<?cs /if ?>

<?cs if:len(Recent) > 0 ?>
<h2><?cs var:L.boxes.recent ?></h2>
<table class="list recent">
<thead><tr>
<th><?cs var:L.boxes.recording_start ?></th>
<th><?cs var:L.boxes.name ?></th>
<th><?cs var:L.boxes.order ?></th>
<th class="num"><?cs var:L.boxes.duration ?></th>
<th><?cs var:L.boxes.files ?></th>
</tr></thead>
<tbody>
<?cs each:x = Recent ?>
<tr id="recording-<?cs var:x.id ?>">
<td class="nowrap"><?cs var:x.starts ?> – <?cs var:x.ends ?><?cs if:x.open == 1 ?> <span class="tag state-recording"><?cs var:L.boxes.states.recording ?></span><?cs /if ?></td>
<td><?cs var:x.box ?></td>
<td><a href="/orders/<?cs var:x.order_id ?>"><?cs var:x.order_id ?><?cs if:x.study_ref ?> · <?cs var:x.study_ref ?><?cs /if ?></a></td>
<td class="num"><?cs if:x.measured == 1 ?><?cs var:x.media_secs ?> s<?cs else ?><span class="muted" title="<?cs var:L.rate.unmeasured_hint ?>"><?cs var:x.secs ?> s ?</span><?cs /if ?><?cs if:x.parts > 1 ?> (<?cs var:x.parts ?> <?cs var:L.boxes.parts ?>)<?cs /if ?><?cs if:x.measured == 1 && x.complete == 0 ?> <span class="tag incomplete" title="<?cs var:x.covered_pct ?> %"><?cs var:L.rate.incomplete ?></span><?cs /if ?></td>
<td><?cs each:f = x.files ?><?cs if:f.on_box == 1 ?><a href="/media/<?cs var:f.id ?>/onsite" title="<?cs var:L.boxes.onsite_hint ?>"><?cs var:L.boxes.kinds[f.kind] ?></a><?cs else ?><?cs var:L.boxes.kinds[f.kind] ?><?cs /if ?> <?cs /each ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>

<?cs if:Session.role == "admin" ?>
<section class="panel">
<h2><?cs var:L.boxes.register ?></h2>
<form method="post" action="/boxes" class="form">
<?cs call:csrf() ?>
<?cs call:field_open("room", L.boxes.room, 1) ?>
<select id="f-room" name="room">
<option value=""><?cs var:L.boxes.choose_room ?></option>
<?cs set:site = "" ?>
<?cs each:m = Rooms ?>
<option value="<?cs var:m.id ?>"<?cs if:Form.room == m.id ?> selected<?cs /if ?>><?cs var:m.site ?> · <?cs var:m.room ?><?cs if:m.has_box == 1 ?> (<?cs var:L.boxes.has_box ?>)<?cs /if ?></option>
<?cs /each ?>
</select>
<?cs call:field_close("room") ?>
<?cs call:text_field("name", L.boxes.name, 1, 100, "") ?>
<p><button type="submit"><?cs var:L.boxes.register_submit ?></button></p>
</form>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
