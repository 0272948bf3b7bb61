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
<?cs if:Pager.keyset ?><?cs if:Pager.before || Pager.after ?>
<nav class="pager">
<?cs if:Pager.before ?><a rel="prev" href="<?cs var:Pager.base ?>before=<?cs var:Pager.before ?>">&larr; <?cs var:L.common.previous ?></a> <a href="<?cs var:Pager.base ?>"><?cs var:L.common.first_page ?></a><?cs /if ?>
<?cs if:Pager.after ?><a rel="next" href="<?cs var:Pager.base ?>after=<?cs var:Pager.after ?>"><?cs var:L.common.next ?> &rarr;</a><?cs /if ?>
</nav>
<?cs /if ?><?cs elif:Pager.pages > 1 ?>
<nav class="pager">
<?cs if:Pager.prev ?><a href="<?cs var:Pager.base ?>page=<?cs var:Pager.prev ?>">&larr; <?cs var:L.common.previous ?></a><?cs /if ?>
<span><?cs var:L.common.page ?> <?cs var:Pager.page ?> <?cs var:L.common.of ?> <?cs var:Pager.pages ?></span>
<?cs if:Pager.next ?><a href="<?cs var:Pager.base ?>page=<?cs var:Pager.next ?>"><?cs var:L.common.next ?> &rarr;</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /def ?><?cs ## The label of a row in the page's language (label_fr / label_en). ?><?cs def:l10n(o) ?><?cs if:Lang == "en" ?><?cs var:o.label_en ?><?cs else ?><?cs var:o.label_fr ?><?cs /if ?><?cs /def ?><?cs ## A select over rows with id and label_fr/label_en (or name); inactive rows only when chosen. ?><?cs def:select_field(name, label, required, rows, empty) ?>
<?cs call:field_open(name, label, required) ?>
<select id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
<option value=""><?cs var:empty ?></option>
<?cs each:o = rows ?><?cs if:o.active != "0" || o.id == Form[name] ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form[name] ?> selected<?cs /if ?>><?cs if:o.name ?><?cs var:o.name ?><?cs else ?><?cs call:l10n(o) ?><?cs /if ?></option><?cs /if ?><?cs /each ?>
</select>
<?cs call:field_close(name) ?>
<?cs /def ?><?cs ## A bare select for a table cell (form: the form it belongs to). ?><?cs def:cell_select(name, label, rows, formid) ?><select name="<?cs var:name ?>" form="<?cs var:formid ?>" aria-label="<?cs var:label ?>"<?cs if:Errors[name] ?> aria-invalid="true"<?cs /if ?>><option value="">—</option><?cs each:o = rows ?><?cs if:o.active != "0" || o.id == Form[name] ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form[name] ?> selected<?cs /if ?><?cs if:o.starts ?> data-start="<?cs var:o.starts ?>" data-end="<?cs var:o.ends ?>"<?cs /if ?>><?cs call:l10n(o) ?></option><?cs /if ?><?cs /each ?></select><?cs /def ?><?cs def:cell_text(name, label, formid, size, cls) ?><input type="text" name="<?cs var:name ?>" value="<?cs var:Form[name] ?>" form="<?cs var:formid ?>" size="<?cs var:size ?>" class="<?cs var:cls ?>" aria-label="<?cs var:label ?>"<?cs if:Errors[name] ?> aria-invalid="true"<?cs /if ?>><?cs /def ?><?cs def:cell_check(name, label, formid) ?><input type="checkbox" name="<?cs var:name ?>" value="1" form="<?cs var:formid ?>" aria-label="<?cs var:label ?>"<?cs if:Form[name] == "1" ?> checked<?cs /if ?>><?cs /def ?><?cs def:cell_error(name) ?><?cs if:Errors[name] ?><p class="error"><?cs var:Errors[name] ?></p><?cs /if ?><?cs /def ?><?cs ## A count and its noun by the count, in the page's language: plural(n, L.x.count_one, L.x.count): 0 and 1 take the singular in French, 1 alone in English. ?><?cs def:plural(n, one, many) ?><?cs var:n ?> <?cs if:n == 1 || (Lang != "en" && n == 0) ?><?cs var:one ?><?cs else ?><?cs var:many ?><?cs /if ?><?cs /def ?><?cs ## A quotation in the page's language: « x » in French, “x” in English. ?><?cs def:quoted(x) ?><?cs var:L.common.q_open ?><?cs var:x ?><?cs var:L.common.q_close ?><?cs /def ?>
