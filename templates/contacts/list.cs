<?cs set:Page.title = L.contacts.all ?><?cs set:Page.section = "contacts" ?><?cs include:"layout/header.cs" ?>
<div class="pagehead">
<h1><?cs var:L.contacts.all ?> <small class="count"><?cs call:plural(List.total, L.contacts.count_one, L.contacts.count) ?></small></h1>
</div>
<nav class="letters" aria-label="<?cs var:L.companies.index ?>">
<?cs each:l = Letters ?><a href="/contacts?letter=<?cs var:l ?>"<?cs if:l == List.letter ?> class="on" aria-current="page"<?cs /if ?>><?cs var:l ?></a><?cs /each ?>
<a href="/contacts"<?cs if:!List.letter && !List.q ?> class="on"<?cs /if ?>><?cs var:L.common.all ?></a>
</nav>
<form method="get" action="/contacts" class="searchbar" role="search">
<input type="search" name="q" value="<?cs var:List.q ?>" placeholder="<?cs var:L.contacts.search_hint ?>" aria-label="<?cs var:L.contacts.search_hint ?>">
<button type="submit"><?cs var:L.common.search ?></button>
</form>
<?cs if:len(Contacts) == 0 ?>
<p class="empty"><?cs var:L.contacts.none ?></p>
<?cs else ?>
<table class="list">
<thead><tr>
<th class="actions"><?cs var:L.common.actions ?></th>
<th><?cs var:L.contacts.last_name ?></th>
<th><?cs var:L.contacts.company ?></th>
<th><?cs var:L.contacts.function ?></th>
<th><?cs var:L.contacts.email ?></th>
<th><?cs var:L.contacts.phone ?> / <?cs var:L.contacts.mobile ?></th>
</tr></thead>
<tbody>
<?cs each:k = Contacts ?>
<tr class="<?cs if:k.active == 0 ?>inactive<?cs /if ?>">
<td class="actions"><a class="button small" href="/contacts/<?cs var:k.id ?>"><?cs var:L.common.edit ?></a> <a class="button small" href="/orders/new?contact_id=<?cs var:k.id ?>"><?cs var:L.contacts.add_order ?></a></td>
<td class="name"><?cs var:k.title ?> <strong><?cs var:k.last_name ?></strong> <?cs var:k.first_name ?><?cs if:k.is_billing == 1 ?> <span class="tag"><?cs var:L.contacts.billing ?></span><?cs /if ?><?cs if:k.active == 0 ?> <span class="tag grey"><?cs var:L.common.inactive ?></span><?cs /if ?></td>
<td><a href="/companies/<?cs var:k.company_id ?>"><?cs var:k.company ?></a><?cs if:k.department ?> <span class="muted">· <?cs var:k.department ?></span><?cs /if ?></td>
<td><?cs var:k.function ?></td>
<td><?cs if:k.email ?><a href="mailto:<?cs var:k.email ?>"><?cs var:k.email ?></a><?cs /if ?></td>
<td class="nowrap"><?cs var:k.phone ?><?cs if:k.mobile ?><br><?cs var:k.mobile ?><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs call:pager() ?>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
