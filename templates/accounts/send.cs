<?cs set:Page.title = L.access.send_title ?><?cs set:Page.section = "videos" ?><?cs set:Page.subpage = "access" ?><?cs set:Page.script = "access.js" ?><?cs include:"layout/header.cs" ?>
<?cs include:"layout/order_heading.cs" ?>
<?cs # "Envoi des identifiants": per account a password (proposed, or
     typed), a subject and a message in Mail.lang; the ticked ones are
     set and queued when sent. ?>
<p><a href="/videos">← <?cs var:L.access.back_list ?></a> · <?cs var:L.access.mail_language ?> : <strong><?cs var:L.lang[Mail.lang] ?></strong>
<?cs if:Mail.lang == "fr" ?>(<a href="/orders/<?cs var:Order.id ?>/access/en" hreflang="en"><?cs var:L.lang.en ?></a>)<?cs else ?>(<a href="/orders/<?cs var:Order.id ?>/access/fr" hreflang="fr"><?cs var:L.lang.fr ?></a>)<?cs /if ?></p>
<form method="post" action="/orders/<?cs var:Order.id ?>/access/<?cs var:Mail.lang ?>" class="form sendcodes" novalidate>
<?cs call:csrf() ?>
<section class="card">
<p><?cs var:L.access.order ?> : <strong><?cs var:Order.id ?></strong><?cs if:Order.study_ref ?> (<?cs var:Order.study_ref ?>)<?cs /if ?><br>
<?cs var:L.access.contact ?> : <?cs alt:Order.contact_name ?>—<?cs /alt ?></p>
<?cs call:text_field("to", L.access.email, 1, 254, "email") ?>
<p class="hint"><?cs var:L.access.email_hint ?></p>
</section>
<?cs each:a = Accounts ?>
<?cs set:sk = "send_" + a.kind ?><?cs set:pk = "password_" + a.kind ?><?cs set:jk = "subject_" + a.kind ?><?cs set:mk = "message_" + a.kind ?>
<section class="card account" id="send-<?cs var:a.kind ?>" data-login="<?cs var:a.login ?>">
<h2><label><input type="checkbox" name="<?cs var:sk ?>" value="1"<?cs if:Form[sk] == "1" ?> checked<?cs /if ?>> <?cs var:L.access.kind[a.kind] ?> <code><?cs var:a.login ?></code></label></h2>
<p class="hint"><?cs var:L.access.rights_of[a.kind] ?> · <?cs var:L.access.valid ?> <?cs var:a.valid_from_label ?> <?cs var:L.access.until ?> <?cs var:a.valid_to_label ?> (<a href="/orders/<?cs var:Order.id ?>/access"><?cs var:L.access.change_validity ?></a>)</p>
<div class="field<?cs if:Errors[pk] ?> has-error<?cs /if ?>">
<label for="f-<?cs var:pk ?>"><?cs var:L.access.password_choice ?></label>
<input type="text" id="f-<?cs var:pk ?>" name="<?cs var:pk ?>" value="<?cs var:Form[pk] ?>" class="pw" autocomplete="off" spellcheck="false" maxlength="100" data-previous="<?cs var:Form[pk] ?>">
<?cs call:cell_error(pk) ?>
</div>
<?cs call:text_field(jk, L.access.subject_for + " " + L.access.kind[a.kind], 0, 300, "text") ?>
<div class="field<?cs if:Errors[mk] ?> has-error<?cs /if ?>">
<label for="f-<?cs var:mk ?>"><?cs var:L.access.message_for ?> <?cs var:L.access.kind[a.kind] ?></label>
<textarea id="f-<?cs var:mk ?>" name="<?cs var:mk ?>" rows="14" maxlength="2000"><?cs var:Form[mk] ?></textarea>
<?cs call:cell_error(mk) ?>
</div>
</section>
<?cs /each ?>
<section class="card">
<p class="hint"><?cs var:L.access.send_hint ?></p>
<ul class="small"><li><?cs var:L.access.kind.user ?> : <?cs var:L.access.rights_of.user ?></li><li><?cs var:L.access.kind.client ?> : <?cs var:L.access.rights_of.client ?></li><li><?cs var:L.access.kind.live ?> : <?cs var:L.access.rights_of.live ?></li></ul>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.access.send ?></button>
<a href="/orders/<?cs var:Order.id ?>/access"><?cs var:L.common.cancel ?></a></div>
</section>
</form>
<?cs include:"layout/footer.cs" ?>
