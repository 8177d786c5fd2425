// What a first visit costs: for each page, a fresh browser context (empty
// cache) loads it on a throttled profile and counts the bytes Chromium
// received on the wire (encoded, headers included), by kind, and the time
// until the app has hydrated (<body data-hydrated>). Run through
// bench/first-load, which starts the release server.
//
// Pages: /login, /forgot, /console/login, and /forgot/new-password reached
// through a real Forgot Password flow (Li Si, by security questions) whose
// earlier steps run unthrottled with the cache cleared afterwards.

import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../end2end/package.json"));
const { chromium } = require("@playwright/test");

const base = process.env.BASE_URL;
if (!base) throw new Error("BASE_URL is not set (run bench/first-load)");
const profile = {
  // CDP network emulation: 1.6 Mbps down, 750 kbps up, 150 ms RTT, and a
  // CPU four times slower (a mid-range phone on a weak mobile network).
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  cpu: 4,
};

function kindOf(type, mime, url) {
  if (url.endsWith(".wasm") || mime === "application/wasm") return "wasm";
  switch (type) {
    case "Document":
      return "html";
    case "Script":
      return "js";
    case "Stylesheet":
      return "css";
    case "Image":
      return "img";
    case "Fetch":
    case "XHR":
      return "data";
    default:
      return "other";
  }
}

/** Counts what the page receives from now on, through CDP. */
async function meter(page, throttled) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  if (throttled) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.downloadThroughput,
      uploadThroughput: profile.uploadThroughput,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  }
  const kinds = new Map();
  const bytes = {};
  const files = [];
  cdp.on("Network.responseReceived", (event) => {
    kinds.set(event.requestId, {
      kind: kindOf(event.type, event.response.mimeType, new URL(event.response.url).pathname),
      url: event.response.url,
      encoding: event.response.headers["content-encoding"] ?? event.response.headers["Content-Encoding"] ?? "",
    });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const seen = kinds.get(event.requestId);
    if (!seen) return;
    bytes[seen.kind] = (bytes[seen.kind] ?? 0) + event.encodedDataLength;
    files.push({ ...seen, bytes: event.encodedDataLength });
  });
  return { cdp, bytes, files };
}

async function hydratedAfter(page, url) {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.hasAttribute("data-hydrated")) {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForSelector("body[data-hydrated]", { timeout: 120_000 });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  return page.evaluate(() => window.__hydratedAt);
}

/** Li Si's flow up to the new-password step, in `context`, unmetered. */
async function reachNewPassword(context) {
  const page = await context.newPage();
  await page.goto(`${base}/forgot`);
  const image = page.getByRole("img", { name: /Verification image/ });
  await image.waitFor({ timeout: 60_000 });
  const id = (await image.getAttribute("src")).split("/").pop();
  const answer = (await (await context.request.get(`${base}/dev/captcha/${id}`)).text()).trim();
  await page.waitForSelector("body[data-hydrated]");
  await page.getByLabel("Email address").fill("li.si@example.com");
  await page.getByLabel("Verification code").fill(answer);
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/\/forgot\/method$/);
  await page.waitForSelector("body[data-hydrated]");
  await page.getByLabel("Questions").check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/\/forgot\/questions$/);
  await page.waitForSelector("body[data-hydrated]");
  await page.getByLabel("What city were you born in?").fill("Hangzhou");
  await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
  await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/\/forgot\/new-password$/);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await page.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
});
const pages = ["/login", "/forgot", "/forgot/new-password", "/console/login"];
const rows = [];
const detail = process.env.DETAIL === "1";
for (const path of pages) {
  const context = await browser.newContext();
  if (path === "/forgot/new-password") await reachNewPassword(context);
  const page = await context.newPage();
  const { bytes, files } = await meter(page, true);
  const hydrated = await hydratedAfter(page, `${base}${path}`);
  if (!page.url().endsWith(path)) throw new Error(`${path} ended on ${page.url()}`);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  rows.push({ path, bytes, total, hydrated });
  if (detail) for (const f of files) console.log(`  ${path} ${f.kind} ${f.bytes} ${f.encoding} ${f.url}`);
  await context.close();
}
await browser.close();

const kinds = ["html", "js", "wasm", "css", "img", "data", "other"];
const pad = (v, n) => String(v).padStart(n);
console.log(
  `Throttled: ${profile.downloadThroughput * 8 / 1024 / 1024} Mbps down, ${profile.latency} ms RTT, CPU ${profile.cpu}x slower. Bytes on the wire (encoded, with headers).`,
);
console.log(`${"page".padEnd(22)}${kinds.map((k) => pad(k, 9)).join("")}${pad("total", 10)}${pad("hydrated", 11)}`);
for (const row of rows) {
  console.log(
    `${row.path.padEnd(22)}${kinds.map((k) => pad(row.bytes[k] ?? 0, 9)).join("")}${pad(row.total, 10)}${pad(`${Math.round(row.hydrated)} ms`, 11)}`,
  );
}
const budget = 200 * 1000;
const over = rows.filter((row) => row.total > budget);
console.log(
  over.length === 0
    ? `every page within the budget of ${budget} B`
    : `over the budget of ${budget} B: ${over.map((row) => `${row.path} (${row.total} B)`).join(", ")}`,
);
