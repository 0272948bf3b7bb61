<?cs # The notes panel of the live page and of a recording's page
     (notes.js).  NotesPanel.mode: "live" or "recording"; NotesPanel.add:
     where a note is sent; NotesPanel.poll: the recording's notes. ?>
<section class="card notes-panel" id="notes" aria-labelledby="notes-title" data-mode="<?cs var:NotesPanel.mode ?>" data-poll="<?cs var:NotesPanel.poll ?>"
 data-edit="<?cs var:L.notes.edit ?>" data-del="<?cs var:L.notes.delete ?>" data-failed="<?cs var:L.notes.failed ?>" data-private-tag="<?cs var:L.notes.private ?>">
<h2 id="notes-title"><?cs var:L.notes.heading ?> <small class="count"><a href="<?cs if:Session.kind == "staff" ?>/orders/<?cs var:NotesPanel.order ?>/notes<?cs else ?>/portal/notes<?cs /if ?>"><?cs var:L.notes.all ?></a></small></h2>
<form class="note-form" id="note-form" method="post" action="<?cs var:NotesPanel.add ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>">
<p><button type="button" class="primary" id="note-take" title="<?cs var:L.notes.add_hint ?>"><?cs var:L.notes.add ?></button> <span class="note-pending" id="note-pending" hidden></span></p>
<p class="alert" id="note-error" role="alert" hidden></p>
<label for="note-tag"><?cs var:L.notes.tag ?></label>
<select id="note-tag" name="tag"><option value="">—</option></select>
<label for="note-body"><?cs var:L.notes.text ?></label>
<textarea id="note-body" name="body" rows="2" maxlength="1000"></textarea>
<label class="check"><input type="checkbox" name="private" value="1"> <?cs var:L.notes.make_private ?></label>
<button type="submit"><?cs var:L.notes.save ?></button>
</form>
<p class="hint"><?cs var:L.notes.add_hint ?></p>
<ol class="note-list" id="note-list" aria-live="polite"><li class="empty" id="note-empty"><?cs var:L.notes.empty ?></li></ol>
</section>
