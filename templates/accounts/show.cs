<?cs set:Page.title = L.access.title ?><?cs set:Page.section = "videos" ?><?cs set:Page.subpage = "access" ?><?cs include:"layout/header.cs" ?>
<?cs include:"layout/order_heading.cs" ?>
<?cs # The order's three accounts (Accounts), a password just made
     (NewPassword: shown this once), the order's mail (Mail). ?>
<?cs if:NewPassword.password ?>
<div class="card newpw" role="status">
<p><?cs var:L.access.new_password ?> <strong><?cs var:NewPassword.login ?></strong> :</p>
<p class="pw"><code id="new-password"><?cs var:NewPassword.password ?></code></p>
<p class="hint"><?cs var:L.access.shown_once ?></p>
</div>
<?cs /if ?>
<p class="headactions">
<a class="button primary" href="/orders/<?cs var:Order.id ?>/access/fr" hreflang="fr">✉ <?cs var:L.access.send_fr ?></a>
<a class="button primary" href="/orders/<?cs var:Order.id ?>/access/en" hreflang="en">✉ <?cs var:L.access.send_en ?></a>
</p>
<form method="post" action="/orders/<?cs var:Order.id ?>/access" id="validity" novalidate><?cs call:csrf() ?></form>
<table class="list lines accounts">
<thead><tr><th><?cs var:L.access.account ?></th><th><?cs var:L.access.login ?></th><th><?cs var:L.access.rights ?></th><th><?cs var:L.access.password ?></th>
<th><?cs var:L.access.valid_from ?></th><th><?cs var:L.access.valid_to ?></th><th class="num"><?cs var:L.access.sessions ?></th><th><?cs var:L.common.actions ?></th></tr></thead>
<tbody>
<?cs each:a = Accounts ?>
<?cs set:fk = "from_" + a.kind ?><?cs set:tk = "to_" + a.kind ?>
<tr id="account-<?cs var:a.kind ?>">
<td><strong><?cs var:L.access.kind[a.kind] ?></strong><?cs if:a.valid != 1 ?> <span class="tag grey"><?cs var:L.access.not_valid_now ?></span><?cs /if ?></td>
<td><code><?cs var:a.login ?></code></td>
<td class="rights"><?cs var:L.access.rights_of[a.kind] ?></td>
<td><?cs if:a.has_password == 1 ?><?cs var:L.access.set_on ?> <?cs var:a.changed ?><?cs else ?><span class="muted"><?cs var:L.access.no_password ?></span><?cs /if ?></td>
<td<?cs if:Errors[fk] ?> class="has-error"<?cs /if ?>><input type="date" name="<?cs var:fk ?>" value="<?cs var:Form[fk] ?>" form="validity" aria-label="<?cs var:L.access.valid_from ?>"><?cs call:cell_error(fk) ?></td>
<td<?cs if:Errors[tk] ?> class="has-error"<?cs /if ?>><input type="date" name="<?cs var:tk ?>" value="<?cs var:Form[tk] ?>" form="validity" aria-label="<?cs var:L.access.valid_to ?>"><?cs call:cell_error(tk) ?></td>
<td class="num"><?cs var:a.sessions ?></td>
<td class="actions">
<form method="post" action="/orders/<?cs var:Order.id ?>/accounts/<?cs var:a.id ?>/password" class="inline"<?cs if:a.has_password == 1 ?> data-confirm="<?cs var:L.access.regenerate_confirm ?>"<?cs /if ?>><?cs call:csrf() ?><button type="submit" class="small"><?cs if:a.has_password == 1 ?><?cs var:L.access.regenerate ?><?cs else ?><?cs var:L.access.generate ?><?cs /if ?></button></form>
<?cs if:a.has_password == 1 ?><form method="post" action="/orders/<?cs var:Order.id ?>/accounts/<?cs var:a.id ?>/disable" class="inline" data-confirm="<?cs var:L.access.disable_confirm ?>"><?cs call:csrf() ?><button type="submit" class="small danger"><?cs var:L.access.disable ?></button></form><?cs /if ?>
</td>
</tr>
<?cs /each ?>
</tbody>
</table>
<div class="buttons"><button type="submit" class="primary" form="validity"><?cs var:L.access.save_validity ?></button>
<span class="hint"><?cs var:L.access.validity_hint ?></span></div>

<h2 class="section"><?cs var:L.outbox.order_title ?></h2>
<?cs if:len(Mail) == 0 ?>
<p class="empty"><?cs var:L.outbox.none ?></p>
<?cs else ?>
<?cs set:back = "/orders/" + Order.id + "/access" ?>
<?cs include:"outbox/_table.cs" ?>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
