<?cs set:Page.title = L.portal.live_title ?><?cs set:Page.section = "portal" ?><?cs set:Page.script = "player.js" ?><?cs set:Page.script2 = "live.js" ?><?cs set:Page.script3 = "notes.js" ?><?cs include:"layout/header.cs" ?>
<?cs # A live session: the player (native HLS, or hls.js where the browser
     has none), started by live.js when the poll says the box pushes, the
     language buttons of player.js (room on the left channel, translation
     on the right), and the chat of the order's viewers and staff.  The
     page never names the stream key: the playlist is /hls/r<id>/. ?>
<p class="crumbs"><a href="<?cs if:Session.kind == "staff" ?>/videos<?cs else ?>/portal<?cs /if ?>">← <?cs var:L.portal.back ?></a></p>
<h1><?cs var:L.portal.live_title ?> <small class="count"><?cs var:Live.room ?> (<?cs var:Live.site ?>) · <?cs var:Live.date ?> <?cs var:Live.start ?>–<?cs var:Live.end ?><?cs if:Session.kind == "staff" ?> · <?cs var:L.orders.order ?> <a href="/orders/<?cs var:Live.order_id ?>"><?cs var:Live.order_id ?></a><?cs /if ?></small></h1>
<div class="live-page" id="live" data-poll="/portal/live/<?cs var:Live.id ?>/poll" data-hls="/hls/r<?cs var:Live.id ?>/index.m3u8" data-hlsjs="/vendor/hls.js/hls.min.js" data-staff="<?cs if:Session.kind == "staff" ?>1<?cs else ?>0<?cs /if ?>"
 data-waiting="<?cs if:Live.now == 1 ?><?cs var:L.live.waiting_now ?><?cs else ?><?cs var:L.live.waiting ?><?cs /if ?>" data-on-air="<?cs var:L.live.on_air ?>" data-ended="<?cs var:L.live.ended ?>" data-unsupported="<?cs var:L.live.unsupported ?>"
 data-hide="<?cs var:L.chat.hide ?>" data-mute="<?cs var:L.chat.mute ?>" data-unmute="<?cs var:L.chat.unmute ?>" data-hidden="<?cs var:L.chat.hidden ?>" data-muted-tag="<?cs var:L.chat.muted_tag ?>" data-staff-badge="<?cs var:L.chat.staff_badge ?>" data-failed="<?cs var:L.chat.failed ?>" data-me-muted="<?cs var:L.chat.muted ?>">
<section class="card live-player">
<p class="live-status waiting" id="live-status" role="status"><?cs if:Live.started ?><?cs var:L.live.on_air ?> <?cs var:Live.started ?><?cs elif:Live.ended ?><?cs var:L.live.ended ?> <?cs var:Live.ended ?><?cs elif:Live.now == 1 ?><?cs var:L.live.waiting_now ?><?cs else ?><?cs var:L.live.waiting ?><?cs /if ?></p>
<noscript><p class="warn"><?cs var:L.live.needs_js ?></p></noscript>
<div class="live-frame"><video id="player" controls playsinline hidden></video><div class="live-idle" id="live-idle" aria-hidden="true"></div>
<button type="button" class="live-start" id="live-start" hidden><span aria-hidden="true">▶</span> <?cs var:L.live.click_to_start ?></button>
<button type="button" class="live-unmute" id="live-unmute" hidden><span aria-hidden="true">🔇</span> <?cs var:L.live.unmute ?></button></div>
<p class="channels" role="group" aria-label="<?cs var:L.portal.channels ?>">
<button type="button" data-channel="room"><?cs var:L.live.french ?></button>
<button type="button" data-channel="trad"><?cs var:L.live.translation ?></button>
<button type="button" data-channel="both" class="on"><?cs var:L.live.both ?></button>
</p>
<p class="hint"><?cs var:L.portal.channels_hint ?> <?cs var:L.live.delay_hint ?></p>
</section>
<?cs set:NotesPanel.mode = "live" ?><?cs set:NotesPanel.add = "/portal/live/" + Live.id + "/notes" ?><?cs set:NotesPanel.order = Live.order_id ?>
<?cs include:"portal/notes_panel.cs" ?>
<aside class="card chat" aria-labelledby="chat-title">
<h2 id="chat-title"><?cs var:L.chat.title ?></h2>
<p class="hint"><?cs var:L.chat.intro ?></p>
<ol class="chat-list" id="chat-list" aria-live="polite"><li class="empty" id="chat-empty"><?cs var:L.chat.empty ?></li></ol>
<form class="chat-form" id="chat-form" method="post" action="/portal/live/<?cs var:Live.id ?>/chat">
<?cs call:csrf() ?>
<p class="chat-error alert" id="chat-error" role="alert" hidden></p>
<?cs if:Session.kind != "staff" ?><label for="chat-name"><?cs var:L.chat.name ?></label>
<input type="text" id="chat-name" name="name" maxlength="60" value="<?cs var:Chat.name ?>" autocomplete="nickname"><?cs /if ?>
<label for="chat-body"><?cs var:L.chat.message ?></label>
<textarea id="chat-body" name="body" rows="2" maxlength="500" required></textarea>
<button type="submit" class="primary"><?cs var:L.chat.send ?></button>
</form>
<?cs if:Session.kind == "staff" ?><p class="chat-tools"><a href="/reservations/<?cs var:Live.id ?>/chat.txt" download><?cs var:L.chat.export ?></a></p><?cs /if ?>
</aside>
</div>
<?cs include:"layout/footer.cs" ?>
