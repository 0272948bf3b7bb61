#!/usr/bin/env node
// bench/live-delay.js - run by bench/live.py: Chromium (Debian's, headless)
// opens the live page as an order account, plays it with hls.js (native
// HLS hidden, as most browsers have none), and for each frame it shows
// (requestVideoFrameCallback) reads the barcode of the wall clock that the
// push drew in the picture: the delay from the making of the frame to its
// display.  Prints {"player": ..., "delays": [seconds...]} on its last line.
//   node live-delay.js BASE_URL RESERVATION LOGIN PASSWORD BASE SECONDS [native]
// With "native", Chromium's own HLS player when it has one.
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [base, resv, login, password, clockBase, secs, native] = process.argv.slice(2);

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required",
      "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    if (native !== "native") {
      await ctx.addInitScript(() => {
        const can = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (t) { return /mpegurl/i.test(t) ? "" : can.call(this, t); };
      });
    }
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(base + "/login");
    await page.fill("#f-login", login);
    await page.fill("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    await page.goto(base + "/portal/live/" + resv);
    await page.waitForFunction(() => document.getElementById("player").currentTime > 3, null, { timeout: 40000 });
    const delays = await page.evaluate(({ clockBase, secs }) => new Promise((done) => {
      const v = document.getElementById("player");
      const c = document.createElement("canvas");
      c.width = 288; c.height = 14;
      const g = c.getContext("2d", { willReadFrequently: true });
      const out = [];
      const end = performance.now() + secs * 1000;
      const frame = (now, meta) => {
        g.drawImage(v, 0, 0, 288, 14, 0, 0, 288, 14);
        const px = g.getImageData(0, 0, 288, 14).data;
        let code = 0;
        for (let k = 0; k < 24; k++) {
          const i = (7 * 288 + k * 12 + 6) * 4;
          if (px[i] > 128) code += 2 ** k;
        }
        // When the frame was presented, on the page's wall clock.
        const shown = performance.timeOrigin + (meta.presentationTime || now);
        out.push(shown / 1000 - clockBase - code / 100);
        if (performance.now() < end) v.requestVideoFrameCallback(frame); else done(out);
      };
      v.requestVideoFrameCallback(frame);
    }), { clockBase: Number(clockBase), secs: Number(secs) });
    const player = await page.getAttribute("body", "data-player");
    console.log(JSON.stringify({ player, delays }));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => { console.log("failed: " + e); process.exit(1); });
