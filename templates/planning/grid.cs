<?cs # The planning's grid, rendered apart and kept by planning.c until
     the planning changes (planning_version): nothing here may depend on
     the session.  Rooms (grouped by site) against the days of the week,
     or the hours of one day. ?>
<?cs def:block(b, view) ?><div class="blk<?cs if:b.vip == 1 ?> vip<?cs /if ?><?cs if:view == "day" ?> gs-<?cs var:b.gs ?> ge-<?cs var:b.ge ?><?cs /if ?>" id="r-<?cs var:b.id ?>"><a class="open" href="/orders/<?cs var:b.order_id ?>"><span class="t"><?cs var:b.start ?>–<?cs var:b.end ?></span> <b><?cs var:L.orders.no ?> <?cs var:b.order_id ?></b> <span class="co"><?cs var:b.company ?></span><?cs if:b.study_ref ?> <span class="ref"><?cs var:b.study_ref ?></span><?cs /if ?></a><span class="flags"><?cs if:b.rec == 1 ?><i class="f rec">Rec</i><?cs /if ?><?cs if:b.trad == 1 ?><i class="f trad">Trad</i><?cs /if ?><?cs if:b.live == 1 ?><i class="f live">Live</i><?cs /if ?><?cs if:b.on_air == 1 ?><a class="onair" href="/portal/live/<?cs var:b.id ?>" title="<?cs var:L.live.lives_now ?>"><?cs var:L.live.on_air_short ?></a><?cs /if ?><a class="mv" href="/reservations/<?cs var:b.id ?>/move">⇄</a></span></div><?cs /def ?>
<?cs if:len(Sites) == 0 ?><p class="empty"><?cs var:L.planning.no_rooms ?> <a href="/config/rooms"><?cs var:L.nav.config ?></a></p><?cs else ?>
<div class="planwrap">
<table class="plan <?cs var:Planning.view ?>" id="planning">
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
