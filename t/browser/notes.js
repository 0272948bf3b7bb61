#!/usr/bin/env node
// t/browser/notes.js - observers' notes in Debian's headless Chromium,
// driven by t/browser/notes.py while a push with a barcode clock is on
// air.  A: the order's user account (hls.js: native HLS hidden from it);
// B: its client account (the browser's own HLS player when it has one).
// Prints "ok - name" / "not ok - name # why"; prints "RECORDING <moment>"
// and reads the recording's id on stdin when it wants the recording.
//   node notes.js BASE_URL JSON
const { chromium } = require("playwright-core");
const path = require("path");
const fs = require("fs");
const os = require("os");
const readline = require("readline");

const [base, json] = process.argv.slice(2);
const p = JSON.parse(json);
const todo = (cond, name, diag) => console.log((cond ? "todo ok - " : "todo not ok - ") + name +
  (diag !== undefined && !cond ? " # " + String(diag).replace(/\n/g, " ") : ""));
const check = (cond, name, diag) => console.log((cond ? "ok - " : "not ok - ") + name +
  (!cond && diag ? " # " + String(diag).replace(/\n/g, " ") : ""));
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync",
  "--autoplay-policy=no-user-gesture-required"];

function hideNativeHls() {
  const can = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? "" : can.call(this, type);
  };
}

async function open(profile, login, password, init) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true,
    viewport: { width: 1280, height: 1000 }, args: ARGS,
  });
  for (const f of init) await ctx.addInitScript(f);
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/login");
  await page.fill("#f-login", login);
  await page.fill("#f-password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  return { ctx, page, errors };
}

// In the page: at the next presented frames, read the barcode (seconds
// since BASE) and take a note's moment at once; n samples.
function sample(args) {
  const { n, bits, bw, bh, take } = args;
  return new Promise((done) => {
    const v = document.getElementById("player");
    const c = document.createElement("canvas");
    c.width = bits * bw; c.height = bh;
    const g = c.getContext("2d", { willReadFrequently: true });
    const out = [];
    let skip = 0;
    const frame = (now, meta) => {
      if (skip++ % 10 === 0) {
        g.drawImage(v, 0, 0, bits * bw, bh, 0, 0, bits * bw, bh);
        const px = g.getImageData(0, 0, bits * bw, bh).data;
        let code = 0;
        for (let k = 0; k < bits; k++) {
          const i = ((bh >> 1) * bits * bw + k * bw + (bw >> 1)) * 4;
          if (px[i] > 128) code += 2 ** k;
        }
        let m = null, how = null;
        if (take) {
          window.fmNotes.take();
          const r = document.getElementById("notes");
          m = Number(r.getAttribute("data-moment"));
          how = r.getAttribute("data-moment-how");
        }
        out.push({ code: code / 100, moment: m, how, media: meta.mediaTime, t: v.currentTime });
      }
      if (out.length < n) v.requestVideoFrameCallback(frame); else done(out);
    };
    v.requestVideoFrameCallback(frame);
  });
}

const wait = (page, fn, arg, ms) => page.waitForFunction(fn, arg, { timeout: ms }).then(() => true, () => false);

(async () => {
  const profA = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  const profB = fs.mkdtempSync(path.join(os.tmpdir(), "fm-chromium-"));
  let A, B;
  const rl = readline.createInterface({ input: process.stdin });
  const lines = rl[Symbol.asyncIterator]();
  try {
    A = await open(profA, p.user, p.user_pw, [hideNativeHls]);
    B = await open(profB, p.client, p.client_pw, []);
    for (const X of [A, B]) await X.page.goto(base + "/portal/live/" + p.reservation);
    for (const [X, name] of [[A, "user (hls.js)"], [B, "client"]]) {
      const ok = await wait(X.page, () => {
        const v = document.getElementById("player");
        return v && !v.hidden && v.currentTime > 3 && document.getElementById("notes").getAttribute("data-nseq") !== null;
      }, null, 40000);
      check(ok, name + ": the live plays beside the notes panel");
    }
    await A.page.waitForTimeout(3000);
    // 1. Precision on the live.
    const a = await A.page.evaluate(sample, { n: 8, bits: p.bits, bw: p.bw, bh: p.bh, take: true });
    const errA = a.map((x) => x.moment / 1000 - (p.base + x.code));
    console.log("# hls.js: note moment - picture clock (s): " + errA.map((e) => e.toFixed(2)).join(" ") +
      " (" + a[0].how + ")");
    check(a.every((x) => x.how === "pts"), "hls.js: the moment comes from the frame's PTS", JSON.stringify(a[0]));
    check(errA.every((e) => Math.abs(e) <= 1), "hls.js: the note's moment is the picture's clock within 1 s",
      errA.join(" "));
    const player = await B.page.getAttribute("body", "data-player");
    const b = await B.page.evaluate(sample, { n: 8, bits: p.bits, bw: p.bw, bh: p.bh, take: true });
    const errB = b.map((x) => x.moment / 1000 - (p.base + x.code));
    console.log("# " + player + ": currentTime - picture clock (s): " + b.map((x) => (x.t - x.code).toFixed(2)).join(" "));
    console.log("# " + player + ": note moment - picture clock (s): " + errB.map((e) => e.toFixed(2)).join(" ") +
      " (" + b[0].how + ")");
    // The browser's own player gives no frame timestamps: its offset is
    // learnt from the newest fragment, and is not steady on a loaded
    // machine yet (docs/live.md): a TODO for it, a check for hls.js.
    (player === "native" ? todo : check)(errB.every((e) => Math.abs(e) <= 1),
      player + ": the note's moment is the picture's clock within 1 s", errB.join(" "));

    // 2. Sharing: key N, a tag, text, Enter in A; B sees it.
    await A.page.click("h1");
    const shown = await A.page.evaluate(sample, { n: 1, bits: p.bits, bw: p.bw, bh: p.bh, take: false });
    await A.page.keyboard.press("n");
    const moment = Number(await A.page.getAttribute("#notes", "data-moment"));
    check(Math.abs(moment / 1000 - (p.base + shown[0].code)) <= 1.5, "key N takes the moment shown",
      moment / 1000 - (p.base + shown[0].code));
    await A.page.selectOption("#note-tag", "Prix");
    await A.page.fill("#note-body", "<b>Trop cher</b>, dit P3");
    const t0 = Date.now();
    await A.page.press("#note-body", "Enter");
    const got = await wait(B.page, () => Array.prototype.some.call(document.querySelectorAll("#note-list .body"),
      (e) => e.textContent === "<b>Trop cher</b>, dit P3"), null, 3000);
    check(got, "the note appears in the other account's page within 3 s (" + (Date.now() - t0) + " ms)");
    const html = await B.page.evaluate(() => document.getElementById("note-list").innerHTML);
    check(!/<b>Trop/.test(html), "as text", html.slice(0, 200));
    const id = await A.page.getAttribute("#notes", "data-last-note");
    const tag = await B.page.evaluate((id) => { const e = document.querySelector("#note-" + id + " .tag"); return e && e.textContent; }, id);
    check(tag === "Prix", "with its tag", tag);

    // 3. The recording at the note's moment.
    console.log("RECORDING " + moment);
    const rec = (await lines.next()).value.trim();
    await A.page.goto(base + "/portal/notes");
    const href = await A.page.getAttribute("#note-" + id + " a.moment", "href");
    check(href && href.indexOf("/portal/watch/" + rec + "#t=") === 0, "the notes page links the note to the recording", href);
    await A.page.goto(base + href);
    const ready = await wait(A.page, () => {
      const v = document.getElementById("player");
      return v && v.readyState >= 2 && v.currentTime > 1 && !v.seeking;
    }, null, 15000);
    check(ready, "the recording opens at the note's second");
    await A.page.evaluate(() => document.getElementById("player").pause());
    await A.page.waitForTimeout(500);
    // paused: read the frame shown directly
    const code = await A.page.evaluate((a) => {
      const v = document.getElementById("player");
      const c = document.createElement("canvas");
      c.width = a.bits * a.bw; c.height = a.bh;
      const g = c.getContext("2d");
      g.drawImage(v, 0, 0, c.width, c.height, 0, 0, c.width, c.height);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      let code = 0;
      for (let k = 0; k < a.bits; k++) if (px[((a.bh >> 1) * c.width + k * a.bw + (a.bw >> 1)) * 4] > 128) code += 2 ** k;
      return code / 100;
    }, p);
    const err = moment / 1000 - (p.base + code);
    console.log("# recording: note moment - picture clock at the link: " + err.toFixed(2) + " s");
    check(Math.abs(err) <= 1, "the recording shows the note's moment within 1 s", err);
    const listed = await wait(A.page, (id) => !!document.getElementById("note-" + id), id, 5000);
    check(listed, "the live's note is listed beside the recording");
    // A clip around the note, from its button (fm-media clips runs).
    await A.page.fill("#clip-before", "3");
    await A.page.fill("#clip-after", "2");
    await A.page.click("#note-" + id + " .clip-note");
    const clipped = await wait(A.page, () => !!document.querySelector("#clip-list li.clip.done a[download]"), null, 30000);
    const clipInfo = await A.page.evaluate(() => { const a = document.querySelector("#clip-list li.clip a[download]");
      const li = document.querySelector("#clip-list li.clip"); return { href: a && a.getAttribute("href"), text: li && li.textContent }; });
    check(clipped && /^\/download\/\d+$/.test(clipInfo.href), "a clip around the note is made and offered for download", JSON.stringify(clipInfo));
    console.log("CLIP " + (clipInfo.href || ""));
    const clipOk = (await lines.next()).value.trim();
    check(clipOk === "ok", "the clip is the window around the note (ffprobe, barcode)", clipOk);
    // Deleting it: B's live page drops it.
    await A.page.click("#note-" + id + " .tools button:last-child");
    const gone = await wait(B.page, (id) => !document.getElementById("note-" + id), id, 3000);
    check(gone, "deleted by its author: it leaves the other account's page within 3 s");
    check(A.errors.length === 0 && B.errors.length === 0, "no script errors", A.errors.concat(B.errors).join("; "));
  } catch (e) {
    check(false, "the browser script", e.stack || e);
  } finally {
    rl.close();
    for (const X of [A, B]) if (X) await X.ctx.close().catch(() => {});
    for (const d of [profA, profB]) fs.rmSync(d, { recursive: true, force: true });
  }
})();
