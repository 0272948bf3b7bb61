<?cs # The heading of an order's videos, files and access pages (Order.*
     from order_heading.c) with links between them; Page.subpage names
     the current one. ?>
<p class="crumbs"><a href="/videos"><?cs var:L.videos.title ?></a> › <a href="/orders/<?cs var:Order.id ?>"><?cs var:L.orders.no ?> <?cs var:Order.id ?></a> ›</p>
<div class="pagehead">
<h1><?cs var:Page.title ?> <small class="count"><?cs var:L.orders.no ?> <?cs var:Order.id ?><?cs if:Order.study_ref ?> · <?cs var:L.common.q_open ?><?cs var:Order.study_ref ?><?cs var:L.common.q_close ?><?cs /if ?> · <a href="/companies/<?cs var:Order.company_id ?>"><?cs var:Order.company ?></a><?cs if:Order.contact_name ?> – <?cs var:Order.contact_name ?><?cs /if ?></small></h1>
</div>
<nav class="subnav" aria-label="<?cs var:L.orders.tabs ?>">
<a href="/orders/<?cs var:Order.id ?>"><?cs var:L.orders.order ?></a>
<a href="/orders/<?cs var:Order.id ?>/videos"<?cs if:Page.subpage == "videos" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.videos.order_tab ?></a>
<a href="/orders/<?cs var:Order.id ?>/notes"<?cs if:Page.subpage == "notes" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.notes.title ?></a>
<a href="/orders/<?cs var:Order.id ?>/files"<?cs if:Page.subpage == "files" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.files.title ?></a>
<a href="/orders/<?cs var:Order.id ?>/access"<?cs if:Page.subpage == "access" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.access.title ?></a>
</nav>
