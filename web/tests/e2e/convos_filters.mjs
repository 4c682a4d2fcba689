// Browser tests of the direct messages screen (/conversations) and the
// filters (Settings › Filters, posts folded away or hidden), added to the
// suite by tests.mjs (before its last test, which reports script errors).
import { join } from "node:path";
import { until, assert, assertEqual, expectVisible, expectHidden } from "./lib.mjs";
import { settle, openPage, axeViolations } from "./pages.mjs";

export function addConvosFiltersTests(test, { nav, feedNamed, articleWith, stamp }) {
  // The link's name: hidden words around the visible names.
  const UNREAD_HUGO = /^Conversation with\s*Hugo Laurent\s*, unread$/;
  const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  async function noSideways(page, what) {
    const wide = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert(wide <= 0, `${what}: the page scrolls sideways by ${wide} px`);
  }
  async function noAxe(page, what) {
    await settle(page);
    const v = await axeViolations(page);
    assert(!v.length, `axe on ${what}:\n  ${v.join("\n  ")}`);
  }

  test("direct messages: “Messages” lists conversations, unread marked; opening one reads it and a reply stays private", async (w, t) => {
    const s = w.server;
    const secret = `Hugo's secret plan for the party ${stamp()}`;
    const dm = await w.post("hugo", `@gus ${secret}`, { visibility: "direct" });
    const page = await openPage(w, await t.context({ user: "gus" }), "/");
    await nav(page).getByRole("link", { name: "Messages", exact: true }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Direct messages", exact: true }), "heading “Direct messages”");
    assertEqual(new URL(page.url()).pathname, "/conversations", "the Messages screen's path");
    const list = page.getByRole("list", { name: "Direct messages", exact: true });
    const open = await expectVisible(list.getByRole("link", { name: UNREAD_HUGO }),
      "link “Conversation with Hugo Laurent, unread”");
    await expectVisible(list.getByText(secret), "the last message's text in the list");
    await noAxe(page, "Direct messages");
    await page.screenshot({ path: join(w.screenshots, "light-conversations.png") });
    // The page loads the app when opened directly (the server serves /conversations).
    const direct = await openPage(w, await t.context({ user: "gus", colorScheme: "dark" }), "/conversations");
    await expectVisible(direct.getByRole("link", { name: UNREAD_HUGO }), "dark: the conversation");
    await noAxe(direct, "Direct messages (dark)");
    await direct.screenshot({ path: join(w.screenshots, "dark-conversations.png") });

    await open.click();
    await until(() => new URL(page.url()).pathname === `/@hugo/${dm.id}`, `opening the conversation did not open its thread (${page.url()})`);
    await until(async () => (await s.apiOk("GET", "/api/v1/conversations", { token: w.users.gus.token }))[0]?.unread === false,
      "the conversation is still unread on the server after opening it");
    // The reply box of a direct message keeps it direct.
    const visibility = await expectVisible(page.getByRole("combobox", { name: "Visibility", exact: true }), "the reply's “Visibility”");
    assertEqual(await visibility.inputValue(), "direct", "the reply's visibility");
    const answer = `Count me in, Hugo ${stamp()}`;
    await page.getByRole("textbox", { name: "Your reply", exact: true }).fill(`@hugo ${answer}`);
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await until(async () => {
      const convs = await s.apiOk("GET", "/api/v1/conversations", { token: w.users.hugo.token });
      return convs.some((c) => c.last_status?.content.includes(answer) && c.unread && c.last_status.visibility === "direct");
    }, "hugo has no unread conversation with gus's reply");
    // No one else sees it: fanny's Messages are empty, her home has neither.
    const other = await openPage(w, await t.context({ user: "fanny" }), "/conversations");
    await expectVisible(other.getByText("No messages yet", { exact: true }), "fanny: the empty state");
    await noAxe(other, "Direct messages, empty");
    await other.screenshot({ path: join(w.screenshots, "light-conversations-empty.png") });

    for (const [name, options] of [
      ["phone-conversations", { user: "gus", ...PHONE }],
      ["fr-conversations", { user: "gus", locale: "fr-FR" }],
    ]) {
      const p = await openPage(w, await t.context(options), "/notifications");
      // From Notifications (on a phone the navigation has no room for it).
      await p.getByRole("main").getByRole("link", { name: "Messages", exact: true }).click();
      const title = name.startsWith("fr") ? "Messages privés" : "Direct messages";
      await expectVisible(p.getByRole("heading", { level: 1, name: title, exact: true }), `${name}: heading`);
      await expectVisible(p.getByText(answer), `${name}: the reply as the last message`);
      await noAxe(p, name);
      await noSideways(p, name);
      await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
    }
    // Remove: gone for gus, still there for hugo.
    const row = page.getByRole("button", { name: "Remove the conversation with Hugo Laurent", exact: true });
    await page.goto(s.origin + "/conversations");
    await row.click();
    await expectVisible(page.getByText("No messages yet", { exact: true }), "gus: the empty state after “Remove”");
    assertEqual((await s.apiOk("GET", "/api/v1/conversations", { token: w.users.hugo.token })).length >= 1, true,
      "hugo kept the conversation");
  }, { timeout: 120000 });

  test("filters: a filter made in Settings folds matching posts away (“Show anyway”), or hides them", async (w, t) => {
    const s = w.server;
    const word = `finale${stamp()}`;
    const post = await w.post("carol", `Spoilers: the ${word} ends with a wedding.`);
    const page = await openPage(w, await t.context({ user: "alice" }), "/settings");
    const section = page.getByRole("region", { name: "Filters", exact: true });
    await expectVisible(section.getByText("No filters yet.", { exact: true }), "Settings: no filters yet");
    await section.getByRole("button", { name: "New filter", exact: true }).click();
    const dialog = await expectVisible(page.getByRole("dialog", { name: "New filter", exact: true }), "dialog “New filter”");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expectVisible(dialog.getByRole("alert").getByText("Give the filter a title.", { exact: true }), "the title is asked for");
    await dialog.getByRole("textbox", { name: "Title", exact: true }).fill("TV shows");
    await dialog.getByRole("textbox", { name: "Keywords", exact: true }).fill(word.toUpperCase());
    assert(await dialog.getByRole("checkbox", { name: "Home timeline", exact: true }).isChecked(), "Home timeline checked by default");
    await dialog.getByRole("combobox", { name: "Expires", exact: true }).selectOption({ label: "In 1 week" });
    await noAxe(page, "the filter dialog");
    await page.screenshot({ path: join(w.screenshots, "light-filter-dialog.png") });
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expectHidden(dialog, "the dialog after “Save”");
    await expectVisible(section.getByRole("button", { name: "Edit the filter “TV shows”", exact: true }), "the new filter in the list");
    const [made] = await s.apiOk("GET", "/api/v2/filters", { token: w.users.alice.token });
    assertEqual(JSON.stringify([made.title, made.filter_action, made.keywords.map((k) => k.keyword), made.context]),
      JSON.stringify(["TV shows", "warn", [word.toUpperCase()], ["home", "public", "thread"]]), "the filter on the server");
    assert(made.expires_at, "the filter expires");
    await page.screenshot({ path: join(w.screenshots, "light-settings-filters.png") });

    // Home: folded away, then shown on demand.
    await page.goto(s.origin + "/");
    const feed = feedNamed(page, "Home timeline");
    const folded = await expectVisible(feed.getByRole("article", { name: "Filtered: TV shows", exact: true }), "home: “Filtered: TV shows”");
    await expectHidden(feed.getByText(post.text), "home: the filtered post's text before “Show anyway”");
    await noAxe(page, "home with a filtered post");
    await page.screenshot({ path: join(w.screenshots, "light-home-filtered.png") });
    await folded.getByRole("button", { name: "Show anyway", exact: true }).click();
    await expectVisible(articleWith(feed, post.text), "home: the post after “Show anyway”");

    for (const [name, options] of [
      ["dark-settings-filters", { user: "alice", colorScheme: "dark" }],
      ["phone-settings-filters", { user: "alice", ...PHONE }],
      ["fr-settings-filters", { user: "alice", locale: "fr-FR" }],
    ]) {
      const p = await openPage(w, await t.context(options), "/settings");
      const region = p.getByRole("region", { name: name.startsWith("fr") ? "Filtres" : "Filters", exact: true });
      await expectVisible(region.getByText("TV shows", { exact: true }), `${name}: the filter`);
      await region.scrollIntoViewIfNeeded();
      await noAxe(p, name);
      await noSideways(p, name);
      await p.screenshot({ path: join(w.screenshots, `${name}.png`) });
      if (name === "fr-settings-filters") {
        await p.goto(s.origin + "/");
        await expectVisible(feedNamed(p, "Fil d'accueil").getByRole("article", { name: "Filtré : TV shows", exact: true }),
          "fr: “Filtré : TV shows”");
        await p.screenshot({ path: join(w.screenshots, "fr-home-filtered.png") });
      }
    }

    // Hide: the post leaves home altogether.
    await page.goto(s.origin + "/settings");
    await section.getByRole("button", { name: "Edit the filter “TV shows”", exact: true }).click();
    const edit = await expectVisible(page.getByRole("dialog", { name: "Edit filter", exact: true }), "dialog “Edit filter”");
    await edit.getByRole("radio", { name: "Hide completely", exact: true }).check();
    await edit.getByRole("button", { name: "Save", exact: true }).click();
    await expectHidden(edit, "the edit dialog after “Save”");
    await until(async () => (await s.apiOk("GET", "/api/v2/filters", { token: w.users.alice.token }))[0].filter_action === "hide",
      "the filter is not “hide” on the server");
    await page.goto(s.origin + "/");
    await expectVisible(feed.locator("article").first(), "home: some post");
    assertEqual(await feed.getByRole("article", { name: "Filtered: TV shows", exact: true }).count(), 0, "home: the notice of a hidden post");
    assertEqual(await articleWith(feed, post.text).count(), 0, "home: the hidden post");
    // Delete: the post is back.
    await page.goto(s.origin + "/settings");
    await section.getByRole("button", { name: "Delete the filter “TV shows”", exact: true }).click();
    await expectVisible(section.getByText("No filters yet.", { exact: true }), "Settings: no filters after “Delete”");
    await page.goto(s.origin + "/");
    await expectVisible(articleWith(feed, post.text), "home: the post after the filter's deletion");
  }, { timeout: 120000 });
}
