#!/usr/bin/env node
// t/browser/planning.js - drags planning blocks in Debian's headless
// Chromium (never a downloaded browser).  Run by t/browser/planning.py,
// which starts the stack and prepares the reservations; prints one line
// per check: "ok - name" or "not ok - name # details".
//   node planning.js BASE_URL LOGIN PASSWORD JSON
// JSON: {"day": "2030-03-11", "x": id, "y": id, "salle1": id, "salle2": id, "salleA": id}
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
    page.on("console", (m) => {
      // The browser logs the refused move (409) itself: not a script error.
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    await page.goto(base + "/login");
    await page.fill("#f-login", login);
    await page.fill("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    const url = base + "/planning?date=" + p.day + "&view=week";
    const cell = (room) => `td.drop[data-room="${room}"][data-day="${p.day}"]`;
    const roomOf = async (id) => page.$eval("#r-" + id, (b) => b.closest("td.drop").getAttribute("data-room"));
    const message = async () => {
      await page.waitForSelector("#plan-msg:not([hidden])", { timeout: 10000 });
      return page.textContent("#plan-msg");
    };
    const hideMessage = () => page.$eval("#plan-msg", (m) => { m.hidden = true; });

    await page.goto(url);
    check(await roomOf(p.x) === String(p.salle1), "block X starts in Salle 1");

    // 0. Salle A is in Lyon, X in Paris: the planning asks first; "no"
    // leaves X where it was, nothing saved.
    const asked = [];
    let answer = "dismiss";
    const onDialog = (d) => { asked.push(d.message()); if (answer === "accept") d.accept(); else d.dismiss(); };
    page.on("dialog", onDialog);
    await page.dragAndDrop(`#r-${p.x} .flags`, cell(p.salleA));
    let msg = await message();
    check(asked.length === 1 && /autre site/.test(asked[0]) && /Paris → Lyon/.test(asked[0]),
      "a move to another site asks before saving, naming both sites", JSON.stringify(asked));
    check(/laissée où elle était/.test(msg) && await roomOf(p.x) === String(p.salle1),
      "answering no leaves X in Salle 1", msg);
    await page.reload();
    check(await roomOf(p.x) === String(p.salle1), "and nothing was saved");
    await hideMessage();

    // 1. Drag X to Salle A (yes): saved, and still there after a reload.
    answer = "accept";
    await page.dragAndDrop(`#r-${p.x} .flags`, cell(p.salleA));
    msg = await message();
    check(/Réservation déplacée/.test(msg), "dragging X to Salle A says it moved", msg);
    check(await roomOf(p.x) === String(p.salleA), "X is shown in Salle A at once");
    await page.reload();
    check(await roomOf(p.x) === String(p.salleA), "after a reload X is still in Salle A");

    // 2. Drag Y onto Salle A, now taken at that time: refused, Y goes back.
    await page.dragAndDrop(`#r-${p.y} .flags`, cell(p.salleA));
    msg = await message();
    check(/Salle déjà réservée/.test(msg), "dragging Y onto a busy room is refused with a message", msg);
    check(/N° \d+/.test(msg), "the message names the order holding the room", msg);
    check(await page.$eval("#plan-msg", (m) => m.classList.contains("error")), "shown as an error");
    check(await roomOf(p.y) === String(p.salle2), "Y went back to Salle 2");
    await page.reload();
    check(await roomOf(p.y) === String(p.salle2), "after a reload Y is still in Salle 2");

    // 3. A move can be undone (Salle 2 to Salle 1, same site: nothing to ask).
    const before = asked.length;
    await page.dragAndDrop(`#r-${p.y} .flags`, cell(p.salle1));
    msg = await message();
    check(/Réservation déplacée/.test(msg), "Y moved to Salle 1", msg);
    check(asked.length === before, "a move within the site, no documents, no box: no question");
    await page.click("#plan-msg button.undo");
    msg = await message();
    check(/Déplacement annulé/.test(msg), "undo says so", msg);
    check(await roomOf(p.y) === String(p.salle2), "undo puts Y back in Salle 2");
    await page.reload();
    check(await roomOf(p.y) === String(p.salle2), "after a reload Y is in Salle 2");

    // 4. Another day's cell does not take the block.
    const other = `td.drop[data-room="${p.salle1}"]:not([data-day="${p.day}"])`;
    await page.dragAndDrop(`#r-${p.y} .flags`, other);
    await page.waitForTimeout(300);
    check(await roomOf(p.y) === String(p.salle2), "a block does not move to another day");

    page.off("dialog", onDialog);

    // 5. A click opens the order.
    await Promise.all([page.waitForNavigation(), page.click(`#r-${p.x} a.open`)]);
    check(/\/orders\/\d+$/.test(page.url()), "a click on a block opens its order", page.url());
    // 6. The order page's forms work in a browser: their buttons submit
    // forms placed after the cached content (form="..." with the token).
    const orderUrl = page.url();
    await page.selectOption('select[name="room_id"][form="res-new"]', String(p.salle2));
    await page.fill('input[name="date"][form="res-new"]', "2030-03-12");
    await page.selectOption('select[name="tariff_id"][form="res-new"]', String(p.tariff));
    await page.fill('input[name="start"][form="res-new"]', "");
    await page.fill('input[name="end"][form="res-new"]', "");
    await page.selectOption('select[name="tariff_id"][form="res-new"]', "");
    await page.selectOption('select[name="tariff_id"][form="res-new"]', String(p.tariff));
    check(await page.inputValue('input[name="start"][form="res-new"]') === "09:00",
      "choosing a tariff proposes its start time");
    await Promise.all([page.waitForNavigation(), page.click('button[form="res-new"]')]);
    check(/Réservation ajoutée/.test(await page.textContent("main")), "a reservation added from the order page");
    const rows = await page.$$eval("table.reservations tbody tr[id^=res-]", (t) => t.length);
    check(rows === 2, "the order now has two reservations", rows);
    page.once("dialog", (d) => d.accept());
    await Promise.all([page.waitForNavigation(),
      page.click("table.reservations tbody tr[id^=res-]:last-child button[form=rowdel]")]);
    check(/Réservation supprimée/.test(await page.textContent("main")), "deleted after confirmation");
    await page.fill("#f-study_ref", "DRAG-X2");
    await Promise.all([page.waitForNavigation(), page.click("#order-header button[type=submit]")]);
    check(/Modifications enregistrées/.test(await page.textContent("main")), "the header form saves");
    check(await page.inputValue("#f-study_ref") === "DRAG-X2", "with the new study reference");
    check(page.url().startsWith(orderUrl), "staying on the order", page.url());
    check(errors.length === 0, "no JavaScript error", errors.join(" | "));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => { console.log("not ok - the browser script failed # " + String(e).replace(/\n/g, " ")); process.exit(1); });
