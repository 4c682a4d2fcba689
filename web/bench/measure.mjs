// The web app's measured figures (issue 25, "Measured"), against a server
// seeded with the small bench profile (10,000 accounts, 100,000 posts, seed
// 2026, as bench/server/run.sh), in Debian's chromium through playwright-core
// (the browser tests' copy in web/tests/e2e/node_modules):
//
//   web/bench/run.sh [--binary build/piaf] [--web-dir DIR] [--seeded DIR --tokens FILE]
//                    [--out build-bench/results] [--loads 5]
//
// --seeded/--tokens: a store made by `piaf seed ... --tokens-out FILE` (else
// one is seeded into a temporary directory, about 10 s). The server runs on a
// copy. Writes OUT/web.json and OUT/web.md (a markdown fragment for
// bench/REPORT.md) and prints the fragment.
//
// (a) JS and CSS of the first signed-in load: every script and stylesheet
//     response until "piaf:home-painted" and 2 s of quiet after it, as the
//     browser received them (CDP Network.loadingFinished encodedDataLength,
//     headers included, in whatever encoding the browser was offered), and
//     the same URLs' bodies fetched again with Accept-Encoding: gzip only
//     (the target's measure).
// (b) navigation start -> performance.mark("piaf:home-painted"), signed in,
//     median of N cold loads (a new browser context each: empty cache); then
//     with the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate); the same
//     for a visitor on a permalink ("piaf:thread-painted"). One load of each
//     before the measured ones warms the server, not the browser.
// (c) posts loaded by scrolling (mouse wheel, 1,200 px every 100 ms), counted
//     from the timeline API responses: DOM elements, JS heap after a forced GC
//     (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage) at 100 posts and
//     at 1,000, the longest long task while scrolling (PerformanceObserver
//     "longtask"). On the home timeline (which the server keeps to its newest
//     800) and on the profile of the account with the most posts (1,000).
import { createRequire } from "node:module";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, openSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { request as httpRequest } from "node:http";
import { loadavg, tmpdir, cpus } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const here = new URL(".", import.meta.url).pathname;
const root = resolve(here, "../..");
const requireE2e = createRequire(join(root, "web/tests/e2e/package.json"));
const { chromium } = requireE2e("playwright-core");

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];

function parseArgs(argv) {
  const o = { binary: join(root, "build/piaf"), out: join(root, "build-bench/results"), loads: 5 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i], v = argv[i + 1];
    if (k === "--binary") { o.binary = resolve(v); i++; }
    else if (k === "--web-dir") { o.webDir = resolve(v); i++; }
    else if (k === "--seeded") { o.seeded = resolve(v); i++; }
    else if (k === "--tokens") { o.tokens = resolve(v); i++; }
    else if (k === "--out") { o.out = resolve(v); i++; }
    else if (k === "--loads") { o.loads = Number(v); i++; }
    else throw new Error(`unknown argument ${k}`);
  }
  return o;
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x, d = 0) => (x === null || x === undefined ? null : Number(x.toFixed(d)));
const sql = (db, q) => execFileSync("/usr/bin/python3", ["-c",
  "import sqlite3, sys, json; print(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()))", db, q],
{ encoding: "utf8" });

// The raw (still compressed) size of a body fetched with Accept-Encoding: gzip.
function gzipBytes(url) {
  return new Promise((res, rej) => {
    const req = httpRequest(url, { headers: { "Accept-Encoding": "gzip" } }, (r) => {
      let n = 0;
      r.on("data", (c) => { n += c.length; });
      r.on("end", () => res({ bytes: n, encoding: r.headers["content-encoding"] || "identity" }));
    });
    req.on("error", rej);
    req.end();
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), "piaf-webbench-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let seeded = o.seeded, tokens = o.tokens, seedSeconds = null;
  if (!seeded) {
    seeded = join(work, "seeded");
    tokens = join(work, "tokens");
    const t0 = Date.now();
    execFileSync(o.binary, ["seed", "--data-dir", seeded, "--users", "10000", "--posts", "100000",
      "--tokens-out", tokens, "--seed", "2026", "--public-url", origin], { stdio: "inherit" });
    seedSeconds = (Date.now() - t0) / 1000;
  }
  const data = join(work, "serve");
  cpSync(seeded, data, { recursive: true });
  const db = join(data, "piaf.db");
  const tokenOf = new Map(readFileSync(tokens, "utf8").trim().split("\n").map((l) => l.split("\t")));

  // The accounts: the largest home (for scrolling), a typical one (the
  // median home size) for the load times, the account with the most posts.
  const homes = JSON.parse(sql(db, `SELECT CAST(f.account_id AS TEXT), SUM(s.statuses) AS n FROM follows f
    JOIN account_stats s ON s.account_id = f.target_account_id GROUP BY f.account_id ORDER BY n`));
  const typical = homes[Math.floor(homes.length / 2)];
  const largest = homes[homes.length - 1];
  const [[prolificId, prolificName, prolificPosts]] = JSON.parse(sql(db, `SELECT CAST(a.id AS TEXT), a.username, s.statuses
    FROM account_stats s JOIN accounts a ON a.id = s.account_id ORDER BY s.statuses DESC LIMIT 1`));

  const log = openSync(join(work, "serve.log"), "a");
  const args = ["serve", "--data-dir", data, "--listen", `127.0.0.1:${port}`];
  if (o.webDir) args.push("--web-dir", o.webDir);
  const server = spawn(o.binary, args, { stdio: ["ignore", log, log] });
  closeSync(log);
  const cleanup = () => { try { server.kill("SIGTERM"); } catch { /* gone */ } };
  process.on("exit", cleanup);
  for (let i = 0; ; i++) {
    try { if ((await fetch(origin + "/api/v1/instance")).ok) break; } catch { /* not yet */ }
    if (i > 600) throw new Error("piaf serve did not start");
    await sleep(100);
  }
  const app = await (await fetch(origin + "/api/v1/apps", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_name: "Piaf web", redirect_uris: origin + "/oauth/callback", scopes: "read write follow" }) })).json();
  const piafApp = JSON.stringify({ client_id: app.client_id, client_secret: app.client_secret, origin });

  // A permalink with a conversation: the public post with the most replies.
  const [[threadId, threadUser]] = JSON.parse(sql(db, `SELECT CAST(s.id AS TEXT), a.username FROM statuses s JOIN accounts a
    ON a.id = s.account_id WHERE s.visibility = 0 ORDER BY s.replies_count DESC LIMIT 1`));
  const permalink = `/@${threadUser}/${threadId}`;

  const browser = await chromium.launch({ executablePath: process.env.PIAF_CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const contextFor = (accountId) => browser.newContext({
    viewport: { width: 1280, height: 800 }, locale: "en-US",
    storageState: accountId ? { cookies: [], origins: [{ origin, localStorage: [
      { name: "piaf.app", value: piafApp }, { name: "piaf.token", value: tokenOf.get(accountId) }] }] } : undefined,
  });
  // Polls with page.evaluate: waitForFunction's predicate is refused by the
  // page's CSP (no 'unsafe-eval').
  const waitIn = async (page, fn, arg, timeout, what) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await page.evaluate(fn, arg).catch(() => null);
      if (v !== null && v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms on ${page.url()}`);
      await sleep(20);
    }
  };
  const markTime = (page, mark, timeout = 30000) => waitIn(page,
    (m) => performance.getEntriesByName(m, "mark")[0]?.startTime ?? null, mark, timeout, `performance mark ${mark}`);
  const results = {
    when: new Date().toISOString(), server: origin, seed: { users: 10000, posts: 100000, seed: 2026, seconds: seedSeconds },
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, loadavg_at_start: loadavg().map((x) => round(x, 2)) },
    chromium: browser.version(), accounts: { typical: { id: typical[0], home_posts_followed: typical[1] },
      largest_home: { id: largest[0], home_posts_followed: largest[1] },
      prolific: { username: prolificName, posts: prolificPosts } }, permalink,
  };

  // (a) The first signed-in load's JS and CSS.
  {
    const context = await contextFor(typical[0]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const reqs = new Map();
    cdp.on("Network.responseReceived", (e) => reqs.set(e.requestId, { url: e.response.url, type: e.type,
      mime: e.response.mimeType, encoding: e.response.headers["content-encoding"] || e.response.headers["Content-Encoding"] || "identity" }));
    cdp.on("Network.loadingFinished", (e) => { const r = reqs.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
    await page.goto(origin + "/");
    const painted = await markTime(page, "piaf:home-painted");
    await sleep(2000);
    // Loaded before the mark: resource timing, in the page's own clock.
    const endOf = new Map(await page.evaluate(() => performance.getEntriesByType("resource")
      .map((e) => [e.name, e.responseEnd])));
    const assets = [];
    for (const r of reqs.values()) {
      if (!(r.type === "Script" || r.type === "Stylesheet") || r.bytes === undefined) continue;
      const gz = await gzipBytes(r.url);
      assets.push({ url: new URL(r.url).pathname, type: r.type, transferred: r.bytes, encoding: r.encoding,
        gzip_body: gz.bytes, gzip_encoding: gz.encoding, before_paint: (endOf.get(r.url) ?? Infinity) <= painted });
    }
    const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
    results.first_load = {
      assets,
      transferred_bytes: sum(assets, "transferred"),
      gzip_bytes: sum(assets, "gzip_body"),
      gzip_bytes_before_paint: sum(assets.filter((a) => a.before_paint), "gzip_body"),
      home_painted_ms: round(painted),
    };
    await context.close();
  }

  // (b) Cold loads.
  const coldLoads = async (path, accountId, mark, rate) => {
    const times = [];
    for (let i = 0; i <= o.loads; i++) {
      const context = await contextFor(accountId);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (rate > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate });
      await page.goto(origin + path);
      const t = await markTime(page, mark, 60000);
      if (i > 0) times.push(round(t));  // the first warms the server
      await context.close();
    }
    return { median_ms: median(times), loads_ms: times };
  };
  results.home_painted = { cpu_1x: await coldLoads("/", typical[0], "piaf:home-painted", 1),
    cpu_4x: await coldLoads("/", typical[0], "piaf:home-painted", 4) };
  results.thread_painted = { cpu_1x: await coldLoads(permalink, null, "piaf:thread-painted", 1),
    cpu_4x: await coldLoads(permalink, null, "piaf:thread-painted", 4) };

  // (c) Scrolling.
  const scroll = async (path, accountId, apiPattern, goal) => {
    const context = await contextFor(accountId);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
        .observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    let loaded = 0;
    page.on("response", async (r) => {
      if (!apiPattern.test(new URL(r.url()).pathname) || r.request().method() !== "GET") return;
      try { const body = await r.json(); if (Array.isArray(body)) loaded += body.length; } catch { /* not JSON */ }
    });
    await page.goto(origin + path);
    await waitIn(page, () => document.querySelectorAll("article").length > 0, null, 30000, "a post");
    await sleep(1000);
    await page.mouse.move(640, 400);
    const measure = async () => {
      await sleep(700);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = await cdp.send("Runtime.getHeapUsage");
      const dom = await page.evaluate(() => ({ elements: document.getElementsByTagName("*").length,
        articles: document.querySelectorAll("article").length }));
      return { posts_loaded: loaded, dom_elements: dom.elements, articles_in_dom: dom.articles,
        js_heap_used_bytes: heap.usedSize };
    };
    const scrollStart = await page.evaluate(() => performance.now());
    const out = { path };
    let last = loaded, lastChange = Date.now();
    const checkpoints = [100, goal];
    while (checkpoints.length) {
      if (loaded >= checkpoints[0]) {
        out[`at_${checkpoints[0]}`] = await measure();
        checkpoints.shift();
        continue;
      }
      await page.mouse.wheel(0, 1200);
      await sleep(100);
      if (loaded !== last) { last = loaded; lastChange = Date.now(); }
      if (Date.now() - lastChange > 20000) {  // nothing more loads
        out.ended_at = await measure();
        out.note = `loading stopped at ${loaded} posts`;
        break;
      }
    }
    const tasks = await page.evaluate((s) => window.__longTasks.filter(([t]) => t >= s), scrollStart);
    out.long_tasks_while_scrolling = tasks.length;
    out.longest_long_task_ms = tasks.length ? round(Math.max(...tasks.map(([, d]) => d))) : 0;
    const hi = out[`at_${goal}`] || out.ended_at;
    if (out.at_100 && hi) out.heap_ratio = round(hi.js_heap_used_bytes / out.at_100.js_heap_used_bytes, 2);
    await context.close();
    return out;
  };
  results.scroll_home = await scroll("/", largest[0], /^\/api\/v1\/timelines\/home$/, 800);
  results.scroll_profile = await scroll(`/@${prolificName}`, typical[0], /^\/api\/v1\/accounts\/\d+\/statuses$/, 1000);
  results.machine.loadavg_at_end = loadavg().map((x) => round(x, 2));

  await browser.close();
  cleanup();
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "web.json"), JSON.stringify(results, null, 2) + "\n");
  const md = markdown(results);
  writeFileSync(join(o.out, "web.md"), md);
  process.stdout.write(md);
  rmSync(work, { recursive: true, force: true });
}

function markdown(r) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const f = r.first_load;
  const scrollRow = (name, s, goal) => {
    const hi = s[`at_${goal}`] || s.ended_at || {};
    const lo = s.at_100 || {};
    return `| ${name} (\`${s.path}\`) | ${hi.posts_loaded ?? "–"} | ${hi.dom_elements ?? "–"} (${hi.articles_in_dom ?? "–"} articles) | ` +
      `${lo.js_heap_used_bytes ? (lo.js_heap_used_bytes / 1048576).toFixed(1) : "–"} MB → ${hi.js_heap_used_bytes ? (hi.js_heap_used_bytes / 1048576).toFixed(1) : "–"} MB (×${s.heap_ratio ?? "–"}) | ` +
      `${s.longest_long_task_ms} ms (${s.long_tasks_while_scrolling} over 50 ms) |${s.note ? ` ${s.note}` : ""}`;
  };
  return `### The web app in the browser

\`web/bench/run.sh\` (${r.when}), Chromium ${r.chromium} headless, ${r.machine.cores} cores (${r.machine.cpu}; load average ${r.machine.loadavg_at_start.join(" / ")} at the start), small profile (10,000 accounts, 100,000 posts, seed 2026).

| measure | figure | target |
| --- | --- | --- |
| JS + CSS of the first signed-in load, gzip | ${kb(f.gzip_bytes)} (${f.assets.length} files; ${kb(f.gzip_bytes_before_paint)} before the home was painted) | ≤ 60 KB, at most 100 KB |
| the same as transferred (${[...new Set(f.assets.map((a) => a.encoding))].join(", ")}, headers included) | ${kb(f.transferred_bytes)} | |
| navigation → \`piaf:home-painted\`, signed in, median of ${r.home_painted.cpu_1x.loads_ms.length} cold loads | ${r.home_painted.cpu_1x.median_ms} ms (${r.home_painted.cpu_1x.loads_ms.join(", ")}) | ≤ 500 ms |
| the same, CPU slowed 4× | ${r.home_painted.cpu_4x.median_ms} ms (${r.home_painted.cpu_4x.loads_ms.join(", ")}) | ≤ 1,500 ms |
| navigation → \`piaf:thread-painted\`, visitor on \`${r.permalink}\` | ${r.thread_painted.cpu_1x.median_ms} ms (${r.thread_painted.cpu_1x.loads_ms.join(", ")}) | ≤ 500 ms |
| the same, CPU slowed 4× | ${r.thread_painted.cpu_4x.median_ms} ms (${r.thread_painted.cpu_4x.loads_ms.join(", ")}) | ≤ 1,500 ms |

Scrolling (posts counted from the timeline API's answers; heap after a forced GC):

| timeline | posts loaded | DOM elements | JS heap at 100 posts → at the end | longest long task while scrolling |
| --- | --- | --- | --- | --- |
${scrollRow("home, largest", r.scroll_home, 800)}
${scrollRow(`profile of @${r.accounts.prolific.username} (${r.accounts.prolific.posts} posts)`, r.scroll_profile, 1000)}

Targets: ≤ 2,000 DOM elements at 1,000 posts, heap ≤ 1.5× the heap at 100 posts, no long task over 50 ms. The home timeline holds the server's newest 800 posts (\`MemoryTimelineCache::kCapacity\`), so 1,000 posts are scrolled on a profile.

Files of the first load (gzip bytes): ${f.assets.map((a) => `\`${a.url}\` ${a.gzip_body}${a.before_paint ? "" : " (after paint)"}`).join(", ")}.
`;
}

main().catch((e) => { console.error(e); process.exit(1); });
