<?cs set:Page.title = L.documents.title ?><?cs set:Page.section = "documents" ?><?cs include:"layout/header.cs" ?>
<?cs # Documents: all kinds, filtered by kind, state (draft, issued,
     unpaid, overdue) and a search; the overdue list is status=overdue. ?>
<div class="pagehead">
<h1><?cs if:Form.status == "overdue" ?><?cs var:L.documents.overdue_title ?><?cs else ?><?cs var:L.documents.title ?><?cs /if ?> <small class="count"><?cs var:List.total ?></small></h1>
<?cs if:Session.role != "staff" ?><a class="button" href="/exports"><?cs var:L.exports.title ?></a><?cs /if ?>
</div>
<nav class="subnav" aria-label="<?cs var:L.documents.title ?>">
<a href="/documents"<?cs if:!Form.status && !Form.kind ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.common.all ?></a>
<a href="/documents?status=draft"<?cs if:Form.status == "draft" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.documents.filter.draft ?></a>
<a href="/documents?kind=invoice&amp;status=unpaid"<?cs if:Form.status == "unpaid" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.documents.filter.unpaid ?></a>
<a href="/documents?kind=invoice&amp;status=overdue" id="overdue-link"<?cs if:Form.status == "overdue" ?> class="on" aria-current="page"<?cs /if ?>><?cs var:L.documents.filter.overdue ?></a>
</nav>
<form method="get" action="/documents" class="searchbar filters" role="search">
<input type="search" name="q" value="<?cs var:List.q ?>" placeholder="<?cs var:L.documents.search_hint ?>" aria-label="<?cs var:L.documents.search_hint ?>">
<select name="kind" aria-label="<?cs var:L.xlsx.kind ?>"><option value=""><?cs var:L.documents.all_kinds ?></option><?cs each:k = L.documents.kinds ?><option value="<?cs name:k ?>"<?cs if:Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
<select name="status" aria-label="<?cs var:L.documents.state ?>"><option value=""><?cs var:L.documents.all_states ?></option><?cs each:k = L.documents.filter ?><option value="<?cs name:k ?>"<?cs if:Form.status == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
<button type="submit"><?cs var:L.common.search ?></button>
</form>
<?cs if:len(Docs) == 0 ?>
<p class="empty"><?cs var:L.documents.none ?></p>
<?cs else ?>
<table class="list documents">
<thead><tr>
<th><?cs var:L.xlsx.number ?></th><th><?cs var:L.xlsx.kind ?></th><th><?cs var:L.xlsx.date ?></th><th><?cs var:L.xlsx.due_on ?></th>
<th><?cs var:L.xlsx.client ?></th><th><?cs var:L.orders.order ?></th><th class="num"><?cs var:L.xlsx.total_ht ?></th><th class="num"><?cs var:L.xlsx.total_due ?></th><th><?cs var:L.xlsx.payment ?></th>
</tr></thead>
<tbody>
<?cs each:d = Docs ?>
<tr id="doc-<?cs var:d.id ?>"<?cs if:d.days_late ?> class="late"<?cs /if ?>>
<td class="name nowrap"><a href="/documents/<?cs var:d.id ?>"><?cs if:d.number ?><?cs var:d.number ?><?cs else ?><?cs var:L.documents.draft_no ?><?cs /if ?></a></td>
<td><?cs var:L.documents.kind[d.kind] ?></td>
<td class="nowrap"><?cs var:d.date ?></td>
<td class="nowrap"><?cs var:d.due_on ?><?cs if:d.days_late ?> <span class="tag late"><?cs var:d.days_late ?> <?cs var:L.documents.days_late ?></span><?cs /if ?></td>
<td><?cs var:d.client ?><?cs if:d.study_ref ?> <span class="muted">· <?cs var:d.study_ref ?></span><?cs /if ?></td>
<td class="nowrap"><a href="/orders/<?cs var:d.order_id ?>"><?cs var:L.orders.no ?> <?cs var:d.order_id ?></a></td>
<td class="num nowrap"><?cs var:d.total_ht ?>&nbsp;€</td>
<td class="num nowrap"><?cs var:d.total_due ?>&nbsp;€</td>
<td class="nowrap"><?cs if:d.payment ?><span class="tag pay-<?cs var:d.payment ?>"><?cs var:L.documents.pay[d.payment] ?></span><?cs if:d.payment != "paid" ?> <span class="muted"><?cs var:d.balance ?>&nbsp;€</span><?cs /if ?><?cs elif:d.status == "draft" ?><span class="tag status-draft"><?cs var:L.documents.status.draft ?></span><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs call:pager() ?>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
