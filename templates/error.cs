<?cs set:Page.title = Error.title ?><?cs include:"layout/header.cs" ?>
<section class="errorpage">
<h1><?cs var:Error.title ?> <small>(<?cs var:Error.status ?>)</small></h1>
<?cs if:Error.status == 503 ?><p><?cs var:L.error.retry ?></p>
<?cs elif:Error.status >= 500 ?><p><?cs var:L.error.internal ?></p>
<?cs elif:Error.message ?><p><?cs var:Error.message ?></p><?cs /if ?>
<p><a href="/"><?cs var:L.error.home ?></a></p>
</section>
<?cs include:"layout/footer.cs" ?>
