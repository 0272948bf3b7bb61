<?cs set:Page.title = L.notes.title ?><?cs set:Page.section = "notes" ?><?cs include:"layout/header.cs" ?>
<?cs # The order's notes for its accounts (notes.c). ?>
<h1><?cs var:L.notes.title ?></h1>
<p class="hint"><?cs var:L.notes.intro ?></p>
<?cs include:"notes/table.cs" ?>
<?cs include:"layout/footer.cs" ?>
