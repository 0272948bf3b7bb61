<?cs set:Page.title = L.videos.title ?><?cs set:Page.section = "videos" ?><?cs include:"layout/header.cs" ?>
<?cs # /videos: the recordings of a day (Videos.date) with a month
     calendar, or those matching a search on any day (Videos.q). ?>
<div class="pagehead planhead">
<h1><?cs if:Videos.q ?><?cs var:L.videos.search_title ?> <?cs var:L.common.q_open ?><?cs var:Videos.q ?><?cs var:L.common.q_close ?><?cs else ?><?cs var:L.videos.day_title ?> <?cs var:Videos.label ?><?cs /if ?>
<small class="count"><?cs if:Videos.total ?><?cs call:plural(Videos.total, L.videos.count_one, L.videos.count) ?><?cs else ?><?cs call:plural(0, L.videos.count_one, L.videos.count) ?><?cs /if ?></small></h1>
<nav class="plannav">
<a class="button" href="/videos?date=<?cs var:Videos.prev ?>" rel="prev" title="<?cs var:L.videos.prev_day ?>">← <?cs var:Videos.prev_label ?></a>
<a class="button" href="/videos"><?cs var:L.videos.today ?></a>
<a class="button" href="/videos?date=<?cs var:Videos.next ?>" rel="next" title="<?cs var:L.videos.next_day ?>"><?cs var:Videos.next_label ?> →</a>
</nav>
</div>
<?cs if:len(OnAir) > 0 ?><section class="card lives-now" id="lives-now"><h2><?cs var:L.live.lives_now ?></h2><ul>
<?cs each:l = OnAir ?><li id="onair-r<?cs var:l.reservation_id ?>"><span class="onair"><?cs var:l.room ?></span> <small class="muted">(<?cs var:l.site ?>)</small> · <?cs var:L.live.on_air ?> <?cs var:l.since ?> · <a href="/orders/<?cs var:l.order_id ?>"><?cs var:L.orders.order ?> <?cs var:l.order_id ?></a> · <a href="/portal/live/<?cs var:l.reservation_id ?>"><?cs var:L.live.watch ?></a></li>
<?cs /each ?></ul></section><?cs /if ?>
<?cs if:Outbox.failed > 0 ?><p class="alert"><a href="/outbox?status=failed"><?cs var:Outbox.failed ?> <?cs var:L.outbox.failed_notice ?></a></p><?cs /if ?>
<form method="get" action="/videos" class="searchbar" role="search">
<input type="search" name="q" value="<?cs var:Videos.q ?>" placeholder="<?cs var:L.videos.search_hint ?>" aria-label="<?cs var:L.videos.search_hint ?>">
<button type="submit"><?cs var:L.common.search ?></button>
<?cs if:Videos.q ?><a href="/videos?date=<?cs var:Videos.date ?>"><?cs var:L.videos.clear ?></a><?cs /if ?>
</form>
<p class="hint"><?cs var:L.videos.search_help ?></p>

<div class="columns videos">
<div>
<?cs if:len(Recordings) == 0 ?>
<p class="empty"><?cs if:Videos.q ?><?cs var:L.videos.none_found ?><?cs else ?><?cs var:L.videos.none_day ?><?cs /if ?></p>
<?cs else ?>
<table class="list videos">
<thead><tr><th><?cs var:L.common.actions ?></th><th><?cs var:L.videos.refs ?></th><th><?cs var:L.videos.recordings ?></th></tr></thead>
<tbody>
<?cs each:v = Recordings ?>
<tr id="rec-<?cs var:v.id ?>">
<td class="actions icons">
<a href="/recordings/<?cs var:v.id ?>/edit?back=<?cs var:url_escape(Page.uri) ?>" title="<?cs var:L.videos.act_times ?>" aria-label="<?cs var:L.videos.act_times ?>">◷</a>
<a href="/orders/<?cs var:v.order_id ?>" title="<?cs var:L.videos.act_order ?>" aria-label="<?cs var:L.videos.act_order ?>">✎</a>
<a href="/orders/<?cs var:v.order_id ?>/files" title="<?cs var:L.videos.act_files ?>" aria-label="<?cs var:L.videos.act_files ?>">▤</a>
<a href="/orders/<?cs var:v.order_id ?>/access/fr" title="<?cs var:L.videos.act_codes_fr ?>" aria-label="<?cs var:L.videos.act_codes_fr ?>" hreflang="fr">✉ FR</a>
<a href="/orders/<?cs var:v.order_id ?>/access/en" title="<?cs var:L.videos.act_codes_en ?>" aria-label="<?cs var:L.videos.act_codes_en ?>" hreflang="en">✉ EN</a>
<a href="/orders/<?cs var:v.order_id ?>/videos" title="<?cs var:L.videos.act_videos ?>" aria-label="<?cs var:L.videos.act_videos ?>">▶</a>
</td>
<td><a href="/orders/<?cs var:v.order_id ?>/videos"><strong><?cs var:v.order_id ?></strong><?cs if:v.study_ref ?> - <?cs var:v.study_ref ?><?cs /if ?></a><br><span class="muted"><?cs var:v.company ?><?cs if:v.contact ?> - <?cs var:v.contact ?><?cs /if ?></span></td>
<td class="nowrap"><?cs var:v.room ?> <small class="muted">(<?cs var:v.site ?>)</small> | <?cs var:v.date ?> <?cs var:v.start ?>-<?cs var:v.end ?><?cs if:v.times_edited == 1 ?> <span class="edited" title="<?cs var:L.videos.edited ?>">✱</span><?cs /if ?>
<span class="opts"><?cs if:v.rec == 1 ?><i class="f rec">Auto</i><?cs /if ?><?cs if:v.live == 1 ?><i class="f live">Live</i><?cs /if ?><?cs if:v.trad == 1 ?><i class="f trad">Trad</i><?cs /if ?></span>
<?cs if:v.incomplete == 1 ?> <span class="tag incomplete" title="<?cs var:L.rate.incomplete_hint ?>"><?cs var:L.rate.incomplete ?></span><?cs /if ?>
<?cs if:v.files == 0 ?><br><small class="muted"><?cs var:L.videos.no_files ?></small><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs if:Videos.total > len(Recordings) ?><p class="hint"><?cs var:L.videos.more ?></p><?cs /if ?>
<?cs /if ?>
</div>

<aside>
<section class="card calendar">
<?cs set:m = Videos.month ?>
<div class="calhead">
<a href="/videos?date=<?cs var:Videos.prev_month ?>" aria-label="<?cs var:L.videos.prev_month ?>">‹</a>
<strong><?cs var:L.videos.months[m] ?> <?cs var:Videos.year ?></strong>
<a href="/videos?date=<?cs var:Videos.next_month ?>" aria-label="<?cs var:L.videos.next_month ?>">›</a>
</div>
<table class="cal">
<thead><tr><?cs each:d = L.videos.dow ?><th scope="col"><?cs var:d ?></th><?cs /each ?></tr></thead>
<tbody><tr>
<?cs each:d = Cal ?><?cs if:d.dow == 1 && name(d) != "0" ?></tr><tr><?cs /if ?>
<td class="<?cs if:d.in_month == 0 ?>out<?cs /if ?><?cs if:d.today == 1 ?> today<?cs /if ?><?cs if:d.selected == 1 ?> sel<?cs /if ?><?cs if:d.count > 0 ?> has<?cs /if ?>"><a href="/videos?date=<?cs var:d.day ?>"<?cs if:d.count > 0 ?> title="<?cs call:plural(d.count, L.videos.count_one, L.videos.count) ?>"<?cs /if ?>><?cs var:d.n ?></a></td>
<?cs /each ?>
</tr></tbody>
</table>
<form method="get" action="/videos" class="datepick">
<input type="date" name="date" value="<?cs var:Videos.date ?>" aria-label="<?cs var:L.videos.date ?>">
<button type="submit"><?cs var:L.videos.go ?></button>
</form>
</section>
<section class="card legend">
<h2><?cs var:L.videos.legend ?></h2>
<ul class="plain small">
<li><span class="ic">◷</span> <?cs var:L.videos.act_times ?></li>
<li><span class="ic edited">✱</span> <?cs var:L.videos.edited ?></li>
<li><span class="ic">✎</span> <?cs var:L.videos.act_order_long ?></li>
<li><span class="ic">▤</span> <?cs var:L.videos.act_files_long ?></li>
<li><span class="ic">✉ FR</span> <?cs var:L.videos.act_codes_fr ?></li>
<li><span class="ic">✉ EN</span> <?cs var:L.videos.act_codes_en ?></li>
<li><span class="ic">▶</span> <?cs var:L.videos.act_videos ?></li>
<li><i class="f rec">Auto</i> <i class="f live">Live</i> <i class="f trad">Trad</i> <?cs var:L.videos.options ?></li>
</ul>
<p><a href="/outbox"><?cs var:L.outbox.title ?></a><?cs if:Outbox.pending > 0 ?> (<?cs var:Outbox.pending ?> <?cs var:L.outbox.pending_n ?>)<?cs /if ?></p>
</section>
</aside>
</div>
<?cs include:"layout/footer.cs" ?>
