"""A community's first hour, driven by the real Mastodon.py (Debian's
python3-mastodon 1.8) against `piaf serve`."""
import unittest

from mastodon import Mastodon, MastodonNotFoundError

from harness import Server

PASSWORD = "correct horse battery"
SCOPES = ["read", "write", "follow", "push"]


class FirstHour(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        for name in ("alice", "bob", "carol"):
            self.server.create_account(name)
        self.server.create_account("iteco", organization=True)
        cid, secret = Mastodon.create_app("first-hour", api_base_url=self.server.base, scopes=SCOPES)
        self.app = (cid, secret)
        self.alice = self.login("alice@example.org")
        self.bob = self.login("bob")
        self.carol = self.login("carol")

    def tearDown(self):
        self.server.cleanup()

    def login(self, username, base=None):
        m = Mastodon(client_id=self.app[0], client_secret=self.app[1],
                     api_base_url=base or self.server.base)
        m.log_in(username, PASSWORD, scopes=SCOPES)
        return m

    def test_first_hour(self):
        alice_me, bob_me = self.alice.me(), self.bob.me()
        self.assertEqual(alice_me.username, "alice")

        # follow, post with a mention and a tag, read home
        rel = self.alice.account_follow(bob_me.id)
        self.assertTrue(rel.following)
        post = self.bob.status_post("Bonjour @alice ! Qu'est-ce qu'une #ONG ? http://iteco.be")
        self.assertEqual([m.acct for m in post.mentions], ["alice"])
        self.assertEqual([t.name for t in post.tags], ["ong"])
        self.assertIn('class="mention hashtag"', post.content)
        home = self.alice.timeline_home()
        self.assertEqual(home[0].id, post.id)
        self.assertEqual([s.id for s in self.alice.timeline_hashtag("ONG")], [post.id])

        # reply and read the thread both ways
        reply = self.alice.status_reply(post, "Une organisation non gouvernementale.")
        self.assertEqual(reply.in_reply_to_id, post.id)
        down = self.bob.status_context(post.id)
        self.assertEqual([s.id for s in down.descendants], [reply.id])
        up = self.bob.status_context(reply.id)
        self.assertEqual([s.id for s in up.ancestors], [post.id])
        self.assertEqual(self.bob.status(post.id).replies_count, 1)

        # favourite and reblog, counts at once, notifications
        fav = self.alice.status_favourite(post.id)
        self.assertTrue(fav.favourited)
        self.assertEqual(fav.favourites_count, 1)
        self.assertEqual(self.alice.status_favourite(post.id).favourites_count, 1)  # idempotent
        wrapper = self.carol.status_reblog(post.id)
        self.assertEqual(wrapper.reblog.id, post.id)
        self.assertEqual(self.bob.status(post.id).reblogs_count, 1)
        types = sorted(n.type for n in self.bob.notifications())
        self.assertEqual(types, ["favourite", "follow", "mention", "reblog"])
        mentions = self.alice.notifications(types=["mention"])
        self.assertEqual([n.status.id for n in mentions], [post.id])
        self.assertEqual([n.type for n in self.alice.notifications(exclude_types=["mention"])], [])

        # 50+ posts in home, paged with fetch_next
        for i in range(55):
            self.bob.status_post(f"Message {i} pour la communauté")
        page = self.alice.timeline_home(limit=20)
        seen = [s.id for s in page]
        while True:
            page = self.alice.fetch_next(page)
            if not page:
                break
            seen.extend(s.id for s in page)
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(seen, sorted(seen, reverse=True))
        self.assertEqual(len(seen), 57)  # 55 + bob's first + alice's reply

        # only the DELETE response carries the plain source (to redraft)
        self.assertNotIn("text", self.alice.status(post.id))
        self.assertFalse([s for s in self.alice.timeline_home(limit=5) if "text" in s])
        # delete: gone everywhere
        deleted = self.bob.status_delete(post.id)
        self.assertEqual(deleted["id"], post.id)
        self.assertEqual(deleted["text"],
                         "Bonjour @alice ! Qu'est-ce qu'une #ONG ? http://iteco.be")
        with self.assertRaises(MastodonNotFoundError):
            self.alice.status(post.id)
        self.assertNotIn(post.id, [s.id for s in self.alice.timeline_home(limit=40)])

    def test_private_and_direct_reach_only_whom_they_should(self):
        bob_me, carol_me = self.bob.me(), self.carol.me()
        self.alice.account_follow(bob_me.id)
        private = self.bob.status_post("Pour mes abonnés seulement", visibility="private")
        direct = self.bob.status_post("@carol un message direct", visibility="direct")
        self.assertIn(private.id, [s.id for s in self.alice.timeline_home()])
        self.assertEqual(self.alice.status(private.id).id, private.id)
        with self.assertRaises(MastodonNotFoundError):
            self.carol.status(private.id)  # carol does not follow bob
        with self.assertRaises(MastodonNotFoundError):
            self.alice.status(direct.id)
        self.assertEqual(self.carol.status(direct.id).id, direct.id)
        public_ids = [s.id for s in self.carol.timeline_public()]
        self.assertNotIn(private.id, public_ids)
        self.assertNotIn(direct.id, public_ids)
        self.assertNotIn(direct.id, [s.id for s in self.alice.timeline_home()])
        anonymous = Mastodon(api_base_url=self.server.base)
        self.assertNotIn(private.id, [s.id for s in anonymous.account_statuses(bob_me.id)])

    def test_block_hides_both_ways_and_mute_quiets_home(self):
        alice_me, bob_me, carol_me = self.alice.me(), self.bob.me(), self.carol.me()
        self.alice.account_follow(bob_me.id)
        self.bob.account_follow(alice_me.id)
        post = self.bob.status_post("Avant le blocage")
        rel = self.alice.account_block(bob_me.id)
        self.assertTrue(rel.blocking)
        self.assertFalse(rel.following)
        self.assertTrue(self.bob.account_relationships(alice_me.id)[0].blocked_by)
        with self.assertRaises(MastodonNotFoundError):
            self.alice.status(post.id)
        mine = self.alice.status_post("Après le blocage")
        with self.assertRaises(MastodonNotFoundError):
            self.bob.status(mine.id)
        self.assertEqual([a.id for a in self.alice.blocks()], [bob_me.id])
        self.alice.account_unblock(bob_me.id)
        self.assertEqual(self.alice.status(post.id).id, post.id)

        self.carol.account_follow(bob_me.id)
        noisy = self.bob.status_post("Beaucoup de bruit")
        self.assertIn(noisy.id, [s.id for s in self.carol.timeline_home()])
        self.carol.account_mute(bob_me.id)
        self.assertNotIn(noisy.id, [s.id for s in self.carol.timeline_home()])
        self.assertEqual([a.id for a in self.carol.mutes()], [bob_me.id])

    def test_favourites_and_who_reblogged(self):
        bob_me = self.bob.me()
        post = self.bob.status_post("Un message à partager")
        self.alice.status_favourite(post.id)
        self.carol.status_reblog(post.id)
        self.assertEqual([s.id for s in self.alice.favourites()], [post.id])
        self.assertEqual([a.acct for a in self.bob.status_favourited_by(post.id)], ["alice"])
        self.assertEqual([a.acct for a in self.bob.status_reblogged_by(post.id)], ["carol"])
        self.carol.status_unreblog(post.id)
        self.assertEqual(self.bob.status(post.id).reblogs_count, 0)
        self.assertEqual(self.alice.account_statuses(bob_me.id)[0].id, post.id)

    def test_authorization_code_through_the_login_form(self):
        import re
        import urllib.parse
        import urllib.request
        m = Mastodon(client_id=self.app[0], client_secret=self.app[1], api_base_url=self.server.base)
        url = m.auth_request_url(scopes=SCOPES)  # adds junk like state=None: must be ignored
        # A browser: the form's anti-forgery token comes back with its cookie.
        import http.cookiejar
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(url) as page:
            form = page.read().decode()
        self.assertIn('name="password"', form)
        fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))
        fields.update(username="carol", password=PASSWORD)
        data = urllib.parse.urlencode({k: v.replace("&amp;", "&") for k, v in fields.items()}).encode()
        with browser.open(self.server.base + "/oauth/authorize", data=data) as page:
            code = re.search(r'<code class="oauth-code">([^<]+)</code>', page.read().decode()).group(1)
        m.log_in(code=code, scopes=SCOPES)
        self.assertEqual(m.me().username, "carol")
        with self.assertRaises(Exception):  # a code works once
            Mastodon(client_id=self.app[0], client_secret=self.app[1],
                     api_base_url=self.server.base).log_in(code=code, scopes=SCOPES)

    def test_an_accounts_posts_without_replies_or_reblogs(self):
        bob_me, alice_me = self.bob.me(), self.alice.me()
        bobs = self.bob.status_post("Une question ?")
        thread = self.alice.status_post("Un fil")
        answer = self.alice.status_reply(bobs, "Une réponse.")
        more = self.alice.status_reply(thread, "Le fil continue.")  # her own thread: stays
        reblog = self.alice.status_reblog(bobs.id)
        ids = lambda statuses: [s.id for s in statuses]
        self.assertEqual(ids(self.bob.account_statuses(alice_me.id)),
                         [reblog.id, more.id, answer.id, thread.id])
        self.assertEqual(ids(self.bob.account_statuses(alice_me.id, exclude_replies=True)),
                         [reblog.id, more.id, thread.id])
        self.assertEqual(ids(self.bob.account_statuses(alice_me.id, exclude_reblogs=True)),
                         [more.id, answer.id, thread.id])
        self.assertEqual(self.bob.account_statuses(alice_me.id, only_media=True), [])  # no media yet
        self.assertEqual(ids(self.alice.account_statuses(bob_me.id, exclude_replies=True)),
                         [bobs.id])
        # The next page's link keeps the filter.
        _, headers, page = self.server.request(
            "GET", f"/api/v1/accounts/{alice_me.id}/statuses?exclude_replies=true&limit=2",
            token=self.bob.access_token)
        self.assertEqual([int(s["id"]) for s in page], [reblog.id, more.id])
        next_url = headers["Link"].split(">")[0].lstrip("<")
        self.assertIn("exclude_replies=true", next_url)
        _, _, page = self.server.request("GET", next_url[len(self.server.base):],
                                         token=self.bob.access_token)
        self.assertEqual([int(s["id"]) for s in page], [thread.id])

    def test_markers_where_reading_stopped(self):
        self.assertEqual(self.alice.markers_get(["home", "notifications"]), {})
        post = self.bob.status_post("Lu jusqu'ici")
        saved = self.alice.markers_set(["home"], [post.id])
        self.assertEqual(list(saved), ["home"])
        self.assertEqual(str(saved["home"]["last_read_id"]), str(post.id))
        self.assertEqual(saved["home"]["version"], 1)
        again = self.alice.markers_set(["home", "notifications"], [post.id, 5])
        self.assertEqual(again["home"]["version"], 2)
        self.assertEqual(again["notifications"]["version"], 1)
        read = self.alice.markers_get(["home", "notifications"])
        self.assertEqual(sorted(read), ["home", "notifications"])
        self.assertEqual(str(read["notifications"]["last_read_id"]), "5")
        self.assertIsNotNone(read["home"]["updated_at"])
        self.assertEqual(list(self.alice.markers_get("home")), ["home"])
        self.assertEqual(self.bob.markers_get(["home", "notifications"]), {})  # each their own

    def test_registration(self):
        m = Mastodon(client_id=self.app[0], client_secret=self.app[1], api_base_url=self.server.base)
        m.create_account("dora", "a long enough password", "dora@example.org", agreement=True,
                         scopes=SCOPES)
        self.assertEqual(m.me().username, "dora")
        with self.assertRaises(Exception):  # the username is taken
            Mastodon(client_id=self.app[0], client_secret=self.app[1],
                     api_base_url=self.server.base).create_account(
                "dora", "a long enough password", "dora2@example.org", agreement=True, scopes=SCOPES)

    def test_restart_keeps_everything(self):
        bob_me = self.bob.me()
        self.alice.account_follow(bob_me.id)
        post = self.bob.status_post("Toujours là après un redémarrage ? #ONG")
        self.alice.status_favourite(post.id)
        token = self.alice.access_token
        data_dir = self.server.data_dir
        self.assertEqual(self.server.stop(), 0)  # graceful on SIGTERM
        self.server = Server(data_dir=data_dir).start()
        self.server.own_dir = True
        again = Mastodon(access_token=token, api_base_url=self.server.base)
        self.assertEqual(again.me().username, "alice")
        self.assertEqual(again.timeline_home()[0].id, post.id)
        self.assertTrue(again.status(post.id).favourited)
        self.assertTrue(again.account_relationships(bob_me.id)[0].following)


if __name__ == "__main__":
    unittest.main()
