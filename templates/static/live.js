/* FocusManager - the portal's live page (portal/live.cs, docs/live.md).
   Every second it polls /portal/live/{id}/poll with two cursors (the last
   message it shows, the last hiding it knows of): the answer says whether
   the box is on air and brings the chat's new messages.  On air, the
   player starts: native HLS where the browser has it, else hls.js (served
   by nginx from the npm package, loaded only then); off air, it stops and
   says when the live ended.  The language buttons are player.js's (Web
   Audio on the same <video>).  Chat messages are inserted as text, never
   as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) return;
  var d = root.dataset;
  var staff = d.staff === "1";
  var video = document.getElementById("player");
  var idle = document.getElementById("live-idle");
  var status = document.getElementById("live-status");
  var list = document.getElementById("chat-list");
  var empty = document.getElementById("chat-empty");
  var form = document.getElementById("chat-form");
  var error = document.getElementById("chat-error");
  var token = form.querySelector("input[name=csrf_token]").value;
  var after = 0, hseq = 0, onAir = false, hls = null, timer = null, busy = false;
  // For notes.js: the hls.js player, and the PTS of each discontinuity's
  // start (initPTS) so that the frame shown has its stream time.
  window.fmLive = { hls: null, pts: {}, cc: 0 };

  // --- the player ---------------------------------------------------------
  function nativeHls() {
    return !!video.canPlayType("application/vnd.apple.mpegurl");
  }

  function loadHlsJs(done) {
    if (window.Hls) { done(); return; }
    var s = document.createElement("script");
    s.src = d.hlsjs;
    s.onload = done;
    s.onerror = function () { say(d.unsupported); };
    document.head.appendChild(s);
  }

  // Autoplay: with sound when the browser allows it; else muted, with a
  // button to turn the sound on; else (nothing may start before a click)
  // a "click to start" overlay over the player.
  var startBtn = document.getElementById("live-start");
  var unmuteBtn = document.getElementById("live-unmute");
  function blocked(e) { return e && e.name === "NotAllowedError"; }
  function play() {
    var p = video.play();
    if (!p || !p.then) return;
    p.then(function () { startBtn.hidden = true; }, function (e) {
      if (!blocked(e)) return;
      video.muted = true;
      var q = video.play();
      if (!q || !q.then) return;
      q.then(function () {
        startBtn.hidden = true;
        unmuteBtn.hidden = false;
        root.setAttribute("data-autoplay", "muted");
      }, function (e2) {
        if (!blocked(e2)) return;
        video.muted = false;
        startBtn.hidden = false;
        root.setAttribute("data-autoplay", "blocked");
      });
    });
  }
  startBtn.addEventListener("click", function () {
    startBtn.hidden = true;
    video.muted = false;
    var p = video.play();
    if (p && p.catch) p.catch(function () { startBtn.hidden = false; });
  });
  unmuteBtn.addEventListener("click", function () {
    video.muted = false;
    unmuteBtn.hidden = true;
  });
  video.addEventListener("volumechange", function () { if (!video.muted) unmuteBtn.hidden = true; });

  function start() {
    video.hidden = false;
    idle.hidden = true;
    if (nativeHls()) {
      document.body.setAttribute("data-player", "native");
      video.src = d.hls;
      play();
      return;
    }
    document.body.setAttribute("data-player", "hls.js");
    loadHlsJs(function () {
      if (!window.Hls || !window.Hls.isSupported()) { say(d.unsupported); return; }
      if (!onAir || hls) return;
      // 1 s fragments: play 2 behind the newest one (about 4 s behind
      // the room; 3 gave 5.2 s: bench/live.py).  A player that fell
      // behind (a slow start, a stall) plays a little faster until it is
      // back at that distance (maxLiveSyncPlaybackRate), and jumps back
      // beyond 5: without that, the delay stayed where the start left it
      // (6.2 s in one run, 4.4 s in another).
      hls = new window.Hls({ liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 5,
        maxLiveSyncPlaybackRate: 1.25,
        maxBufferLength: 12, backBufferLength: 10, manifestLoadingMaxRetry: 6,
        levelLoadingMaxRetry: 6, fragLoadingMaxRetry: 6 });
      hls.on(window.Hls.Events.ERROR, function (ev, data) {
        if (!data.fatal || !hls) return;
        if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) { hls.recoverMediaError(); return; }
        // The playlist comes a few seconds after the push starts, or the
        // push restarted: try again.
        setTimeout(function () { if (hls) hls.startLoad(); }, 2000);
      });
      window.fmLive.hls = hls;
      window.fmLive.pts = {};
      hls.on(window.Hls.Events.INIT_PTS_FOUND, function (ev, data) {
        var p = data.initPTS;
        window.fmLive.pts[data.frag.cc] = typeof p === "number"
          ? { base: p, timescale: data.timescale || 90000 }
          : { base: p.baseTime, timescale: p.timescale };
      });
      hls.on(window.Hls.Events.FRAG_CHANGED, function (ev, data) { window.fmLive.cc = data.frag.cc; });
      hls.loadSource(d.hls);
      hls.attachMedia(video);
      hls.on(window.Hls.Events.MANIFEST_PARSED, play);
    });
  }

  // The browser's own player gives up when the push restarts (the box
  // reconnects): start it again while the poll says on air.
  video.addEventListener("error", function () {
    if (hls || !onAir) return;
    setTimeout(function () {
      if (onAir && !hls && video.error) { video.src = d.hls; play(); }
    }, 2000);
  });

  function stop() {
    startBtn.hidden = true;
    unmuteBtn.hidden = true;
    if (hls) { hls.destroy(); hls = null; window.fmLive.hls = null; }
    video.pause();
    video.removeAttribute("src");
    video.load();
    video.hidden = true;
    idle.hidden = false;
  }

  function say(text) {
    status.textContent = text;
  }

  function state(s) {
    if (s.on_air) {
      say(d.onAir + " " + (s.started || ""));
      status.className = "live-status on-air";
      if (!onAir) { onAir = true; start(); }
    } else {
      say(s.ended ? d.ended + " " + s.ended : d.waiting);
      status.className = "live-status " + (s.ended ? "ended" : "waiting");
      if (onAir) { onAir = false; stop(); }
    }
    root.setAttribute("data-state", s.on_air ? "on-air" : s.ended ? "ended" : "waiting");
  }

  // --- the chat -----------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Staff's actions redraw the whole list (at most 200 messages), so
  // that every message of a muted author shows it.
  function reload() {
    list.textContent = "";
    after = 0;
    poll();
  }

  function moderate(url) {
    var body = new URLSearchParams();
    body.set("csrf_token", token);
    fetch(url, { method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json" } }).then(reload, reload);
  }

  function tool(label, url) {
    var b = el("button", "mod", label);
    b.type = "button";
    b.addEventListener("click", function () { moderate(url); });
    return b;
  }

  function add(m) {
    if (document.getElementById("msg-" + m.id)) return;
    var li = el("li", "msg" + (m.hidden ? " hidden" : ""));
    li.id = "msg-" + m.id;
    // The message, and (staff only) its moderation buttons beside it.
    var c = el("div", "content");
    li.appendChild(c);
    c.appendChild(el("span", "at", m.at));
    c.appendChild(document.createTextNode(" "));
    c.appendChild(el("strong", "author", m.author));
    // The badge comes from the server (the author's session was staff's):
    // no name a viewer types can make one.
    if (m.staff) {
      c.appendChild(document.createTextNode(" "));
      c.appendChild(el("span", "badge staffbadge", d.staffBadge));
    }
    if (staff && m.login && m.login !== m.author) c.appendChild(el("small", "muted", " (" + m.login + ")"));
    c.appendChild(document.createTextNode(" "));
    c.appendChild(el("span", "body", m.body));
    if (staff) {
      var tools = el("span", "tools");
      if (m.hidden) tools.appendChild(el("em", "tag", d.hidden));
      else tools.appendChild(tool(d.hide, "/chat/" + m.id + "/hide"));
      if (m.muted) {
        tools.appendChild(el("em", "tag", d.mutedTag));
        tools.appendChild(tool(d.unmute, "/chat/" + m.id + "/unmute"));
      } else {
        tools.appendChild(tool(d.mute, "/chat/" + m.id + "/mute"));
      }
      li.appendChild(tools);
    }
    list.appendChild(li);
  }

  // A message staff hid: gone for viewers; marked for staff.
  function hide(id) {
    var li = document.getElementById("msg-" + id);
    if (!li) return;
    if (!staff) { li.parentNode.removeChild(li); return; }
    li.classList.add("hidden");
  }

  function messages(s) {
    var atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    s.hidden.forEach(hide);
    s.messages.forEach(add);
    empty.hidden = list.querySelector(".msg") !== null;
    if (empty.hidden && empty.parentNode) empty.parentNode.removeChild(empty);
    if (atEnd && s.messages.length) list.scrollTop = list.scrollHeight;
    form.querySelector("button[type=submit]").disabled = !!s.muted;
    if (s.muted) { error.textContent = d.meMuted; error.hidden = false; }
    else if (error.textContent === d.meMuted) error.hidden = true;
  }

  function poll() {
    if (busy) return;
    busy = true;
    var notes = window.fmNotes ? "&nseq=" + window.fmNotes.cursor() : "";
    fetch(d.poll + "?after=" + after + "&hseq=" + hseq + notes, { credentials: "same-origin",
      cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        state(s);
        messages(s);
        if (s.notes) document.dispatchEvent(new CustomEvent("fm:poll", { detail: s }));
        after = s.after;
        hseq = s.hseq;
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, { method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().catch(function () { return { ok: false, error: d.failed }; }); })
      .then(function (a) {
        if (a.ok) {
          form.elements.body.value = "";
          error.hidden = true;
          poll();
        } else {
          error.textContent = a.error || d.failed;
          error.hidden = false;
        }
      })
      .catch(function () { error.textContent = d.failed; error.hidden = false; })
      .then(function () { button.disabled = false; form.elements.body.focus(); });
  });
  form.elements.body.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });

  document.addEventListener("fm:poll-now", poll);
  poll();
  timer = setInterval(poll, 1000);
  window.addEventListener("pagehide", function () { clearInterval(timer); });
})();
