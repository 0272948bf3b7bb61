/* FocusManager - the portal's frame: the clock (Paris time, as the
   sessions' schedules). */
(function () {
  "use strict";
  var clock = document.getElementById("clock");
  if (clock) {
    var tick = function () {
      try {
        clock.textContent = new Date().toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris" });
      } catch (e) {
        clock.textContent = new Date().toLocaleTimeString();
      }
    };
    tick();
    setInterval(tick, 1000);
  }
})();
