// Browser tests of polls and editing (issue 26): a poll written in the compose
// box, voted on from another account, its results; "Edit" in one's own
// post's menu, "Edited" and the history. Screenshots: desktop, phone, dark,
// French. Added to the suite by tests.mjs.
import { join } from "node:path";
import { until, assert, assertEqual, expectVisible } from "./lib.mjs";
import { settle, openPage, axeViolations } from "./pages.mjs";

const stamp = () => Date.now().toString(36);
const articleWith = (scope, text) => scope.locator("article").filter({ hasText: text });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function noAxeViolations(page, what) {
  await settle(page);
  const v = await axeViolations(page);
  assert(!v.length, `axe on ${what}:\n  ${v.join("\n  ")}`);
}

async function noSidewaysScroll(page, what) {
  const wide = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
  assert(wide <= 0, `${what}: the page scrolls sideways by ${wide} px`);
}

export function addPollAndEditTests(test) {
  test("polls: a poll written in compose, voted on by another account, its results", async (w, t) => {
    const question = `Tea or coffee this afternoon? ${stamp()}`;
    const page = await openPage(w, await t.context({ user: "hugo" }), "/");
    const box = await expectVisible(page.getByRole("textbox", { name: /^What[’']s happening\?$/ }).first(), "home: compose box");
    await box.fill(question);
    const form = box.locator("xpath=ancestor::form[1]");
    const chip = form.getByRole("button", { name: "Poll", exact: true });
    await chip.click();
    assertEqual(await chip.getAttribute("aria-pressed"), "true", "button “Poll” aria-pressed once on");
    await form.getByRole("textbox", { name: "Option 1", exact: true }).fill("Tea");
    await form.getByRole("textbox", { name: "Option 2", exact: true }).fill("Coffee");
    const post = form.getByRole("button", { name: "Post", exact: true });
    await form.getByRole("button", { name: "Add an option", exact: true }).click();
    assert(await post.isDisabled(), "“Post” is enabled with an empty third option");
    await form.getByRole("textbox", { name: "Option 3", exact: true }).fill("Both");
    await form.getByRole("combobox", { name: "Poll duration", exact: true }).selectOption("3600");
    await page.screenshot({ path: join(w.screenshots, "light-compose-poll.png") });
    await post.click();
    let mine;
    await until(async () => {
      const list = await w.server.apiOk("GET", `/api/v1/accounts/${w.users.hugo.id}/statuses?limit=1`, { token: w.users.hugo.token });
      mine = list[0];
      return mine && mine.content.includes("Tea or coffee") && mine.poll;
    }, "the server has no poll from hugo after “Post”");
    assertEqual(mine.poll.options.map((o) => o.title).join(","), "Tea,Coffee,Both", "the poll's options on the server");
    assert(Math.abs(Date.parse(mine.poll.expires_at) - Date.now() - 3600e3) < 60e3, `expires_at ${mine.poll.expires_at}: not in an hour`);

    // Gus votes from his own browser and sees the results.
    const gp = await openPage(w, await t.context({ user: "gus" }), "/@hugo");
    const article = await expectVisible(articleWith(gp.locator("main"), question), "/@hugo: the poll's post");
    const group = article.getByRole("form", { name: "Poll", exact: true });
    await expectVisible(group.getByText("0 votes · closes in 1 hr.", { exact: false }).or(group.getByText(/0 votes · closes in/)), "poll: “0 votes · closes in …”");
    const vote = group.getByRole("button", { name: "Vote", exact: true });
    assert(await vote.isDisabled(), "“Vote” is enabled before a choice");
    await group.getByRole("radio", { name: "Coffee", exact: true }).check();
    await noAxeViolations(gp, "a poll to vote on");
    await gp.screenshot({ path: join(w.screenshots, "light-poll-vote.png") });
    await vote.click();
    const results = await expectVisible(article.getByRole("group", { name: "Poll", exact: true }), "poll: the results after “Vote”");
    await expectVisible(results.getByText("100%", { exact: true }), "poll results: 100% for Coffee");
    await expectVisible(results.getByText("· your choice", { exact: false }), "poll results: “your choice”");
    await expectVisible(results.getByText(/^1 vote · closes in/), "poll results: “1 vote · closes in …”");
    const onServer = await w.server.apiOk("GET", `/api/v1/polls/${mine.poll.id}`, { token: w.users.gus.token });
    assertEqual(JSON.stringify(onServer.own_votes), "[1]", "gus's own_votes on the server");
    await noAxeViolations(gp, "a poll's results");
    await gp.screenshot({ path: join(w.screenshots, "light-poll-results.png") });

    // The author sees the counts too (no vote form on one's own poll).
    const hp = await openPage(w, await t.context({ user: "hugo" }), `/@hugo/${mine.id}`);
    await expectVisible(hp.getByRole("group", { name: "Poll", exact: true }).getByText("100%", { exact: true }), "hugo's own poll: results");
    for (const [name, options] of [
      ["dark-poll", { user: "fanny", colorScheme: "dark" }],
      ["phone-poll", { user: "eve", ...PHONE }],
      ["fr-poll", { user: "dan", locale: "fr-FR" }],
    ]) {
      const p = await openPage(w, await t.context(options), `/@hugo/${mine.id}`);
      const fr = name.startsWith("fr");
      const form2 = await expectVisible(p.getByRole("form", { name: fr ? "Sondage" : "Poll", exact: true }), `${name}: the poll to vote on`);
      await expectVisible(form2.getByRole("button", { name: fr ? "Voter" : "Vote", exact: true }), `${name}: the vote button`);
      if (name === "phone-poll") await noSidewaysScroll(p, name);
      await noAxeViolations(p, name);
      await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
      if (name === "dark-poll") {
        await form2.getByRole("radio", { name: "Tea", exact: true }).check();
        await form2.getByRole("button", { name: "Vote", exact: true }).click();
        await expectVisible(p.getByRole("group", { name: "Poll", exact: true }).getByText("50%", { exact: true }).first(), "dark: 50% after a second vote");
        await p.screenshot({ path: join(w.screenshots, "dark-poll-results.png") });
      }
    }
  }, { timeout: 120000 });

  test("editing: “Edit” in one's own post's menu; the post shows “Edited” and its history", async (w, t) => {
    const original = await w.post("hugo", `Hugo's first draft of the notice ${stamp()}`);
    const page = await openPage(w, await t.context({ user: "hugo" }), "/@hugo");
    const article = await expectVisible(articleWith(page.locator("main"), original.text), "/@hugo: the post to edit");
    await article.getByRole("button", { name: "More", exact: true }).click();
    await article.getByRole("menuitem", { name: "Edit", exact: true }).click();
    const dialog = await expectVisible(page.getByRole("dialog", { name: "Edit post", exact: true }), "dialog “Edit post”");
    const box = dialog.getByRole("textbox").first();
    await until(async () => (await box.inputValue()) === original.text, "the edit box is not filled with the post's source");
    const edited = `Hugo's notice, corrected: the meeting moves to Friday ${stamp()}`;
    await box.fill(edited);
    await expectVisible(dialog.locator("output"), "the edit box's counter");
    await noAxeViolations(page, "the edit dialog");
    await page.screenshot({ path: join(w.screenshots, "light-edit-dialog.png") });
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    const after = await expectVisible(articleWith(page.locator("main"), edited), "/@hugo: the post with its new text");
    const marker = await expectVisible(after.getByRole("button", { name: "Edited", exact: true }), "the post's “Edited” marker");
    const row = await w.server.apiOk("GET", `/api/v1/statuses/${original.id}`);
    assert(row.edited_at && row.content.includes("moves to Friday"), `the server's status after “Save”: ${JSON.stringify(row).slice(0, 200)}`);
    // Too long: the counter says so and “Save” waits.
    await after.getByRole("button", { name: "More", exact: true }).click();
    await after.getByRole("menuitem", { name: "Edit", exact: true }).click();
    const again = await expectVisible(page.getByRole("dialog", { name: "Edit post", exact: true }), "dialog “Edit post” again");
    await again.getByRole("textbox").first().fill("x".repeat(141));
    assert(await again.getByRole("button", { name: "Save", exact: true }).isDisabled(), "“Save” is enabled over 140 characters");
    await page.keyboard.press("Escape");
    await marker.click();
    const history = await expectVisible(page.getByRole("dialog", { name: "Edit history", exact: true }), "dialog “Edit history”");
    await expectVisible(history.getByText("Original", { exact: false }), "history: the original");
    await expectVisible(history.getByText(original.text, { exact: false }), "history: the original text");
    await expectVisible(history.getByText(/Current version/), "history: the current version");
    assertEqual(await history.locator("li.edit-version").count(), 2, "history: versions");
    await noAxeViolations(page, "the edit history");
    await page.screenshot({ path: join(w.screenshots, "light-edit-history.png") });
    await page.keyboard.press("Escape");
    for (const [name, options] of [
      ["dark-edited", { user: "gus", colorScheme: "dark" }],
      ["phone-edited", { user: "gus", ...PHONE }],
      ["fr-edited", { user: "gus", locale: "fr-FR" }],
    ]) {
      const p = await openPage(w, await t.context(options), `/@hugo/${original.id}`);
      const fr = name.startsWith("fr");
      const m = await expectVisible(p.getByRole("button", { name: fr ? "Modifié" : "Edited", exact: true }).first(), `${name}: “Edited”`);
      if (name === "phone-edited") await noSidewaysScroll(p, name);
      await m.click();
      await expectVisible(p.getByRole("dialog", { name: fr ? "Historique des modifications" : "Edit history", exact: true }), `${name}: the history`);
      await noAxeViolations(p, name);
      await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
    }
  }, { timeout: 120000 });
}
