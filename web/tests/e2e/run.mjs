// The browser tests' runner: one chromium, one fresh `piaf serve` for the
// whole suite, accounts made with `piaf admin create-account`, a browser
// context per actor, tests run one after another.
//
//   PIAF_BINARY=build/piaf [PIAF_SCREENSHOTS=DIR] [PIAF_WEB_DIR=DIR] web/tests/e2e/run.sh [NAME...]
//
// NAME: run only the tests whose name contains one of them. Prints one line a
// test and closes with "N passed, N failed". A failing test saves a
// screenshot of each of its pages as FAIL-<test>-<n>.png.
import { chromium } from "playwright-core";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { Server, CHROMIUM_ARGS, chromiumPath, ensureDir } from "./lib.mjs";
import { tests, setup } from "./tests.mjs";

const binary = resolve(process.env.PIAF_BINARY || new URL("../../../build/piaf", import.meta.url).pathname);
const screenshots = ensureDir(resolve(process.env.PIAF_SCREENSHOTS || join(tmpdir(), "piaf-screens")));
const only = process.argv.slice(2);
const defaultTimeout = 90000;

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50);

async function main() {
  const started = Date.now();
  const server = new Server(binary);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let passed = 0, failed = 0;
  const failures = [];
  const world = { server, browser, screenshots, problems: [] };
  try {
    await server.start();
    console.log(`# piaf serve at ${server.origin} (data ${server.dataDir}); chromium ${browser.version()}; screenshots in ${screenshots}`);
    await setup(world);
    const selected = tests.filter((t) => !only.length || only.some((o) => t.name.includes(o)));
    let n = 0;
    for (const t of selected) {
      n++;
      world.current = t.name;
      const contexts = [];
      const run = {
        name: t.name,
        // A browser context of the test's own (closed after it).
        async context(options = {}) {
          const c = await world.newContext(options);
          contexts.push(c);
          return c;
        },
      };
      const t0 = Date.now();
      let timer;
      try {
        await Promise.race([
          t.fn(world, run),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${(t.timeout || defaultTimeout) / 1000} s`)),
              t.timeout || defaultTimeout);
          }),
        ]);
        passed++;
        console.log(`ok ${n} - ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        failures.push(t.name);
        console.log(`not ok ${n} - ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        console.log(String(e && e.stack ? e.message : e).split("\n").map((l) => `    ${l}`).join("\n"));
        let i = 0;
        for (const c of contexts) {
          for (const p of c.pages()) {
            i++;
            await p.screenshot({ path: join(screenshots, `FAIL-${slug(t.name)}-${i}.png`), timeout: 5000 })
              .catch(() => {});
          }
        }
      } finally {
        clearTimeout(timer);
        for (const c of contexts) await c.close().catch(() => {});
      }
    }
  } catch (e) {
    failed++;
    failures.push("setup");
    console.log(`not ok - setup\n    ${String(e && e.stack || e).split("\n").join("\n    ")}`);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    if (failed) console.log(`# server log (last lines):\n${server.logTail(30).replace(/^/gm, "#   ")}`);
    server.cleanup();
  }
  console.log(`# ${((Date.now() - started) / 1000).toFixed(0)} s${failures.length ? `; failed: ${failures.join("; ")}` : ""}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
