<?cs set:Page.title = L.videos.order_title ?><?cs set:Page.section = "videos" ?><?cs set:Page.subpage = "videos" ?><?cs include:"layout/header.cs" ?>
<?cs include:"layout/order_heading.cs" ?>
<?cs # An order's recordings in time order (Recordings), its download log
     (Downloads) and what was done to its recordings (Events). ?>
<?cs if:len(Sites) > 1 || Videos.site ?>
<form method="get" action="/orders/<?cs var:Order.id ?>/videos" class="searchbar">
<label for="f-site"><?cs var:L.videos.choose_site ?></label>
<select id="f-site" name="site"><option value=""><?cs var:L.common.all ?></option><?cs each:s = Sites ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Videos.site ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:L.videos.go ?></button>
</form>
<?cs /if ?>

<?cs if:len(Recordings) == 0 ?>
<p class="empty"><?cs var:L.videos.none_order ?></p>
<?cs else ?>
<div class="scroll">
<table class="list lines recordings">
<thead><tr>
<th><?cs var:L.common.actions ?></th><th><?cs var:L.videos.site ?></th><th><?cs var:L.videos.room ?></th>
<th><?cs var:L.videos.start ?></th><th><?cs var:L.videos.end ?></th><th><?cs var:L.videos.info ?></th>
<th><?cs var:L.videos.dl_audio ?></th><th><?cs var:L.videos.dl_video ?></th><th><?cs var:L.videos.watch ?></th>
<?cs if:Videos.onsite ?><th><?cs var:L.videos.dl_audio_onsite ?></th><th><?cs var:L.videos.dl_video_onsite ?></th><?cs /if ?>
</tr></thead>
<tbody>
<?cs each:v = Recordings ?>
<tr id="rec-<?cs var:v.id ?>">
<td class="actions">
<?cs if:v.recording != 1 ?><form method="post" action="/recordings/<?cs var:v.id ?>/delete" class="inline" data-confirm="<?cs var:L.videos.delete_confirm ?>"><?cs call:csrf() ?><input type="hidden" name="back" value="/orders/<?cs var:Order.id ?>/videos"><button type="submit" class="small danger"><?cs var:L.videos.delete ?></button></form><?cs /if ?>
<a href="/recordings/<?cs var:v.id ?>/move"><?cs var:L.videos.move ?></a>
<button type="submit" class="small" form="f-rec-<?cs var:v.id ?>"><?cs var:L.common.save ?></button>
</td>
<td><?cs var:v.site ?></td>
<td><?cs var:v.room ?></td>
<td class="nowrap"><?cs var:v.date ?> <?cs var:v.start ?><?cs if:v.times_edited == 1 ?> <span class="edited" title="<?cs var:L.videos.edited ?>">✱</span><?cs /if ?></td>
<td class="nowrap"><?cs var:v.end ?> <a href="/recordings/<?cs var:v.id ?>/edit" title="<?cs var:L.videos.act_times ?>" aria-label="<?cs var:L.videos.act_times ?>">◷</a><?cs if:v.measured == 1 && v.complete == 0 ?> <span class="tag incomplete" title="<?cs var:L.rate.incomplete_hint ?>"><?cs var:L.rate.incomplete ?></span> <small class="covered"><?cs var:L.rate.covered ?> <?cs var:v.covered ?> / <?cs var:v.booked ?> (<?cs var:v.covered_pct ?> %)</small><?cs /if ?></td>
<td><form method="post" action="/recordings/<?cs var:v.id ?>" id="f-rec-<?cs var:v.id ?>" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="day" value="<?cs var:v.date ?>"><input type="hidden" name="start" value="<?cs var:v.start ?>"><input type="hidden" name="end" value="<?cs var:v.end ?>"><input type="hidden" name="back" value="/orders/<?cs var:Order.id ?>/videos">
<input type="text" name="info" value="<?cs var:v.info ?>" maxlength="200" size="14" aria-label="<?cs var:L.videos.info ?>"></form></td>
<td class="nowrap"><?cs if:v.mp3 ?><a href="/download/<?cs var:v.mp3 ?>" download class="dl-mp3"><?cs if:v.mp3_trad ?><?cs var:L.videos.mp3_both ?><?cs else ?>MP3<?cs /if ?></a><?cs /if ?>
<?cs if:v.mp3_room ?><a href="/download/<?cs var:v.mp3_room ?>" download class="dl-mp3" title="<?cs var:L.videos.channel_room ?>"><?cs var:L.videos.mp3_room ?></a><?cs /if ?>
<?cs if:v.mp3_trad ?><a href="/download/<?cs var:v.mp3_trad ?>" download class="dl-mp3" title="<?cs var:L.videos.channel_trad ?>"><?cs var:L.videos.mp3_trad ?></a><?cs /if ?></td>
<td class="nowrap"><?cs if:v.mp4 ?><a href="/download/<?cs var:v.mp4 ?>" download>MP4</a> <small class="muted"><?cs var:v.mp4_size ?></small><?cs /if ?></td>
<td><?cs if:v.mp4 || v.mp3 || v.mp3_room ?><a href="/portal/watch/<?cs var:v.id ?>"><?cs var:L.videos.watch_link ?></a><?cs elif:v.recording == 1 ?><span class="muted state-recording"><?cs var:L.videos.state_recording ?></span><?cs elif:v.on_box > 0 ?><span class="muted state-on-box"><?cs var:L.videos.state_on_box ?></span><?cs /if ?></td>
<?cs if:Videos.onsite ?><td><?cs if:v.onsite.mp3 ?><a href="<?cs var:v.onsite.mp3 ?>">MP3</a><?cs /if ?></td><td><?cs if:v.onsite.mp4 ?><a href="<?cs var:v.onsite.mp4 ?>">MP4</a><?cs /if ?></td><?cs /if ?>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
<p class="hint"><?cs if:Videos.onsite ?><?cs var:L.videos.onsite_hint ?><?cs else ?><?cs var:L.videos.onsite_none ?><?cs /if ?></p>
<?cs /if ?>

<?cs if:len(Lives) > 0 ?>
<h2 class="section"><?cs var:L.live.order_lives ?></h2>
<table class="list lives">
<thead><tr><th><?cs var:L.portal.schedule ?></th><th><?cs var:L.videos.room ?></th><th><?cs var:L.portal.live ?></th><th><?cs var:L.chat.title ?></th></tr></thead>
<tbody>
<?cs each:l = Lives ?>
<tr id="live-<?cs var:l.id ?>"><td class="nowrap"><?cs var:l.date ?> <?cs var:l.start ?>-<?cs var:l.end ?></td>
<td><?cs var:l.room ?> <small class="muted">(<?cs var:l.site ?>)</small></td>
<td><?cs if:l.on_air == 1 ?><span class="onair"><?cs var:L.live.on_air_short ?></span> <?cs /if ?><a href="/portal/live/<?cs var:l.id ?>"><?cs var:L.live.page ?></a></td>
<td><a href="/reservations/<?cs var:l.id ?>/chat.txt" download><?cs var:L.chat.export ?></a></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>

<?cs # Sponsors' downloads, then staff's own (staff: d.staff == 1), apart. ?>
<?cs def:dl_table(want, cls) ?>
<div class="scroll">
<table class="list downloads <?cs var:cls ?>">
<thead><tr><th></th><th><?cs var:L.downloads.account ?></th><th><?cs var:L.downloads.start ?></th><th><?cs var:L.downloads.end ?></th><th>IP</th>
<th><?cs var:L.downloads.reservation ?></th><th>ID</th><th class="num"><?cs var:L.downloads.sent ?></th><th class="num"><?cs var:L.downloads.total ?></th><th><?cs var:L.downloads.agent ?></th></tr></thead>
<tbody>
<?cs each:d = Downloads ?><?cs if:d.staff == want ?>
<tr class="dl-<?cs var:d.status ?>">
<td><span class="st <?cs var:d.status ?>" title="<?cs var:L.downloads.status[d.status] ?>"><?cs var:L.downloads.status[d.status] ?></span></td>
<td class="nowrap"><?cs var:d.login ?><?cs if:d.mode == "watch" ?> <small class="muted">(<?cs var:L.downloads.watched ?>)</small><?cs /if ?></td>
<td class="nowrap"><?cs var:d.started ?></td>
<td class="nowrap"><?cs var:d.ended ?></td>
<td><?cs var:d.ip ?></td>
<td><?cs var:d.label ?> <small class="muted"><?cs var:L.videos.kind[d.media_kind] ?></small></td>
<td><?cs var:d.media_file_id ?></td>
<td class="num nowrap"><?cs var:d.sent ?></td>
<td class="num nowrap"><?cs var:d.total ?></td>
<td class="agent"><?cs var:d.user_agent ?></td>
</tr>
<?cs /if ?><?cs /each ?>
</tbody>
</table>
</div>
<?cs /def ?>
<?cs set:DlCount.client = 0 ?><?cs set:DlCount.staff = 0 ?>
<?cs each:d = Downloads ?><?cs if:d.staff == 1 ?><?cs set:DlCount.staff = DlCount.staff + 1 ?><?cs else ?><?cs set:DlCount.client = DlCount.client + 1 ?><?cs /if ?><?cs /each ?>
<h2 class="section"><?cs var:L.downloads.title ?></h2>
<?cs if:DlCount.client == 0 ?>
<p class="empty"><?cs var:L.downloads.none ?></p>
<?cs else ?><?cs call:dl_table(0, "clients") ?><?cs /if ?>
<?cs if:DlCount.staff > 0 ?>
<h3 class="section"><?cs var:L.downloads.staff_title ?></h3>
<p class="hint"><?cs var:L.downloads.staff_hint ?></p>
<?cs call:dl_table(1, "staff") ?>
<?cs /if ?>
<p class="legend"><?cs var:L.videos.legend ?> : <span class="st incomplete"><?cs var:L.downloads.status.incomplete ?></span> <span class="st in_progress"><?cs var:L.downloads.status.in_progress ?></span> <span class="st complete"><?cs var:L.downloads.status.complete ?></span> — <?cs var:L.downloads.import_hint ?></p>

<?cs if:len(Events) > 0 ?>
<h2 class="section"><?cs var:L.videos.events ?></h2>
<table class="list events">
<tbody>
<?cs each:e = Events ?><tr><td class="nowrap"><?cs var:e.at ?></td><td><?cs var:e.who ?></td><td class="act <?cs var:e.action ?>"><?cs var:L.videos.event[e.action] ?></td><td><?cs var:e.summary ?></td></tr><?cs /each ?>
</tbody>
</table>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
