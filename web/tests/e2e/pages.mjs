// The app's main pages, how to know each is ready, and the axe check.
// Readiness uses roles only (no names), so it holds in French too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sleep, until, expectVisible } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// name, path, who (null: signed out), ready(page)
export function mainPages(w) {
  const feedArticle = (page) => page.locator("[role=feed] article");
  return [
    { name: "front", path: "/", user: null,
      ready: async (page) => {
        await expectVisible(page.getByRole("heading", { level: 1 }), "front page: heading level 1");
        await expectVisible(page.getByRole("feed"), "front page: the public timeline feed");
        await expectVisible(feedArticle(page), "front page: a post in the public timeline");
      } },
    { name: "home", path: "/", user: "alice",
      ready: async (page) => {
        await expectVisible(feedArticle(page), "home: a post in the home timeline feed");
        await expectVisible(page.getByRole("textbox").first(), "home: the compose box");
      } },
    { name: "profile", path: "/@alice", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("heading", { level: 1 }), "profile: heading level 1");
        await expectVisible(feedArticle(page), "profile: a post in the profile's feed");
      } },
    { name: "thread", path: `/@alice/${w.posts.root.id}`, user: "alice",
      ready: async (page) => {
        await expectVisible(feedArticle(page).filter({ hasText: w.posts.reply.text }),
          "thread: the reply in the conversation feed");
      } },
    { name: "tag", path: `/tags/${w.tag}`, user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("heading", { level: 1 }), "tag page: heading level 1");
        await expectVisible(feedArticle(page), "tag page: a post in the tag's feed");
      } },
    { name: "search", path: "/search?q=cafe", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("searchbox"), "search: the searchbox");
        await expectVisible(page.locator("article").filter({ hasText: "café" }), "search: the post with “café”");
      } },
    { name: "explore", path: "/explore", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("heading", { level: 1 }), "explore: heading level 1");
        await expectVisible(page.locator(`a[href$="/tags/${w.tag}"]`), `explore: a link to /tags/${w.tag}`);
      } },
    { name: "notifications", path: "/notifications", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("feed"), "notifications: the feed");
        await expectVisible(page.getByRole("feed").getByText(w.posts.mention.text.slice(0, 20)),
          "notifications: carol's mention in the feed");
      } },
    { name: "follow-requests", path: "/notifications?tab=requests", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("heading", { level: 1 }), "follow requests: heading level 1");
        await expectVisible(page.locator("#main .requests-empty, #main .request-list"),
          "follow requests: the list or its empty state");
      } },
    { name: "settings", path: "/settings", user: "alice",
      ready: async (page) => {
        await expectVisible(page.getByRole("textbox").first(), "settings: a text field");
        await expectVisible(page.getByRole("combobox").first(), "settings: the language combobox");
      } },
  ];
}

// After a page's own readiness: the app has replaced the server's markup,
// fonts are loaded, two frames painted and no finite animation still runs.
export async function settle(page, { js = true } = {}) {
  if (js) {
    await until(() => page.evaluate(() => !document.querySelector("#app .ssr")),
      `the app did not replace the server-rendered markup (#app .ssr) on ${page.url()}`, { timeout: 10000 });
  }
  await page.evaluate(() => document.fonts.ready.then(() =>
    new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
  await until(() => page.evaluate(() => document.getAnimations().every((a) =>
    a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity)),
  "animations still running", { timeout: 3000 }).catch(() => {});
  await sleep(150);
}

export async function openPage(w, context, path) {
  const page = await context.newPage();
  await page.goto(w.server.origin + path);
  return page;
}

// axe-core's violations on the page, as text lines ("" when none). The
// source is evaluated through the DevTools protocol: the page's CSP refuses
// inline script, so page.addScriptTag({content}) is refused on Piaf's pages.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 4).map((n) => ({
        target: n.target.join(" "),
        html: n.html.replace(/\s+/g, " ").slice(0, 160),
        summary: (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 300),
      })),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}, ${v.count} node${v.count > 1 ? "s" : ""}): ${v.help}\n` +
    v.nodes.map((n) => `        at ${n.target}: ${n.html}\n          ${n.summary}`).join("\n"));
}
