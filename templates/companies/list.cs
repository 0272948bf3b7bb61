<?cs set:Page.title = L.companies.title ?><?cs set:Page.section = "companies" ?><?cs include:"layout/header.cs" ?>
<?cs # The list itself is rendered by companies/list_table.cs. ?><?cs uvar:Fragment ?>
<?cs include:"layout/footer.cs" ?>
