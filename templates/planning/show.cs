<?cs set:Page.title = L.planning.title ?><?cs set:Page.section = "planning" ?><?cs set:Page.script = "planning.js" ?><?cs include:"layout/header.cs" ?>
<?cs # Rooms (grouped by site) against the days of the week, or the hours
     of one day.  Each block opens its order; planning.js drags blocks to
     another room of the same day (POST /reservations/{id}/move). ?>
<?cs def:block(b, view) ?><div draggable="true" class="blk<?cs if:b.vip == 1 ?> vip<?cs /if ?><?cs if:view == "day" ?> gs-<?cs var:b.gs ?> ge-<?cs var:b.ge ?><?cs /if ?>" id="r-<?cs var:b.id ?>" data-id="<?cs var:b.id ?>" data-day="<?cs var:b.day ?>" title="<?cs var:b.start ?>–<?cs var:b.end ?> · <?cs var:L.orders.no ?> <?cs var:b.order_id ?> · <?cs var:b.company ?><?cs if:b.study_ref ?> · <?cs var:b.study_ref ?><?cs /if ?>"><a class="open" href="/orders/<?cs var:b.order_id ?>"><span class="t"><?cs var:b.start ?>–<?cs var:b.end ?></span> <b><?cs var:L.orders.no ?> <?cs var:b.order_id ?></b> <span class="co"><?cs var:b.company ?></span><?cs if:b.study_ref ?> <span class="ref"><?cs var:b.study_ref ?></span><?cs /if ?></a><span class="flags"><?cs if:b.rec == 1 ?><i class="f rec" title="<?cs var:L.reservations.rec_hint ?>">Rec</i><?cs /if ?><?cs if:b.trad == 1 ?><i class="f trad" title="<?cs var:L.reservations.trad_hint ?>">Trad</i><?cs /if ?><?cs if:b.live == 1 ?><i class="f live" title="<?cs var:L.reservations.live_hint ?>">Live</i><?cs /if ?><a class="mv" href="/reservations/<?cs var:b.id ?>/move?next=<?cs var:Planning.next_url ?>" title="<?cs var:L.move.title ?>">⇄</a></span></div><?cs /def ?>
<?cs set:Planning.next_url = url_escape(Page.uri) ?>
<div class="pagehead planhead">
<h1><?cs var:L.planning.title ?> <small class="count"><?cs if:Planning.view == "day" ?><?cs var:L.planning.dow[Days.0.dow] ?> <?cs var:Days.0.label ?><?cs else ?><?cs var:L.planning.week ?> <?cs var:Planning.week ?> · <?cs var:Days.0.label ?> – <?cs var:Days.6.label ?><?cs /if ?></small></h1>
<nav class="plannav">
<a class="button" href="/planning?date=<?cs var:Planning.prev ?>&amp;view=<?cs var:Planning.view ?>" rel="prev">← <?cs if:Planning.view == "day" ?><?cs var:L.planning.prev_day ?><?cs else ?><?cs var:L.planning.prev_week ?><?cs /if ?></a>
<a class="button" href="/planning?date=<?cs var:Planning.current ?>&amp;view=<?cs var:Planning.view ?>"><?cs var:L.planning.today ?></a>
<a class="button" href="/planning?date=<?cs var:Planning.next ?>&amp;view=<?cs var:Planning.view ?>" rel="next"><?cs if:Planning.view == "day" ?><?cs var:L.planning.next_day ?><?cs else ?><?cs var:L.planning.next_week ?><?cs /if ?> →</a>
<form method="get" action="/planning" class="inline datepick">
<input type="date" name="date" value="<?cs var:Planning.date ?>" aria-label="<?cs var:L.planning.date ?>">
<input type="hidden" name="view" value="<?cs var:Planning.view ?>">
<button type="submit"><?cs var:L.planning.go ?></button>
</form>
<span class="views"><a href="/planning?date=<?cs var:Planning.date ?>&amp;view=day"<?cs if:Planning.view == "day" ?> class="on"<?cs /if ?>><?cs var:L.planning.day ?></a><a href="/planning?date=<?cs var:Planning.date ?>&amp;view=week"<?cs if:Planning.view == "week" ?> class="on"<?cs /if ?>><?cs var:L.planning.week_view ?></a></span>
</nav>
</div>
<p class="hint"><?cs var:L.planning.hint ?></p>
<div id="plan-msg" class="planmsg" role="status" aria-live="polite" hidden></div>
<?cs if:len(Sites) == 0 ?><p class="empty"><?cs var:L.planning.no_rooms ?> <a href="/config/rooms"><?cs var:L.nav.config ?></a></p><?cs else ?>
<div class="planwrap">
<table class="plan <?cs var:Planning.view ?>" id="planning" data-csrf="<?cs var:Session.csrf ?>" data-msg-moved="<?cs var:L.flash.reservation_moved ?>" data-msg-undo="<?cs var:L.planning.undo ?>" data-msg-undone="<?cs var:L.planning.undone ?>" data-msg-failed="<?cs var:L.planning.failed ?>" data-msg-other-day="<?cs var:L.planning.other_day ?>">
<thead><tr><th class="room"><?cs var:L.reservations.room ?></th>
<?cs if:Planning.view == "day" ?>
<th class="line<?cs if:Days.0.today == 1 ?> today<?cs /if ?>"><div class="tl hours"><?cs each:h = Hours ?><span class="gs-<?cs var:h.gs ?> ge-<?cs var:h.ge ?>"><?cs var:h.label ?>h</span><?cs /each ?></div></th>
<?cs else ?>
<?cs each:d = Days ?><th class="day<?cs if:d.today == 1 ?> today<?cs /if ?>"><a href="/planning?date=<?cs var:d.day ?>&amp;view=day"><?cs var:L.planning.dow[d.dow] ?> <?cs var:d.label ?></a></th><?cs /each ?>
<?cs /if ?>
</tr></thead>
<?cs each:s = Sites ?>
<tbody>
<tr class="site"><th colspan="<?cs if:Planning.view == "day" ?>2<?cs else ?>8<?cs /if ?>"><?cs var:s.name ?></th></tr>
<?cs each:m = s.rooms ?>
<tr>
<th class="room"><?cs var:m.name ?><?cs if:m.capacity ?> <small class="muted"><?cs var:m.capacity ?> p.</small><?cs /if ?></th>
<?cs if:Planning.view == "day" ?>
<td class="line drop<?cs if:Days.0.today == 1 ?> today<?cs /if ?>" data-room="<?cs var:m.id ?>" data-day="<?cs var:Days.0.day ?>"><div class="tl"><?cs each:b = m.days.0.blocks ?><?cs call:block(b, "day") ?><?cs /each ?></div></td>
<?cs else ?>
<?cs each:d = Days ?><td class="cell drop<?cs if:d.today == 1 ?> today<?cs /if ?>" data-room="<?cs var:m.id ?>" data-day="<?cs var:d.day ?>"><?cs each:b = m.days[name(d)].blocks ?><?cs call:block(b, "week") ?><?cs /each ?></td><?cs /each ?>
<?cs /if ?>
</tr>
<?cs /each ?>
</tbody>
<?cs /each ?>
</table>
</div>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
