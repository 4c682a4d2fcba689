// The browser tests of Piaf's web app, against docs/web.md: controls are
// found by role and accessible name, as a screen reader finds them.
import { join } from "node:path";
import {
  sleep, until, assert, assertEqual, expectVisible, expectHidden, isFocused, landmarkSummary,
} from "./lib.mjs";
import { mainPages, settle, openPage, axeViolations } from "./pages.mjs";
import { addPollAndEditTests } from "./polls_edits.mjs";
import { addConvosFiltersTests } from "./convos_filters.mjs";

export const tests = [];
const test = (name, fn, { timeout } = {}) => tests.push({ name, fn, timeout });

const PASSWORD = "correct horse battery staple";
const PEOPLE = [
  ["alice", "Alice Martin"], ["bob", "Bob Durand"], ["carol", "Carol Lefèvre"], ["dan", "Dan Okafor"],
  ["eve", "Ève Moreau"], ["fanny", "Fanny Girard"], ["gus", "Gus Petit"], ["hugo", "Hugo Laurent"],
];
const COMPOSE = /^What[’']s happening\?$/;
const stamp = () => Date.now().toString(36);

// ---------------------------------------------------------------------------
// The community every test starts from, made through the admin CLI and the API.
export async function setup(w) {
  const s = w.server;
  w.password = PASSWORD;
  w.tag = "piafbrowser";
  w.users = {};
  for (const [u] of PEOPLE) s.createAccount(u, PASSWORD);
  s.createAccount("iteco", PASSWORD, { organization: true });
  w.app = await s.registerWebApp();
  for (const [u, display] of [...PEOPLE, ["iteco", "ITECO"]]) {
    const token = await s.token(w.app, u, PASSWORD);
    let me = await s.api("PATCH", "/api/v1/accounts/update_credentials", { token, body: { display_name: display } });
    if (me.status !== 200) {
      me = await s.api("PATCH", "/api/v1/accounts/update_credentials", { token, form: { display_name: display } });
    }
    assertEqual(me.status, 200, `setting ${u}'s display name: ${JSON.stringify(me.body)}`);
    w.users[u] = { username: u, display, token, id: me.body.id };
  }
  const v1 = await s.apiOk("GET", "/api/v1/instance");
  w.title = v1.title;
  w.instance = await s.apiOk("GET", "/api/v2/instance");

  const post = (u, status, extra = {}) => s.apiOk("POST", "/api/v1/statuses",
    { token: w.users[u].token, body: { status, ...extra } }).then((st) => ({ ...st, text: status }));
  const follow = (a, b) => s.apiOk("POST", `/api/v1/accounts/${w.users[b].id}/follow`, { token: w.users[a].token });
  w.post = post;
  w.follow = follow;
  w.posts = {};
  w.posts.notes = [];
  for (let i = 1; i <= 6; i++) {
    w.posts.notes.push(await post("alice", `Alice's note number ${i}: the garden needs water again.`));
  }
  w.posts.root = await post("alice", "Who is coming to the neighbourhood meeting on Thursday?");
  w.posts.reply = await post("bob", "@alice I am, see you there with the minutes.",
    { in_reply_to_id: w.posts.root.id });
  w.posts.bobNote = await post("bob", "Bob's own note: the bakery opens at seven.");
  w.posts.mention = await post("carol", "@alice could you share the slides from yesterday's talk?");
  w.posts.cafe = await post("dan", "Un café au lait, s'il vous plaît, et un croissant.");
  w.posts.iteco = await post("iteco", "ITECO's training calendar for the spring is out.");
  for (const u of ["alice", "carol", "dan", "eve"]) {
    await post(u, `Trying the new web app of our community #${w.tag} (${u})`);
  }
  await follow("alice", "carol");
  await follow("alice", "dan");
  await follow("alice", "eve");
  await follow("bob", "carol");

  // A browser context; `user` signs it in by putting a token of the app's
  // registration in localStorage (docs/web.md: "piaf.app", "piaf.token").
  w.newContext = async ({ user, token, locale = "en-US", colorScheme = "light", viewport,
    reducedMotion, javaScriptEnabled = true, isMobile, hasTouch } = {}) => {
    const options = { locale, colorScheme, javaScriptEnabled, viewport: viewport || { width: 1280, height: 800 } };
    if (reducedMotion) options.reducedMotion = reducedMotion;
    if (isMobile !== undefined) options.isMobile = isMobile;
    if (hasTouch !== undefined) options.hasTouch = hasTouch;
    if (user || token) {
      options.storageState = { cookies: [], origins: [{ origin: s.origin, localStorage: [
        { name: "piaf.app", value: JSON.stringify(w.app) },
        { name: "piaf.token", value: token || w.users[user].token },
      ] }] };
    }
    const context = await w.browser.newContext(options);
    context.on("page", (page) => watchPage(w, page));
    return context;
  };
}

// Script errors and CSP refusals in any page, reported by the last test.
function watchPage(w, page) {
  page._piafSockets = [];
  page.on("websocket", (ws) => page._piafSockets.push(ws));
  page.on("pageerror", (e) => w.problems.push(`[${w.current}] ${page.url()}: uncaught ${e.message.split("\n")[0]}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) {
      w.problems.push(`[${w.current}] ${page.url()}: ${m.text().slice(0, 300)}`);
    }
  });
}

// Waits for the page's streaming WebSocket (if it opens one within 5 s; the
// app may poll instead), then a little for its subscription to land.
async function streamReady(page) {
  const opened = await until(() => page._piafSockets.some((ws) => ws.url().includes("/api/v1/streaming")),
    "", { timeout: 5000 }).catch(() => false);
  await sleep(opened ? 700 : 1500);
}

// A flag in the page's window: gone if the page reloads or navigates away.
async function markNoReload(page) {
  await page.evaluate(() => { window.__piafNoReload = true; });
}
async function assertNoReload(page, what) {
  assert(await page.evaluate(() => window.__piafNoReload === true), `${what}: the page was reloaded`);
}

// Waits for a post with `text` in `feed`, clicking a "Show N new posts" bar if
// the app collected it there.
async function waitLive(page, feed, text, what, timeout = 15000) {
  await until(async () => {
    if (await feed.locator("article").filter({ hasText: text }).count()) return true;
    const bar = page.getByRole("button", { name: /^Show \d+ new posts?$/ });
    if (await bar.count() && await bar.first().isVisible()) await bar.first().click();
    return false;
  }, async () => `${what}: “${text}” did not appear live within ${timeout / 1000} s${await landmarkSummary(page)}`,
  { timeout });
}

const nav = (page, name = "Main") => page.getByRole("navigation", { name, exact: true });
const feedNamed = (page, name) => page.getByRole("feed", { name, exact: true });
const articleWith = (scope, text) => scope.locator("article").filter({ hasText: text });

// The "Post" button of the form holding `box` (else the page's only one).
function postButtonOf(box, name = "Post") {
  return box.locator("xpath=ancestor::form[1]").getByRole("button", { name, exact: true })
    .or(box.page().getByRole("button", { name, exact: true }).last()).first();
}

// Signs in through the front page and /oauth/authorize; returns the page on home.
async function signInThroughPages(w, context, username) {
  const page = await openPage(w, context, "/");
  const signIn = page.getByRole("link", { name: "Sign in", exact: true })
    .or(page.getByRole("button", { name: "Sign in", exact: true }));
  await (await expectVisible(signIn, "front page: link or button “Sign in”")).click();
  await page.waitForURL(/\/oauth\/authorize\?/, { timeout: 10000 });
  await (await expectVisible(page.getByRole("textbox", { name: "Username or e-mail", exact: true }),
    "authorize page: textbox “Username or e-mail”")).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(w.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(w.server.origin + "/", { timeout: 15000 });
  await expectVisible(feedNamed(page, "Home timeline"), "home after signing in: feed “Home timeline”");
  return page;
}

async function storedToken(page) {
  const raw = await page.evaluate(() => localStorage.getItem("piaf.token"));
  if (raw && raw.startsWith("\"")) return JSON.parse(raw);
  return raw;
}

// The numbers shown in the main navigation (the unread count), as text.
async function navCount(page) {
  return nav(page).evaluate((n) => {
    for (const el of n.querySelectorAll("*")) {
      const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join("").trim();
      const r = el.getBoundingClientRect();
      if (/^\d+\+?$/.test(own) && r.width > 0 && r.height > 0) return Number.parseInt(own, 10);
    }
    return 0;
  });
}

// ---------------------------------------------------------------------------

test("sign in from the front page (OAuth code with PKCE)", async (w, t) => {
  const context = await t.context();
  const page = await openPage(w, context, "/");
  const h1 = await expectVisible(page.getByRole("heading", { level: 1 }), "front page: heading level 1");
  assert((await h1.textContent()).includes(w.title),
    `front page: heading level 1 is “${await h1.textContent()}”, not the instance's name “${w.title}”`);
  await expectVisible(feedNamed(page, "Public timeline"), "front page: feed “Public timeline”");
  await expectVisible(page.getByRole("link", { name: "Create an account", exact: true })
    .or(page.getByRole("button", { name: "Create an account", exact: true })), "front page: “Create an account”");
  await expectVisible(page.getByRole("link", { name: "Skip to content", exact: true }),
    "front page: skip link “Skip to content”", 2000).catch(async () => {
    // A skip link may be visible only when focused: it must exist.
    assert(await page.getByRole("link", { name: "Skip to content", exact: true }).count(),
      "front page: no link “Skip to content”");
  });

  const signIn = page.getByRole("link", { name: "Sign in", exact: true })
    .or(page.getByRole("button", { name: "Sign in", exact: true }));
  await (await expectVisible(signIn, "front page: link or button “Sign in”")).click();
  await page.waitForURL(/\/oauth\/authorize\?/, { timeout: 10000 });
  const q = new URL(page.url()).searchParams;
  assertEqual(q.get("code_challenge_method"), "S256", "authorize URL: code_challenge_method");
  assert(q.get("code_challenge") && q.get("state"), `authorize URL lacks code_challenge or state: ${page.url()}`);
  assertEqual(q.get("redirect_uri"), w.server.origin + "/oauth/callback", "authorize URL: redirect_uri");
  const app = JSON.parse(await page.evaluate(() => localStorage.getItem("piaf.app")) || "null");
  assert(app && app.client_id === q.get("client_id"), `localStorage "piaf.app" (${JSON.stringify(app)}) is not the client of the authorize URL`);

  const user = await expectVisible(page.getByRole("textbox", { name: "Username or e-mail", exact: true }),
    "authorize page: textbox “Username or e-mail”");
  const password = page.getByLabel("Password", { exact: true });
  await user.fill("hugo");
  await password.fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expectVisible(page.getByRole("alert"), "authorize page: an alert after a wrong password");
  assert(page.url().includes("/oauth/authorize"), `a wrong password left the authorize page: ${page.url()}`);

  await page.getByRole("textbox", { name: "Username or e-mail", exact: true }).fill("hugo");
  await page.getByLabel("Password", { exact: true }).fill(w.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(w.server.origin + "/", { timeout: 15000 });
  await expectVisible(feedNamed(page, "Home timeline"), "home after signing in: feed “Home timeline”");
  const main = await expectVisible(nav(page), "navigation “Main”");
  for (const name of ["Home", "Explore", "Search", "Notifications", "Profile", "Settings"]) {
    await expectVisible(main.getByRole("link", { name, exact: true }), `navigation “Main”: link “${name}”`);
  }
  const token = await storedToken(page);
  assert(token, `no localStorage "piaf.token" after signing in`);
  const me = await w.server.api("GET", "/api/v1/accounts/verify_credentials", { token });
  assertEqual(me.status, 200, "verify_credentials with the stored token");
  assertEqual(me.body.username, "hugo", "the signed-in account");
  await page.screenshot({ path: join(w.screenshots, "light-home-after-sign-in.png") });
});

test("create an account from the front page", async (w, t) => {
  const context = await t.context();
  const page = await openPage(w, context, "/");
  const create = page.getByRole("link", { name: "Create an account", exact: true })
    .or(page.getByRole("button", { name: "Create an account", exact: true }));
  await (await expectVisible(create, "front page: “Create an account”")).click();
  await page.waitForURL(/\/oauth\/authorize\?/, { timeout: 10000 });
  await (await expectVisible(page.getByRole("textbox", { name: "Username", exact: true }),
    "authorize page (sign-up): textbox “Username”")).fill("newcomer");
  await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("newcomer@example.org");
  await page.getByLabel("Password", { exact: true }).fill(w.password);
  await page.screenshot({ path: join(w.screenshots, "light-sign-up.png") });
  await page.getByRole("checkbox", { name: "I accept the community's rules", exact: true }).check();
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.waitForURL(w.server.origin + "/", { timeout: 15000 });
  await expectVisible(feedNamed(page, "Home timeline"), "home after creating an account: feed “Home timeline”");
  const me = await w.server.api("GET", "/api/v1/accounts/verify_credentials", { token: await storedToken(page) });
  assertEqual(me.body.username, "newcomer", "the new account is signed in");
});

test("compose: the counter counts as the server (150 characters: -10, Post disabled; a URL counts 23)", async (w, t) => {
  assertEqual(w.instance.configuration?.piaf?.length, "classic",
    "GET /api/v2/instance configuration.piaf.length (the server's default)");
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/");
  const box = await expectVisible(page.getByRole("textbox", { name: COMPOSE }), "home: textbox “What's happening?”");
  const counter = page.getByRole("status", { name: "Characters remaining", exact: true });
  const post = postButtonOf(box);
  await expectVisible(post, "home: button “Post”");
  assert(await post.isDisabled(), "button “Post” is enabled while the compose box is empty");

  await box.click();
  await box.pressSequentially("a".repeat(150));
  await until(async () => (await counter.textContent()).trim() === "-10",
    async () => `counter “Characters remaining” shows “${(await counter.textContent().catch(() => "(none)"))?.trim()}” after 150 characters, not “-10”`);
  assert(await post.isDisabled(), "button “Post” is enabled with 150 characters");
  const color = await counter.evaluate((el) => getComputedStyle(el).color);
  const [r, g, b] = color.match(/\d+(\.\d+)?/g).map(Number);
  assert(r > 150 && r > g * 1.5 && r > b * 1.5, `the counter past the limit is not red: ${color}`);

  await box.fill("");
  const withUrl = "Read this: https://example.org/" + "a".repeat(60);
  await box.pressSequentially(withUrl);
  const expected = String(140 - ("Read this: ".length + 23));
  await until(async () => (await counter.textContent()).trim() === expected,
    async () => `counter shows “${(await counter.textContent()).trim()}” for a ${withUrl.length}-character text with a URL, not “${expected}” (URL counted 23)`);
  assert(!(await post.isDisabled()), "button “Post” is disabled for a valid text");

  await expectVisible(page.getByRole("combobox", { name: "Visibility", exact: true }), "compose: combobox “Visibility”");
  await page.getByRole("button", { name: "Content warning", exact: true }).click();
  await expectVisible(page.getByRole("textbox", { name: "Content warning text", exact: true }),
    "compose: textbox “Content warning text” after button “Content warning”");
  await page.getByRole("button", { name: "Content warning", exact: true }).click();

  // An unsent draft survives a reload.
  await box.fill("");
  const draft = `An unsent draft ${stamp()}`;
  await box.pressSequentially(draft);
  await sleep(600);
  await page.reload();
  const box2 = await expectVisible(page.getByRole("textbox", { name: COMPOSE }), "home after a reload: the compose box");
  await until(async () => (await box2.inputValue()) === draft,
    async () => `the draft did not survive a reload: the box holds “${await box2.inputValue()}”`, { timeout: 5000 });

  // A double click posts once (Idempotency-Key).
  await box2.fill("");
  const text = `Posted from the browser test ${stamp()}`;
  await box2.pressSequentially(text);
  await postButtonOf(box2).dblclick();
  await expectVisible(articleWith(feedNamed(page, "Home timeline"), text), "home: the new post in feed “Home timeline”");
  await until(async () => (await box2.inputValue()) === "", "the compose box was not emptied after posting", { timeout: 5000 });
  await sleep(1000);
  const mine = await w.server.apiOk("GET", `/api/v1/accounts/${w.users.alice.id}/statuses?limit=5`);
  assertEqual(mine.filter((s) => s.content.includes(text)).length, 1, "after a double click on “Post”, posts with the text on the server");
  assertEqual(await articleWith(feedNamed(page, "Home timeline"), text).count(), 1, "after a double click on “Post”, the post's articles in home");
});

test("post actions: repost and like toggle (aria-pressed), delete asks in a dialog", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/@bob");
  const article = await expectVisible(page.locator("article").filter({ hasText: w.posts.bobNote.text }), "/@bob: bob's note");
  for (const [name, field] of [["Repost", "reblogged"], ["Like", "favourited"]]) {
    const button = article.getByRole("button", { name, exact: true });
    await expectVisible(button, `post: button “${name}”`);
    assertEqual(await button.getAttribute("aria-pressed"), "false", `button “${name}” aria-pressed before`);
    await button.click();
    await until(async () => (await button.getAttribute("aria-pressed")) === "true", `button “${name}”: aria-pressed not true after a click`);
    await until(async () => (await w.server.apiOk("GET", `/api/v1/statuses/${w.posts.bobNote.id}`, { token: w.users.alice.token }))[field] === true,
      `the server has ${field} false after “${name}”`);
    await button.click();
    await until(async () => (await button.getAttribute("aria-pressed")) === "false", `button “${name}”: aria-pressed not false after a second click`);
    await until(async () => (await w.server.apiOk("GET", `/api/v1/statuses/${w.posts.bobNote.id}`, { token: w.users.alice.token }))[field] === false,
      `the server has ${field} true after undoing “${name}”`);
  }
  assertEqual(await article.getByRole("button", { name: "Delete", exact: true }).count(), 0, "button “Delete” on someone else's post");

  const doomed = await w.post("alice", `A post to delete ${stamp()}`);
  await page.goto(w.server.origin + "/");
  const mine = await expectVisible(articleWith(feedNamed(page, "Home timeline"), doomed.text), "home: the post to delete");
  const more = mine.getByRole("button", { name: "More", exact: true });
  await more.click();
  assertEqual(await more.getAttribute("aria-expanded"), "true", "button “More” aria-expanded after a click");
  await expectVisible(mine.getByRole("menu"), "a menu after “More”");
  await mine.getByRole("menuitem", { name: "Delete", exact: true }).click();
  const dialog = await expectVisible(page.getByRole("dialog").or(page.getByRole("alertdialog")), "a confirmation dialog after “Delete”");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expectHidden(articleWith(feedNamed(page, "Home timeline"), doomed.text), "the deleted post in home");
  // The post leaves the timeline at once; the server answers 404 once the delete is written.
  await until(async () => (await w.server.api("GET", `/api/v1/statuses/${doomed.id}`)).status === 404,
    "GET the deleted status: 404");
});

test("bookmarks: a post's “Bookmark” toggle (aria-pressed, “Remove bookmark”)", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/@bob");
  const article = await expectVisible(page.locator("article").filter({ hasText: w.posts.bobNote.text }), "/@bob: bob's note");
  const onServer = async () => (await w.server.apiOk("GET", `/api/v1/statuses/${w.posts.bobNote.id}`, { token: w.users.alice.token })).bookmarked;
  const add = await expectVisible(article.getByRole("button", { name: "Bookmark", exact: true }), "post: button “Bookmark”");
  assertEqual(await add.getAttribute("aria-pressed"), "false", "button “Bookmark” aria-pressed before");
  await add.click();
  const remove = await expectVisible(article.getByRole("button", { name: "Remove bookmark", exact: true }), "post: button “Remove bookmark” after “Bookmark”");
  assertEqual(await remove.getAttribute("aria-pressed"), "true", "button “Remove bookmark” aria-pressed");
  await until(async () => (await onServer()) === true, "the server has bookmarked false after “Bookmark”");
  await remove.click();
  await expectVisible(article.getByRole("button", { name: "Bookmark", exact: true }), "post: button “Bookmark” after “Remove bookmark”");
  await until(async () => (await onServer()) === false, "the server has bookmarked true after “Remove bookmark”");

  // The Bookmarks screen (/notifications?tab=bookmarks), from the navigation: newest first, remove, empty.
  const fanny = w.users.fanny.token;
  const older = await w.post("carol", `A recipe worth keeping ${stamp()}`);
  const newer = await w.post("dan", `A bus timetable worth keeping ${stamp()}`);
  await w.server.apiOk("POST", `/api/v1/statuses/${older.id}/bookmark`, { token: fanny });
  const fp = await openPage(w, await t.context({ user: "fanny" }), "/@dan");
  const danPost = await expectVisible(articleWith(fp.locator("main"), newer.text), "/@dan: dan's new post");
  await danPost.getByRole("button", { name: "Bookmark", exact: true }).click();
  await expectVisible(danPost.getByRole("button", { name: "Remove bookmark", exact: true }), "dan's post: “Remove bookmark” after “Bookmark”");
  // The button turns at once; the screen lists what the server has.
  await until(async () => (await w.server.apiOk("GET", `/api/v1/statuses/${newer.id}`, { token: fanny })).bookmarked === true,
    "the server has dan's post bookmarked after “Bookmark”");
  await nav(fp).getByRole("link", { name: "Bookmarks", exact: true }).click();
  await expectVisible(fp.getByRole("heading", { level: 1, name: "Bookmarks", exact: true }), "heading “Bookmarks”");
  assertEqual(new URL(fp.url()).search, "?tab=bookmarks", "the Bookmarks screen's query");
  const feed = await expectVisible(feedNamed(fp, "Bookmarks"), "feed “Bookmarks”");
  await expectVisible(articleWith(feed, older.text), "Bookmarks: carol's post");
  const texts = await feed.locator("article .status-content").allTextContents();
  assert(texts[0]?.includes(newer.text) && texts[1]?.includes(older.text), `Bookmarks: not newest bookmark first: ${JSON.stringify(texts)}`);
  await settle(fp);
  let v = await axeViolations(fp);
  assert(!v.length, `axe on Bookmarks:\n  ${v.join("\n  ")}`);
  await fp.screenshot({ path: join(w.screenshots, "light-bookmarks.png") });
  for (const [name, options] of [
    ["dark-bookmarks", { user: "fanny", colorScheme: "dark" }],
    ["phone-bookmarks", { user: "fanny", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const page = await openPage(w, await t.context(options), `/@fanny`);
    // On a phone, Bookmarks is reached from one's own profile.
    const link = await expectVisible(page.getByRole("main").getByRole("link", { name: "Bookmarks", exact: true }),
      `${name}: link “Bookmarks” on one's own profile`);
    await page.screenshot({ path: join(w.screenshots, `${name}-own-profile.png`) });
    await link.click();
    await expectVisible(articleWith(feedNamed(page, "Bookmarks"), older.text), `${name}: carol's post in Bookmarks`);
    await settle(page);
    v = await axeViolations(page);
    assert(!v.length, `axe on ${name}:\n  ${v.join("\n  ")}`);
    const wide = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert(wide <= 0, `${name}: the page scrolls sideways by ${wide} px`);
    await page.screenshot({ path: join(w.screenshots, `${name}.png`) });
  }
  for (const text of [newer.text, older.text]) {
    await articleWith(feed, text).getByRole("button", { name: "Remove bookmark", exact: true }).click();
    await expectVisible(articleWith(feed, text).getByRole("button", { name: "Bookmark", exact: true }), "Bookmarks: “Bookmark” after “Remove bookmark”");
  }
  await until(async () => (await w.server.apiOk("GET", "/api/v1/bookmarks", { token: fanny })).length === 0, "fanny still has bookmarks on the server");
  await fp.reload();
  await expectVisible(fp.getByText("No bookmarks yet", { exact: true }), "Bookmarks: the empty state after removing both");
  await fp.screenshot({ path: join(w.screenshots, "light-bookmarks-empty.png") });
}, { timeout: 90000 });

test("photos: attach two with alt text, post, see them in the timeline with ALT, open the viewer (arrows, Escape)", async (w, t) => {
  const samples = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../../tests/integration/media");
  const context = await t.context({ user: "gus" });
  const page = await openPage(w, context, "/");
  const box = await expectVisible(page.getByRole("textbox", { name: COMPOSE }), "home: the compose box");
  const form = box.locator("xpath=ancestor::form[1]");
  await expectVisible(form.getByRole("button", { name: "Add photos", exact: true }), "compose: button “Add photos”");
  await form.locator("input[type=file]").setInputFiles([join(samples, "orientation6.jpg"), join(samples, "photo.webp")]);
  // The alt text of the first is asked for at once.
  const dialog = await expectVisible(page.getByRole("dialog", { name: "Describe this photo" }), "dialog “Describe this photo” after adding photos");
  const alt = `A red and blue card with a white corner ${stamp()}`;
  await dialog.getByRole("textbox", { name: "Alt text" }).fill(alt);
  await page.screenshot({ path: join(w.screenshots, "light-compose-alt.png") });
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expectHidden(page.getByRole("dialog", { name: "Describe this photo" }), "the alt dialog after Save");
  const list = page.getByRole("list", { name: "Attached photos" });
  const described = await expectVisible(list.getByRole("button", { name: "Edit the description of photo 1" }), "photo 1: ALT described");
  assertEqual(await described.getAttribute("aria-pressed"), "true", "photo 1's ALT aria-pressed");
  await expectVisible(list.getByRole("button", { name: "Describe photo 2 (alt text)" }), "photo 2: ALT not described");
  const post = postButtonOf(box);
  await until(async () => !(await post.isDisabled()), "“Post” stays disabled while the photos upload");
  await page.screenshot({ path: join(w.screenshots, "light-compose-photos.png") });
  const text = `Two photos from the garden ${stamp()}`;
  await box.fill(text);
  await post.click();
  const article = articleWith(feedNamed(page, "Home timeline"), text);
  await expectVisible(article, "home: the post with photos");
  const open = await expectVisible(article.getByRole("button", { name: `Open the photo: ${alt}` }), "the post: the described photo's button");
  await expectVisible(article.getByRole("button", { name: "Open the photo", exact: true }), "the post: the other photo's button");
  await until(async () => (await list.count()) === 0, "the attached photos stay in the compose box after posting");
  const onServer = (await w.server.apiOk("GET", `/api/v1/accounts/${w.users.gus.id}/statuses?only_media=true`)).find((s) => s.content.includes(text));
  assertEqual(onServer?.media_attachments?.length, 2, "media attachments of the post on the server");
  assertEqual(onServer.media_attachments[0].description, alt, "the first photo's description on the server");
  await until(async () => (await article.locator("img.media-img.loaded").count()) === 2, "the previews did not load");
  await settle(page);
  let v = await axeViolations(page);
  assert(!v.length, `axe on home with photos:\n  ${v.join("\n  ")}`);
  await article.screenshot({ path: join(w.screenshots, "light-post-photos.png") });

  await open.click();
  const viewer = await expectVisible(page.getByRole("dialog", { name: "Photo viewer" }), "dialog “Photo viewer”");
  await expectVisible(viewer.getByText(alt), "the viewer shows the alt text");
  assert(await isFocused(viewer.getByRole("button", { name: "Close", exact: true })), "focus is not on the viewer's Close button");
  await expectVisible(viewer.getByText("1 of 2"), "the viewer: “1 of 2”");
  await page.screenshot({ path: join(w.screenshots, "light-viewer.png") });
  await page.keyboard.press("ArrowRight");
  await expectVisible(viewer.getByText("2 of 2"), "the viewer after ArrowRight: “2 of 2”");
  await expectVisible(viewer.getByText("No description."), "the viewer: the second photo has no description");
  await page.keyboard.press("ArrowRight");
  await expectVisible(viewer.getByText("1 of 2"), "the viewer after ArrowRight again: back to “1 of 2”");
  // Tab stays inside the viewer (a modal dialog: the page behind is inert).
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  assert(await page.evaluate(() => !!document.activeElement?.closest(".media-viewer")), "Tab left the viewer");
  await page.keyboard.press("Escape");
  await expectHidden(page.getByRole("dialog", { name: "Photo viewer" }), "the viewer after Escape");
  assert(await isFocused(open), "focus did not return to the photo after the viewer closed");

  for (const [name, options] of [
    ["dark-post-photos", { user: "gus", colorScheme: "dark" }],
    ["phone-post-photos", { user: "gus", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ["fr-post-photos", { user: "gus", locale: "fr-FR" }],
  ]) {
    const p = await openPage(w, await t.context(options), "/");
    const a = articleWith(feedNamed(p, name.startsWith("fr") ? "Fil d'accueil" : "Home timeline").or(p.getByRole("feed").first()), text);
    await expectVisible(a, `${name}: the post with photos`);
    await until(async () => (await a.locator("img.media-img.loaded").count()) === 2, `${name}: the previews did not load`);
    const wide = await p.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert(wide <= 0, `${name}: the page scrolls sideways by ${wide} px`);
    await a.scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
    await a.locator(".media-open").first().click();
    await expectVisible(p.locator("dialog.media-viewer"), `${name}: the viewer`);
    await p.screenshot({ path: join(w.screenshots, `${name}-viewer.png`) });
  }
}, { timeout: 90000 });

test("settings: a new avatar and header are sent, cropped, and shown", async (w, t) => {
  const samples = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../../tests/integration/media");
  const page = await openPage(w, await t.context({ user: "hugo" }), "/settings");
  await expectVisible(page.getByRole("heading", { name: "Avatar and header" }), "settings: heading “Avatar and header”");
  await expectVisible(page.getByRole("button", { name: "Change avatar", exact: true }), "settings: button “Change avatar”");
  const inputs = page.locator(".profile-images input[type=file]");
  await inputs.nth(0).setInputFiles(join(samples, "photo.webp"));
  await until(async () => (await w.server.apiOk("GET", `/api/v1/accounts/${w.users.hugo.id}`)).avatar.includes("/media/"), "the avatar did not reach the server");
  await inputs.nth(1).setInputFiles(join(samples, "orientation6.jpg"));
  await until(async () => (await w.server.apiOk("GET", `/api/v1/accounts/${w.users.hugo.id}`)).header.includes("/media/"), "the header did not reach the server");
  await expectVisible(page.locator("img.profile-images-header"), "settings: the header shown");
  await expectVisible(page.locator(".profile-images-avatar img.avatar"), "settings: the avatar shown");
  await settle(page);
  const v = await axeViolations(page);
  assert(!v.length, `axe on settings:\n  ${v.join("\n  ")}`);
  await page.screenshot({ path: join(w.screenshots, "light-settings-images.png") });
  const dark = await openPage(w, await t.context({ user: "hugo", colorScheme: "dark", viewport: { width: 390, height: 844 }, isMobile: true }), "/settings");
  await expectVisible(dark.locator("img.profile-images-header"), "phone dark settings: the header");
  await dark.screenshot({ path: join(w.screenshots, "phone-dark-settings-images.png") });
}, { timeout: 60000 });

test("pins: “Pin on profile” in one's own post's menu; the profile shows it first under “Pinned”", async (w, t) => {
  const older = await w.post("gus", `Gus's post worth pinning ${stamp()}`);
  for (let i = 1; i <= 3; i++) await w.post("gus", `Gus's everyday note ${i} ${stamp()}`);
  const page = await openPage(w, await t.context({ user: "gus" }), "/@gus");
  const panel = page.getByRole("tabpanel");
  const mine = await expectVisible(articleWith(panel, older.text), "/@gus: the post to pin");
  await mine.getByRole("button", { name: "More", exact: true }).click();
  await mine.getByRole("menuitem", { name: "Pin on profile", exact: true }).click();
  await until(async () => (await w.server.apiOk("GET", `/api/v1/statuses/${older.id}`, { token: w.users.gus.token })).pinned === true,
    "the server has pinned false after “Pin on profile”");
  await page.reload();
  const first = panel.locator("article").first();
  await expectVisible(first.filter({ hasText: older.text }), "/@gus after a reload: the pinned post first");
  await expectVisible(first.getByText("Pinned", { exact: true }), "/@gus: “Pinned” on the first post");
  await until(async () => (await panel.locator("article").count()) >= 4, "/@gus: fewer than 4 posts");
  assertEqual(await articleWith(panel, older.text).count(), 1, "/@gus: the pinned post's articles (not repeated below)");
  await settle(page);
  let v = await axeViolations(page);
  assert(!v.length, `axe on a profile with a pinned post:\n  ${v.join("\n  ")}`);
  await page.screenshot({ path: join(w.screenshots, "light-profile-pinned.png") });
  for (const [name, options] of [
    ["dark-profile-pinned", { user: "alice", colorScheme: "dark" }],
    ["phone-profile-pinned", { user: "alice", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const p = await openPage(w, await t.context(options), "/@gus");
    const f = p.getByRole("tabpanel").locator("article").first();
    await expectVisible(f.filter({ hasText: older.text }).getByText("Pinned", { exact: true }), `${name}: the pinned post first, “Pinned”`);
    await settle(p);
    v = await axeViolations(p);
    assert(!v.length, `axe on ${name}:\n  ${v.join("\n  ")}`);
    await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
  }
  // Unpin from the same menu.
  await first.getByRole("button", { name: "More", exact: true }).click();
  await first.getByRole("menuitem", { name: "Unpin from profile", exact: true }).click();
  await until(async () => !(await w.server.apiOk("GET", `/api/v1/statuses/${older.id}`, { token: w.users.gus.token })).pinned,
    "the server has pinned true after “Unpin from profile”");
}, { timeout: 90000 });

test("lists: create one, add a member from their profile, the list's timeline shows their posts (live); follow a hashtag", async (w, t) => {
  const hugo = w.users.hugo.token;
  await w.follow("hugo", "gus");
  await w.follow("hugo", "fanny");
  const title = `Neighbours ${stamp()}`;
  // /lists opened directly (a page the server serves), from a fresh context.
  const page = await openPage(w, await t.context({ user: "hugo" }), "/lists");
  await expectVisible(page.getByRole("heading", { level: 1, name: "Lists", exact: true }), "heading “Lists”");
  await page.getByRole("textbox", { name: "New list", exact: true }).fill(title);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const row = await expectVisible(page.getByRole("link", { name: title }), `/lists: link “${title}”`);
  const lists = await w.server.apiOk("GET", "/api/v1/lists", { token: hugo });
  const made = lists.find((l) => l.title === title);
  assert(made, `the server has no list “${title}”: ${JSON.stringify(lists)}`);
  await w.server.apiOk("POST", `/api/v1/tags/${w.tag}/follow`, { token: hugo });
  await page.reload();
  await expectVisible(page.getByRole("link", { name: `#${w.tag}`, exact: true }), "/lists: the followed hashtag");
  await settle(page);
  let v = await axeViolations(page);
  assert(!v.length, `axe on Lists:\n  ${v.join("\n  ")}`);
  await page.screenshot({ path: join(w.screenshots, "light-lists.png") });

  // From gus's profile: “Lists”, a dialog of checkboxes.
  await page.goto(`${w.server.origin}/@gus`);
  await page.getByRole("main").getByRole("button", { name: "Lists", exact: true }).click();
  const dialog = await expectVisible(page.getByRole("dialog", { name: "Gus Petit in your lists", exact: true }), "dialog “Gus Petit in your lists”");
  const box = dialog.getByRole("checkbox", { name: title, exact: true });
  assertEqual(await box.isChecked(), false, "the list's checkbox before");
  await box.check();
  await until(async () => (await w.server.apiOk("GET", `/api/v1/lists/${made.id}/accounts`, { token: hugo })).some((a) => a.id === w.users.gus.id),
    "gus is not in the list on the server after checking its box");
  await settle(page);
  v = await axeViolations(page);
  assert(!v.length, `axe on the lists dialog:\n  ${v.join("\n  ")}`);
  await page.screenshot({ path: join(w.screenshots, "light-lists-dialog.png") });
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expectHidden(dialog, "the lists dialog after Close");

  // The list's timeline: gus's post, not fanny's (followed, not listed); live.
  const gusPost = await w.post("gus", `Gus for the neighbours ${stamp()}`);
  const fannyPost = await w.post("fanny", `Fanny, followed but not listed ${stamp()}`);
  await page.goto(`${w.server.origin}/lists`);
  await (await expectVisible(page.getByRole("link", { name: title }), "/lists: the list's link")).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: title, exact: true }), `heading “${title}”`);
  const feed = await expectVisible(feedNamed(page, `Posts of the list ${title}`), "the list's feed");
  await expectVisible(articleWith(feed, gusPost.text), "the list's timeline: gus's post");
  assertEqual(await articleWith(feed, fannyPost.text).count(), 0, "the list's timeline: fanny's post");
  const live = await w.post("gus", `Gus again, live ${stamp()}`);
  await expectVisible(articleWith(feed, live.text).or(page.getByRole("button", { name: /^Show 1 new post$/ })), "the list's timeline: gus's new post (live)");
  await page.getByRole("button", { name: "Members", exact: true }).click();
  const members = await expectVisible(page.getByRole("dialog", { name: `Members of “${title}”`, exact: true }), "dialog of the members");
  await expectVisible(members.getByRole("button", { name: "Remove Gus Petit from the list", exact: true }), "members: “Remove Gus Petit from the list”");
  await members.getByRole("button", { name: "Close", exact: true }).click();
  await settle(page);
  v = await axeViolations(page);
  assert(!v.length, `axe on a list's timeline:\n  ${v.join("\n  ")}`);
  await page.screenshot({ path: join(w.screenshots, "light-list-timeline.png") });
  // Its settings: exclusive; gus's posts leave home.
  await page.getByRole("button", { name: `Settings of the list “${title}”`, exact: true }).click();
  const settings = await expectVisible(page.getByRole("dialog"), "the list's settings");
  await settings.getByRole("radio", { name: "to no one", exact: true }).check();
  await settings.getByRole("checkbox", { name: "Hide these posts from my home timeline", exact: true }).check();
  await page.screenshot({ path: join(w.screenshots, "light-list-settings.png") });
  await settings.getByRole("button", { name: "Save", exact: true }).click();
  await until(async () => (await w.server.apiOk("GET", `/api/v1/lists/${made.id}`, { token: hugo })).exclusive === true,
    "the list is not exclusive on the server after Save");
  const home = await w.server.apiOk("GET", "/api/v1/timelines/home", { token: hugo });
  assert(!home.some((s) => s.id === gusPost.id), "an exclusive list's member's post is still in home");

  for (const [name, options] of [
    ["dark-list-timeline", { user: "hugo", colorScheme: "dark" }],
    ["phone-list-timeline", { user: "hugo", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ["fr-list-timeline", { user: "hugo", locale: "fr-FR" }],
  ]) {
    const p = await openPage(w, await t.context(options), `/lists/${made.id}`);
    await expectVisible(articleWith(p.getByRole("main"), gusPost.text), `${name}: gus's post`);
    await settle(p);
    v = await axeViolations(p);
    assert(!v.length, `axe on ${name}:\n  ${v.join("\n  ")}`);
    const wide = await p.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert(wide <= 0, `${name}: the page scrolls sideways by ${wide} px`);
    await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
    if (name !== "dark-list-timeline") {
      await p.goto(`${w.server.origin}/lists`);
      await expectVisible(p.getByRole("link", { name: title }), `${name}: /lists`);
      await settle(p);
      await p.screenshot({ path: join(w.screenshots, `${name.replace("timeline", "index")}.png`) });
    }
  }
  // Another's list is not found.
  const other = await openPage(w, await t.context({ user: "gus" }), `/lists/${made.id}`);
  await expectVisible(other.getByRole("heading", { name: "This page does not exist", exact: true }), "gus on hugo's list: not found");

  // A hashtag's page: Follow / Unfollow.
  const tagPage = await openPage(w, await t.context({ user: "gus" }), `/tags/${w.tag}`);
  const follow = await expectVisible(tagPage.getByRole("button", { name: "Follow", exact: true }), "tag page: button “Follow”");
  assertEqual(await follow.getAttribute("aria-pressed"), "false", "“Follow” aria-pressed");
  await follow.click();
  const unfollow = await expectVisible(tagPage.getByRole("button", { name: "Unfollow", exact: true }), "tag page: “Unfollow” after “Follow”");
  assertEqual(await unfollow.getAttribute("aria-pressed"), "true", "“Unfollow” aria-pressed");
  await until(async () => (await w.server.apiOk("GET", "/api/v1/followed_tags", { token: w.users.gus.token })).some((x) => x.name === w.tag),
    "gus does not follow the tag on the server after “Follow”");
  await tagPage.screenshot({ path: join(w.screenshots, "light-tag-following.png") });
  await unfollow.click();
  await expectVisible(tagPage.getByRole("button", { name: "Follow", exact: true }), "tag page: “Follow” after “Unfollow”");
}, { timeout: 120000 });

test("scrolled down, a new post waits behind “Show 1 new post” and the post being read does not move", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/");
  const feed = await expectVisible(feedNamed(page, "Home timeline"), "feed “Home timeline”");
  await until(async () => (await feed.locator("article").count()) >= 8, "fewer than 8 posts in alice's home");
  await settle(page);
  await streamReady(page);
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, 700);
  await sleep(600);
  const reading = () => page.evaluate(() => {
    const a = [...document.querySelectorAll("[role=feed] article")].find((x) => x.getBoundingClientRect().top > 60);
    return a ? { text: a.textContent.slice(0, 80), top: a.getBoundingClientRect().top } : null;
  });
  const before = await reading();
  assert(before && (await page.evaluate(() => document.scrollingElement.scrollTop)) > 300, "the home timeline did not scroll");
  const text = `Arrives while alice reads ${stamp()}`;
  await w.post("carol", text);
  const bar = page.getByRole("button", { name: "Show 1 new post", exact: true });
  await expectVisible(bar, "button “Show 1 new post” while scrolled down", 15000);
  const after = await page.evaluate((t0) => {
    const a = [...document.querySelectorAll("[role=feed] article")].find((x) => x.textContent.startsWith(t0));
    return a ? a.getBoundingClientRect().top : null;
  }, before.text);
  assert(after !== null && Math.abs(after - before.top) <= 2,
    `the post being read moved from ${before.top} to ${after} px when a new post arrived`);
  const politeText = () => page.evaluate(() => [...document.querySelectorAll('[aria-live="polite"]')]
    .map((e) => e.textContent.trim()).join(" | "));
  await until(async () => /new post/i.test(await politeText()),
    async () => `no polite announcement of the new post (aria-live="polite" regions: “${await politeText()}”)`, { timeout: 3000 });
  await bar.click();
  await expectVisible(articleWith(feed, text), "the new post after “Show 1 new post”");
  await until(() => articleWith(feed, text).evaluate((a) => { const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }),
    "the new post is not in view after “Show 1 new post”", { timeout: 3000 });
});

test("the reading position (/api/v1/markers) reaches another device", async (w, t) => {
  const a = await t.context({ user: "alice" });
  const page = await openPage(w, a, "/");
  const feed = await expectVisible(feedNamed(page, "Home timeline"), "feed “Home timeline”");
  await expectVisible(feed.locator("article"), "a post in home");
  const home = await w.server.apiOk("GET", "/api/v1/timelines/home?limit=1", { token: w.users.alice.token });
  const newest = home[0];
  await until(async () => {
    const m = await w.server.apiOk("GET", "/api/v1/markers?timeline[]=home", { token: w.users.alice.token });
    return m.home && m.home.last_read_id === newest.id;
  }, async () => `the home marker is ${JSON.stringify((await w.server.apiOk("GET", "/api/v1/markers?timeline[]=home",
    { token: w.users.alice.token })).home)}, not the newest post seen (${newest.id})`, { timeout: 6000 });
  await a.close();
  for (let i = 1; i <= 8; i++) await w.post("carol", `Meanwhile, news number ${i} ${stamp()}`);

  const b = await t.context({ user: "alice" });
  const other = await openPage(w, b, "/");
  const feed2 = await expectVisible(feedNamed(other, "Home timeline"), "the other device: feed “Home timeline”");
  const read = feed2.locator("article").filter({ hasText: newest.content.replace(/<[^>]+>/g, "").slice(0, 30) }).first();
  const inView = () => read.evaluate((el) => { const r = el.getBoundingClientRect(); return r.bottom > 60 && r.top < innerHeight; }).catch(() => false);
  await sleep(500);
  if (!(await inView())) {
    const jump = other.getByRole("button", { name: /left off/i });
    await (await expectVisible(jump, "the other device: the post read last in view, or a button to jump to it", 5000)).click();
  }
  await until(inView, "the other device: the post read last is not in view", { timeout: 5000 });
});

test("follow from the profile page; the next post arrives live in home", async (w, t) => {
  const bob = await t.context({ user: "bob" });
  const page = await openPage(w, bob, "/@alice");
  await expectVisible(page.getByRole("heading", { level: 1, name: "Alice Martin" }), "profile /@alice: heading level 1 “Alice Martin”");
  await (await expectVisible(page.getByRole("button", { name: "Follow", exact: true }), "profile: button “Follow”")).click();
  await expectVisible(page.getByRole("button", { name: "Unfollow", exact: true }), "profile: button “Unfollow” after following");
  const rel = await w.server.apiOk("GET", `/api/v1/accounts/relationships?id[]=${w.users.alice.id}`, { token: w.users.bob.token });
  assert(rel[0]?.following, `the server does not have bob following alice: ${JSON.stringify(rel)}`);

  await nav(page).getByRole("link", { name: "Home", exact: true }).click();
  const home = await expectVisible(feedNamed(page, "Home timeline"), "bob's feed “Home timeline”");
  await markNoReload(page);
  await streamReady(page);

  const alice = await t.context({ user: "alice" });
  const ap = await openPage(w, alice, "/");
  const box = await expectVisible(ap.getByRole("textbox", { name: COMPOSE }), "alice's compose box");
  const text = `Live to my followers ${stamp()}`;
  await box.fill(text);
  await postButtonOf(box).click();
  await waitLive(page, home, text, "bob's home timeline");
  await assertNoReload(page, "bob's home");
});

test("reply in the thread view; a signed-out visitor on the permalink sees it live", async (w, t) => {
  const root = await w.post("alice", `Live interview, first question: what brought you here? ${stamp()}`);
  const visitor = await t.context();
  const vp = await openPage(w, visitor, `/@alice/${root.id}`);
  const conv = await expectVisible(feedNamed(vp, "Conversation"), "permalink (visitor): feed “Conversation”");
  await expectVisible(articleWith(conv, root.text.slice(0, 40)), "permalink (visitor): the post");
  await settle(vp);
  await markNoReload(vp);
  await streamReady(vp);

  const bob = await t.context({ user: "bob" });
  const bp = await openPage(w, bob, `/@alice/${root.id}`);
  const box = await expectVisible(bp.getByRole("textbox", { name: "Your reply", exact: true }), "thread: textbox “Your reply”");
  const prefilled = await box.inputValue();
  const answer = `Curiosity, and the people ${stamp()}`;
  await box.click();
  await bp.keyboard.press("End");
  await box.pressSequentially((prefilled && !prefilled.endsWith(" ") ? " " : "") + answer);
  await postButtonOf(box).click();
  await expectVisible(articleWith(feedNamed(bp, "Conversation"), answer), "thread (bob): the reply in the conversation");

  await waitLive(vp, conv, answer, "the visitor's conversation");
  await assertNoReload(vp, "the visitor's permalink");
  const order = await conv.evaluate((f, [a, b]) => {
    const arts = [...f.querySelectorAll("article")].map((x) => x.textContent);
    return [arts.findIndex((x) => x.includes(a)), arts.findIndex((x) => x.includes(b))];
  }, [root.text.slice(0, 40), answer]);
  assert(order[0] >= 0 && order[1] > order[0], `the reply is not below the post in the conversation (indices ${order})`);
  const ctx = await w.server.apiOk("GET", `/api/v1/statuses/${root.id}/context`);
  assert(ctx.descendants.some((s) => s.content.includes(answer.split(" ")[0])), "the server has no reply to the post");
});

test("notifications: a like and a mention, unread count in the navigation, live", async (w, t) => {
  const alice = await t.context({ user: "alice" });
  const ap = await openPage(w, alice, "/");
  await expectVisible(feedNamed(ap, "Home timeline"), "alice's feed “Home timeline”");
  await expectVisible(nav(ap), "navigation “Main”");
  await settle(ap);
  await markNoReload(ap);
  await streamReady(ap);
  const before = await navCount(ap);

  const liked = await w.post("alice", `Please like this one ${stamp()}`);
  const bob = await t.context({ user: "bob" });
  const bp = await openPage(w, bob, `/@alice/${liked.id}`);
  const article = await expectVisible(articleWith(feedNamed(bp, "Conversation"), liked.text),
    "permalink (bob): the post");
  const like = article.getByRole("button", { name: "Like", exact: true });
  await like.click();
  await until(async () => (await like.getAttribute("aria-pressed")) === "true",
    async () => `button “Like” has aria-pressed=${await like.getAttribute("aria-pressed")} after a click`);
  await until(async () => (await w.server.apiOk("GET", `/api/v1/statuses/${liked.id}`)).favourites_count === 1,
    "the server did not record the like");

  const count = await until(async () => { const n = await navCount(ap); return n > before && n; },
    async () => `alice's navigation shows no unread count above ${before} after bob's like (without reload)`,
    { timeout: 15000 });
  await assertNoReload(ap, "alice's home");
  await expectVisible(nav(ap).getByRole("link", { name: "Notifications", exact: true }),
    `link “Notifications” keeps its name with the count ${count} shown`);
  await ap.screenshot({ path: join(w.screenshots, "light-home-unread-count.png") });

  await nav(ap).getByRole("link", { name: "Notifications", exact: true }).click();
  await ap.waitForURL(/\/notifications$/);
  const feed = await expectVisible(feedNamed(ap, "Notifications"), "feed “Notifications”");
  await expectVisible(feed.getByText("Bob Durand").first(), "notifications: bob's like");
  await expectVisible(feed.getByText(w.posts.mention.text.slice(7, 40)).first(), "notifications: carol's mention");
  await until(async () => (await navCount(ap)) === 0,
    async () => `the unread count (${await navCount(ap)}) stays after opening the notifications`, { timeout: 8000 });
});

test("profile: header, organization badge, tabs", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/@iteco");
  await expectVisible(page.getByRole("heading", { level: 1, name: "ITECO" }), "profile /@iteco: heading level 1 “ITECO”");
  await expectVisible(page.getByText("Organization", { exact: true }), "profile /@iteco: badge “Organization”");
  await expectVisible(page.getByRole("article").filter({ hasText: w.posts.iteco.text }), "profile /@iteco: its post");

  await page.goto(w.server.origin + "/@bob");
  await expectVisible(page.getByRole("heading", { level: 1, name: "Bob Durand" }), "profile /@bob: heading level 1");
  for (const name of ["Posts", "Posts and replies", "Followers", "Following"]) {
    await expectVisible(page.getByRole("tab", { name, exact: true }), `profile: tab “${name}”`);
  }
  await expectVisible(page.locator("article").filter({ hasText: w.posts.bobNote.text }), "profile tab Posts: bob's note");
  assertEqual(await page.locator("article").filter({ hasText: w.posts.reply.text.slice(7) }).count(), 0,
    "bob's reply shown under tab “Posts” (replies belong under “Posts and replies”)");
  await page.getByRole("tab", { name: "Posts and replies", exact: true }).click();
  await expectVisible(page.locator("article").filter({ hasText: w.posts.reply.text.slice(7) }),
    "profile tab “Posts and replies”: bob's reply");
  await page.getByRole("tab", { name: "Following", exact: true }).click();
  await expectVisible(page.getByRole("link", { name: /Carol Lefèvre/ }), "profile tab “Following”: Carol Lefèvre");
});

test("a locked account: alice requires approval in settings, bob's follow is “Requested”, alice accepts, bob follows", async (w, t) => {
  const { alice, bob } = w.users;
  const s = w.server;
  const relOf = async (who, other) => (await s.apiOk("GET", `/api/v1/accounts/relationships?id[]=${w.users[other].id}`,
    { token: w.users[who].token }))[0];
  // An earlier test may have had bob follow alice: start without.
  await s.apiOk("POST", `/api/v1/accounts/${alice.id}/unfollow`, { token: bob.token });
  const others = ["carol", "dan", "eve"];
  try {
    // 1. Alice locks her account in settings.
    const ac = await t.context({ user: "alice" });
    const sp = await openPage(w, ac, "/settings");
    const lock = await expectVisible(sp.getByRole("checkbox", { name: "Require approval for new followers", exact: true }),
      "settings: checkbox “Require approval for new followers”");
    assert(!(await lock.isChecked()), "settings: the account is locked before alice locks it");
    const hint = await lock.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") || "")?.textContent || "");
    assert(/followers only/i.test(hint), `settings: the checkbox is not described by a line about posts for followers (“${hint}”)`);
    await lock.focus();
    await sp.keyboard.press("Space");
    assert(await lock.isChecked(), "settings: Space does not tick the checkbox");
    await sp.getByRole("button", { name: "Save", exact: true }).click();
    await until(async () => (await s.apiOk("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).locked === true,
      "the server does not have alice's account locked after Save");
    await settle(sp);
    await sp.screenshot({ path: join(w.screenshots, "light-settings-locked.png") });

    // 2. Bob on alice's profile: a lock, Follow → “Requested”.
    const bc = await t.context({ user: "bob" });
    const bp = await openPage(w, bc, "/@alice");
    await expectVisible(bp.getByRole("heading", { level: 1, name: "Alice Martin" }), "profile /@alice: heading level 1");
    await expectVisible(bp.getByRole("img", { name: "Locked account", exact: true }), "profile /@alice: the lock (img “Locked account”)");
    const follow = await expectVisible(bp.getByRole("button", { name: "Follow", exact: true }), "profile: button “Follow”");
    const described = await follow.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") || "")?.textContent || "");
    assert(/approves each new follower/.test(described), `profile: “Follow” of a locked account is not described by the lock hint (“${described}”)`);
    await follow.click();
    const requested = await expectVisible(bp.getByRole("button", { name: /withdraw follow request/i }),
      "profile: button “… withdraw follow request” after following a locked account");
    assertEqual((await requested.textContent()).trim(), "Requested", "the visible text of the pending follow");
    let rel = await relOf("bob", "alice");
    assert(rel.requested && !rel.following, `the server's relationship after bob's follow: ${JSON.stringify(rel)}`);
    // Withdrawn with the keyboard, then asked again.
    await requested.focus();
    await bp.keyboard.press("Enter");
    await expectVisible(bp.getByRole("button", { name: "Follow", exact: true }), "profile: “Follow” again after withdrawing");
    rel = await relOf("bob", "alice");
    assert(!rel.requested && !rel.following, `the request stays on the server after withdrawing: ${JSON.stringify(rel)}`);
    await bp.getByRole("button", { name: "Follow", exact: true }).click();
    await expectVisible(bp.getByRole("button", { name: /withdraw follow request/i }), "profile: “Requested” after asking again");
    await bp.mouse.move(1, 1);
    await settle(bp);
    await bp.screenshot({ path: join(w.screenshots, "light-profile-requested.png") });
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    for (const [name, options, path, control] of [
      ["phone-profile-requested", { user: "bob", ...phone }, "/@alice", ".follow-button"],
      ["fr-phone-settings-locked", { user: "alice", locale: "fr-FR", ...phone }, "/settings", ".check input"],
      ["dark-notifications-follow-request", { user: "alice", colorScheme: "dark" }, "/notifications", ".request-actions .button"],
      ["fr-phone-notifications-follow-request", { user: "alice", locale: "fr-FR", ...phone }, "/notifications", ".request-actions .button"],
      ["dark-profile-own-locked", { user: "alice", colorScheme: "dark" }, "/@alice", `.lock-hint a[href="/notifications?tab=requests"]`],
    ]) {
      const page = await openPage(w, await t.context(options), path);
      await expectVisible(page.getByRole("heading", { level: 1 }), `${name}: heading level 1`);
      await expectVisible(page.locator(control), `${name}: ${control}`);
      await settle(page);
      await page.screenshot({ path: join(w.screenshots, `${name}.png`) });
      await page.close();
    }

    // 3. Alice: the notification with Accept / Reject, the link to the requests.
    const ap = await openPage(w, ac, "/notifications");
    const feed = await expectVisible(feedNamed(ap, "Notifications"), "feed “Notifications”");
    const item = await expectVisible(feed.locator("article").filter({ hasText: "asked to follow you" }).filter({ hasText: "Bob Durand" }),
      "notifications: “Bob Durand asked to follow you”");
    await expectVisible(item.getByRole("button", { name: "Accept follow request from @bob", exact: true }),
      "the notification: button “Accept follow request from @bob”");
    await expectVisible(item.getByRole("button", { name: "Reject follow request from @bob", exact: true }),
      "the notification: button “Reject follow request from @bob”");
    const link = await expectVisible(nav(ap).getByRole("link", { name: "Follow requests", exact: true }),
      "navigation: link “Follow requests” (a request waits)");
    await expectVisible(ap.getByRole("link", { name: /^Follow requests/ }).filter({ hasText: "waiting" }),
      "notifications: the link to the follow requests, with how many wait");
    await settle(ap);
    await ap.screenshot({ path: join(w.screenshots, "light-notifications-follow-request.png") });
    await link.click();
    await ap.waitForURL(/\/notifications\?tab=requests$/);
    await expectVisible(ap.getByRole("heading", { level: 1, name: "Follow requests" }), "heading level 1 “Follow requests”");
    const list = await expectVisible(ap.getByRole("list", { name: "Follow requests", exact: true }), "list “Follow requests”");
    const accept = await expectVisible(list.getByRole("button", { name: "Accept follow request from @bob", exact: true }),
      "follow requests: button “Accept follow request from @bob”");
    await expectVisible(list.getByRole("button", { name: "Reject follow request from @bob", exact: true }),
      "follow requests: button “Reject follow request from @bob”");
    await settle(ap);
    let v = await axeViolations(ap);
    assert(!v.length, `axe on the follow requests screen:\n  ${v.join("\n  ")}`);
    await accept.focus();
    await ap.keyboard.press("Enter");
    const done = await expectVisible(list.getByText("Accepted", { exact: true }), "follow requests: “Accepted” in bob's row");
    assert(await done.evaluate((el) => el.closest("[tabindex]") === document.activeElement),
      "the focus is not on what was done after accepting (the buttons are gone)");
    rel = await relOf("bob", "alice");
    assert(rel.following && !rel.requested, `the server does not have bob following alice after Accept: ${JSON.stringify(rel)}`);

    // The notification says what was done; bob's button is Unfollow after a reload.
    await nav(ap).getByRole("link", { name: "Notifications", exact: true }).click();
    await expectVisible(feedNamed(ap, "Notifications").locator("article").filter({ hasText: "asked to follow you" })
      .filter({ hasText: "Bob Durand" }).getByText("Accepted", { exact: true }), "the notification: “Accepted” after the answer");
    await settle(ap);
    await ap.screenshot({ path: join(w.screenshots, "light-notifications-answered.png") });
    await bp.reload();
    await expectVisible(bp.getByRole("button", { name: "Unfollow", exact: true }), "bob's profile of alice after a reload: “Unfollow”");

    // 4. Three more requests: the screen in light, dark, on a phone, in French; Reject on the phone.
    await markNoReload(ap);
    await streamReady(ap);
    for (const u of others) await s.apiOk("POST", `/api/v1/accounts/${alice.id}/follow`, { token: w.users[u].token });
    // Live: the requests reach alice's open page (the link and its count come back).
    await expectVisible(nav(ap).getByRole("link", { name: "Follow requests", exact: true }),
      "alice's navigation: link “Follow requests” once new requests arrive live", 15000);
    await expectVisible(ap.getByRole("link", { name: /^Follow requests/ }).filter({ hasText: "3 people" }),
      "notifications: the link to the follow requests counts 3, live");
    await assertNoReload(ap, "alice's notifications");
    const shots = [
      ["light-follow-requests-pending", { user: "alice" }],
      ["dark-follow-requests-pending", { user: "alice", colorScheme: "dark" }],
      ["phone-follow-requests-pending", { user: "alice", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
      ["phone-dark-follow-requests-pending", { user: "alice", colorScheme: "dark", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
      ["fr-phone-follow-requests-pending", { user: "alice", locale: "fr-FR", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ];
    let waiting = 3;
    for (const [name, options] of shots) {
      const page = await openPage(w, await t.context(options), "/notifications?tab=requests");
      const l = await expectVisible(page.locator(".request-list"), `${name}: the list of requests`);
      await until(async () => (await l.locator("li").count()) >= waiting, `${name}: fewer than ${waiting} requests listed`);
      await settle(page);
      v = await axeViolations(page);
      assert(!v.length, `axe on ${name}:\n  ${v.join("\n  ")}`);
      const wide = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
      assert(wide <= 0, `${name}: the page scrolls sideways by ${wide} px`);
      if (name === "phone-follow-requests-pending") {
        await (await expectVisible(page.getByRole("button", { name: "Reject follow request from @carol", exact: true }),
          "phone: button “Reject follow request from @carol”")).click();
        await expectVisible(page.getByText("Rejected", { exact: true }), "phone: “Rejected” in carol's row");
        rel = await relOf("carol", "alice");
        assert(!rel.requested && !rel.following, `carol's request stays after Reject: ${JSON.stringify(rel)}`);
        waiting = 2;
      }
      await page.screenshot({ path: join(w.screenshots, `${name}.png`) });
      if (name === "fr-phone-follow-requests-pending") {
        await expectVisible(page.getByRole("heading", { level: 1, name: "Demandes d'abonnement" }), "fr: heading “Demandes d'abonnement”");
        await expectVisible(page.getByRole("button", { name: "Accepter la demande d'abonnement de @dan", exact: true }),
          "fr: button “Accepter la demande d'abonnement de @dan”");
      }
      await page.close();
    }
  } finally {
    for (const u of others) await s.api("POST", `/api/v1/follow_requests/${w.users[u].id}/reject`, { token: alice.token });
    await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: alice.token, body: { locked: false } });
  }
}, { timeout: 150000 });

test("search ignores accents: “cafe” finds “café”", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/");
  await nav(page).getByRole("link", { name: "Search", exact: true }).click();
  const box = await expectVisible(page.getByRole("searchbox", { name: "Search", exact: true }), "search: searchbox “Search”");
  await box.fill("cafe");
  await box.press("Enter");
  await expectVisible(page.getByRole("heading", { name: "Posts", exact: true }), "search results: heading “Posts”");
  await expectVisible(page.locator("article").filter({ hasText: "Un café au lait" }), "search results: dan's post with “café”");
  assert(new URL(page.url()).searchParams.get("q") === "cafe", `the search is not in the address: ${page.url()}`);
  await box.fill(`#${w.tag}`);
  await box.press("Enter");
  await expectVisible(page.getByRole("heading", { name: "Hashtags", exact: true }), "search results: heading “Hashtags”");
  await expectVisible(page.locator(`a[href$="/tags/${w.tag}"]`), `search results: a link to /tags/${w.tag}`);
});

test("trends: the front page and /explore list a hashtag used by several accounts; its tag page", async (w, t) => {
  const visitor = await t.context();
  const vp = await openPage(w, visitor, "/");
  const heading = vp.getByRole("heading", { name: "Trending", exact: true });
  await expectVisible(heading, "front page: heading “Trending”");
  const side = vp.getByRole("complementary").or(vp.getByRole("region")).filter({ has: heading });
  await expectVisible(side, "front page: a complementary/region landmark holding heading “Trending”");
  await expectVisible(side.locator(`a[href$="/tags/${w.tag}"]`), `front page trends: a link to /tags/${w.tag}`);

  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/");
  await nav(page).getByRole("link", { name: "Explore", exact: true }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: "Explore", exact: true }), "explore: heading level 1 “Explore”");
  await expectVisible(page.getByRole("tab", { name: "Everywhere", exact: true }), "explore: tab “Everywhere”");
  const link = page.getByRole("main").locator(`a[href$="/tags/${w.tag}"]`);
  await expectVisible(link, `explore: a link to /tags/${w.tag}`);
  await page.getByRole("tab", { name: "In your network", exact: true }).click();
  await expectVisible(link, `explore, “In your network” (alice follows carol, dan, eve): a link to /tags/${w.tag}`);
  await link.first().click();
  await page.waitForURL(new RegExp(`/tags/${w.tag}$`));
  await expectVisible(page.getByRole("heading", { level: 1, name: `#${w.tag}`, exact: true }), `tag page: heading level 1 “#${w.tag}”`);
  const feed = await expectVisible(feedNamed(page, `Posts tagged #${w.tag}`), `tag page: feed “Posts tagged #${w.tag}”`);
  await until(async () => (await feed.locator("article").count()) >= 4,
    async () => `tag page shows ${await feed.locator("article").count()} posts, not the 4 tagged`);
  await settle(page);
  await markNoReload(page);
  await streamReady(page);
  const text = `Live on the tag page #${w.tag} ${stamp()}`;
  await w.post("dan", text);
  await waitLive(page, feed, text.slice(0, 20), "the tag page");
  await assertNoReload(page, "the tag page");
});

test("a French browser gets French; the language can be switched in settings", async (w, t) => {
  const visitor = await t.context({ locale: "fr-FR" });
  const vp = await openPage(w, visitor, "/");
  await expectVisible(vp.getByRole("heading", { name: "Tendances", exact: true }), "front page (fr): heading “Tendances”");
  assert((await vp.evaluate(() => document.documentElement.lang)).startsWith("fr"),
    `front page (fr): <html lang="${await vp.evaluate(() => document.documentElement.lang)}">`);
  await expectVisible(vp.getByRole("link", { name: "Créer un compte", exact: true })
    .or(vp.getByRole("button", { name: "Créer un compte", exact: true })), "front page (fr): “Créer un compte”");
  const signIn = vp.getByRole("link", { name: "Se connecter", exact: true })
    .or(vp.getByRole("button", { name: "Se connecter", exact: true }));
  await (await expectVisible(signIn, "front page (fr): “Se connecter”")).click();
  await vp.waitForURL(/\/oauth\/authorize\?/);
  assert((await vp.evaluate(() => document.documentElement.lang)).startsWith("fr"),
    `authorize page (fr): <html lang="${await vp.evaluate(() => document.documentElement.lang)}">`);
  await vp.screenshot({ path: join(w.screenshots, "fr-authorize.png") });

  const fr = await t.context({ user: "fanny", locale: "fr-FR" });
  const page = await openPage(w, fr, "/");
  const main = await expectVisible(nav(page, "Principale"), "home (fr): navigation “Principale”");
  for (const name of ["Accueil", "Explorer", "Rechercher", "Notifications", "Profil", "Paramètres"]) {
    await expectVisible(main.getByRole("link", { name, exact: true }), `home (fr): link “${name}”`);
  }
  const box = await expectVisible(page.getByRole("textbox", { name: /^Quoi de neuf\s?\?$/ }), "home (fr): textbox “Quoi de neuf ?”");
  await expectVisible(postButtonOf(box, "Publier"), "home (fr): button “Publier”");

  // Switching: an English browser, settings, Language → Français.
  const en = await t.context({ user: "fanny" });
  const sp = await openPage(w, en, "/settings");
  const lang = await expectVisible(sp.getByRole("combobox", { name: "Language", exact: true }), "settings: combobox “Language”");
  const options = await lang.locator("option").allTextContents();
  assert(options.includes("English") && options.includes("Français"), `settings: Language options are ${JSON.stringify(options)}`);
  await lang.selectOption({ label: "Français" });
  const save = sp.getByRole("button", { name: "Save", exact: true });
  if (await save.count()) await save.click();
  await expectVisible(nav(sp, "Principale").getByRole("link", { name: "Accueil", exact: true }),
    "after choosing Français in settings: link “Accueil”");
  assertEqual(await sp.evaluate(() => document.documentElement.lang.slice(0, 2)), "fr", "<html lang> after choosing Français");
  assert((await sp.evaluate(() => localStorage.getItem("piaf.lang")) || "").includes("fr"), `localStorage "piaf.lang" is not fr`);

  // Every main page in French: a screenshot each.
  const problems = [];
  for (const p of mainPages(w)) {
    const c = p.user ? await t.context({ user: p.user, locale: "fr-FR" }) : visitor;
    const pg = await openPage(w, c, p.path);
    try {
      await p.ready(pg);
      await settle(pg);
      const l = await pg.evaluate(() => document.documentElement.lang);
      if (!l.startsWith("fr")) problems.push(`${p.name} (${p.path}): <html lang="${l}">`);
      const english = await pg.evaluate(() => [...document.querySelectorAll("nav a, button, h1, h2, label, [aria-label]")]
        .filter((el) => !el.closest("article"))
        .map((el) => (el.getAttribute("aria-label") || el.textContent || "").trim())
        .filter((s) => /^(Home|Explore|Search|Settings|Profile|Sign in|Sign out|Post|Reply|Like|Repost|Follow|Save|Trending|What's happening\?)$/.test(s)));
      if (english.length) problems.push(`${p.name} (${p.path}): English labels ${JSON.stringify([...new Set(english)])}`);
    } catch (e) {
      problems.push(`${p.name}: ${e.message}`);
    }
    await pg.screenshot({ path: join(w.screenshots, `fr-${p.name}.png`) });
    await pg.close();
  }
  assert(!problems.length, `French pages:\n  ${problems.join("\n  ")}`);
}, { timeout: 150000 });

test("a 390×844 phone viewport has no sideways scroll on any main page", async (w, t) => {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const contexts = { null: await t.context(phone), alice: await t.context({ ...phone, user: "alice" }) };
  const problems = [];
  for (const p of mainPages(w)) {
    const page = await openPage(w, contexts[p.user], p.path);
    try {
      await p.ready(page);
      await settle(page);
      const m = await page.evaluate(() => {
        const width = window.innerWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} (right ${Math.round(el.getBoundingClientRect().right)})`);
        return { scrollWidth: document.scrollingElement.scrollWidth, width, wide };
      });
      if (m.scrollWidth > m.width) problems.push(`${p.name} (${p.path}): scrollWidth ${m.scrollWidth} > ${m.width}; wide: ${m.wide.join(", ")}`);
      if (p.user) {
        const n = nav(page);
        if (!(await n.count()) || !(await n.first().isVisible())) problems.push(`${p.name}: no visible navigation “Main” on a phone`);
      }
    } catch (e) {
      problems.push(`${p.name}: ${e.message}`);
    }
    await page.screenshot({ path: join(w.screenshots, `phone-${p.name}.png`) });
    await page.close();
  }
  assert(!problems.length, `phone:\n  ${problems.join("\n  ")}`);
}, { timeout: 150000 });

test("signing out revokes the token", async (w, t) => {
  const context = await t.context();
  const page = await signInThroughPages(w, context, "gus");
  const token = await storedToken(page);
  assert(token, "no piaf.token after signing in");
  assertEqual((await w.server.api("GET", "/api/v1/accounts/verify_credentials", { token })).status, 200,
    "verify_credentials before signing out");
  await nav(page).getByRole("link", { name: "Settings", exact: true }).click();
  await (await expectVisible(page.getByRole("button", { name: "Sign out", exact: true }), "settings: button “Sign out”")).click();
  await expectVisible(page.getByRole("link", { name: "Sign in", exact: true })
    .or(page.getByRole("button", { name: "Sign in", exact: true })), "after signing out: “Sign in”");
  assertEqual(await page.evaluate(() => localStorage.getItem("piaf.token")), null, 'localStorage "piaf.token" after signing out');
  assertEqual((await w.server.api("GET", "/api/v1/accounts/verify_credentials", { token })).status, 401,
    "verify_credentials with the old token after signing out");
});

test("axe-core finds no violation on the main pages, light and dark", async (w, t) => {
  const failures = [];
  for (const scheme of ["light", "dark"]) {
    const contexts = { null: await t.context({ colorScheme: scheme }), alice: await t.context({ user: "alice", colorScheme: scheme }) };
    for (const p of mainPages(w)) {
      const page = await openPage(w, contexts[p.user], p.path);
      try {
        await p.ready(page);
        await settle(page);
        const scheme2 = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
        assertEqual(scheme2, scheme, "the emulated colour scheme");
        const v = await axeViolations(page);
        if (v.length) failures.push(`${scheme} ${p.name} (${p.path}):\n      ${v.join("\n      ")}`);
      } catch (e) {
        failures.push(`${scheme} ${p.name} (${p.path}): ${e.message}`);
      }
      await page.screenshot({ path: join(w.screenshots, `${scheme}-${p.name}.png`) });
      await page.close();
    }
  }
  assert(!failures.length, `axe violations:\n  ${failures.join("\n  ")}`);
}, { timeout: 240000 });

test("keyboard only: j/k, Enter opens the thread, Escape returns to the same post, ? and n", async (w, t) => {
  const context = await t.context({ user: "alice" });
  const page = await openPage(w, context, "/");
  const feed = await expectVisible(feedNamed(page, "Home timeline"), "feed “Home timeline”");
  await until(async () => (await feed.locator("article").count()) >= 4, "fewer than 4 posts in alice's home");
  await settle(page);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a.tagName !== "ARTICLE") return { tag: a ? a.tagName.toLowerCase() : null, label: a?.getAttribute("aria-label") };
    const feedEl = a.closest("[role=feed]");
    const link = [...a.querySelectorAll("a[href]")].find((x) => x.querySelector("time"));
    const r = a.getBoundingClientRect();
    return { tag: "article", index: feedEl ? [...feedEl.querySelectorAll("article")].indexOf(a) : -1,
      inView: r.bottom > 0 && r.top < innerHeight,
      id: link ? new URL(link.href).pathname : a.getAttribute("aria-label") + a.textContent.slice(0, 60),
      tabindex: a.getAttribute("tabindex"), label: a.getAttribute("aria-label") };
  });
  await page.keyboard.press("j");
  let f = await until(async () => { const x = await focused(); return x.tag === "article" && x; },
    async () => `j: focus is on ${JSON.stringify(await focused())}, not a post`, { timeout: 3000 });
  // The first j focuses a post in view (the home may open at the reading
  // position kept in the markers, not at the top).
  assert(f.inView, `j: the focused post (index ${f.index}) is not in view`);
  const first = f.index;
  assertEqual(f.tabindex, "0", "a post's tabindex");
  assert(/^Post by /.test(f.label || ""), `a post's aria-label is “${f.label}”, not “Post by NAME”`);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  f = await focused();
  assertEqual(f.index, first + 2, "j, j, j: two posts below the first one focused");
  assert(f.inView, "j: the focused post is scrolled into view");
  await page.keyboard.press("k");
  f = await focused();
  assertEqual(f.index, first + 1, "then k: one post back");
  const target = f.id;
  const outline = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}|${s.boxShadow}`; });
  assert(!/^none/.test(outline) || !/none$/.test(outline), `the focused post has no visible focus (outline/box-shadow: ${outline})`);

  await page.keyboard.press("?");
  const dialog = await expectVisible(page.getByRole("dialog", { name: "Keyboard shortcuts", exact: true }), "? opens dialog “Keyboard shortcuts”");
  await until(() => dialog.evaluate((d) => d.contains(document.activeElement)), "focus is not inside the shortcuts dialog", { timeout: 3000 });
  await page.screenshot({ path: join(w.screenshots, "light-shortcuts.png") });
  const close = dialog.getByRole("button", { name: "Close", exact: true });
  await expectVisible(close, "dialog: button “Close”");
  for (let i = 0; i < 15 && !(await isFocused(close)); i++) await page.keyboard.press("Tab");
  assert(await isFocused(close), "Tab never reaches the dialog's button “Close”");
  await page.keyboard.press("Enter");
  await expectHidden(page.getByRole("dialog", { name: "Keyboard shortcuts", exact: true }), "the shortcuts dialog after Close");
  f = await focused();
  assertEqual(f.id, target, "focus after closing the shortcuts dialog");

  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === target, { timeout: 5000 }).catch(async () => {
    throw new Error(`Enter on the focused post: at ${page.url()}, not ${target}`);
  });
  await expectVisible(feedNamed(page, "Conversation"), "after Enter: feed “Conversation”");
  await page.keyboard.press("Escape");
  await page.waitForURL(w.server.origin + "/", { timeout: 5000 }).catch(async () => {
    throw new Error(`Escape in the thread: at ${page.url()}, not back home`);
  });
  await until(async () => (await focused()).id === target,
    async () => `after Escape: focus is on ${JSON.stringify(await focused())}, not the post ${target}`, { timeout: 5000 });

  // Back (the browser's) returns to the same post too.
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === target, { timeout: 5000 });
  await expectVisible(feedNamed(page, "Conversation"), "after Enter again: feed “Conversation”");
  await page.goBack();
  await page.waitForURL(w.server.origin + "/", { timeout: 5000 });
  await until(async () => (await focused()).id === target,
    async () => `after Back: focus is on ${JSON.stringify(await focused())}, not the post ${target}`, { timeout: 5000 });

  await page.keyboard.press("n");
  const box = page.getByRole("textbox", { name: COMPOSE });
  await until(() => isFocused(box), async () => `n: focus is on ${JSON.stringify(await focused())}, not textbox “What's happening?”`, { timeout: 3000 });
  assertEqual(await box.inputValue(), "", "n typed into the compose box");
});

test("with reduced motion requested, nothing animates when a new post arrives", async (w, t) => {
  const context = await t.context({ user: "alice", reducedMotion: "reduce" });
  const page = await openPage(w, context, "/");
  const feed = await expectVisible(feedNamed(page, "Home timeline"), "feed “Home timeline”");
  await expectVisible(feed.locator("article"), "a post in home");
  await settle(page);
  await streamReady(page);
  const text = `Calm arrival ${stamp()}`;
  // Samples document.getAnimations() as the post is inserted and for 1.5 s.
  await page.evaluate((needle) => {
    window.__piafAnim = [];
    const sample = (when) => {
      for (const a of document.getAnimations()) {
        const target = a.effect && a.effect.target;
        window.__piafAnim.push({ when, state: a.playState,
          what: a.animationName || a.transitionProperty || a.constructor.name,
          on: target ? `${target.tagName.toLowerCase()}.${String(target.className).trim().split(/\s+/).join(".")}` : "?" });
      }
    };
    const seen = () => [...document.querySelectorAll("article")].some((x) => x.textContent.includes(needle));
    const obs = new MutationObserver(() => {
      if (!seen()) { sample("mutation"); return; }
      obs.disconnect();
      sample("inserted");
      let frames = 0;
      const tick = () => { sample(`frame ${++frames}`); if (frames < 90) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, text);
  await w.post("alice", text);
  await waitLive(page, feed, text, "alice's home");
  await sleep(1700);
  const samples = await page.evaluate(() => window.__piafAnim);
  const left = await page.evaluate(() => document.getAnimations().map((a) => `${a.animationName || a.transitionProperty || a.constructor.name}:${a.playState}`));
  const running = samples.filter((s) => s.state === "running" || s.state === "pending");
  const uniq = [...new Set(running.map((s) => `${s.what} on ${s.on} (${s.when})`))].slice(0, 10);
  assert(!running.length, `animations ran with prefers-reduced-motion: reduce: ${uniq.join("; ")}`);
  assert(!left.length, `document.getAnimations() is not empty after the post arrived: ${left.join(", ")}`);
});

test("with JavaScript off, the permalink, profile and tag pages show their posts", async (w, t) => {
  const context = await t.context({ javaScriptEnabled: false });
  const page = await context.newPage();
  const check = async (path, name, expectations) => {
    const r = await page.goto(w.server.origin + path);
    assertEqual(r.status(), 200, `GET ${path} status`);
    for (const [locator, what] of expectations(page)) await expectVisible(locator, `${path} without JavaScript: ${what}`, 5000);
    const title = await page.title();
    assert(title && title.trim() !== "", `${path}: empty <title>`);
    const og = await page.locator('meta[property="og:title"]').getAttribute("content").catch(() => null);
    assert(og, `${path}: no <meta property="og:title">`);
    await page.screenshot({ path: join(w.screenshots, `nojs-${name}.png`) });
  };
  await check(`/@alice/${w.posts.root.id}`, "thread", (p) => [
    [p.locator("article").filter({ hasText: w.posts.root.text }), "the post"],
    [p.locator("article").filter({ hasText: w.posts.reply.text.slice(7) }), "its reply"],
    [p.getByRole("feed"), "a feed"],
  ]);
  await check("/@alice", "profile", (p) => [
    [p.getByRole("heading", { level: 1, name: "Alice Martin" }), "heading level 1 “Alice Martin”"],
    [p.locator("article").filter({ hasText: w.posts.notes[0].text }), "alice's first note"],
  ]);
  await check(`/tags/${w.tag}`, "tag", (p) => [
    [p.getByRole("heading", { level: 1, name: `#${w.tag}` }), `heading level 1 “#${w.tag}”`],
    [p.locator("article").filter({ hasText: "(carol)" }), "carol's tagged post"],
  ]);
  // Links inside posts lead to this server's address, not the seed's.
  await page.goto(`${w.server.origin}/@carol/${w.posts.mention.id}`);
  const mention = page.locator("article .status-content a").filter({ hasText: "alice" }).first();
  await expectVisible(mention, "the mention link in carol's post", 5000);
  const href = await mention.getAttribute("href");
  assertEqual(new URL(href, page.url()).href, `${w.server.origin}/@alice`, "the mention's link");
});

test("pages carry the security headers; assets are immutable and compressed", async (w) => {
  const problems = [];
  for (const path of ["/", `/@alice/${w.posts.root.id}`, "/@alice", `/tags/${w.tag}`, "/explore",
    "/oauth/authorize?response_type=code&client_id=" + w.app.client_id + "&redirect_uri=" +
      encodeURIComponent(w.server.origin + "/oauth/callback") + "&scope=read+write+follow&state=x&code_challenge=" +
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"]) {
    const r = await fetch(w.server.origin + path);
    const h = (n) => r.headers.get(n) || "";
    const csp = h("content-security-policy");
    if (r.status !== 200 || !/text\/html/.test(h("content-type"))) {
      problems.push(`${path}: status ${r.status}, Content-Type ${h("content-type")}`);
      continue;
    }
    for (const d of ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
      if (!csp.includes(d)) problems.push(`${path}: CSP lacks ${d} (${csp || "no CSP"})`);
    }
    if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push(`${path}: CSP allows ${csp}`);
    if (h("x-content-type-options") !== "nosniff") problems.push(`${path}: X-Content-Type-Options ${h("x-content-type-options")}`);
    if (h("referrer-policy") !== "same-origin") problems.push(`${path}: Referrer-Policy ${h("referrer-policy")}`);
    if (!/no-cache|no-store/.test(h("cache-control")) && !path.startsWith("/oauth")) problems.push(`${path}: Cache-Control ${h("cache-control")}`);
    const html = await r.text();
    if (path === "/") {
      const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
      if (scripts.some((s) => !/\ssrc=/.test(s))) problems.push(`/: an inline <script>: ${scripts.join(" ")}`);
      if (/<style[\s>]/.test(html)) problems.push("/: an inline <style>");
      const src = html.match(/<script[^>]*type="module"[^>]*src="([^"]+)"/)?.[1] || html.match(/<script[^>]*src="([^"]+)"[^>]*type="module"/)?.[1];
      if (!src) { problems.push("/: no <script type=module src=…>"); continue; }
      const a = await fetch(new URL(src, w.server.origin), { headers: { "Accept-Encoding": "gzip" } });
      if (a.status !== 200) problems.push(`${src}: status ${a.status}`);
      if (!/immutable/.test(a.headers.get("cache-control") || "")) problems.push(`${src}: Cache-Control ${a.headers.get("cache-control")}`);
      if (!/^\/assets\/[^/]+-[A-Za-z0-9_-]{6,}\.js$/.test(new URL(src, w.server.origin).pathname)) problems.push(`${src}: not a content-hashed /assets/ name`);
      // fetch() decodes the body; the header says what was sent.
      if (a.headers.get("content-encoding") !== "gzip") problems.push(`${src}: Content-Encoding ${a.headers.get("content-encoding")} for Accept-Encoding: gzip`);
    }
  }
  assert(!problems.length, problems.join("\n"));
});

addPollAndEditTests(test);
addConvosFiltersTests(test, { nav, feedNamed, articleWith, stamp });

test("no script error and no CSP refusal in any page of the suite", async (w) => {
  assert(!w.problems.length, `${w.problems.length} problems:\n  ${[...new Set(w.problems)].slice(0, 30).join("\n  ")}`);
});
