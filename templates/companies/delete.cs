<?cs set:Page.title = L.companies.delete_confirm_title ?><?cs set:Page.section = "companies" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/companies"><?cs var:L.companies.title ?></a> › <a href="/companies/<?cs var:Company.id ?>"><?cs var:Company.name ?></a> ›</p>
<section class="card confirm">
<h1><?cs var:L.companies.delete_confirm_title ?> <?cs var:L.common.q_open ?><?cs var:Company.name ?><?cs var:L.common.q_close ?></h1>
<p><?cs var:Confirm.message ?></p>
<?cs if:len(Contacts) && Confirm.orders == 0 ?><ul class="plain"><?cs each:k = Contacts ?><li><?cs var:k.first_name ?> <?cs var:k.last_name ?></li><?cs /each ?></ul><?cs /if ?>
<?cs if:Confirm.orders > 0 ?>
<p class="buttons"><a class="button" href="/orders?q=<?cs var:url_escape(Company.name) ?>"><?cs var:L.companies.see_orders ?></a>
<a href="/companies/<?cs var:Company.id ?>"><?cs var:L.common.back ?></a></p>
<?cs else ?>
<form method="post" action="/companies/<?cs var:Company.id ?>/delete" class="buttons">
<?cs call:csrf() ?>
<input type="hidden" name="confirm" value="1">
<input type="hidden" name="contacts" value="<?cs var:Confirm.contacts ?>">
<button type="submit" class="danger"><?cs var:L.common.delete ?></button>
<a href="/companies/<?cs var:Company.id ?>"><?cs var:L.common.cancel ?></a>
</form>
<?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
