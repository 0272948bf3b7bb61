<?cs # The portal page's content, rendered apart and kept by portal.c per
     order, kind of account and language while portal_version() has not
     moved: nothing here may depend on the session (t/tree/fragments.py);
     the account's kind, part of the key, is Portal.kind (no token: the
     delete buttons submit the form "recdel" of home.cs). ?>
<div class="columns portal">
<div>
<section class="card">
<h2><?cs var:L.portal.lives_title ?> <?cs var:Order.id ?></h2>
<?cs if:len(Lives) == 0 ?>
<p class="empty"><?cs var:L.portal.no_lives ?></p>
<?cs else ?>
<table class="list lives">
<thead><tr><th><?cs var:L.portal.schedule ?></th><th><?cs var:L.videos.room ?></th><th><?cs var:L.portal.live ?></th></tr></thead>
<tbody>
<?cs each:l = Lives ?>
<tr id="live-<?cs var:l.id ?>"><td class="nowrap"><?cs var:l.date ?> <?cs var:l.start ?>-<?cs var:l.end ?></td>
<td><?cs var:l.room ?> <small class="muted">(<?cs var:l.site ?>)</small></td>
<td><?cs if:l.on_air == 1 ?><span class="onair"><?cs var:L.live.on_air_short ?></span> <?cs /if ?><?cs if:l.now == 1 || l.on_air == 1 ?><a class="button primary small" href="/portal/live/<?cs var:l.id ?>"><?cs var:L.portal.watch_live ?></a><?cs else ?><span class="muted"><?cs var:L.portal.no_live_now ?></span><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
</section>

<?cs if:Portal.kind != "live" ?>
<section class="card">
<h2><?cs var:L.portal.videos_title ?></h2>
<p><strong><?cs var:Order.id ?></strong><?cs if:Order.study_ref ?> - <?cs var:L.portal.study ?> <?cs var:L.common.q_open ?><em><?cs var:Order.study_ref ?></em><?cs var:L.common.q_close ?><?cs /if ?><br><span class="muted"><?cs var:Order.company ?></span></p>
<?cs if:len(Recordings) == 0 ?>
<p class="empty"><?cs var:L.portal.no_videos ?></p>
<?cs else ?>
<div class="scroll">
<table class="list recordings">
<thead><tr><th><?cs var:L.videos.room ?></th><th><?cs var:L.videos.start ?></th><th><?cs var:L.videos.end ?></th><th><?cs var:L.videos.info ?></th>
<th><?cs var:L.videos.dl_audio ?></th><th><?cs var:L.videos.dl_video ?></th><th><?cs var:L.videos.watch ?></th><?cs if:Portal.kind == "user" ?><th></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:v = Recordings ?>
<tr id="rec-<?cs var:v.id ?>">
<td><?cs var:v.room ?></td>
<td class="nowrap"><?cs var:v.date ?> <?cs var:v.start ?></td>
<td class="nowrap"><?cs var:v.end ?><?cs if:v.measured == 1 && v.complete == 0 ?> <span class="tag incomplete" title="<?cs var:L.rate.incomplete_hint ?>"><?cs var:L.rate.incomplete ?></span> <small class="covered"><?cs var:L.rate.covered ?> <?cs var:v.covered ?> / <?cs var:v.booked ?> (<?cs var:v.covered_pct ?> %)</small><?cs /if ?></td>
<td><?cs var:v.info ?></td>
<td class="nowrap"><?cs if:v.mp3 ?><a href="/download/<?cs var:v.mp3 ?>" download class="dl-mp3"><?cs if:v.mp3_trad ?><?cs var:L.videos.mp3_both ?><?cs else ?>MP3<?cs /if ?></a><?cs /if ?>
<?cs if:v.mp3_room ?><a href="/download/<?cs var:v.mp3_room ?>" download class="dl-mp3" title="<?cs var:L.videos.channel_room ?>"><?cs var:L.videos.mp3_room ?></a><?cs /if ?>
<?cs if:v.mp3_trad ?><a href="/download/<?cs var:v.mp3_trad ?>" download class="dl-mp3" title="<?cs var:L.videos.channel_trad ?>"><?cs var:L.videos.mp3_trad ?></a><?cs /if ?></td>
<td class="nowrap"><?cs if:v.mp4 ?><a href="/download/<?cs var:v.mp4 ?>" download class="dl-video">MP4</a> <small class="muted"><?cs var:v.mp4_size ?></small><?cs /if ?></td>
<td><?cs if:v.mp4 || v.mp3 || v.mp3_room ?><a href="/portal/watch/<?cs var:v.id ?>" class="watch"><?cs var:L.videos.watch_link ?></a><?cs elif:v.recording == 1 ?><span class="muted state-recording"><?cs var:L.videos.state_recording ?></span><?cs elif:v.on_box > 0 ?><span class="muted state-on-box"><?cs var:L.videos.state_on_box ?></span><?cs /if ?></td>
<?cs if:Portal.kind == "user" ?><td><?cs if:v.recording != 1 ?><button type="submit" class="small danger" form="recdel" formaction="/recordings/<?cs var:v.id ?>/delete"><?cs var:L.videos.delete ?></button><?cs /if ?></td><?cs /if ?>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
<?cs /if ?>
</section>
<?cs /if ?>
</div>

<aside class="card welcome">
<h2><?cs var:L.portal.welcome ?></h2>
<?cs if:Portal.kind == "live" ?><p><?cs var:L.portal.welcome_live ?></p><?cs else ?><p><?cs var:L.portal.welcome_videos ?></p><?cs /if ?>
<p><?cs var:L.portal.welcome_test ?></p>
<?cs if:Portal.kind != "live" ?><p><?cs var:L.portal.welcome_files ?></p><?cs /if ?>
<p><?cs var:L.portal.welcome_logout ?></p>
<p class="warn"><?cs var:L.portal.welcome_scope ?></p>
</aside>
</div>
