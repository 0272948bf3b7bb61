<?cs set:Page.title = L.planning.title ?><?cs set:Page.section = "planning" ?><?cs set:Page.script = "planning.js" ?><?cs include:"layout/header.cs" ?>
<?cs # Rooms (grouped by site) against the days of the week, or the hours
     of one day.  Each block opens its order; planning.js drags blocks to
     another room of the same day (POST /reservations/{id}/move). ?>

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
<p class="hint"><?cs var:L.planning.hint ?> <span class="legend"><i class="f rec">Rec</i> <?cs var:L.reservations.rec_hint ?> <i class="f trad">Trad</i> <?cs var:L.reservations.trad_hint ?> <i class="f live">Live</i> <?cs var:L.reservations.live_hint ?> · ⇄ <?cs var:L.move.title ?></span></p>
<div id="plan-msg" class="planmsg" role="status" aria-live="polite" hidden></div>
<div id="plan-meta" hidden data-csrf="<?cs var:Session.csrf ?>" data-msg-moved="<?cs var:L.flash.reservation_moved ?>" data-msg-undo="<?cs var:L.planning.undo ?>" data-msg-undone="<?cs var:L.planning.undone ?>" data-msg-failed="<?cs var:L.planning.failed ?>" data-msg-other-day="<?cs var:L.planning.other_day ?>" data-msg-cancelled="<?cs var:L.planning.cancelled ?>"></div>
<?cs escape: "none" ?><?cs var:Planning.grid ?><?cs /escape ?>
<?cs include:"layout/footer.cs" ?>
