<?cs set:Page.title = L.companies.title ?><?cs set:Page.section = "companies" ?><?cs include:"layout/header.cs" ?>
<?cs if:len(Alerts) > 0 ?><section class="alerts" id="alerts" role="alert"><h2><?cs var:L.alerts.title ?></h2><ul><?cs each:a = Alerts ?><li id="alert-<?cs var:a.id ?>"><strong><?cs var:a.opened ?></strong> · <?cs var:a.summary ?></li><?cs /each ?></ul><p class="small"><a href="/boxes"><?cs var:L.boxes.title ?></a></p></section><?cs /if ?>
<?cs # The list itself is rendered by companies/list_table.cs. ?><?cs uvar:Fragment ?>
<?cs include:"layout/footer.cs" ?>
