/* FocusManager - order page: small helps; every form works without them. */
(function () {
  "use strict";
  // Choosing a tariff puts its time window in start/end, unless the user
  // typed times on this page (times shown back after a refusal, or
  // pre-filled from another tariff, are replaced).
  var sels = document.querySelectorAll('select[name="tariff_id"]');
  Array.prototype.forEach.call(sels, function (sel) {
    var form = sel.getAttribute("form");
    if (!form) return;
    var start = document.querySelector('input[name="start"][form="' + form + '"]');
    var end = document.querySelector('input[name="end"][form="' + form + '"]');
    [start, end].forEach(function (el) {
      if (el) el.addEventListener("input", function () { el.setAttribute("data-typed", "1"); });
    });
    sel.addEventListener("change", function () {
      var opt = sel.options[sel.selectedIndex];
      if (!opt) return;
      [[start, "data-start"], [end, "data-end"]].forEach(function (pair) {
        var el = pair[0], v = opt.getAttribute(pair[1]);
        if (el && v && (!el.value || el.getAttribute("data-typed") !== "1")) el.value = v;
      });
    });
  });
  // The contacts follow the company: app.js.
  // The option grid: a button adds an empty row (copying the last one).
  var grid = document.getElementById("grid");
  var add = grid && grid.querySelector(".addgridrow");
  if (grid && add) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var rows = grid.querySelectorAll("tr.gridrow");
      var n = grid.querySelector('input[name="n"]');
      var last = rows[rows.length - 1];
      var row = last.cloneNode(true);
      var idx = parseInt(n.value, 10);
      Array.prototype.forEach.call(row.querySelectorAll("input, select"), function (el) {
        el.name = el.name.replace(/^(day|room|hours|del|q)\.\d+/, "$1." + idx);
        if (el.type === "checkbox") el.checked = false; else if (el.tagName === "SELECT") el.selectedIndex = 0; else el.value = "";
        el.removeAttribute("aria-invalid");
      });
      Array.prototype.forEach.call(row.querySelectorAll(".error"), function (e) { e.remove(); });
      last.parentNode.appendChild(row);
      n.value = idx + 1;
    });
  }
})();
