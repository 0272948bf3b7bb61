<?cs set:Page.title = L.portal.watch_title ?><?cs set:Page.section = "portal" ?><?cs set:Page.script = "player.js" ?><?cs set:Page.script2 = "notes.js" ?><?cs set:Page.script3 = "clips.js" ?><?cs include:"layout/header.cs" ?>
<?cs # One recording in HTML5 players: the MP4 in <video> (room and
     translation are its two audio channels: the buttons below pick one
     with Web Audio), the MP3s in <audio>. ?>
<p class="crumbs"><a href="<?cs if:Session.kind == "staff" ?>/orders/<?cs var:Recording.order_id ?>/videos<?cs else ?>/portal<?cs /if ?>">← <?cs var:L.portal.back ?></a></p>
<h1><?cs var:Recording.room ?> <small class="count"><?cs var:Recording.date ?> <?cs var:Recording.start ?>–<?cs var:Recording.end ?><?cs if:Recording.info ?> · <?cs var:Recording.info ?><?cs /if ?></small></h1>
<?cs if:Recording.mp4 ?>
<section class="card player">
<video id="player" controls preload="metadata" playsinline src="/download/<?cs var:Recording.mp4 ?>?mode=watch"></video>
<p class="channels" role="group" aria-label="<?cs var:L.portal.channels ?>">
<button type="button" data-channel="both" class="on"><?cs var:L.portal.both ?></button>
<button type="button" data-channel="room"><?cs var:L.portal.room_sound ?></button>
<button type="button" data-channel="trad"><?cs var:L.portal.translation ?></button>
</p>
<p class="hint"><?cs var:L.portal.channels_hint ?> · <a href="/download/<?cs var:Recording.mp4 ?>" download><?cs var:L.portal.download_video ?></a></p>
</section>
<?cs set:NotesPanel.mode = "recording" ?><?cs set:NotesPanel.add = "/portal/watch/" + Recording.id + "/notes" ?><?cs set:NotesPanel.poll = "/portal/watch/" + Recording.id + "/notes" ?><?cs set:NotesPanel.order = Recording.order_id ?>
<?cs include:"portal/notes_panel.cs" ?>
<?cs include:"portal/clips_panel.cs" ?>
<?cs /if ?>
<?cs if:Recording.mp3 || Recording.mp3_room || Recording.mp3_trad ?>
<section class="card audio">
<h2><?cs var:L.portal.audio ?></h2>
<?cs if:Recording.mp3 ?><p><span class="lbl"><?cs var:L.portal.both ?></span> <audio controls preload="none" src="/download/<?cs var:Recording.mp3 ?>?mode=watch"></audio> <a href="/download/<?cs var:Recording.mp3 ?>" download>MP3</a></p><?cs /if ?>
<?cs if:Recording.mp3_room ?><p><span class="lbl"><?cs var:L.portal.room_sound ?></span> <audio controls preload="none" src="/download/<?cs var:Recording.mp3_room ?>?mode=watch"></audio> <a href="/download/<?cs var:Recording.mp3_room ?>" download>MP3</a></p><?cs /if ?>
<?cs if:Recording.mp3_trad ?><p><span class="lbl"><?cs var:L.portal.translation ?></span> <audio controls preload="none" src="/download/<?cs var:Recording.mp3_trad ?>?mode=watch"></audio> <a href="/download/<?cs var:Recording.mp3_trad ?>" download>MP3</a></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
