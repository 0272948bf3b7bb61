<?cs set:Page.title = L.outbox.title ?><?cs set:Page.section = "videos" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/videos"><?cs var:L.videos.title ?></a> ›</p>
<div class="pagehead"><h1><?cs var:L.outbox.title ?></h1></div>
<nav class="subnav">
<a href="/outbox"<?cs if:!Outbox.status ?> class="on"<?cs /if ?>><?cs var:L.common.all ?></a>
<a href="/outbox?status=pending"<?cs if:Outbox.status == "pending" ?> class="on"<?cs /if ?>><?cs var:L.outbox.state.pending ?></a>
<a href="/outbox?status=failed"<?cs if:Outbox.status == "failed" ?> class="on"<?cs /if ?>><?cs var:L.outbox.state.failed ?></a>
<a href="/outbox?status=sent"<?cs if:Outbox.status == "sent" ?> class="on"<?cs /if ?>><?cs var:L.outbox.state.sent ?></a>
<a href="/outbox?status=cancelled"<?cs if:Outbox.status == "cancelled" ?> class="on"<?cs /if ?>><?cs var:L.outbox.state.cancelled ?></a>
</nav>
<p class="hint"><?cs var:L.outbox.hint ?></p>
<?cs if:len(Mail) == 0 ?>
<p class="empty"><?cs var:L.outbox.none ?></p>
<?cs else ?>
<?cs set:back = Page.uri ?>
<?cs include:"outbox/_table.cs" ?>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
