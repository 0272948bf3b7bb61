/* FocusManager - players of the portal (the recording page and the video
   test): the room sound and the translation are the left and right
   channels of a recording; the buttons [data-channel] play one of them
   in both ears, or both, with Web Audio (a ChannelSplitter into a
   ChannelMerger).  The video test also checks the screen and measures
   the download speed. */
(function () {
  "use strict";

  // --- sound channels ---------------------------------------------------
  var video = document.getElementById("player");
  var buttons = document.querySelectorAll(".channels button[data-channel]");
  var audio = null;   // {ctx, splitter, merger}

  function route(which) {
    var s = audio.splitter, m = audio.merger;
    s.disconnect();
    if (which === "room") { s.connect(m, 0, 0); s.connect(m, 0, 1); }
    else if (which === "trad") { s.connect(m, 1, 0); s.connect(m, 1, 1); }
    else { s.connect(m, 0, 0); s.connect(m, 1, 1); }
  }

  function setup() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx || audio) return audio;
    var ctx = new Ctx();
    var source = ctx.createMediaElementSource(video);
    var splitter = ctx.createChannelSplitter(2);
    var merger = ctx.createChannelMerger(2);
    source.connect(splitter);
    merger.connect(ctx.destination);
    audio = { ctx: ctx, splitter: splitter, merger: merger };
    return audio;
  }

  if (video && buttons.length) {
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener("click", function () {
        if (!setup()) return;
        if (audio.ctx.state === "suspended") audio.ctx.resume();
        route(b.getAttribute("data-channel"));
        Array.prototype.forEach.call(buttons, function (o) { o.classList.toggle("on", o === b); });
        document.body.setAttribute("data-channel", b.getAttribute("data-channel"));
      });
    });
  }

  // --- video test: codecs -------------------------------------------------
  var codec = document.getElementById("codec-verdict");
  if (codec && video) {
    var h264 = video.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"');
    var webm = video.canPlayType('video/webm; codecs="vp9, opus"');
    codec.textContent = codec.getAttribute(h264 ? "data-h264" : webm ? "data-webm" : "data-none");
    codec.className = "verdict " + (h264 ? "ok" : webm ? "warn" : "bad");
  }

  // --- video test: screen -------------------------------------------------
  var screenBox = document.getElementById("test-screen");
  if (screenBox) {
    var w = window.screen.width, h = window.screen.height;
    var okScreen = w >= +screenBox.getAttribute("data-min-width") &&
      h >= +screenBox.getAttribute("data-min-height");
    screenBox.querySelector(".value").textContent = w + "x" + h;
    var v = screenBox.querySelector(".verdict");
    v.textContent = screenBox.getAttribute(okScreen ? "data-ok" : "data-bad");
    v.className = "verdict " + (okScreen ? "ok" : "bad");
  }

  // --- video test: download speed ---------------------------------------
  var speed = document.getElementById("test-speed");
  var run = document.getElementById("speed-run");
  if (speed && run) {
    run.addEventListener("click", function () {
      var out = speed.querySelector(".value"), verdict = speed.querySelector(".verdict");
      var need = parseFloat(speed.getAttribute("data-need"));
      run.disabled = true;
      out.textContent = "…";
      verdict.textContent = "";
      var t0 = performance.now();
      fetch(speed.getAttribute("data-url") + "?t=" + Date.now(), { cache: "no-store", credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
        .then(function (buf) {
          var secs = (performance.now() - t0) / 1000;
          var mbits = buf.byteLength * 8 / 1e6 / Math.max(secs, 0.001);
          // In the page's language: "645,3 Mbit/s" in French.
          var lang = document.documentElement.lang || "fr";
          out.textContent = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
            .format(mbits) + "\u00a0Mbit/s";
          out.setAttribute("data-mbits", mbits.toFixed(3));
          verdict.textContent = speed.getAttribute(mbits >= need ? "data-ok" : "data-bad");
          verdict.className = "verdict " + (mbits >= need ? "ok" : "bad");
        })
        .catch(function () {
          out.textContent = "";
          verdict.textContent = speed.getAttribute("data-failed");
          verdict.className = "verdict bad";
        })
        .then(function () { run.disabled = false; });
    });
  }
})();
