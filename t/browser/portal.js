#!/usr/bin/env node
// t/browser/portal.js - the sponsors' portal in Debian's headless Chromium
// (never a downloaded browser), driven by t/browser/portal.py: a client
// account logs in, plays a recording (its currentTime advances), picks
// the translation channel, downloads the recording, and runs the video
// test.  Prints one line per check: "ok - name" or "not ok - name # why".
//   node portal.js BASE_URL LOGIN PASSWORD JSON
// JSON: {"recording": id, "mp4": media id, "size": bytes, "sha256": hex}
const { chromium } = require("playwright-core");
const crypto = require("crypto");
const path = require("path");
const fs = require("fs");
const os = require("os");

const [base, login, password, json] = process.argv.slice(2);
const p = JSON.parse(json);
const check = (cond, name, diag) => console.log((cond ? "ok - " : "not ok - ") + name +
  (!cond && diag ? " # " + String(diag).replace(/\n/g, " ") : ""));

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "fm-downloads-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    downloadsPath: downloads,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync",
      "--autoplay-policy=no-user-gesture-required"],
  });
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

    // 1. Log in at the common login page: the portal opens.
    await page.goto(base + "/login");
    await page.fill("#f-login", login);
    await page.fill("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    check(page.url() === base + "/portal", "the client lands on the portal", page.url());
    check(/Vidéos et Lives/.test(await page.textContent("header")), "with its tabs");
    await page.waitForFunction(() => /\d\d:\d\d:\d\d/.test(document.getElementById("clock").textContent),
      null, { timeout: 5000 }).catch(() => {});
    check(/\d\d:\d\d:\d\d/.test(await page.textContent("#clock")), "the clock runs");

    // 2. Watch online: the HTML5 player plays the MP4 (H.264/AAC).
    await Promise.all([page.waitForNavigation(), page.click(`#rec-${p.recording} a.watch`)]);
    check(/\/portal\/watch\/\d+$/.test(page.url()), "watch online opens the player page", page.url());
    const codecs = await page.evaluate(() => {
      const v = document.createElement("video");
      return { h264: v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'),
        mp3: document.createElement("audio").canPlayType("audio/mpeg") };
    });
    console.log("# chromium says: H.264/AAC " + JSON.stringify(codecs.h264) + ", MP3 " + JSON.stringify(codecs.mp3));
    check(codecs.h264 !== "", "Debian's chromium can play H.264/AAC MP4", JSON.stringify(codecs));
    await page.evaluate(() => { const v = document.getElementById("player"); v.muted = true; return v.play(); });
    await page.waitForFunction(() => document.getElementById("player").currentTime > 1.0, null, { timeout: 15000 })
      .catch(() => {});
    const t = await page.evaluate(() => {
      const v = document.getElementById("player");
      return { time: v.currentTime, error: v.error && v.error.code, width: v.videoWidth, paused: v.paused };
    });
    check(t.time > 1.0, "the recording plays: its currentTime advances", JSON.stringify(t));
    check(!t.error && t.width > 0, "a picture, no media error", JSON.stringify(t));
    await page.click('.channels button[data-channel="trad"]');
    check(await page.getAttribute("body", "data-channel") === "trad" &&
      await page.$eval('.channels button[data-channel="trad"]', (b) => b.classList.contains("on")),
      "the translation channel can be chosen (Web Audio)");
    const t2 = await page.evaluate(() => document.getElementById("player").currentTime);
    await page.waitForTimeout(600);
    const t3 = await page.evaluate(() => document.getElementById("player").currentTime);
    check(t3 > t2, "and it keeps playing", t2 + " -> " + t3);
    // Seeking asks for a range.
    await page.evaluate(() => { document.getElementById("player").currentTime = 0.2; });
    await page.waitForTimeout(500);
    const t4 = await page.evaluate(() => document.getElementById("player").currentTime);
    check(t4 < t3, "seeking back works", t3 + " -> " + t4);

    // 3. Download it.
    await page.goto(base + "/portal");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`#rec-${p.recording} a.dl-video`)]);
    const saved = path.join(downloads, "got.mp4");
    await dl.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    check(bytes.length === p.size, "the download saves the whole file", bytes.length + " of " + p.size);
    check(crypto.createHash("sha256").update(bytes).digest("hex") === p.sha256, "byte for byte");
    check(/^order\d+-.*\.mp4$/.test(dl.suggestedFilename()), "under a readable name", dl.suggestedFilename());

    // 4. The video test.
    await page.goto(base + "/portal/test");
    check(/suffisante/.test(await page.textContent("#test-screen .verdict")), "the screen test says 1280x900 is enough",
      await page.textContent("#test-screen"));
    check(/MP4/.test(await page.textContent("#codec-verdict")), "the codec test passes",
      await page.textContent("#codec-verdict"));
    await page.evaluate(() => { const v = document.getElementById("player"); v.muted = true; return v.play(); });
    await page.waitForFunction(() => document.getElementById("player").currentTime > 0.5, null, { timeout: 10000 })
      .catch(() => {});
    check(await page.evaluate(() => document.getElementById("player").currentTime) > 0.5, "the test clip plays");
    await page.click('.channels button[data-channel="room"]');
    check(await page.getAttribute("body", "data-channel") === "room", "its room channel can be chosen");
    await page.click("#speed-run");
    await page.waitForFunction(() => document.querySelector("#test-speed .verdict").textContent.length > 0,
      null, { timeout: 20000 }).catch(() => {});
    const mbits = parseFloat(await page.getAttribute("#test-speed .value", "data-mbits"));
    check(mbits > 3.2, "the speed test measures the link (over 3.2 Mbit/s here)", mbits);
    check(/suffisant/.test(await page.textContent("#test-speed .verdict")), "and says it is enough");
    const shown = await page.textContent("#test-speed .value");
    check(/^[\d\u202f\u00a0 ]+,\d\u00a0Mbit\/s$/.test(shown), "the figure the French way (decimal comma)", shown);

    check(errors.length === 0, "no JavaScript error", errors.join(" | "));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
  }
})().catch((e) => { console.log("not ok - the browser script failed # " + String(e).replace(/\n/g, " ")); process.exit(1); });
