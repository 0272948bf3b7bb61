<?cs set:Page.title = L.boxes.token_title ?><?cs set:Page.section = "boxes" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.boxes.token_title ?> · <?cs var:Box.name ?></h1>
</div>
<section class="panel">
<p><?cs var:L.boxes.token_once ?></p>
<p><code class="token" id="box-token"><?cs var:Box.token ?></code></p>
<p class="muted"><?cs var:L.boxes.token_where ?></p>
<pre>Box.Token = <?cs var:Box.token ?></pre>
<p><a class="button" href="/boxes"><?cs var:L.common.back ?></a></p>
</section>
<?cs include:"layout/footer.cs" ?>
