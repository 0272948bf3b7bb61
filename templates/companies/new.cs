<?cs set:Page.title = L.companies.new ?><?cs set:Page.section = "companies" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/companies"><?cs var:L.companies.title ?></a> ›</p>
<h1><?cs var:L.companies.new ?></h1>
<form method="post" action="/companies" class="card form" novalidate>
<?cs call:csrf() ?>
<?cs include:"companies/_fields.cs" ?>
<div class="buttons"><button type="submit" class="primary"><?cs var:L.common.save ?></button> <a href="/companies"><?cs var:L.common.cancel ?></a></div>
</form>
<?cs include:"layout/footer.cs" ?>
