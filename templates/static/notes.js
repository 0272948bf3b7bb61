/* FocusManager - observers' notes on the live page and on a recording's
   page (notes.c, docs/videos.md "Notes").  A note is stamped with the
   moment the picture shows, as a wall-clock time:
   - on the live, with hls.js: the PTS of the frame shown (hls.js's
     initPTS + currentTime) plus the stream's anchor that focusd reads
     from the HLS files (poll: "anchor", live_clock.c); with the
     browser's own HLS player (no PTS): the live edge's wall clock
     ("edge") minus how far behind the edge the player is;
   - on a recording: the offset in the recording (focusd adds the
     recording's start).
   The moment is taken when the button is pressed (or the N key), not
   when the text is sent.  On the live page the notes come with the
   chat's poll (live.js sends the "fm:poll" event); on a recording's
   page this script polls /portal/watch/{id}/notes.  Notes are inserted
   as text, never as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("notes");
  if (!root) return;
  var d = root.dataset;
  var live = d.mode === "live";
  var video = document.getElementById("player");
  var form = document.getElementById("note-form");
  var list = document.getElementById("note-list");
  var empty = document.getElementById("note-empty");
  var pending = document.getElementById("note-pending");
  var error = document.getElementById("note-error");
  var tagSel = form.elements.tag;
  var token = form.querySelector("input[name=csrf_token]").value;
  var nseq = 0, clock = null, recStart = 0, recEnd = 0, moment = null, skew = 0;
  var notes = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // --- the picture's moment ---------------------------------------------
  function liveMoment() {
    var h = window.fmLive && window.fmLive.hls, pts = window.fmLive && window.fmLive.pts;
    if (clock && clock.anchor && h && pts) {
      var p = pts[window.fmLive.cc || 0] || pts[Object.keys(pts)[0]];
      if (p) return { ms: Math.round(clock.anchor + (p.base / p.timescale + video.currentTime) * 1000), how: "pts" };
    }
    // The browser's own player: its currentTime is the PTS less a
    // constant of its own, learnt from where its buffer ends against the
    // live edge's PTS (see apply()).
    if (clock && clock.anchor && nativeOffset() !== null) {
      return { ms: Math.round(clock.anchor + (video.currentTime + nativeOffset()) * 1000), how: "edge" };
    }
    if (clock && clock.edge && video.seekable && video.seekable.length) {
      var behind = video.seekable.end(video.seekable.length - 1) - video.currentTime;
      // the edge moves on between two polls: follow it on our clock
      var moved = Date.now() + skew - clock.now;
      return { ms: Math.round(clock.edge + moved - behind * 1000), how: "edge" };
    }
    return { ms: Math.round(Date.now() + skew - 4700), how: "estimate" };
  }

  // Samples of (edge PTS - buffer end): the player's offset plus how far
  // its buffer lags the edge (0 to a fragment or more); the second lowest
  // of the last 30 is the offset (a fragment that appeared between the
  // poll and now gives a rare low outlier, which it skips).
  var offsets = [], playing = null;
  function learn(s) {
    if (window.fmLive && window.fmLive.hls) return;
    if (!s.edge_pts || !video.buffered || !video.buffered.length || video.paused) return;
    if (playing !== video.currentSrc) { offsets = []; playing = video.currentSrc; }
    offsets.push(s.edge_pts / 1000 - video.buffered.end(video.buffered.length - 1));
    if (offsets.length > 30) offsets.shift();
  }
  function nativeOffset() {
    if (window.fmLive && window.fmLive.hls) return null;
    if (offsets.length < 5) return null;
    var v = offsets.slice().sort(function (a, b) { return a - b; });
    return v[1];
  }

  function take() {
    if (live) moment = liveMoment();
    else moment = { offset: Math.round(video.currentTime * 1000) };
    root.setAttribute("data-moment", live ? String(moment.ms) : String(moment.offset));
    root.setAttribute("data-moment-how", live ? moment.how : "recording");
    pending.textContent = live ? clockText(moment.ms) : offsetText(moment.offset);
    pending.hidden = false;
    form.elements.body.focus();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clockText(ms) {
    // Paris time, as the rest of the site
    return new Date(ms).toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris", hour12: false });
  }
  function offsetText(ms) {
    var s = Math.floor(ms / 1000);
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  // --- the list -----------------------------------------------------------
  function post(url, fields) {
    var body = new URLSearchParams();
    body.set("csrf_token", token);
    Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
    return fetch(url, { method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().catch(function () { return { ok: false, error: d.failed }; }); });
  }

  function seek(n) {
    if (live || !video) return;
    video.currentTime = Math.max(0, (n.moment - recStart) / 1000);
    video.play();
  }

  function render(n) {
    var li = document.getElementById("note-" + n.id);
    if (n.deleted) { if (li) li.parentNode.removeChild(li); delete notes[n.id]; return; }
    if (!live && (n.moment < recStart - 1000 || n.moment > recEnd + 1000)) return;
    notes[n.id] = n;
    var fresh = el("li", "note" + (n.mine ? " mine" : ""));
    fresh.id = "note-" + n.id;
    fresh.setAttribute("data-moment", String(n.moment));
    var at = live ? n.at : offsetText(n.moment - recStart);
    var time = el(live ? "span" : "button", "at" + (live ? "" : " linkish"), at);
    if (!live) { time.type = "button"; time.addEventListener("click", function () { seek(n); }); }
    fresh.appendChild(time);
    fresh.appendChild(document.createTextNode(" "));
    if (n.tag) { fresh.appendChild(el("span", "tag", n.tag)); fresh.appendChild(document.createTextNode(" ")); }
    fresh.appendChild(el("strong", "author", n.author));
    if (n.private) fresh.appendChild(el("em", "tag private", " " + d.privateTag));
    fresh.appendChild(document.createTextNode(" "));
    fresh.appendChild(el("span", "body", n.body));
    if (!live && window.fmClips) {
      var cb = el("button", "linkish small clip-note", window.fmClips.label);
      cb.type = "button";
      cb.addEventListener("click", function () { window.fmClips.fromNote(n.id, n.body.slice(0, 100)); });
      fresh.appendChild(document.createTextNode(" "));
      fresh.appendChild(cb);
    }
    if (n.mine) {
      var tools = el("span", "tools");
      var e = el("button", "linkish small", d.edit);
      e.type = "button";
      e.addEventListener("click", function () {
        var text = window.prompt(d.edit, n.body);
        if (text === null) return;
        post("/notes/" + n.id, { body: text, tag: n.tag || "", "private": n.private ? "1" : "0" }).then(poll);
      });
      var x = el("button", "linkish small", d.del);
      x.type = "button";
      x.addEventListener("click", function () { post("/notes/" + n.id + "/delete", {}).then(poll); });
      tools.appendChild(e);
      tools.appendChild(x);
      fresh.appendChild(tools);
    }
    if (li) { list.replaceChild(fresh, li); return; }
    // in the order of the moments
    var next = null;
    Array.prototype.some.call(list.querySelectorAll("li.note"), function (o) {
      if (Number(o.getAttribute("data-moment")) > n.moment) { next = o; return true; }
      return false;
    });
    list.insertBefore(fresh, next);
  }

  function tags(t) {
    if (!t || tagSel.options.length - 1 === t.length) return;
    var keep = tagSel.value;
    while (tagSel.options.length > 1) tagSel.remove(1);
    t.forEach(function (x) { var o = el("option", null, x); o.value = x; tagSel.appendChild(o); });
    tagSel.value = keep;
  }

  function apply(s) {
    if (s.now) {
      skew = s.now - Date.now();
      clock = { anchor: s.anchor, edge: s.edge, now: s.now };
      learn(s);
    }
    if (s.start) { recStart = s.start; recEnd = s.end; }
    tags(s.tags);
    (s.notes || []).forEach(render);
    if (typeof s.nseq === "number") nseq = s.nseq;
    empty.hidden = list.querySelector(".note") !== null;
    root.setAttribute("data-nseq", String(nseq));
  }

  // --- polling --------------------------------------------------------------
  var busy = false;
  function poll() {
    if (live) { document.dispatchEvent(new CustomEvent("fm:poll-now")); return; }
    if (busy) return;
    busy = true;
    fetch(d.poll + "?nseq=" + nseq, { credentials: "same-origin", cache: "no-store",
      headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(apply)
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }
  window.fmNotes = { cursor: function () { return nseq; }, apply: apply, take: take };
  if (live) {
    document.addEventListener("fm:poll", function (ev) { apply(ev.detail); });
  } else {
    poll();
    setInterval(poll, 1000);
  }

  // --- taking a note ----------------------------------------------------------
  document.getElementById("note-take").addEventListener("click", take);
  document.addEventListener("keydown", function (ev) {
    var t = ev.target && ev.target.tagName;
    if (ev.key !== "n" && ev.key !== "N") return;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    ev.preventDefault();
    take();
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!moment) take();
    var f = { body: form.elements.body.value, tag: tagSel.value,
      "private": form.elements["private"].checked ? "1" : "0" };
    if (live) f.moment = String(moment.ms); else f.offset_ms = String(moment.offset);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    post(form.action, f).then(function (a) {
      if (a.ok) {
        form.elements.body.value = "";
        error.hidden = true;
        moment = null;
        pending.hidden = true;
        root.setAttribute("data-last-note", String(a.id));
        poll();
      } else {
        error.textContent = a.error || d.failed;
        error.hidden = false;
      }
    }).catch(function () { error.textContent = d.failed; error.hidden = false; })
      .then(function () { button.disabled = false; });
  });
  form.elements.body.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });

  // A link to a moment: /portal/watch/{id}#t=SECONDS
  if (!live && video) {
    var m = /^#t=([0-9]+(?:\.[0-9]+)?)$/.exec(location.hash);
    if (m) {
      var go = function () { video.currentTime = Number(m[1]); };
      if (video.readyState >= 1) go(); else video.addEventListener("loadedmetadata", go, { once: true });
    }
  }
})();
