<?cs set:Page.title = Company.name ?><?cs set:Page.section = "companies" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/companies"><?cs var:L.companies.title ?></a> ›</p>
<div class="pagehead">
<h1><?cs var:Company.name ?></h1>
<span class="headactions"><a class="button primary" href="/orders/new?company_id=<?cs var:Company.id ?>"><?cs var:L.companies.add_order ?></a>
<a class="button" href="/orders?q=<?cs var:url_escape(Company.name) ?>"><?cs var:L.nav.orders ?></a>
<form method="post" action="/companies/<?cs var:Company.id ?>/delete" class="inline"><?cs call:csrf() ?><button type="submit" class="danger"><?cs var:L.common.delete ?></button></form></span>
</div>
<?cs if:Company.delete_refused ?><p class="alert" role="alert"><?cs var:L.companies.delete_refused ?></p><?cs /if ?>

<div class="columns">
<form method="post" action="/companies/<?cs var:Company.id ?>" class="card form" novalidate>
<h2><?cs var:L.companies.edit ?></h2>
<?cs call:csrf() ?>
<?cs include:"companies/_fields.cs" ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button></div>
</form>

<div class="side">
<section class="card" id="contacts">
<div class="cardhead"><h2><?cs var:L.companies.contacts ?></h2>
<a class="button small" href="/contacts/new?company_id=<?cs var:Company.id ?>"><?cs var:L.companies.add_contact ?></a></div>
<?cs if:len(Contacts) == 0 ?><p class="empty"><?cs var:L.contacts.none ?></p><?cs else ?>
<ul class="plain">
<?cs each:k = Contacts ?>
<li class="<?cs if:k.active == 0 ?>inactive<?cs /if ?>"><a class="button small right" href="/orders/new?contact_id=<?cs var:k.id ?>"><?cs var:L.contacts.add_order ?></a><a href="/contacts/<?cs var:k.id ?>"><?cs var:k.title ?> <?cs var:k.first_name ?> <?cs var:k.last_name ?></a>
<?cs if:k.function ?><span class="muted">· <?cs var:k.function ?></span><?cs /if ?>
<?cs if:k.department ?><span class="muted">· <?cs var:k.department ?></span><?cs /if ?>
<?cs if:k.is_billing == 1 ?><span class="tag"><?cs var:L.contacts.billing ?></span><?cs /if ?>
<?cs if:k.email ?><br><a href="mailto:<?cs var:k.email ?>"><?cs var:k.email ?></a><?cs /if ?> <?cs var:k.phone ?></li>
<?cs /each ?>
</ul>
<?cs /if ?>
</section>

<section class="card" id="departments">
<h2><?cs var:L.departments.title ?></h2>
<?cs if:len(Departments) == 0 ?><p class="empty"><?cs var:L.departments.none ?></p><?cs /if ?>
<?cs each:d = Departments ?>
<div class="deptrow">
<form method="post" action="/departments/<?cs var:d.id ?>" class="inline">
<?cs call:csrf() ?>
<input type="text" name="name" value="<?cs var:d.name ?>" maxlength="200" aria-label="<?cs var:L.departments.name ?>">
<button type="submit" class="small"><?cs var:L.departments.rename ?></button>
</form>
<span class="muted"><?cs call:plural(d.contacts, L.departments.contacts_one, L.departments.contacts) ?></span>
<form method="post" action="/departments/<?cs var:d.id ?>/delete" class="inline"><?cs call:csrf() ?><button type="submit" class="small danger"><?cs var:L.common.delete ?></button></form>
</div>
<?cs /each ?>
<form method="post" action="/companies/<?cs var:Company.id ?>/departments" class="inline addrow">
<?cs call:csrf() ?>
<div class="field<?cs if:Errors.department ?> has-error<?cs /if ?>">
<input type="text" name="department" value="<?cs var:Form.department ?>" maxlength="200" placeholder="<?cs var:L.departments.name ?>" aria-label="<?cs var:L.departments.name ?>">
<button type="submit" class="small"><?cs var:L.departments.add ?></button>
<?cs if:Errors.department ?><p class="error"><?cs var:Errors.department ?></p><?cs /if ?>
</div>
</form>
</section>
</div>
</div>
<?cs include:"layout/footer.cs" ?>
