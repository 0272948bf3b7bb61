<?cs set:Page.title = L.portal.tab_videos ?><?cs set:Page.section = "portal" ?><?cs include:"layout/header.cs" ?>
<?cs # "Vidéos et Lives": the order's live sessions and, except for live
     accounts, its recordings, with the welcome text: Portal.body_html,
     portal/body.cs rendered (and kept) by portal.c. ?>
<?cs escape: "none" ?><?cs var:Portal.body_html ?><?cs /escape ?>
<?cs if:Session.kind == "user" ?><form id="recdel" method="post" action="/portal" hidden data-confirm="<?cs var:L.videos.delete_confirm ?>"><?cs call:csrf() ?></form><?cs /if ?>
<?cs include:"layout/footer.cs" ?>
