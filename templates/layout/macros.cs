<?cs # Form and page helpers shared by every template.
     Fields read their value from Form.<name> and their message from
     Errors.<name>: the handler fills both (form.c). ?><?cs def:csrf() ?><input type="hidden" name="csrf_token" value="<?cs var:Session.csrf ?>"><?cs /def ?><?cs def:field_open(name, label, required) ?>
<div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
<label for="f-<?cs var:name ?>"><?cs var:label ?><?cs if:required ?> <abbr class="req" title="<?cs var:L.common.required ?>">*</abbr><?cs /if ?></label>
<?cs /def ?><?cs def:field_close(name) ?>
<?cs if:Errors[name] ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?><?cs def:text_field(name, label, required, maxlen, type) ?>
<?cs call:field_open(name, label, required) ?>
<input type="<?cs alt:type ?>text<?cs /alt ?>" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name] ?>"<?cs if:maxlen ?> maxlength="<?cs var:maxlen ?>"<?cs /if ?><?cs if:Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
<?cs call:field_close(name) ?>
<?cs /def ?><?cs def:textarea_field(name, label, required, maxlen) ?>
<?cs call:field_open(name, label, required) ?>
<textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="3"<?cs if:maxlen ?> maxlength="<?cs var:maxlen ?>"<?cs /if ?><?cs if:Errors[name] ?> aria-invalid="true"<?cs /if ?>><?cs var:Form[name] ?></textarea>
<?cs call:field_close(name) ?>
<?cs /def ?><?cs def:check_field(name, label) ?>
<div class="field check<?cs if:Errors[name] ?> has-error<?cs /if ?>">
<label><input type="checkbox" name="<?cs var:name ?>" value="1"<?cs if:Form[name] == "1" ?> checked<?cs /if ?>> <?cs var:label ?></label>
<?cs if:Errors[name] ?><p class="error"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?><?cs ## Previous / next links for a paginated list: Pager.* from the handler. ?><?cs def:pager() ?>
<?cs if:Pager.pages > 1 ?>
<nav class="pager">
<?cs if:Pager.prev ?><a href="<?cs var:Pager.base ?>page=<?cs var:Pager.prev ?>">&larr; <?cs var:L.common.previous ?></a><?cs /if ?>
<span><?cs var:L.common.page ?> <?cs var:Pager.page ?> <?cs var:L.common.of ?> <?cs var:Pager.pages ?></span>
<?cs if:Pager.next ?><a href="<?cs var:Pager.base ?>page=<?cs var:Pager.next ?>"><?cs var:L.common.next ?> &rarr;</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /def ?>