<?cs set:Page.title = L.files.title ?><?cs set:Page.section = "videos" ?><?cs set:Page.subpage = "files" ?><?cs include:"layout/header.cs" ?>
<?cs include:"layout/order_heading.cs" ?>
<?cs include:"files/_list.cs" ?>
<?cs include:"layout/footer.cs" ?>
