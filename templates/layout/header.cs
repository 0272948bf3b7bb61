<?cs include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.title ?><?cs var:Page.title ?> · <?cs /if ?>FocusManager</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
<?cs if:Page.script ?><script src="/static/<?cs var:Page.script ?>" defer></script><?cs /if ?>
<?cs if:Page.script2 ?><script src="/static/<?cs var:Page.script2 ?>" defer></script><?cs /if ?>
<?cs if:Page.script3 ?><script src="/static/<?cs var:Page.script3 ?>" defer></script><?cs /if ?>
<?cs if:Session.kind && Session.kind != "staff" ?><script src="/static/portal.js" defer></script><?cs /if ?>
</head>
<body class="<?cs var:Page.section ?>">
<header class="topbar">
<a class="brand" href="/"><span class="logo" aria-hidden="true"></span>FocusManager</a>
<?cs if:Session.kind == "staff" ?>
<?cs # Each role sees the parts it may use (routes.c, DESIGN.md section 8):
     staff the daily work, accountant documents and exports, admin all. ?>
<nav class="mainnav" aria-label="<?cs var:L.nav.main ?>">
<?cs if:Session.role != "accountant" ?>
<a href="/companies"<?cs if:Page.section == "companies" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.companies ?></a>
<a href="/contacts"<?cs if:Page.section == "contacts" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.contacts ?></a>
<a href="/orders"<?cs if:Page.section == "orders" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.orders ?></a>
<a href="/planning"<?cs if:Page.section == "planning" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.planning ?></a>
<a href="/videos"<?cs if:Page.section == "videos" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.videos ?></a>
<?cs /if ?>
<a href="/documents"<?cs if:Page.section == "documents" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.documents ?></a>
<?cs if:Session.role == "admin" ?><a href="/config"<?cs if:Page.section == "config" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.config ?></a><?cs /if ?>
<?cs if:Session.role != "accountant" ?><a href="/boxes"<?cs if:Page.section == "boxes" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.nav.boxes ?></a><?cs /if ?>
</nav>
<?cs elif:Session.kind ?>
<nav class="mainnav portaltabs" aria-label="<?cs var:L.nav.main ?>">
<a href="/portal"<?cs if:Page.section == "portal" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.portal.tab_videos ?></a>
<?cs if:Session.kind != "live" ?><a href="/portal/files"<?cs if:Page.section == "files" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.portal.tab_files ?></a><?cs /if ?>
<a href="/portal/notes"<?cs if:Page.section == "notes" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.notes.title ?></a>
<a href="/portal/test"<?cs if:Page.section == "test" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.portal.tab_test ?></a>
</nav>
<?cs /if ?>
<div class="tools">
<span class="langs"><?cs if:Lang == "fr" ?><strong>fr</strong><?cs else ?><a href="/lang/fr?next=<?cs var:url_escape(Page.uri) ?>" hreflang="fr" title="<?cs var:L.lang.fr ?>">fr</a><?cs /if ?> <?cs if:Lang == "en" ?><strong>en</strong><?cs else ?><a href="/lang/en?next=<?cs var:url_escape(Page.uri) ?>" hreflang="en" title="<?cs var:L.lang.en ?>">en</a><?cs /if ?></span>
<?cs if:Session.kind && Session.kind != "staff" ?><span class="clock" id="clock"></span><?cs /if ?>
<?cs if:Session.kind ?>
<span class="who" title="<?cs var:L.nav.signed_in_as ?> <?cs var:Session.login ?>"><?cs alt:Session.name ?><?cs var:Session.login ?><?cs /alt ?></span>
<form method="post" action="/logout" class="inline"><?cs call:csrf() ?><button type="submit" class="linkish"><?cs var:L.nav.logout ?></button></form>
<?cs /if ?>
</div>
</header>
<main id="main">
<?cs if:Disk.low ?><p class="alert disklow" role="alert"><?cs var:L.disk.low ?> (<?cs var:Disk.free ?>)</p><?cs /if ?>
<?cs if:Flash ?><p class="flash" role="status"><?cs var:Flash ?></p><?cs /if ?>
<?cs if:Errors.form ?><p class="alert" role="alert"><?cs var:Errors.form ?></p><?cs /if ?>
