// Helpers of the browser tests: the server (a fresh `piaf serve` on a free
// port with a temporary data directory), the API (accounts, tokens and posts
// made around the browser), the browser (Debian's chromium through
// playwright-core) and waiting assertions. Plain Node, no test framework.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, openSync, readFileSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export { sleep };

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run",
];

export function chromiumPath() {
  return process.env.PIAF_CHROMIUM || "/usr/bin/chromium";
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// A `piaf serve` of its own: PIAF_BINARY, a temporary --data-dir, a free
// port; PIAF_WEB_DIR (optional) is passed as --web-dir.
export class Server {
  constructor(binary, { extraArgs = [] } = {}) {
    this.binary = binary;
    this.extraArgs = extraArgs;
    this.dataDir = mkdtempSync(join(tmpdir(), "piaf-e2e-"));
    this.logPath = join(this.dataDir, "serve.log");
  }

  async start() {
    this.port = await freePort();
    this.origin = `http://127.0.0.1:${this.port}`;
    const args = ["serve", "--data-dir", this.dataDir, "--listen", `127.0.0.1:${this.port}`,
      ...this.extraArgs];
    if (process.env.PIAF_WEB_DIR) args.push("--web-dir", process.env.PIAF_WEB_DIR);
    const log = openSync(this.logPath, "a");
    this.proc = spawn(this.binary, args, { stdio: ["ignore", log, log] });
    closeSync(log);
    this.exited = new Promise((resolve) => {
      this.proc.on("exit", (code, sig) => resolve(code ?? sig));
      this.proc.on("error", (e) => { this.spawnError = e; resolve(-1); });
    });
    let gone = false;
    this.exited.then(() => { gone = true; });
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (gone) throw new Error(`piaf serve (${this.binary}) exited at start: ${this.spawnError?.message || ""}\n${this.logTail()}`);
      try {
        const r = await fetch(this.origin + "/api/v1/instance");
        if (r.ok) return this;
      } catch { /* not yet */ }
      await sleep(50);
    }
    throw new Error(`piaf serve did not answer within 30 s:\n${this.logTail()}`);
  }

  logTail(lines = 40) {
    try {
      return readFileSync(this.logPath, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill("SIGTERM");
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 20000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  cleanup() {
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  admin(...args) {
    return execFileSync(this.binary, ["admin", ...args, "--data-dir", this.dataDir],
      { encoding: "utf8" }).trim();
  }

  createAccount(username, password, { organization = false } = {}) {
    const args = ["create-account", "--username", username, "--email", `${username}@example.org`,
      "--password", password];
    if (organization) args.push("--organization");
    return this.admin(...args);
  }

  // Raw API call: {status, body} (body parsed as JSON when it is JSON).
  async api(method, path, { token, body, form } = {}) {
    const headers = {};
    let data;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(form).toString();
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      data = JSON.stringify(body);
    }
    const r = await fetch(this.origin + path, { method, headers, body: data });
    const text = await r.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed, headers: r.headers };
  }

  async apiOk(method, path, opts) {
    const r = await this.api(method, path, opts);
    if (r.status < 200 || r.status >= 300) {
      throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return r.body;
  }

  // The web app's own client registration, as the app makes it (docs/web.md).
  async registerWebApp() {
    const app = await this.apiOk("POST", "/api/v1/apps", {
      body: { client_name: "Piaf web", redirect_uris: this.origin + "/oauth/callback",
        scopes: "read write follow" },
    });
    return { client_id: app.client_id, client_secret: app.client_secret, origin: this.origin };
  }

  // A token for a user through the password grant, on the given client.
  async token(app, username, password) {
    const tok = await this.apiOk("POST", "/oauth/token", {
      body: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret,
        username, password, scope: "read write follow" },
    });
    return tok.access_token;
  }
}

// Waits until fn() returns a truthy value (retrying on exceptions too);
// throws `message` (a string or a function giving one) after `timeout` ms.
export async function until(fn, message, { timeout = 10000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const m = typeof message === "function" ? await message() : message;
      throw new Error(m + (lastError ? ` (last error: ${String(lastError.message).split("\n")[0]})` : ""));
    }
    await sleep(interval);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// A locator is visible within the timeout, else a failure naming `what`.
export async function expectVisible(locator, what, timeout = 10000) {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
  } catch {
    const page = locator.page();
    throw new Error(`not found: ${what} (on ${page.url()}, after ${timeout} ms)${await landmarkSummary(page)}`);
  }
  return locator.first();
}

export async function expectHidden(locator, what, timeout = 10000) {
  try {
    await locator.first().waitFor({ state: "hidden", timeout });
  } catch {
    throw new Error(`still visible: ${what} (on ${locator.page().url()}, after ${timeout} ms)`);
  }
}

// A short description of what the page offers (the roles and names a screen
// reader lists), appended to failures so the report says what was there.
export async function landmarkSummary(page) {
  try {
    const s = await page.evaluate(() => {
      const name = (el) => (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
      const pick = (sel, label) => [...document.querySelectorAll(sel)].slice(0, 12)
        .map((el) => `${label}:"${name(el)}"`);
      return [
        ...pick("h1,h2,[role=heading]", "heading"),
        ...pick("nav,[role=navigation]", "navigation"),
        ...pick("[role=feed]", "feed"),
        ...pick("button,[role=button]", "button"),
        ...pick("a[href]", "link"),
        ...pick("input,textarea,select", "field"),
      ].join(", ").slice(0, 1500);
    });
    return s ? `\n    page offers: ${s}` : "\n    page is empty";
  } catch {
    return "";
  }
}

export async function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
