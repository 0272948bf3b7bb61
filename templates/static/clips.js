/* FocusManager - clips and reels on a recording's page (clips.c,
   portal/clips_panel.cs).  In/out marks from the player's position, or
   a window around a note (notes.js calls fmClips.fromNote); the order's
   clips and reels with their state, polled every 2 s while a job is
   waiting; downloads through /download/{media}.  Names are inserted as
   text. */
(function () {
  "use strict";
  var root = document.getElementById("clips");
  if (!root) return;
  var d = root.dataset;
  var video = document.getElementById("player");
  var form = document.getElementById("clip-form");
  var list = document.getElementById("clip-list");
  var empty = document.getElementById("clip-empty");
  var error = document.getElementById("clip-error");
  var token = form.querySelector("input[name=csrf_token]").value;
  var marks = { in: null, out: null }, timer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hms(ms) {
    var s = Math.floor(ms / 1000);
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }
  function post(url, fields) {
    var body = new URLSearchParams();
    body.set("csrf_token", token);
    Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
    return fetch(url, { method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().catch(function () { return { ok: false, error: d.neterr }; }); });
  }
  function said(a) {
    if (a.ok) { error.hidden = true; refresh(); return; }
    error.textContent = a.error || d.neterr;
    error.hidden = false;
  }

  function mark(which) {
    marks[which] = Math.round(video.currentTime * 1000);
    document.getElementById("clip-" + which + "-at").textContent = hms(marks[which]);
  }
  document.getElementById("clip-in").addEventListener("click", function () { mark("in"); });
  document.getElementById("clip-out").addEventListener("click", function () { mark("out"); });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    post(form.action, { name: form.elements.name.value, start_ms: String(marks.in === null ? "" : marks.in),
      end_ms: String(marks.out === null ? "" : marks.out) }).then(said, said);
  });

  window.fmClips = {
    label: d.clip,
    fromNote: function (id, body) {
      post(form.action, { name: form.elements.name.value || body || d.clip, note: String(id),
        before: document.getElementById("clip-before").value,
        after: document.getElementById("clip-after").value }).then(said, said);
    },
  };

  document.getElementById("reel-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var ids = Array.prototype.map.call(list.querySelectorAll("input[type=checkbox]:checked"),
      function (c) { return c.value; });
    post(d.reel, { name: document.getElementById("reel-name").value, clips: ids.join(",") }).then(said, said);
  });

  function show(c) {
    var li = el("li", "clip " + c.status);
    li.id = "clip-" + c.id;
    if (c.kind === "clip" && c.status === "done") {
      var box = el("input");
      box.type = "checkbox";
      box.value = String(c.id);
      li.appendChild(box);
      li.appendChild(document.createTextNode(" "));
    }
    li.appendChild(el("strong", null, c.name));
    if (c.kind === "clip") li.appendChild(el("span", "muted", " " + hms(c.start_ms) + "–" + hms(c.end_ms)));
    li.appendChild(el("span", "state", " · " + (d[c.status] || c.status)));
    if (c.status === "done" && c.media) {
      li.appendChild(document.createTextNode(" · "));
      var a = el("a", null, d.download);
      a.href = "/download/" + c.media;
      a.setAttribute("download", "");
      li.appendChild(a);
      var w = el("a", null, " ▶");
      w.href = "/download/" + c.media + "?mode=watch";
      li.appendChild(w);
    }
    if (c.status === "failed" && c.error) li.appendChild(el("div", "alert small", c.error));
    return li;
  }

  function refresh() {
    fetch(d.list, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        var ticked = {};
        Array.prototype.forEach.call(list.querySelectorAll("input:checked"), function (c) { ticked[c.value] = true; });
        Array.prototype.forEach.call(list.querySelectorAll("li.clip"), function (li) { li.parentNode.removeChild(li); });
        var waiting = false;
        s.clips.forEach(function (c) {
          var li = show(c);
          var box = li.querySelector("input");
          if (box && ticked[box.value]) box.checked = true;
          list.appendChild(li);
          if (c.status === "queued" || c.status === "running") waiting = true;
        });
        empty.hidden = s.clips.length > 0;
        clearTimeout(timer);
        if (waiting) timer = setTimeout(refresh, 2000);
      })
      .catch(function () { clearTimeout(timer); timer = setTimeout(refresh, 5000); });
  }
  refresh();
})();
