<?cs set:Page.title = L.portal.tab_test ?><?cs set:Page.section = "test" ?><?cs set:Page.script = "player.js" ?><?cs include:"layout/header.cs" ?>
<?cs # "Test vidéo": the screen, the player and its two sound channels,
     the download speed, and the minimum requirements (player.js runs
     the checks; without JavaScript the requirements are still there). ?>
<h1><?cs var:L.portal.test_title ?></h1>
<div class="columns test">
<div>
<section class="card" id="test-screen" data-min-width="800" data-min-height="600" data-ok="<?cs var:L.portal.screen_ok ?>" data-bad="<?cs var:L.portal.screen_bad ?>">
<h2><?cs var:L.portal.test_screen ?></h2>
<p><?cs var:L.portal.screen_is ?> <strong class="value">—</strong></p>
<p class="verdict muted"><?cs var:L.portal.needs_js ?></p>
</section>

<section class="card player" id="test-player">
<h2><?cs var:L.portal.test_av ?></h2>
<video id="player" controls preload="auto" playsinline loop>
<source src="/static/test/clip.mp4" type='video/mp4; codecs="avc1.42E01E, mp4a.40.2"'>
<source src="/static/test/clip.webm" type='video/webm; codecs="vp9, opus"'>
</video>
<p class="channels" role="group" aria-label="<?cs var:L.portal.channels ?>">
<button type="button" data-channel="room"><?cs var:L.portal.room_sound ?></button>
<button type="button" data-channel="trad"><?cs var:L.portal.translation ?></button>
<button type="button" data-channel="both" class="on"><?cs var:L.portal.both ?></button>
</p>
<p class="hint"><?cs var:L.portal.test_av_hint ?></p>
<p class="verdict" id="codec-verdict" data-h264="<?cs var:L.portal.h264_ok ?>" data-webm="<?cs var:L.portal.webm_only ?>" data-none="<?cs var:L.portal.no_codec ?>"></p>
</section>

<section class="card" id="test-speed" data-url="/portal/test/speed" data-need="3.2" data-ok="<?cs var:L.portal.speed_ok ?>" data-bad="<?cs var:L.portal.speed_bad ?>" data-failed="<?cs var:L.portal.speed_failed ?>">
<h2><?cs var:L.portal.test_speed ?></h2>
<p><?cs var:L.portal.speed_intro ?></p>
<p><button type="button" id="speed-run"><?cs var:L.portal.speed_run ?></button> <strong class="value"></strong></p>
<p class="verdict"></p>
</section>
</div>

<aside class="card requirements">
<h2><?cs var:L.portal.requirements ?></h2>
<h3><?cs var:L.portal.req_os ?></h3>
<ul><li>Windows 10 / 11</li><li>macOS 11</li><li>Linux</li><li>iOS 14, Android 9</li></ul>
<h3><?cs var:L.portal.req_browser ?></h3>
<ul><li>Firefox 78</li><li>Chrome / Chromium / Edge 88</li><li>Safari 14</li></ul>
<p class="hint"><?cs var:L.portal.req_browser_hint ?></p>
<h3><?cs var:L.portal.req_screen ?></h3>
<ul><li>800x600</li></ul>
<h3><?cs var:L.portal.req_speed ?></h3>
<ul><li><?cs var:L.portal.req_speed_value ?></li></ul>
<p class="hint"><?cs var:L.portal.req_help ?></p>
</aside>
</div>
<?cs include:"layout/footer.cs" ?>
