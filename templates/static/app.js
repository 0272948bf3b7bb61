/* FocusManager - small enhancements; every page also works without them. */
(function () {
  "use strict";
  // Forms marked data-confirm ask before they are sent.
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });
  // Lists that follow a company: the order form's contacts and billing
  // contacts, the contact form's departments are replaced by the chosen
  // company's at once (GET /companies/N/choices).  Without the script the
  // server checks the pair when the form is sent.
  function refill(select, rows) {
    var keep = select.value, first = select.options[0];
    while (select.options.length > 1) select.remove(1);
    rows.forEach(function (row) {
      var o = document.createElement("option");
      o.value = String(row.id);
      o.textContent = row.name;
      select.appendChild(o);
    });
    select.value = keep;
    if (select.value !== keep) select.value = first ? first.value : "";
    select.setAttribute("data-company-loaded", "1");
  }
  function follow(companySel, pairs) {
    if (!companySel) return;
    companySel.addEventListener("change", function () {
      var id = companySel.value;
      pairs.forEach(function (p) { if (p.select && p.active()) p.select.setAttribute("data-company-loaded", "0"); });
      if (!/^\d+$/.test(id)) {
        pairs.forEach(function (p) { if (p.select && p.active()) refill(p.select, []); });
        return;
      }
      fetch("/companies/" + id + "/choices", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
        .then(function (doc) {
          pairs.forEach(function (p) { if (p.select && p.active()) refill(p.select, doc[p.list] || []); });
        })
        .catch(function () {
          pairs.forEach(function (p) { if (p.select && p.active()) { p.select.value = ""; } });
        });
    });
  }
  var always = function () { return true; };
  var company = document.getElementById("f-company_id");
  var dept = document.getElementById("f-department_id");
  var contact = document.getElementById("f-contact_id");
  var billing = document.getElementById("f-billing_company_id");
  var billingContact = document.getElementById("f-billing_contact_id");
  if (dept) follow(company, [{ select: dept, list: "departments", active: always }]);
  if (contact) {
    follow(company, [{ select: contact, list: "contacts", active: always },
      // The billing contacts are the client's while no billing company is chosen.
      { select: billingContact, list: "billing_contacts", active: function () { return !billing || !billing.value; } }]);
  }
  if (billing && billingContact) {
    follow(billing, [{ select: billingContact, list: "billing_contacts", active: always }]);
    billing.addEventListener("change", function () {
      if (!billing.value && company && company.value) company.dispatchEvent(new Event("change"));
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
