<?cs set:Page.title = L.notes.title ?><?cs set:Page.section = "videos" ?><?cs set:Page.subpage = "notes" ?><?cs include:"layout/header.cs" ?>
<?cs include:"layout/order_heading.cs" ?>
<?cs # An order's notes for staff (notes.c), and the order's tag list. ?>
<p class="hint"><?cs var:L.notes.intro ?></p>
<?cs include:"notes/table.cs" ?>
<section class="card">
<h2><?cs var:L.notes.tags_title ?></h2>
<form method="post" action="/orders/<?cs var:NotesPage.order ?>/note-tags">
<?cs call:csrf() ?>
<label for="note-tags"><?cs var:L.notes.tags_hint ?></label>
<textarea id="note-tags" name="tags" rows="6"><?cs each:f = Facets ?><?cs if:f.kind == "tag" ?><?cs var:f.value ?>
<?cs /if ?><?cs /each ?></textarea>
<button type="submit" class="primary"><?cs var:L.common.save ?></button>
</form>
</section>
<?cs include:"layout/footer.cs" ?>
