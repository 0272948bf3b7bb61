/* FocusManager - small enhancements; every page also works without them. */
(function () {
  "use strict";
  // Forms marked data-confirm ask before they are sent.
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });
  // Changing a contact's company: its departments are no longer valid.
  var company = document.getElementById("f-company_id");
  var dept = document.getElementById("f-department_id");
  if (company && dept) {
    var initial = company.value;
    company.addEventListener("change", function () {
      var same = company.value === initial;
      for (var i = 1; i < dept.options.length; i++) dept.options[i].disabled = !same;
      if (!same) dept.value = "";
    });
  }
  // A file over the upload limit is refused before it is sent for
  // nothing (the server checks again).
  var form = document.querySelector("form.uploadform");
  if (form) {
    form.addEventListener("submit", function (ev) {
      var input = form.querySelector("input[type=file]");
      var max = parseInt(form.getAttribute("data-max"), 10);
      if (input && input.files && input.files[0] && max && input.files[0].size > max) {
        ev.preventDefault();
        window.alert(form.getAttribute("data-too-big"));
      }
    });
  }
})();
