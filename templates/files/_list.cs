<?cs # The files of an order (Files) and the upload form; Upload.action is
     where the form goes (the portal's, or the staff page's). ?>
<section class="card upload">
<h2><?cs var:L.files.add ?></h2>
<form method="post" action="<?cs alt:Upload.action ?>/orders/<?cs var:Order.id ?>/files<?cs /alt ?>" enctype="multipart/form-data" class="uploadform" data-max="<?cs var:Upload.max_bytes ?>" data-too-big="<?cs var:L.files.too_big_js ?>">
<?cs call:csrf() ?>
<div class="field<?cs if:Errors.file ?> has-error<?cs /if ?>">
<label for="f-file"><?cs var:L.files.file ?></label>
<input type="file" id="f-file" name="file" required<?cs if:Errors.file ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>>
<?cs if:Errors.file ?><p class="error" id="e-file"><?cs var:Errors.file ?></p><?cs /if ?>
</div>
<p class="hint"><?cs var:L.files.limits ?> <?cs var:Upload.max_mb ?> <?cs var:L.files.mb ?>. <?cs var:L.files.types ?></p>
<p class="usage<?cs if:Usage.full ?> full<?cs /if ?>" id="files-usage"><?cs var:L.files.usage ?> <?cs var:Usage.size ?><?cs if:Usage.quota_size ?> <?cs var:L.files.usage_of ?> <?cs var:Usage.quota_size ?><?cs /if ?></p>
<?cs if:Usage.disk_low ?><p class="alert" role="alert"><?cs var:L.files.disk_low ?></p><?cs /if ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.files.send ?></button></div>
</form>
</section>
<?cs if:len(Files) == 0 ?>
<p class="empty"><?cs var:L.files.none ?></p>
<?cs else ?>
<table class="list files">
<thead><tr><th><?cs var:L.files.name ?></th><th class="num"><?cs var:L.files.size ?></th><th><?cs var:L.files.by ?></th><th><?cs var:L.files.date ?></th><th><?cs var:L.common.actions ?></th></tr></thead>
<tbody>
<?cs each:f = Files ?>
<tr id="file-<?cs var:f.id ?>">
<td class="name"><a href="/files/<?cs var:f.id ?>"><?cs var:f.name ?></a></td>
<td class="num nowrap"><?cs var:f.size ?></td>
<td><?cs var:f.uploaded_by ?></td>
<td class="nowrap"><?cs var:f.at ?></td>
<td class="actions"><a href="/files/<?cs var:f.id ?>"><?cs var:L.files.download ?></a>
<form method="post" action="/files/<?cs var:f.id ?>/delete" class="inline" data-confirm="<?cs var:L.files.delete_confirm ?>"><?cs call:csrf() ?><button type="submit" class="small danger"><?cs var:L.common.delete ?></button></form></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
