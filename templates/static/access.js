/* FocusManager - "send the access codes": a password typed in place of
   the proposed one replaces it in its account's message too. */
(function () {
  "use strict";
  var fields = document.querySelectorAll("section.account input.pw");
  Array.prototype.forEach.call(fields, function (input) {
    var section = input.closest("section.account");
    var message = section && section.querySelector("textarea");
    input.addEventListener("input", function () {
      var before = input.getAttribute("data-previous");
      if (message && before && input.value && message.value.indexOf(before) >= 0)
        message.value = message.value.split(before).join(input.value);
      input.setAttribute("data-previous", input.value);
    });
  });
})();
