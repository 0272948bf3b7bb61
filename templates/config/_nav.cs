<?cs # The Configuration part's own tabs. ?>
<nav class="subnav" aria-label="<?cs var:L.config.title ?>">
<a href="/config/sites"<?cs if:Kind.name == "sites" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.sites ?></a>
<a href="/config/rooms"<?cs if:Kind.name == "rooms" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.rooms ?></a>
<a href="/config/tariffs"<?cs if:Kind.name == "tariffs" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.tariffs ?></a>
<a href="/config/categories"<?cs if:Kind.name == "categories" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.categories ?></a>
<a href="/config/options"<?cs if:Kind.name == "options" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.options ?></a>
<a href="/config/vat"<?cs if:Kind.name == "vat" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.vat ?></a>
<a href="/config/seller"<?cs if:Kind.name == "seller" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.seller ?></a>
<a href="/config/billing"<?cs if:Kind.name == "billing" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.config.billing ?></a>
</nav>
