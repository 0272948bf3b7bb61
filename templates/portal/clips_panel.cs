<?cs # Clips and reels of a recording's page (clips.js): in/out marks on
     the player, a window around a note (the notes panel's "Extrait"),
     the order's clips with their state, and a reel of the ticked ones. ?>
<section class="card clips-panel" id="clips" data-list="/portal/watch/<?cs var:Recording.id ?>/clips" data-reel="/portal/reels"
 data-queued="<?cs var:L.clips.queued ?>" data-running="<?cs var:L.clips.running ?>" data-done="<?cs var:L.clips.done ?>" data-failed="<?cs var:L.clips.failed ?>" data-download="<?cs var:L.clips.download ?>" data-clip="<?cs var:L.clips.from_note ?>" data-neterr="<?cs var:L.notes.failed ?>">
<h2><?cs var:L.clips.title ?></h2>
<form class="clip-form" id="clip-form" method="post" action="/portal/watch/<?cs var:Recording.id ?>/clips">
<input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>">
<p><button type="button" id="clip-in"><?cs var:L.clips.mark_in ?></button> <span id="clip-in-at">—</span>
<button type="button" id="clip-out"><?cs var:L.clips.mark_out ?></button> <span id="clip-out-at">—</span></p>
<label for="clip-name"><?cs var:L.clips.name ?></label>
<input type="text" id="clip-name" name="name" maxlength="100">
<p><label><input type="number" id="clip-before" value="15" min="0" max="300" size="4"> <?cs var:L.clips.before ?></label>
<label><input type="number" id="clip-after" value="15" min="0" max="300" size="4"> <?cs var:L.clips.after ?></label></p>
<p class="alert" id="clip-error" role="alert" hidden></p>
<button type="submit" class="primary"><?cs var:L.clips.make ?></button>
</form>
<ol class="clip-list" id="clip-list"><li class="empty" id="clip-empty"><?cs var:L.clips.none ?></li></ol>
<form class="reel-form" id="reel-form">
<label for="reel-name"><?cs var:L.clips.reel_name ?></label>
<input type="text" id="reel-name" maxlength="100">
<button type="submit"><?cs var:L.clips.reel ?></button>
</form>
</section>
