<?cs # The notes of an order (Notes.*, notes_of_order()): filters by
     session, tag and words, the exports, and each note with its link to
     the moment (the recording at that second, else the live page).
     NotesPage.base: this page's address. ?>
<form class="filters" method="get" action="<?cs var:NotesPage.base ?>">
<label for="nf-session"><?cs var:L.notes.session ?></label>
<select id="nf-session" name="session"><option value=""><?cs var:L.common.all ?></option>
<?cs each:f = Facets ?><?cs if:f.kind == "session" ?><option value="<?cs var:f.value ?>"<?cs if:NotesPage.session == f.value ?> selected<?cs /if ?>><?cs var:f.label ?></option><?cs /if ?><?cs /each ?></select>
<label for="nf-tag"><?cs var:L.notes.tag ?></label>
<select id="nf-tag" name="tag"><option value=""><?cs var:L.common.all ?></option>
<?cs each:f = Facets ?><?cs if:f.kind == "tag" ?><option<?cs if:NotesPage.tag == f.value ?> selected<?cs /if ?>><?cs var:f.value ?></option><?cs /if ?><?cs /each ?></select>
<label for="nf-q"><?cs var:L.common.search ?></label>
<input type="search" id="nf-q" name="q" value="<?cs var:NotesPage.q ?>">
<button type="submit"><?cs var:L.common.search ?></button>
</form>
<p class="exports"><a href="<?cs var:NotesPage.base ?>.csv?session=<?cs if:NotesPage.session != "0" ?><?cs var:NotesPage.session ?><?cs /if ?>&amp;tag=<?cs var:url_escape(NotesPage.tag) ?>&amp;q=<?cs var:url_escape(NotesPage.q) ?>" download>CSV</a> · <a href="<?cs var:NotesPage.base ?>.xlsx?session=<?cs if:NotesPage.session != "0" ?><?cs var:NotesPage.session ?><?cs /if ?>&amp;tag=<?cs var:url_escape(NotesPage.tag) ?>&amp;q=<?cs var:url_escape(NotesPage.q) ?>" download>XLSX</a></p>
<?cs if:len(Notes) == 0 ?><p class="empty"><?cs var:L.notes.none ?></p><?cs else ?>
<table class="list notes-table">
<thead><tr><th><?cs var:L.notes.col_session ?></th><th><?cs var:L.notes.col_offset ?></th><th><?cs var:L.notes.col_wall ?></th><th><?cs var:L.notes.col_author ?></th><th><?cs var:L.notes.col_tag ?></th><th><?cs var:L.notes.col_text ?></th><th></th></tr></thead>
<tbody>
<?cs each:n = Notes ?><tr id="note-<?cs var:n.id ?>">
<td><?cs var:n.day ?> <?cs var:n.session_start ?> · <?cs var:n.room ?></td>
<td><?cs var:n.offset ?></td>
<td><?cs var:n.at ?></td>
<td><?cs var:n.author ?><?cs if:Session.kind == "staff" && n.login != n.author ?> <small class="muted">(<?cs var:n.login ?>)</small><?cs /if ?></td>
<td><?cs if:n.tag ?><span class="tag"><?cs var:n.tag ?></span><?cs /if ?><?cs if:n.private == 1 ?> <em class="tag"><?cs var:L.notes.private ?></em><?cs /if ?></td>
<td class="note-body"><?cs var:n.body ?></td>
<td><?cs if:n.recording_id && Session.kind != "live" ?><a class="moment" href="/portal/watch/<?cs var:n.recording_id ?>#t=<?cs var:n.offset_s ?>"><?cs var:L.notes.open_recording ?></a><?cs else ?><a class="moment" href="/portal/live/<?cs var:n.reservation_id ?>"><?cs var:L.notes.open_live ?></a><?cs /if ?>
<?cs if:n.mine == 1 ?><form method="post" action="/notes/<?cs var:n.id ?>/delete" class="inline"><input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>"><button type="submit" class="linkish small"><?cs var:L.common.delete ?></button></form><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table>
<?cs /if ?>
