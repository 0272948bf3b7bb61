#!/usr/bin/env node
// dev/screenshot.js - logs in and saves screenshots of pages, to look at
// them as a user would:
//   node dev/screenshot.js BASE_URL LOGIN PASSWORD OUT_DIR /path1 /path2 ...
// Uses Debian's Chromium (/usr/bin/chromium), never a downloaded browser.
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");
const os = require("os");

(async () => {
  const [base, login, password, out, ...pages] = process.argv.slice(2);
  fs.mkdirSync(out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = await ctx.newPage();
  if (login !== "-") {
    await page.goto(base + "/login");
    await page.fill("#f-login", login);
    await page.fill("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  }
  for (const p of pages) {
    await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root";
    await page.screenshot({ path: path.join(out, name + ".png"), fullPage: true });
    console.log(path.join(out, name + ".png"));
  }
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
})().catch((e) => { console.error(e); process.exit(1); });
