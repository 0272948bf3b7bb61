#!/usr/bin/env node
// t/browser/forms.js - the back office's forms in Debian's headless
// Chromium.  Run by t/browser/forms.py; prints "ok - name" or
// "not ok - name # details" per check, "# end" at its end.
//   node forms.js BASE_URL LOGIN PASSWORD JSON
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");
const os = require("os");

const [base, login, password, json] = process.argv.slice(2);
const p = JSON.parse(json);
const check = (cond, name, diag) => console.log((cond ? "ok - " : "not ok - ") + name +
  (!cond && diag ? " # " + String(diag).replace(/\n/g, " ") : ""));

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const shot = async (name) => {
      if (!p.shots) return;
      fs.mkdirSync(p.shots, { recursive: true });
      await page.screenshot({ path: path.join(p.shots, name + ".png"), fullPage: true });
    };
    const options = (sel) => page.$$eval(sel + " option", (os) =>
      os.filter((o) => o.value && !o.disabled).map((o) => o.value));
    const loaded = (sel) => page.waitForSelector(sel + '[data-company-loaded="1"]', { timeout: 10000 })
      .then(() => true, () => false);

    await page.goto(base + "/login");
    await page.fill("#f-login", login);
    await page.fill("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);

    // 1. The order form: the contacts follow the company.
    await page.goto(base + "/orders/new?company_id=" + p.acme);
    let ks = await options("#f-contact_id");
    check(ks.includes(String(p.durand)) && !ks.includes(String(p.zed)), "the new order offers Acme's contacts",
      JSON.stringify(ks));
    await page.selectOption("#f-company_id", String(p.zeta));
    check(await loaded("#f-contact_id"), "changing the company reloads the contacts");
    ks = await options("#f-contact_id");
    check(JSON.stringify(ks) === JSON.stringify([String(p.zed)]), "only Zeta's contact is offered now",
      JSON.stringify(ks));
    const bk = await options("#f-billing_contact_id");
    check(bk.length === 0, "and Zeta's billing contacts (none) for billing", JSON.stringify(bk));
    await page.selectOption("#f-billing_company_id", String(p.payeur));
    check(await loaded("#f-billing_contact_id"), "a billing company reloads the billing contacts");
    const bk2 = await options("#f-billing_contact_id");
    check(JSON.stringify(bk2) === JSON.stringify([String(p.carla)]), "Payeur SA's billing contact is offered",
      JSON.stringify(bk2));
    await page.selectOption("#f-billing_company_id", "");
    await page.selectOption("#f-contact_id", String(p.zed));
    await page.fill("#f-study_ref", "FORMS-ZETA");
    await shot("order-new-fr");
    await Promise.all([page.waitForNavigation(), page.click("form button.primary[type=submit]")]);
    check(/\/orders\/\d+/.test(page.url()) && !/\/new/.test(page.url()),
      "the order with Zeta's contact is created (no refusal after the round trip)", page.url());

    // 2. The contact form: the departments follow the company.
    await page.goto(base + "/contacts/new?company_id=" + p.acme);
    const names = () => page.$$eval("#f-department_id option", (os) =>
      os.filter((o) => o.value && !o.disabled).map((o) => o.textContent));
    let ds = await names();
    check(JSON.stringify(ds) === JSON.stringify(["Marketing Acme"]), "Acme's departments", JSON.stringify(ds));
    await page.selectOption("#f-company_id", String(p.zeta));
    check(await loaded("#f-department_id"), "changing the company reloads the departments");
    ds = await names();
    check(JSON.stringify(ds) === JSON.stringify(["Achats Zeta", "Études Zeta"]),
      "Zeta's departments, enabled", JSON.stringify(ds));
    await page.selectOption("#f-department_id", { label: "Études Zeta" });
    await page.fill("#f-last_name", "Nouveau");
    await Promise.all([page.waitForNavigation(), page.click("form.card button.primary[type=submit]")]);
    check(!/\/contacts\/new/.test(page.url()), "the contact is saved", page.url());

    // 3. The catering grid: each invalid cell says what is wrong.
    await page.goto(base + "/orders/" + p.order + "?tab=cat-" + p.catering);
    await page.fill(`input[name="day.0"]`, "2030-03-14");
    await page.fill(`input[name="q.0.${p.cafe}"]`, "-2");
    await page.fill(`input[name="q.0.${p.plateau}"]`, "abc");
    await Promise.all([page.waitForNavigation(), page.click("#grid button.primary")]);
    const cellMsg = (name) => page.$eval(`input[name="${name}"]`, (i) => {
      const m = i.parentElement.querySelector("p.error");
      return [i.getAttribute("aria-invalid"), m ? m.textContent : null,
        m ? m.getBoundingClientRect().height > 0 : false];
    });
    const c1 = await cellMsg(`q.0.${p.cafe}`);
    check(c1[0] === "true" && /négative/.test(c1[1]) && c1[2], "the -2 cell is marked and says why", JSON.stringify(c1));
    const c2 = await cellMsg(`q.0.${p.plateau}`);
    check(c2[0] === "true" && /Nombre invalide/.test(c2[1]) && c2[2], "the abc cell is marked and says why",
      JSON.stringify(c2));
    await shot("grid-errors-fr");

    // 3b. A refused reservation, then another tariff: its times replace
    // the stale ones; times the user types stay.
    await page.goto(base + "/orders/" + p.order + "?tab=reservations");
    const val = (n) => page.$eval(`input[name="${n}"][form="res-new"]`, (i) => i.value);
    await page.selectOption('select[name="tariff_id"][form="res-new"]', String(p.day_tariff));
    check(await val("start") === "09:00" && await val("end") === "18:00", "a tariff fills its times");
    await page.fill('input[name="date"][form="res-new"]', "");
    await Promise.all([page.waitForNavigation(), page.click('button[form="res-new"]')]);
    check(await val("start") === "09:00", "refused (no room, no date): the times are shown back");
    await page.selectOption('select[name="tariff_id"][form="res-new"]', String(p.evening_tariff));
    check(await val("start") === "18:00" && await val("end") === "22:30",
      "after the refusal, another tariff replaces the stale times", (await val("start")) + "-" + (await val("end")));
    await page.fill('input[name="start"][form="res-new"]', "19:15");
    await page.selectOption('select[name="tariff_id"][form="res-new"]', String(p.day_tariff));
    check(await val("start") === "19:15", "a time the user typed stays");
    await shot("reservation-refused-fr");

    // 4. Counts by number.
    await page.goto(base + "/companies?q=Zeta");
    const count = await page.textContent("h1 .count");
    check(/^\s*1 société\s*$/.test(count), "one company: « 1 société »", count);
    await shot("companies-fr");
    await page.goto(base + "/companies/" + p.acme + "/delete");
    const confirm = await page.textContent("section.confirm");
    check(/ne peut pas être supprimée : 1 commande la nomme/.test(confirm),
      "deleting a company with an order: the confirmation page says so", confirm);
    check(await page.$("section.confirm button.danger") === null, "and offers no delete button");
    await shot("company-delete-fr");

    // English.
    await page.goto(base + "/lang/en");
    await page.goto(base + "/companies?q=Zeta");
    const countEn = await page.textContent("h1 .count");
    check(/^\s*1 company\s*$/.test(countEn), "one company: « 1 company »", countEn);
    await shot("companies-en");
    await page.goto(base + "/companies/" + p.acme + "/delete");
    check(/cannot be deleted: 1 order names it/.test(await page.textContent("section.confirm")),
      "in English too");
    await shot("company-delete-en");
    await page.goto(base + "/orders/new?company_id=" + p.acme);
    await shot("order-new-en");
    await page.goto(base + "/orders/" + p.order + "?tab=cat-" + p.catering);
    await page.fill(`input[name="day.0"]`, "2030-03-14");
    await page.fill(`input[name="q.0.${p.cafe}"]`, "-2");
    await Promise.all([page.waitForNavigation(), page.click("#grid button.primary")]);
    const c3 = await cellMsg(`q.0.${p.cafe}`);
    check(/cannot be negative/.test(c3[1]), "the grid's message in English", JSON.stringify(c3));
    await shot("grid-errors-en");
    await page.goto(base + "/lang/fr");

    check(errors.length === 0, "no script error", errors.join(" | "));
    console.log("# end");
  } catch (e) {
    console.log("not ok - the script failed # " + String(e.stack || e).replace(/\n/g, " "));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})();
