/* FocusManager - planning: drag a reservation onto another room of the
 * same day.  The move is saved at once (POST /reservations/{id}/move,
 * JSON answer) and can be undone from the message that follows; a move
 * the server refuses (room taken: 409) puts the block back and says why.
 * Without JavaScript, the ⇄ link of each block opens the move form. */
(function () {
  "use strict";
  var grid = document.getElementById("planning");
  var plan = document.getElementById("plan-meta");  // token and messages
  if (!grid || !plan) return;
  var csrf = plan.getAttribute("data-csrf");
  var msgBox = document.getElementById("plan-msg");
  var dragged = null;
  var hideTimer = null;

  function say(text, isError, undo) {
    msgBox.textContent = "";
    var span = document.createElement("span");
    span.textContent = text;
    msgBox.appendChild(span);
    if (undo) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "small undo";
      b.textContent = plan.getAttribute("data-msg-undo");
      b.addEventListener("click", function () { msgBox.hidden = true; undo(); });
      msgBox.appendChild(b);
    }
    msgBox.className = "planmsg" + (isError ? " error" : "");
    msgBox.hidden = false;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { msgBox.hidden = true; }, undo ? 10000 : 6000);
  }

  // Blocks become draggable here, and show their whole text on hover
  // (set now rather than sent with each of hundreds of blocks).
  Array.prototype.forEach.call(grid.querySelectorAll(".blk"), function (b) {
    b.draggable = true;
  });
  grid.addEventListener("mouseover", function (ev) {
    var b = ev.target.closest && ev.target.closest(".blk");
    if (b && !b.title) b.title = b.querySelector("a.open").textContent.replace(/\s+/g, " ").trim();
  });

  function dayOf(blk) {
    return blk.closest("td.drop").getAttribute("data-day");
  }

  // Puts the block into a cell in time order (week view), or into the
  // cell's time line (day view: the grid classes place it).
  function startOf(blk) {
    return blk.querySelector(".t").textContent;
  }

  function place(blk, cell) {
    var box = cell.querySelector(".tl") || cell;
    var start = startOf(blk);
    var others = box.querySelectorAll(".blk");
    for (var i = 0; i < others.length; i++) {
      if (others[i] !== blk && startOf(others[i]) > start) {
        box.insertBefore(blk, others[i]);
        return;
      }
    }
    box.appendChild(blk);
  }

  // The server says when a move needs a word first (another site, issued
  // documents, a box about to record): the question is asked here and the
  // move sent again with confirm=1; a "no" puts the block back.
  function move(blk, room, done, confirmed) {
    var body = "room_id=" + encodeURIComponent(room) + "&csrf_token=" + encodeURIComponent(csrf) +
      (confirmed ? "&confirm=1" : "");
    blk.classList.add("moving");
    fetch("/reservations/" + blk.id.replace("r-", "") + "/move", {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin"
    }).then(function (resp) {
      return resp.json().then(function (data) { return { status: resp.status, data: data }; },
        function () { return { status: resp.status, data: {} }; });
    }).then(function (r) {
      if (r.status === 200 && r.data.confirm && !confirmed) {
        if (window.confirm(r.data.question)) { move(blk, room, done, true); return; }
        blk.classList.remove("moving");
        done(false, { cancelled: true });
        return;
      }
      blk.classList.remove("moving");
      done(r.status === 200 && r.data.ok, r.data);
    }, function () {
      blk.classList.remove("moving");
      done(false, {});
    });
  }

  grid.addEventListener("dragstart", function (ev) {
    var blk = ev.target.closest && ev.target.closest(".blk");
    if (!blk) return;
    dragged = blk;
    blk.classList.add("dragging");
    ev.dataTransfer.effectAllowed = "move";
    ev.dataTransfer.setData("text/plain", blk.id);
  });
  grid.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    var over = grid.querySelectorAll("td.over, td.refuse");
    for (var i = 0; i < over.length; i++) over[i].classList.remove("over", "refuse");
    dragged = null;
  });
  grid.addEventListener("dragover", function (ev) {
    var cell = ev.target.closest && ev.target.closest("td.drop");
    if (!cell || !dragged) return;
    if (cell.getAttribute("data-day") !== dayOf(dragged)) {
      cell.classList.add("refuse");
      return;
    }
    ev.preventDefault();
    ev.dataTransfer.dropEffect = "move";
    cell.classList.add("over");
  });
  grid.addEventListener("dragleave", function (ev) {
    var cell = ev.target.closest && ev.target.closest("td.drop");
    if (cell && !cell.contains(ev.relatedTarget)) cell.classList.remove("over", "refuse");
  });
  grid.addEventListener("drop", function (ev) {
    var cell = ev.target.closest && ev.target.closest("td.drop");
    if (!cell || !dragged) return;
    ev.preventDefault();
    cell.classList.remove("over");
    var blk = dragged;
    var from = blk.closest("td.drop");
    var fromRoom = from.getAttribute("data-room");
    var toRoom = cell.getAttribute("data-room");
    if (cell.getAttribute("data-day") !== dayOf(blk)) {
      say(plan.getAttribute("data-msg-other-day"), true);
      return;
    }
    if (toRoom === fromRoom) return;
    place(blk, cell);
    move(blk, toRoom, function (ok, data) {
      if (!ok) {
        place(blk, from);
        if (data && data.cancelled) say(plan.getAttribute("data-msg-cancelled"), false);
        else say((data && data.error) || plan.getAttribute("data-msg-failed"), true);
        return;
      }
      say(data.message || plan.getAttribute("data-msg-moved"), false, function () {
        move(blk, fromRoom, function (back, d2) {
          if (back) {
            place(blk, from);
            say(plan.getAttribute("data-msg-undone"), false);
          } else {
            say((d2 && d2.error) || plan.getAttribute("data-msg-failed"), true);
          }
        }, true);
      });
    });
  });

  // The date picker shows the chosen day at once.
  var pick = document.querySelector(".datepick input[type=date]");
  if (pick) pick.addEventListener("change", function () { if (pick.value) pick.form.submit(); });
})();
