<?cs set:Page.title = L.move.title ?><?cs set:Page.section = "planning" ?><?cs include:"layout/header.cs" ?>
<p class="crumbs"><a href="/planning?date=<?cs var:Reservation.date ?>"><?cs var:L.planning.title ?></a> › <a href="/orders/<?cs var:Order.id ?>"><?cs var:L.orders.no ?> <?cs var:Order.id ?></a> ›</p>
<h1><?cs var:L.move.title ?></h1>
<section class="card form confirm">
<p><strong><?cs var:L.orders.no ?> <?cs var:Order.id ?></strong> · <?cs var:Order.company_name ?><?cs if:Order.study_ref ?> · <?cs var:Order.study_ref ?><?cs /if ?></p>
<p><?cs var:Reservation.site ?> · <strong><?cs var:Reservation.room ?></strong> · <?cs var:Reservation.date_label ?> <?cs var:Reservation.start ?>–<?cs var:Reservation.end ?></p>
<p class="hint"><?cs var:L.move.hint ?></p>
<?cs if:len(Move.warnings) ?><div class="alert" role="alert" id="move-warnings"><p><strong><?cs var:L.move.before ?></strong></p><ul><?cs each:w = Move.warnings ?><li><?cs var:w ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="post" action="/reservations/<?cs var:Reservation.id ?>/move" novalidate>
<?cs call:csrf() ?>
<?cs if:len(Move.warnings) ?><input type="hidden" name="confirm" value="1"><?cs /if ?>
<?cs if:Move.next ?><input type="hidden" name="next" value="<?cs var:Move.next ?>"><?cs /if ?>
<?cs call:field_open("room_id", L.move.to_room, 1) ?>
<select id="f-room_id" name="room_id"<?cs if:Errors.room_id ?> aria-invalid="true" aria-describedby="e-room_id"<?cs /if ?>>
<?cs each:m = Rooms ?><?cs if:m.active != "0" || m.id == Reservation.room_id ?><option value="<?cs var:m.id ?>"<?cs if:Move.to_room ?><?cs if:m.id == Move.to_room ?> selected<?cs /if ?><?cs elif:m.id == Reservation.room_id ?> selected<?cs /if ?><?cs if:m.busy && m.id != Reservation.room_id ?> class="busy"<?cs /if ?>><?cs var:m.label_fr ?><?cs if:m.id == Reservation.room_id ?> (<?cs var:L.move.current ?>)<?cs elif:m.busy ?> — <?cs var:L.move.busy ?> <?cs var:L.orders.no ?> <?cs var:m.busy ?><?cs /if ?></option><?cs /if ?><?cs /each ?>
</select>
<?cs call:field_close("room_id") ?>
<div class="buttons"><button type="submit" class="primary"><?cs if:len(Move.warnings) ?><?cs var:L.move.confirm ?><?cs else ?><?cs var:L.move.submit ?><?cs /if ?></button>
<a href="<?cs alt:Move.next ?>/planning?date=<?cs var:Reservation.date ?><?cs /alt ?>"><?cs var:L.common.cancel ?></a></div>
</form>
</section>
<?cs include:"layout/footer.cs" ?>
