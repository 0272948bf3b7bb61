<?cs set:Page.title = L.portal.live_title ?><?cs set:Page.section = "portal" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/portal">← <?cs var:L.portal.back ?></a></p>
<h1><?cs var:L.portal.live_title ?> <small class="count"><?cs var:Live.room ?> (<?cs var:Live.site ?>) · <?cs var:Live.date ?> <?cs var:Live.start ?>–<?cs var:Live.end ?></small></h1>
<section class="card live-placeholder">
<p><strong><?cs if:Live.now == 1 ?><?cs var:L.portal.live_scheduled_now ?><?cs else ?><?cs var:L.portal.no_live_now ?><?cs /if ?></strong></p>
<p><?cs var:L.portal.live_not_yet ?></p>
</section>
<?cs include:"layout/footer.cs" ?>
