<?cs set:Page.title = L.config[Kind.name] ?><?cs set:Page.section = "config" ?><?cs include:"layout/header.cs" ?>
<?cs # One configuration table (sites, rooms, tariffs, categories, options,
     VAT rates): Cols describe the columns, Rows the rows; the row whose
     id is Edit.id is a form, otherwise a form to add a row follows. ?>
<?cs def:cfg_input(c, formid) ?>
<?cs if:c.show == 1 ?><input type="checkbox" id="f-<?cs var:c.name ?>" name="<?cs var:c.name ?>" value="1" form="<?cs var:formid ?>"<?cs if:Form[c.name] == "1" ?> checked<?cs /if ?> aria-label="<?cs var:c.label ?>">
<?cs elif:c.show == 2 ?><select id="f-<?cs var:c.name ?>" name="<?cs var:c.name ?>" form="<?cs var:formid ?>" aria-label="<?cs var:c.label ?>"<?cs if:Errors[c.name] ?> aria-invalid="true"<?cs /if ?>>
<option value="">—</option>
<?cs each:o = Choices[c.choices] ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form[c.name] ?> selected<?cs /if ?>><?cs if:Lang == "en" ?><?cs var:o.label_en ?><?cs else ?><?cs var:o.label_fr ?><?cs /if ?></option><?cs /each ?>
</select>
<?cs elif:c.show == 4 ?><textarea id="f-<?cs var:c.name ?>" name="<?cs var:c.name ?>" rows="2" form="<?cs var:formid ?>" aria-label="<?cs var:c.label ?>"><?cs var:Form[c.name] ?></textarea>
<?cs else ?><input type="text" id="f-<?cs var:c.name ?>" name="<?cs var:c.name ?>" value="<?cs var:Form[c.name] ?>" form="<?cs var:formid ?>" class="<?cs var:c.type ?>"<?cs if:c.type == "number" || c.type == "int" ?> inputmode="decimal"<?cs /if ?> aria-label="<?cs var:c.label ?>"<?cs if:Errors[c.name] ?> aria-invalid="true"<?cs /if ?>>
<?cs /if ?>
<?cs if:Errors[c.name] ?><p class="error"><?cs var:Errors[c.name] ?></p><?cs /if ?>
<?cs /def ?>
<?cs def:cfg_show(c, row) ?><?cs if:c.show == 1 ?><?cs if:row[c.name] == 1 ?><span class="yes" title="<?cs var:L.common.yes ?>">✓</span><?cs else ?><span class="muted">—</span><?cs /if ?><?cs elif:c.show == 3 ?><?cs if:row[c.name] ?><?cs var:row[c.display] ?> €<?cs /if ?><?cs elif:c.show == 2 && c.choices == "vat" ?><?cs var:row[c.display] ?> %<?cs else ?><?cs var:row[c.display] ?><?cs /if ?><?cs /def ?>

<p class="crumbs"><?cs var:L.config.title ?> ›</p>
<?cs include:"config/_nav.cs" ?>
<div class="pagehead">
<h1><?cs var:L.config[Kind.name] ?> <small class="count"><?cs var:len(Rows) ?></small></h1>
</div>
<p class="hint"><?cs var:L.config.hint[Kind.name] ?></p>
<?cs if:Config.refused ?><p class="alert" role="alert"><?cs var:L.config.in_use ?></p><?cs /if ?>

<table class="list config">
<thead><tr><?cs each:c = Cols ?><th><?cs var:c.label ?></th><?cs /each ?><th class="actions"><?cs var:L.common.actions ?></th></tr></thead>
<tbody>
<?cs each:row = Rows ?>
<?cs if:row.id == Edit.id ?>
<tr id="row-<?cs var:row.id ?>" class="editing">
<?cs each:c = Cols ?><td><?cs call:cfg_input(c, "edit") ?></td><?cs /each ?>
<td class="actions"><form id="edit" method="post" action="/config/<?cs var:Kind.name ?>/<?cs var:row.id ?>" class="inline" novalidate><?cs call:csrf() ?><button type="submit" class="primary small"><?cs var:L.common.save ?></button></form>
<a class="button small" href="/config/<?cs var:Kind.name ?>"><?cs var:L.common.cancel ?></a></td>
</tr>
<?cs else ?>
<tr id="row-<?cs var:row.id ?>"<?cs if:row.active == 0 ?> class="inactive"<?cs /if ?>>
<?cs each:c = Cols ?><td><?cs call:cfg_show(c, row) ?></td><?cs /each ?>
<td class="actions"><a class="button small" href="/config/<?cs var:Kind.name ?>?edit=<?cs var:row.id ?>#row-<?cs var:row.id ?>"><?cs var:L.common.edit ?></a>
<form method="post" action="/config/<?cs var:Kind.name ?>/<?cs var:row.id ?>/delete" class="inline" data-confirm="<?cs var:L.config.delete_confirm ?>"><?cs call:csrf() ?><button type="submit" class="small danger"><?cs var:L.common.delete ?></button></form></td>
</tr>
<?cs /if ?>
<?cs /each ?>
</tbody>
</table>

<?cs if:!Edit.id ?>
<form id="add" method="post" action="/config/<?cs var:Kind.name ?>" class="card form addform" novalidate>
<h2><?cs var:L.config.add[Kind.name] ?></h2>
<?cs call:csrf() ?>
<div class="grid4">
<?cs each:c = Cols ?>
<?cs if:c.show == 1 ?><div class="field check"><label><?cs call:cfg_input(c, "add") ?> <?cs var:c.label ?></label></div>
<?cs else ?><?cs call:field_open(c.name, c.label, c.required) ?><?cs call:cfg_input(c, "add") ?></div><?cs /if ?>
<?cs /each ?>
</div>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.add ?></button></div>
</form>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
