<?cs set:Page.title = L.portal.tab_files ?><?cs set:Page.section = "files" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead"><h1><?cs var:L.files.title ?> <small class="count"><?cs var:L.orders.no ?> <?cs var:Order.id ?><?cs if:Order.study_ref ?> · <?cs var:L.common.q_open ?><?cs var:Order.study_ref ?><?cs var:L.common.q_close ?><?cs /if ?></small></h1></div>
<p class="hint"><?cs var:L.portal.files_intro ?></p>
<?cs include:"files/_list.cs" ?>
<?cs include:"layout/footer.cs" ?>
