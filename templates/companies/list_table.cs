<?cs # The companies list without the page frame: rendered once per data
     version and kept by each worker (companies.c, fragments.c).  Nothing
     in it may depend on who is looking (no CSRF token, no user name). ?><?cs include:"layout/macros.cs" ?><div class="pagehead">
<h1><?cs var:L.companies.title ?> <small class="count"><?cs call:plural(List.total, L.companies.count_one, L.companies.count) ?></small></h1>
<a class="button primary" href="/companies/new"><?cs var:L.companies.new ?></a>
</div>

<nav class="letters" aria-label="<?cs var:L.companies.index ?>">
<?cs each:l = Letters ?><a href="/companies?letter=<?cs var:l ?>"<?cs if:l == List.letter ?> class="on" aria-current="page"<?cs /if ?>><?cs var:l ?></a><?cs /each ?>
<a href="/companies"<?cs if:!List.letter && !List.q ?> class="on"<?cs /if ?>><?cs var:L.common.all ?></a>
</nav>

<form method="get" action="/companies" class="searchbar" role="search">
<input type="search" name="q" value="<?cs var:List.q ?>" placeholder="<?cs var:L.companies.search_hint ?>" aria-label="<?cs var:L.companies.search_hint ?>">
<button type="submit"><?cs var:L.common.search ?></button>
<a href="/contacts"><?cs var:L.companies.all_contacts ?></a>
</form>

<?cs if:len(Companies) == 0 ?>
<p class="empty"><?cs var:L.companies.none ?></p>
<?cs else ?>
<p class="legend"><b class="tag"><?cs var:L.contacts.billing ?></b> <?cs var:L.contacts.billing_hint ?></p>
<table class="list companies">
<thead><tr>
<th class="actions"><?cs var:L.common.actions ?></th>
<th><?cs var:L.companies.name ?></th>
<th><?cs var:L.companies.phone_fax ?></th>
<th><?cs var:L.companies.address ?></th>
<th><?cs var:L.companies.preferences ?></th>
<th><?cs var:L.companies.contacts ?></th>
</tr></thead>
<tbody>
<?cs each:c = Companies ?><tr id="company-<?cs var:c.id ?>">
<td class="actions"><a href="/companies/<?cs var:c.id ?>"><?cs var:L.common.edit ?></a><a href="/contacts/new?company_id=<?cs var:c.id ?>"><?cs var:L.companies.add_contact ?></a><a href="/orders/new?company_id=<?cs var:c.id ?>"><?cs var:L.companies.add_order ?></a><a href="/companies/<?cs var:c.id ?>#departments"><?cs var:L.companies.departments ?></a><a class="danger" href="/companies/<?cs var:c.id ?>/delete"><?cs var:L.common.delete ?></a></td>
<td class="name"><a href="/companies/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
<td class="nowrap"><?cs var:c.phone ?><?cs if:c.fax ?><br><span class="muted"><?cs var:L.companies.fax ?> <?cs var:c.fax ?></span><?cs /if ?></td>
<td><?cs var:c.address ?><?cs if:c.postcode || c.city ?><br><?cs var:c.postcode ?> <?cs var:c.city ?><?cs /if ?><?cs if:c.country ?><br><?cs var:c.country ?><?cs /if ?></td>
<td class="prefs"><?cs var:c.preferences ?></td>
<td class="contacts"><?cs each:k = c.contacts ?><div<?cs if:k.active == 0 ?> class="inactive"<?cs /if ?>><span><?cs var:k.title ?> <?cs var:k.first_name ?> <?cs var:k.last_name ?><?cs if:k.is_billing == 1 ?> <b class="tag"><?cs var:L.contacts.billing ?></b><?cs /if ?></span><span><a href="/orders/new?contact_id=<?cs var:k.id ?>"><?cs var:L.contacts.add_order ?></a><a href="/contacts/<?cs var:k.id ?>"><?cs var:L.common.edit ?></a></span></div><?cs /each ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs call:pager() ?>
<?cs /if ?>
