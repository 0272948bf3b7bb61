<?cs # Messages of the outbox (Mail), with retry/cancel; back: where to
     come back to after those. ?>
<table class="list mail">
<thead><tr><th><?cs var:L.outbox.status ?></th><th><?cs var:L.outbox.created ?></th><th><?cs var:L.outbox.to ?></th><th><?cs var:L.outbox.subject ?></th><th><?cs var:L.access.account ?></th><th><?cs var:L.outbox.attempts ?></th><th><?cs var:L.common.actions ?></th></tr></thead>
<tbody>
<?cs each:m = Mail ?>
<tr id="mail-<?cs var:m.id ?>" class="mail-<?cs var:m.status ?>">
<td><span class="st mail <?cs var:m.status ?>"><?cs var:L.outbox.state[m.status] ?></span>
<?cs if:m.sent ?><br><small class="muted"><?cs var:m.sent ?></small><?cs /if ?>
<?cs if:m.next_attempt && m.attempts > 0 ?><br><small class="muted"><?cs var:L.outbox.next ?> <?cs var:m.next_attempt ?></small><?cs /if ?></td>
<td class="nowrap"><?cs var:m.created ?><br><small class="muted"><?cs var:m.created_by ?></small></td>
<td><?cs var:m.to ?></td>
<td><?cs var:m.subject ?><?cs if:m.last_error ?><p class="error"><?cs var:m.last_error ?></p><?cs /if ?></td>
<td><?cs if:m.order_id ?><a href="/orders/<?cs var:m.order_id ?>/access"><?cs var:m.account ?></a><?cs /if ?></td>
<td class="num"><?cs var:m.attempts ?></td>
<td class="actions"><?cs if:m.status == "failed" || m.status == "pending" ?>
<form method="post" action="/outbox/<?cs var:m.id ?>/retry" class="inline"><?cs call:csrf() ?><input type="hidden" name="back" value="<?cs var:back ?>"><button type="submit" class="small"><?cs var:L.outbox.retry ?></button></form>
<form method="post" action="/outbox/<?cs var:m.id ?>/cancel" class="inline" data-confirm="<?cs var:L.outbox.cancel_confirm ?>"><?cs call:csrf() ?><input type="hidden" name="back" value="<?cs var:back ?>"><button type="submit" class="small danger"><?cs var:L.outbox.cancel ?></button></form>
<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
