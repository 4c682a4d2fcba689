"""Bookmarks and pinned posts (issue 26) through `piaf serve`: raw HTTP for
the answers and errors as docs.joinmastodon.org gives them, Debian's
Mastodon.py (status_bookmark, bookmarks, status_pin, account_statuses with
pinned) and toot (bookmark, bookmarks, pin)."""
import re
import unittest
import urllib.parse

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

from harness import Server, TootTestCase

PASSWORD = "correct horse battery"


class BookmarksAndPins(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.ids = {}
        cls.tokens = {}
        for name in ("alice", "bob", "carol", "dave", "erin"):
            cls.server.create_account(name)
            cls.tokens[name] = cls.server.token(name)
            _, _, me = cls.server.request("GET", "/api/v1/accounts/verify_credentials",
                                          token=cls.tokens[name])
            cls.ids[name] = me["id"]

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who=None, body=None, token=None):
        return self.server.request(method, path, body, token or (self.tokens[who] if who else None))

    def post(self, who, text, visibility="public"):
        status, _, body = self.call("POST", "/api/v1/statuses", who,
                                    {"status": text, "visibility": visibility})
        self.assertEqual(status, 200, body)
        return body["id"]

    def act(self, who, status_id, action, expect=200):
        status, _, body = self.call("POST", f"/api/v1/statuses/{status_id}/{action}", who)
        self.assertEqual(status, expect, body)
        return body

    def status_as(self, who, status_id):
        status, _, body = self.call("GET", f"/api/v1/statuses/{status_id}", who)
        self.assertEqual(status, 200, body)
        return body

    def bookmarks(self, who, query=""):
        status, headers, body = self.call("GET", "/api/v1/bookmarks" + query, who)
        self.assertEqual(status, 200, body)
        return [s["id"] for s in body], headers.get("Link", "")

    def follow(self, who, whom, undo=False):
        action = "unfollow" if undo else "follow"
        status, _, body = self.call("POST", f"/api/v1/accounts/{self.ids[whom]}/{action}", who)
        self.assertEqual(status, 200, body)

    def pinned(self, account, who=None):
        status, headers, body = self.call(
            "GET", f"/api/v1/accounts/{self.ids[account]}/statuses?pinned=true", who)
        self.assertEqual(status, 200, body)
        self.assertNotIn("Link", headers)  # one page, in the order pinned
        return [s["id"] for s in body]

    def test_a_bookmark_is_the_viewers_own_flag_wherever_the_status_shows(self):
        self.follow("bob", "alice")
        post = self.post("alice", "à garder")
        self.assertFalse(self.status_as("bob", post)["bookmarked"])
        answer = self.act("bob", post, "bookmark")
        self.assertEqual((answer["id"], answer["bookmarked"]), (post, True))
        self.assertTrue(self.status_as("bob", post)["bookmarked"])
        self.assertFalse(self.status_as("alice", post)["bookmarked"])  # shared text, own flags
        _, _, home = self.call("GET", "/api/v1/timelines/home", "bob")
        self.assertEqual([(s["id"], s["bookmarked"]) for s in home if s["id"] == post], [(post, True)])
        _, _, alices = self.call("GET", "/api/v1/timelines/home", "alice")
        self.assertEqual([s["bookmarked"] for s in alices if s["id"] == post], [False])
        _, _, anonymous = self.call("GET", f"/api/v1/accounts/{self.ids['alice']}/statuses")
        self.assertEqual([s["bookmarked"] for s in anonymous if s["id"] == post], [False])
        self.assertTrue(self.act("bob", post, "bookmark")["bookmarked"])  # again: one bookmark
        self.assertEqual(self.bookmarks("bob")[0], [post])
        self.assertEqual(self.bookmarks("alice")[0], [])
        self.assertFalse(self.act("bob", post, "unbookmark")["bookmarked"])
        self.assertFalse(self.status_as("bob", post)["bookmarked"])
        self.assertFalse(self.act("bob", post, "unbookmark")["bookmarked"])  # not bookmarked: 200
        self.assertEqual(self.bookmarks("bob"), ([], ""))
        self.follow("bob", "alice", undo=True)

    def test_bookmarking_a_reblog_bookmarks_the_status_it_reblogs(self):
        post = self.post("alice", "partagé puis gardé")
        reblog = self.act("bob", post, "reblog")
        answer = self.act("carol", reblog["id"], "bookmark")
        self.assertEqual(answer["id"], reblog["id"])
        self.assertTrue(answer["reblog"]["bookmarked"])
        self.assertTrue(self.status_as("carol", post)["bookmarked"])
        self.assertEqual(self.bookmarks("carol")[0], [post])
        self.assertFalse(self.act("carol", reblog["id"], "unbookmark")["reblog"]["bookmarked"])
        self.assertEqual(self.bookmarks("carol")[0], [])

    def test_bookmark_errors_and_scopes(self):
        post = self.post("alice", "cible")
        for bad in ("999999999999", "abc"):
            for action in ("bookmark", "unbookmark", "pin", "unpin"):
                status, _, body = self.call("POST", f"/api/v1/statuses/{bad}/{action}", "bob")
                self.assertEqual((status, body), (404, {"error": "Record not found"}), action)
        status, _, body = self.call("POST", f"/api/v1/statuses/{post}/bookmark")
        self.assertEqual(status, 401, body)
        status, _, body = self.call("GET", "/api/v1/bookmarks")
        self.assertEqual(status, 401, body)
        reader = self.server.token("bob", scopes="read")
        status, _, body = self.call("POST", f"/api/v1/statuses/{post}/bookmark", token=reader)
        self.assertEqual(status, 403, body)
        status, _, body = self.call("POST", f"/api/v1/statuses/{post}/pin", token=reader)
        self.assertEqual(status, 403, body)
        only_bookmarks = self.server.token("bob", scopes="read:bookmarks write:bookmarks")
        status, _, body = self.call("POST", f"/api/v1/statuses/{post}/bookmark",
                                    token=only_bookmarks)
        self.assertEqual((status, body["bookmarked"]), (200, True), body)
        status, _, body = self.call("GET", "/api/v1/bookmarks", token=only_bookmarks)
        self.assertEqual((status, [s["id"] for s in body]), (200, [post]), body)
        writer = self.server.token("bob", scopes="write")
        status, _, body = self.call("GET", "/api/v1/bookmarks", token=writer)
        self.assertEqual(status, 403, body)  # read:bookmarks
        status, _, body = self.call("GET", "/api/v1/bookmarks?limit=abc", "bob")
        self.assertEqual(status, 400, body)
        self.assertIsInstance(body["error"], str)
        self.act("bob", post, "unbookmark")

    def test_bookmarks_are_paged_newest_bookmark_first_with_a_link(self):
        posts = [self.post("alice", f"page {i}") for i in range(5)]
        # Bookmarked in another order than posted: the list is in the bookmarks'.
        order = [posts[i] for i in (2, 0, 4, 1, 3)]
        for post in order:
            self.act("dave", post, "bookmark")
        newest_first = list(reversed(order))
        walked, path, pages = [], "/api/v1/bookmarks?limit=2", 0
        while path:
            ids, link = self.bookmarks("dave", path[len("/api/v1/bookmarks"):])
            walked += ids
            pages += 1
            if ids:
                self.assertRegex(link, r'rel="prev"')
                self.assertIn("limit=2", link)  # kept
            match = re.search(r'<([^>]+)>; rel="next"', link)
            path = None
            if match:
                url = urllib.parse.urlparse(match.group(1))
                self.assertIn("max_id=", url.query)
                path = url.path + "?" + url.query
        self.assertEqual(walked, newest_first)
        self.assertLessEqual(pages, 4)
        # Back from the oldest page: prev (min_id) gives the bookmarks after it.
        first, link = self.bookmarks("dave", "?limit=2")
        prev = re.search(r'<([^>]+)>; rel="prev"', link).group(1)
        self.assertIn("min_id=", prev)
        last, link = self.bookmarks("dave", "?limit=2&max_id=" +
                                    re.search(r"max_id=(\d+)", link).group(1))
        self.assertEqual(first + last, newest_first[:4])
        prev = urllib.parse.urlparse(re.search(r'<([^>]+)>; rel="prev"', link).group(1))
        newer, _ = self.bookmarks("dave", "?" + prev.query)
        self.assertEqual(newer, first)
        # The cursors are the bookmarks' own ids, not the statuses': a status
        # id as max_id is not a bookmark's.
        self.assertNotIn(f"max_id={newest_first[1]}", link)

    def test_what_the_viewer_may_no_longer_see_leaves_its_bookmarks(self):
        self.follow("erin", "alice")
        secret = self.post("alice", "pour mes abonnés", "private")
        open_post = self.post("alice", "pour tout le monde")
        self.act("erin", secret, "bookmark")
        self.act("erin", open_post, "bookmark")
        self.assertEqual(self.bookmarks("erin")[0], [open_post, secret])
        self.follow("erin", "alice", undo=True)
        self.assertEqual(self.bookmarks("erin")[0], [open_post])
        status, _, body = self.call("POST", f"/api/v1/statuses/{secret}/bookmark", "erin")
        self.assertEqual((status, body), (404, {"error": "Record not found"}))

        direct = self.post("bob", "@erin entre nous", "direct")
        self.assertTrue(self.act("erin", direct, "bookmark")["bookmarked"])
        self.assertEqual(self.bookmarks("erin")[0], [direct, open_post])
        status, _, _ = self.call("POST", f"/api/v1/accounts/{self.ids['erin']}/block", "bob")
        self.assertEqual(status, 200)
        self.assertEqual(self.bookmarks("erin")[0], [open_post])
        self.call("POST", f"/api/v1/accounts/{self.ids['erin']}/unblock", "bob")

        # A deleted status's bookmarks go with it.
        status, _, _ = self.call("DELETE", f"/api/v1/statuses/{open_post}", "alice")
        self.assertEqual(status, 200)
        self.assertNotIn(open_post, self.bookmarks("erin")[0])

    def test_pins_as_mastodon_answers_them(self):
        for name in ("v1", "v2"):
            _, _, instance = self.call("GET", f"/api/{name}/instance")
            self.assertEqual(instance["configuration"]["accounts"]["max_pinned_statuses"], 5, name)
        self.server.create_account("paula")
        paula = self.server.token("paula")
        _, _, me = self.call("GET", "/api/v1/accounts/verify_credentials", token=paula)
        self.ids["paula"], self.tokens["paula"] = me["id"], paula
        posts = [self.post("paula", f"à l'affiche {i}", visibility)
                 for i, visibility in enumerate(["public", "unlisted", "private", "public",
                                                 "public", "public"])]
        for post in posts[:5]:
            answer = self.act("paula", post, "pin")
            self.assertEqual((answer["id"], answer["pinned"]), (post, True))
        # Pinned again: Mastodon's unique index answers 422 "Duplicate record".
        self.assertEqual(self.act("paula", posts[0], "pin", 422), {"error": "Duplicate record"})
        body = self.act("paula", posts[5], "pin", 422)
        self.assertEqual(body, {"error": "Validation failed: You have already pinned the maximum "
                                         "number of posts"})
        self.assertEqual(self.pinned("paula", "paula"), list(reversed(posts[:5])))
        # Others see what its visibility allows; `pinned` is said to the author only.
        self.assertEqual(self.pinned("paula"), [posts[4], posts[3], posts[1], posts[0]])
        self.assertEqual(self.pinned("paula", "bob"), [posts[4], posts[3], posts[1], posts[0]])
        self.follow("bob", "paula")
        self.assertEqual(self.pinned("paula", "bob"), list(reversed(posts[:5])))
        self.assertTrue(self.status_as("paula", posts[0])["pinned"])
        self.assertFalse(self.status_as("paula", posts[5])["pinned"])
        self.assertNotIn("pinned", self.status_as("bob", posts[0]))
        _, _, own = self.call("GET", f"/api/v1/accounts/{self.ids['paula']}/statuses", "paula")
        self.assertEqual({s["id"]: s["pinned"] for s in own},
                         {p: p in posts[:5] for p in posts})

        self.assertFalse(self.act("paula", posts[2], "unpin")["pinned"])
        self.assertFalse(self.act("paula", posts[2], "unpin")["pinned"])  # not pinned: 200
        self.assertTrue(self.act("paula", posts[5], "pin")["pinned"])
        self.assertEqual(self.pinned("paula", "paula"),
                         [posts[5], posts[4], posts[3], posts[1], posts[0]])

        # Another's status, a reblog, a direct one: Mastodon's messages.
        bobs = self.post("bob", "à bob")
        body = self.act("paula", bobs, "pin", 422)
        self.assertEqual(body, {"error": "Validation failed: Someone else's post cannot be pinned"})
        self.act("paula", posts[5], "unpin")
        reblog = self.act("paula", bobs, "reblog")
        body = self.act("paula", reblog["id"], "pin", 422)
        self.assertEqual(body, {"error": "Validation failed: A boost cannot be pinned"})
        direct = self.post("paula", "@bob rien qu'à toi", "direct")
        body = self.act("paula", direct, "pin", 422)
        self.assertEqual(body, {"error": "Validation failed: Posts that are only visible to "
                                         "mentioned users cannot be pinned"})
        self.assertNotIn("pinned", self.status_as("paula", direct))
        # Another's status the viewer may not see: not found.
        bobs_secret = self.post("bob", "abonnés de bob", "private")
        self.act("paula", bobs_secret, "pin", 404)
        self.assertEqual(len(self.pinned("paula", "paula")), 4)
        # A deleted status is unpinned with it; an unknown account is not found.
        status, _, _ = self.call("DELETE", f"/api/v1/statuses/{posts[4]}", "paula")
        self.assertEqual(status, 200)
        self.assertEqual(self.pinned("paula", "paula"), [posts[3], posts[1], posts[0]])
        status, _, body = self.call("GET", "/api/v1/accounts/999999999/statuses?pinned=true")
        self.assertEqual((status, body), (404, {"error": "Record not found"}))
        status, _, body = self.call(
            "GET", f"/api/v1/accounts/{self.ids['paula']}/statuses?pinned=maybe")
        self.assertEqual(status, 400, body)
        self.follow("bob", "paula", undo=True)


class WithMastodonPy(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        for name in ("alice", "bob"):
            self.server.create_account(name)
        scopes = ["read", "write", "follow"]
        cid, secret = Mastodon.create_app("bookmarks", api_base_url=self.server.base,
                                          scopes=scopes)

        def login(name):
            m = Mastodon(client_id=cid, client_secret=secret, api_base_url=self.server.base)
            m.log_in(name, PASSWORD, scopes=scopes)
            return m

        self.alice, self.bob = login("alice"), login("bob")

    def tearDown(self):
        self.server.cleanup()

    def test_bookmarks_and_pins(self):
        posts = [self.alice.status_post(f"note {i}") for i in range(4)]
        for post in posts:
            self.assertTrue(self.bob.status_bookmark(post.id).bookmarked)
        page = self.bob.bookmarks(limit=3)
        self.assertEqual([s.id for s in page], [p.id for p in reversed(posts)][:3])
        rest = self.bob.fetch_next(page)
        self.assertEqual([s.id for s in rest], [posts[0].id])
        self.assertFalse(self.bob.status_unbookmark(posts[0].id).bookmarked)
        self.assertEqual([s.id for s in self.bob.bookmarks()], [p.id for p in reversed(posts[1:])])
        self.assertEqual(self.alice.bookmarks(), [])
        with self.assertRaises(MastodonNotFoundError):
            self.bob.status_bookmark(999999999999)

        self.assertTrue(self.alice.status_pin(posts[1].id).pinned)
        self.assertTrue(self.alice.status_pin(posts[3].id).pinned)
        me = self.alice.me()
        self.assertEqual([s.id for s in self.bob.account_statuses(me.id, pinned=True)],
                         [posts[3].id, posts[1].id])
        with self.assertRaises(MastodonAPIError) as refused:
            self.bob.status_pin(posts[2].id)
        self.assertEqual(refused.exception.args[1], 422)
        self.assertIn("Someone else's post cannot be pinned", str(refused.exception))
        self.assertFalse(self.alice.status_unpin(posts[3].id).pinned)
        self.assertEqual([s.id for s in self.alice.account_statuses(me.id, pinned=True)],
                         [posts[1].id])
        more = [self.alice.status_post(f"encore {i}") for i in range(4)]
        for post in more:
            self.alice.status_pin(post.id)
        with self.assertRaises(MastodonAPIError) as full:
            self.alice.status_pin(posts[0].id)
        self.assertEqual(full.exception.args[1], 422)
        self.assertIn("You have already pinned the maximum number of posts", str(full.exception))


class WithToot(TootTestCase):
    def test_bookmark_and_list_bookmarks(self):
        host = f"127.0.0.1:{self.server.port}"
        out = self.toot("login_cli", "--disable-https", "-i", host, "-e", "alice@example.org",
                        stdin=PASSWORD + "\n")
        self.assertIn("Successfully logged in", out)
        out = self.toot("post", "Un signet pour plus tard")
        status_id = re.search(r"(http://\S+)", out).group(1).rstrip("/").split("/")[-1]
        self.toot("post", "Un autre message")
        self.assertIn("Status bookmarked", self.toot("bookmark", status_id))
        listed = self.toot("bookmarks", "--once")
        self.assertIn("Un signet pour plus tard", listed)
        self.assertNotIn("Un autre message", listed)
        self.assertIn("Status pinned", self.toot("pin", status_id))
        self.assertIn("Status unbookmarked", self.toot("unbookmark", status_id))
        self.assertNotIn("Un signet pour plus tard", self.toot("bookmarks", "--once"))
        self.assertIn("Status unpinned", self.toot("unpin", status_id))
        failed = self.client.run("bookmark", "999999999999")
        self.assertNotEqual(failed.returncode, 0)


if __name__ == "__main__":
    unittest.main()
