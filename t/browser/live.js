#!/usr/bin/env node
// t/browser/live.js - the live page in Debian's headless Chromium, driven
// by t/browser/live.py while a box's push is on air.  Two browser
// contexts: A (the order's user account, the browser's own player) and B
// (its live account, hls.js: native HLS hidden from it).  Prints one line
// per check: "ok - name" or "not ok - name # why"; prints STOP-THE-PUSH
// and waits for a line on stdin when it wants the live to end.
//   node live.js BASE_URL JSON
// JSON: {"reservation": id, "user": login, "user_pw": …, "live": login, "live_pw": …,
//        "staff": login, "staff_pw": …, "shots": folder for screenshots or ""}
// Two more contexts where autoplay is restricted (C: with sound only
// after a gesture; D: nothing before a click) and a staff one (E: the
// moderation buttons).
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");
const os = require("os");
const readline = require("readline");

const [base, json] = process.argv.slice(2);
const p = JSON.parse(json);
const check = (cond, name, diag) => console.log((cond ? "ok - " : "not ok - ") + name +
  (!cond && diag ? " # " + String(diag).replace(/\n/g, " ") : ""));
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync",
  "--autoplay-policy=no-user-gesture-required"];

// Before the page's scripts: keep the AudioContext and the ChannelMerger
// that player.js makes, so that the test can listen to what it outputs.
function hookAudio() {
  const Ctx = window.AudioContext;
  const make = Ctx.prototype.createChannelMerger;
  Ctx.prototype.createChannelMerger = function (n) {
    const m = make.call(this, n);
    window.__fmCtx = this;
    window.__fmMerger = m;
    return m;
  };
}
function hideNativeHls() {
  const can = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? "" : can.call(this, type);
  };
}

async function open(profile, login, password, init, args) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true,
    viewport: { width: 1280, height: 900 }, args: args || ARGS,
  });
  for (const f of init) await ctx.addInitScript(f);
  const page = ctx.pages()[0] || await ctx.newPage();
  // Script errors, and the requests that failed, with when they did
  // (the live ends: its HLS files go, and a player may ask once more).
  const errors = [], failed = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location() && m.location().url;
    // The browser's own line for a failed request: counted below, by URL.
    if (/^Failed to load resource/.test(m.text())) return;
    errors.push(m.text() + (where ? " @ " + where : ""));
  });
  page.on("response", (r) => { if (r.status() >= 400) failed.push({ url: r.url(), what: r.status(), at: Date.now() }); });
  page.on("requestfailed", (r) => {
    const what = r.failure() && r.failure().errorText;
    // Aborted by the page itself: the player put away, hls.js destroyed.
    if (what !== "net::ERR_ABORTED") failed.push({ url: r.url(), what, at: Date.now() });
  });
  await page.goto(base + "/login");
  await page.fill("#f-login", login);
  await page.fill("#f-password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  await page.goto(base + "/portal/live/" + p.reservation);
  return { ctx, page, errors, failed };
}

async function playing(page, name) {
  await page.waitForFunction(() => {
    const v = document.getElementById("player");
    return v && !v.hidden && v.currentTime > 2;
  }, null, { timeout: 30000 }).catch(() => {});
  const a = await page.evaluate(() => document.getElementById("player").currentTime);
  await page.waitForTimeout(1500);
  const b = await page.evaluate(() => {
    const v = document.getElementById("player");
    return { t: v.currentTime, w: v.videoWidth, err: v.error && v.error.code, paused: v.paused };
  });
  check(a > 2 && b.t > a + 0.5 && b.w > 0 && !b.err, name + ": the live plays, its currentTime advances",
    JSON.stringify({ a, b }));
}

// The dominant frequency of each output channel of player.js's merger.
async function channels(page) {
  return page.evaluate(async () => {
    const ctx = window.__fmCtx, m = window.__fmMerger;
    if (!ctx || !m) return null;
    if (!window.__fmAn) {
      const sp = ctx.createChannelSplitter(2);
      m.connect(sp);
      window.__fmAn = [0, 1].map((i) => {
        const a = ctx.createAnalyser();
        a.fftSize = 8192;
        a.smoothingTimeConstant = 0;
        sp.connect(a, i);
        return a;
      });
    }
    await new Promise((r) => setTimeout(r, 700));
    return window.__fmAn.map((a) => {
      const d = new Float32Array(a.frequencyBinCount);
      a.getFloatFrequencyData(d);
      let best = 0;
      for (let i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
      return { hz: Math.round(best * ctx.sampleRate / a.fftSize), db: Math.round(d[best]) };
    });
  });
}
const near = (f, hz) => f && Math.abs(f.hz - hz) < 30 && f.db > -80;
// Measures again until the channels say what is expected (a loaded
// machine takes longer to switch and to fill the analysers), 10 s at most.
async function channelsWhen(page, want, ms = 10000) {
  const end = Date.now() + ms;
  let last;
  do {
    last = await channels(page);
    if (last && want(last)) return last;
  } while (Date.now() < end);
  return last;
}

(async () => {
  const profA = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const profB = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  let A, B;
  try {
    A = await open(profA, p.user, p.user_pw, [hookAudio]);
    B = await open(profB, p.live, p.live_pw, [hookAudio, hideNativeHls]);
    const native = await A.page.evaluate(() =>
      document.createElement("video").canPlayType("application/vnd.apple.mpegurl"));
    console.log("# chromium's own HLS: " + JSON.stringify(native));

    // 1. The player starts by itself: the poll says the box is on air.
    await A.page.waitForSelector("#live-status.on-air", { timeout: 10000 }).catch(() => {});
    check(/En direct depuis \d\d:\d\d/.test(await A.page.textContent("#live-status")),
      "the page says the room is live, and since when", await A.page.textContent("#live-status"));
    await playing(A.page, "user account (" + (native ? "native HLS" : "hls.js") + ")");
    await playing(B.page, "live account (hls.js)");
    check(await B.page.getAttribute("body", "data-player") === "hls.js",
      "the live account's page uses hls.js", await B.page.getAttribute("body", "data-player"));
    check(await A.page.getAttribute("body", "data-player") === (native ? "native" : "hls.js"),
      "the user's page uses the browser's HLS when it has it");
    const hlsjs = await B.page.evaluate(() => Array.from(document.scripts).map((s) => s.src)
      .filter((s) => /hls/.test(s)));
    check(hlsjs.length === 1 && hlsjs[0] === base + "/vendor/hls.js/hls.min.js",
      "hls.js comes from the site itself", JSON.stringify(hlsjs));

    // 2. Language buttons: room (left) / translation (right) / both.
    for (const X of [A, B]) {
      await X.page.evaluate(() => { document.getElementById("player").muted = false; });
      await X.page.click('.channels button[data-channel="room"]');
    }
    const room = await channelsWhen(B.page, (c) => near(c[0], 440) && near(c[1], 440));
    check(room && near(room[0], 440) && near(room[1], 440), "« Français »: the room's sound in both ears",
      JSON.stringify(room));
    await B.page.click('.channels button[data-channel="trad"]');
    const trad = await channelsWhen(B.page, (c) => near(c[0], 1000) && near(c[1], 1000));
    check(trad && near(trad[0], 1000) && near(trad[1], 1000), "« Traduction »: the translation in both ears",
      JSON.stringify(trad));
    await B.page.click('.channels button[data-channel="both"]');
    const both = await channelsWhen(B.page, (c) => near(c[0], 440) && near(c[1], 1000));
    check(both && near(both[0], 440) && near(both[1], 1000), "« Les deux »: room left, translation right",
      JSON.stringify(both));
    check(await B.page.$eval('.channels button[data-channel="both"]', (b) => b.classList.contains("on")),
      "the chosen button is marked");
    const roomA = await channelsWhen(A.page, (c) => near(c[0], 440) && near(c[1], 440));
    check(roomA && near(roomA[0], 440) && near(roomA[1], 440), "the buttons work with the other player too",
      JSON.stringify(roomA));

    // 2b. Autoplay restricted.  C: sound needs a gesture, muted may
    // start: the live starts muted, with a button for the sound.
    const GESTURE = ARGS.filter((a) => !/autoplay-policy/.test(a)).concat(["--autoplay-policy=user-gesture-required"]);
    const profC = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
    const C = await open(profC, p.live, p.live_pw, [], GESTURE);
    try {
      await C.page.waitForSelector("#live-unmute:not([hidden])", { timeout: 20000 }).catch(() => {});
      const st = await C.page.evaluate(() => ({ muted: document.getElementById("player").muted,
        mode: document.getElementById("live").getAttribute("data-autoplay"),
        start: document.getElementById("live-start").hidden }));
      check(st.muted && st.mode === "muted" && st.start, "sound refused without a gesture: the live starts muted",
        JSON.stringify(st));
      await playing(C.page, "muted start");
      await C.page.click("#live-unmute");
      const un = await C.page.evaluate(() => ({ muted: document.getElementById("player").muted,
        btn: document.getElementById("live-unmute").hidden }));
      check(!un.muted && un.btn, "its button turns the sound on (and goes)", JSON.stringify(un));
      if (p.shots) await C.page.screenshot({ path: path.join(p.shots, "live-muted-fr.png") });
    } finally {
      await C.ctx.close();
      fs.rmSync(profC, { recursive: true, force: true });
    }
    // D: nothing may play before a click (as some browsers do): the
    // "click to start" overlay, then the live.
    const profD = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
    const D = await open(profD, p.live, p.live_pw, [() => {
      const orig = HTMLMediaElement.prototype.play;
      window.__fmGesture = false;
      document.addEventListener("click", () => { window.__fmGesture = true; }, true);
      HTMLMediaElement.prototype.play = function () {
        if (!window.__fmGesture) return Promise.reject(new DOMException("blocked by the test", "NotAllowedError"));
        return orig.call(this);
      };
    }], GESTURE);
    try {
      const shown = await D.page.waitForSelector("#live-start:not([hidden])", { timeout: 20000 })
        .then(() => true, () => false);
      const paused = await D.page.evaluate(() => document.getElementById("player").paused);
      check(shown && paused, "autoplay blocked: a « click to start » overlay instead of a black player at 0:00");
      if (p.shots) await D.page.screenshot({ path: path.join(p.shots, "live-click-to-start-fr.png") });
      await D.page.click("#live-start");
      await playing(D.page, "after the click");
      check(await D.page.evaluate(() => document.getElementById("live-start").hidden), "the overlay is gone");
    } finally {
      await D.ctx.close();
      fs.rmSync(profD, { recursive: true, force: true });
    }

    // 3. The chat: A writes, B reads within 3 s, as text.
    const text = "Bonjour <b>de A</b> & co " + Date.now();
    await A.page.fill("#chat-name", "Marie");
    await A.page.fill("#chat-body", text);
    const t0 = Date.now();
    await A.page.press("#chat-body", "Enter");
    const seen = await B.page.waitForFunction((s) => Array.from(document.querySelectorAll("#chat-list .body"))
      .some((e) => e.textContent === s), text, { timeout: 3000 }).then(() => true).catch(() => false);
    const ms = Date.now() - t0;
    check(seen, "a message from A appears for B within 3 s (" + ms + " ms)");
    const li = await B.page.$eval("#chat-list li.msg:last-child", (e) => ({
      html: e.innerHTML, author: e.querySelector(".author").textContent,
      at: e.querySelector(".at").textContent }));
    check(!/<b>/.test(li.html) && /&lt;b&gt;/.test(li.html), "as text, never as markup", li.html);
    check(li.author === "Marie" && /^\d\d:\d\d:\d\d$/.test(li.at), "with its author and time", JSON.stringify(li));
    check(await A.page.inputValue("#chat-body") === "", "A's box is emptied after sending");
    check(await B.page.$$eval("#chat-list .tools", (t) => t.length) === 0, "viewers get no moderation buttons");

    // 3b. Staff: clear moderation buttons beside each message.
    const profE = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
    const E = await open(profE, p.staff, p.staff_pw, []);
    try {
      await E.page.waitForFunction((s) => Array.from(document.querySelectorAll("#chat-list .body"))
        .some((e) => e.textContent === s), text, { timeout: 5000 }).catch(() => {});
      const geo = await E.page.$eval("#chat-list li.msg:last-child", (li) => {
        const c = li.querySelector(".content").getBoundingClientRect();
        const bs = Array.from(li.querySelectorAll(".tools button"));
        return { labels: bs.map((b) => b.textContent),
          beside: bs.every((b) => b.getBoundingClientRect().left >= c.right - 0.5),
          sizes: bs.map((b) => { const r = b.getBoundingClientRect(), s = getComputedStyle(b);
            return [Math.round(r.width), Math.round(r.height), s.borderTopStyle, s.borderTopWidth, s.fontSize]; }),
          visible: bs.every((b) => { const r = b.getBoundingClientRect(), s = getComputedStyle(b);
            return r.width > 30 && r.height >= 16 && s.borderTopStyle !== "none" && parseFloat(s.borderTopWidth) >= 1 &&
              parseFloat(s.fontSize) >= 12; }) };
      });
      check(geo.labels.join("|") === "Masquer|Rendre muet", "staff see « Masquer » and « Rendre muet » on each message",
        JSON.stringify(geo));
      check(geo.beside && geo.visible, "as clear buttons beside the message, not over it", JSON.stringify(geo));
      if (p.shots) {
        await E.page.screenshot({ path: path.join(p.shots, "live-staff-fr.png") });
        await E.page.goto(base + "/lang/en");
        await E.page.goto(base + "/portal/live/" + p.reservation);
        await E.page.waitForSelector("#chat-list li.msg", { timeout: 5000 }).catch(() => {});
        await E.page.screenshot({ path: path.join(p.shots, "live-staff-en.png") });
        await E.page.goto(base + "/lang/fr");
      }
      check(E.errors.length === 0, "no JavaScript error for staff", E.errors.join(" | "));
    } finally {
      await E.ctx.close();
      fs.rmSync(profE, { recursive: true, force: true });
    }

    // 4. The box stops: the pages say the live ended.
    const stopped = Date.now();
    console.log("STOP-THE-PUSH");
    const rl = readline.createInterface({ input: process.stdin });
    await new Promise((r) => rl.once("line", r));
    rl.close();
    await A.page.waitForSelector("#live-status.ended", { timeout: 15000 }).catch(() => {});
    check(/terminé à \d\d:\d\d/.test(await A.page.textContent("#live-status")),
      "the end of the live is shown", await A.page.textContent("#live-status"));
    check(await A.page.evaluate(() => document.getElementById("player").hidden), "and the player put away");

    for (const [X, n] of [[A, "A"], [B, "B"]]) {
      check(X.errors.length === 0, "no JavaScript error in " + n, X.errors.join(" | "));
      // A 404 under /hls/ is the players' business, not a fault: old
      // fragments are removed as the live goes on, and all of them when
      // the box stops, while a player may still ask (seen here: the
      // playlist after the end, and once Chromium's own player asking
      // for "11.tss", a name nginx-rtmp never writes).  hls.js and the
      // native player go on.  Any other failure counts, a 403 under
      // /hls/ (the viewer refused) first of all.
      const bad = X.failed.filter((f) => !(/\/hls\//.test(f.url) && f.what === 404));
      check(bad.length === 0, "no failed request in " + n, JSON.stringify(bad));
      if (X.failed.length) console.log("# " + n + ": failed requests (the box stopped at " + stopped + ") " +
        JSON.stringify(X.failed));
    }
  } finally {
    if (A) await A.ctx.close();
    if (B) await B.ctx.close();
    fs.rmSync(profA, { recursive: true, force: true });
    fs.rmSync(profB, { recursive: true, force: true });
  }
})().then(() => process.exit(0),
  (e) => { console.log("not ok - the browser script failed # " + String(e).replace(/\n/g, " ")); process.exit(1); });
