"""Endpoints beyond the first hour, and a sweep of junk over every route:
each answer is JSON, errors are {"error": ...} with a 4xx status, and the
server (built with ASan/UBSan by the test command) stays up."""
import itertools
import socket
import unittest

from harness import Server

ROUTES = [
    ("GET", "/api/v1/instance"), ("GET", "/api/v2/instance"), ("POST", "/api/v1/apps"),
    ("POST", "/oauth/token"), ("POST", "/oauth/revoke"), ("GET", "/api/v1/apps/verify_credentials"),
    ("POST", "/api/v1/accounts"), ("GET", "/api/v1/accounts/verify_credentials"),
    ("PATCH", "/api/v1/accounts/update_credentials"), ("GET", "/api/v1/accounts/lookup"),
    ("GET", "/api/v1/accounts/search"), ("GET", "/api/v1/accounts/relationships"),
    ("GET", "/api/v1/accounts/{acc}"), ("GET", "/api/v1/accounts/{acc}/statuses"),
    ("GET", "/api/v1/accounts/{acc}/followers"), ("GET", "/api/v1/accounts/{acc}/following"),
    ("POST", "/api/v1/accounts/{acc}/follow"), ("POST", "/api/v1/accounts/{acc}/unfollow"),
    ("POST", "/api/v1/accounts/{acc}/block"), ("POST", "/api/v1/accounts/{acc}/unblock"),
    ("POST", "/api/v1/accounts/{acc}/mute"), ("POST", "/api/v1/accounts/{acc}/unmute"),
    ("GET", "/api/v1/blocks"), ("GET", "/api/v1/mutes"), ("GET", "/api/v1/favourites"),
    ("POST", "/api/v1/statuses"), ("GET", "/api/v1/statuses/{st}"), ("DELETE", "/api/v1/statuses/{st}"),
    ("GET", "/api/v1/statuses/{st}/context"), ("POST", "/api/v1/statuses/{st}/favourite"),
    ("POST", "/api/v1/statuses/{st}/unfavourite"), ("POST", "/api/v1/statuses/{st}/reblog"),
    ("POST", "/api/v1/statuses/{st}/unreblog"), ("GET", "/api/v1/statuses/{st}/reblogged_by"),
    ("GET", "/api/v1/statuses/{st}/favourited_by"), ("GET", "/api/v1/timelines/home"),
    ("GET", "/api/v1/timelines/public"), ("GET", "/api/v1/timelines/tag/{tag}"),
    ("GET", "/api/v1/notifications"), ("GET", "/api/v1/notifications/{st}"),
    ("POST", "/api/v1/notifications/{st}/dismiss"), ("POST", "/api/v1/notifications/clear"),
    ("GET", "/api/v1/markers"), ("POST", "/api/v1/markers"),
    ("GET", "/api/v1/statuses"), ("GET", "/api/v1/tags/{tag}"),
    ("GET", "/api/v1/follow_requests"), ("POST", "/api/v1/follow_requests/{acc}/authorize"),
    ("POST", "/api/v1/follow_requests/{acc}/reject"),
    ("GET", "/api/v1/bookmarks"), ("POST", "/api/v1/statuses/{st}/bookmark"),
    ("POST", "/api/v1/statuses/{st}/unbookmark"), ("POST", "/api/v1/statuses/{st}/pin"),
    ("POST", "/api/v1/statuses/{st}/unpin"),
    ("POST", "/api/v1/media"), ("POST", "/api/v2/media"), ("GET", "/api/v1/media/{st}"),
    ("PUT", "/api/v1/media/{st}"),
    ("GET", "/api/v1/lists"), ("POST", "/api/v1/lists"), ("GET", "/api/v1/lists/{lst}"),
    ("PUT", "/api/v1/lists/{lst}"), ("GET", "/api/v1/lists/{lst}/accounts"),
    ("POST", "/api/v1/lists/{lst}/accounts"), ("DELETE", "/api/v1/lists/{lst}/accounts"),
    ("GET", "/api/v1/accounts/{acc}/lists"), ("GET", "/api/v1/timelines/list/{lst}"),
    ("DELETE", "/api/v1/lists/{lst}"),
    ("POST", "/api/v1/tags/{tag}/follow"), ("POST", "/api/v1/tags/{tag}/unfollow"),
    ("GET", "/api/v1/followed_tags"),
    ("PUT", "/api/v1/statuses/{st}"), ("GET", "/api/v1/statuses/{st}/history"),
    ("GET", "/api/v1/statuses/{st}/source"), ("GET", "/api/v1/polls/{st}"),
    ("POST", "/api/v1/polls/{st}/votes"),
    # what apps ask for at start (test_start_endpoints.py)
    ("GET", "/.well-known/nodeinfo"), ("GET", "/nodeinfo/2.0"), ("GET", "/.well-known/webfinger"),
    ("GET", "/api/v1/preferences"), ("GET", "/api/v1/instance/rules"),
    ("GET", "/api/v1/announcements"), ("POST", "/api/v1/announcements/{st}/dismiss"),
    ("PUT", "/api/v1/announcements/{st}/reactions/{tag}"),
    ("DELETE", "/api/v1/announcements/{st}/reactions/{tag}"),
    ("GET", "/api/v1/featured_tags"), ("GET", "/api/v1/featured_tags/suggestions"),
    ("GET", "/api/v1/accounts/{acc}/featured_tags"), ("GET", "/api/v1/endorsements"),
    ("GET", "/api/v1/accounts/familiar_followers"), ("GET", "/api/v2/suggestions"),
    ("GET", "/api/v1/suggestions"), ("DELETE", "/api/v1/suggestions/{acc}"),
    ("GET", "/api/v1/notifications/unread_count"), ("POST", "/api/v1/push/subscription"),
    ("GET", "/api/v1/push/subscription"), ("PUT", "/api/v1/push/subscription"),
    ("DELETE", "/api/v1/push/subscription"),
    # conversations, filters, grouped notifications, the notification policy
    ("GET", "/api/v1/conversations"), ("POST", "/api/v1/conversations/{st}/read"),
    ("DELETE", "/api/v1/conversations/{st}"),
    ("GET", "/api/v2/filters"), ("POST", "/api/v2/filters"), ("GET", "/api/v2/filters/{st}"),
    ("PUT", "/api/v2/filters/{st}"), ("DELETE", "/api/v2/filters/{st}"),
    ("GET", "/api/v2/filters/{st}/keywords"), ("POST", "/api/v2/filters/{st}/keywords"),
    ("GET", "/api/v2/filters/keywords/{st}"), ("PUT", "/api/v2/filters/keywords/{st}"),
    ("DELETE", "/api/v2/filters/keywords/{st}"), ("GET", "/api/v2/filters/{st}/statuses"),
    ("POST", "/api/v2/filters/{st}/statuses"), ("GET", "/api/v2/filters/statuses/{st}"),
    ("DELETE", "/api/v2/filters/statuses/{st}"),
    ("GET", "/api/v1/filters"), ("POST", "/api/v1/filters"), ("GET", "/api/v1/filters/{st}"),
    ("PUT", "/api/v1/filters/{st}"), ("DELETE", "/api/v1/filters/{st}"),
    ("GET", "/api/v2/notifications"), ("GET", "/api/v2/notifications/unread_count"),
    ("GET", "/api/v2/notifications/{tag}"), ("POST", "/api/v2/notifications/{tag}/dismiss"),
    ("GET", "/api/v2/notifications/{tag}/accounts"),
    ("GET", "/api/v2/notifications/policy"), ("PATCH", "/api/v2/notifications/policy"),
    ("GET", "/api/v1/notifications/policy"), ("PUT", "/api/v1/notifications/policy"),
    ("GET", "/api/v1/notifications/requests"), ("GET", "/api/v1/notifications/requests/merged"),
    ("GET", "/api/v1/notifications/requests/{st}"),
    ("POST", "/api/v1/notifications/requests/{st}/accept"),
    ("POST", "/api/v1/notifications/requests/{st}/dismiss"),
    ("POST", "/api/v1/notifications/requests/accept"),
    ("POST", "/api/v1/notifications/requests/dismiss"),
]

JUNK_VALUES = ["", "0", "-1", "abc", "9" * 30, "[]", "{}", "true", "\u0000", "é" * 300,
               "%00", "<script>", "1e9"]
JUNK_BODIES = [b"", b"{}", b"[]", b"null", b"{\"status\": {\"a\": 1}}", b"{\"limit\": [1, 2]}",
               b"{\"id\": [\"x\", 5]}", b"status=&visibility[]=x", b"\xff\xfe\xfd",
               b"{\"in_reply_to_id\": {\"x\": 1}, \"status\": 5}", b"a=%", b"=&=&&"]
PARAMS = ["limit", "max_id", "since_id", "min_id", "id", "id[]", "acct", "q", "status",
          "in_reply_to_id", "visibility", "types[]", "local", "pinned", "grant_type", "scope"]


class Endpoints(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        for name in ("alice", "bob"):
            cls.server.create_account(name)
        cls.alice = cls.server.token("alice")
        cls.bob = cls.server.token("bob")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, body=None, token=None, **kw):
        return self.server.request(method, path, body, token, **kw)

    def test_a_update_credentials_lookup_search_and_follow_lists(self):
        status, _, me = self.call("PATCH", "/api/v1/accounts/update_credentials",
                                  {"display_name": "Alice <3", "note": "Bonjour\nà tous"},
                                  token=self.alice)
        self.assertEqual(status, 200, me)
        self.assertEqual(me["display_name"], "Alice <3")
        self.assertEqual(me["note"], "<p>Bonjour<br />à tous</p>")
        self.assertEqual(me["source"]["note"], "Bonjour\nà tous")
        _, _, found = self.call("GET", "/api/v1/accounts/lookup?acct=@alice")
        self.assertEqual(found["id"], me["id"])
        _, _, hits = self.call("GET", "/api/v1/accounts/search?q=ali", token=self.bob)
        self.assertEqual([a["acct"] for a in hits], ["alice"])
        _, _, bob = self.call("GET", "/api/v1/accounts/verify_credentials", token=self.bob)
        self.call("POST", f"/api/v1/accounts/{me['id']}/follow", token=self.bob)
        _, headers, followers = self.call("GET", f"/api/v1/accounts/{me['id']}/followers")
        self.assertEqual([a["id"] for a in followers], [bob["id"]])
        self.assertIn('rel="prev"', headers["Link"])
        self.assertNotIn('rel="next"', headers["Link"])  # the page is not full
        _, _, following = self.call("GET", f"/api/v1/accounts/{bob['id']}/following")
        self.assertEqual([a["id"] for a in following], [me["id"]])
        _, _, rels = self.call("GET", f"/api/v1/accounts/relationships?id={me['id']}&id[]=123",
                               token=self.bob)
        self.assertEqual([(r["id"], r["following"]) for r in rels], [(me["id"], True)])

    def test_hashtags_are_case_insensitive_beyond_ascii(self):
        _, _, post = self.call("POST", "/api/v1/statuses", {"status": "Au #Café ce soir"},
                               token=self.bob)
        self.assertEqual([t["name"] for t in post["tags"]], ["café"])
        for spelling in ("caf%C3%A9", "CAF%C3%89", "%23Caf%C3%A9"):
            _, _, found = self.call("GET", f"/api/v1/timelines/tag/{spelling}")
            self.assertIn(post["id"], [s["id"] for s in found], spelling)

    def test_admin_works_while_serving(self):
        self.server.create_account("paul")  # the server is running
        token = self.server.token("paul")
        self.assertEqual(self.call("GET", "/api/v1/accounts/verify_credentials", token=token)[0], 200)
        self.assertIn("paul", self.server.admin("list-accounts"))
        self.server.admin("suspend", "--username", "paul")
        self.assertEqual(self.call("GET", "/api/v1/accounts/verify_credentials", token=token)[0], 401)
        self.assertEqual(self.call("GET", "/api/v1/accounts/lookup?acct=paul")[0], 404)
        self.server.admin("unsuspend", "--username", "paul")
        self.assertEqual(self.call("GET", "/api/v1/accounts/verify_credentials", token=token)[0], 200)

    def test_several_statuses_at_once_as_the_viewer_may_see_them(self):
        _, _, public = self.call("POST", "/api/v1/statuses", {"status": "à tous"}, self.alice)
        _, _, private = self.call("POST", "/api/v1/statuses",
                                  {"status": "abonnés", "visibility": "private"}, self.alice)
        query = (f"id[]={private['id']}&id[]={public['id']}&id[]=123&id[]=x"
                 f"&id[]={public['id']}")
        status, _, mine = self.call("GET", "/api/v1/statuses?" + query, token=self.alice)
        self.assertEqual(status, 200)
        self.assertEqual([s["id"] for s in mine], [private["id"], public["id"]])
        for token in (self.bob, None):  # bob does not follow alice
            status, _, theirs = self.call("GET", "/api/v1/statuses?" + query, token=token)
            self.assertEqual([s["id"] for s in theirs], [public["id"]])
        self.assertEqual(self.call("GET", "/api/v1/statuses")[2], [])
        status, _, body = self.call("GET", "/api/v1/statuses?" + "&".join(
            f"id[]={i}" for i in range(1, 22)))
        self.assertEqual(status, 422, body)

    def test_a_hashtag_is_found_by_name_when_a_public_post_uses_it(self):
        self.call("POST", "/api/v1/statuses", {"status": "#Entraide pour tous"}, self.alice)
        self.call("POST", "/api/v1/statuses",
                  {"status": "#secretdemande", "visibility": "private"}, self.alice)
        for name in ("entraide", "ENTRAIDE", "%23Entraide"):
            status, _, tag = self.call("GET", "/api/v1/tags/" + name, token=self.bob)
            self.assertEqual(status, 200, (name, tag))
            self.assertEqual(tag["name"], "entraide")
            self.assertFalse(tag["following"])
            self.assertEqual(tag["url"], self.server.base + "/tags/entraide")
            self.assertIsInstance(tag["history"], list)
        for name in ("secretdemande", "nosuchtag"):
            status, _, body = self.call("GET", "/api/v1/tags/" + name)
            self.assertEqual(status, 404, (name, body))

    def test_idempotency_key_posts_once(self):
        headers = {"Idempotency-Key": "une-seule-fois"}
        _, _, first = self.call("POST", "/api/v1/statuses", {"status": "une fois"}, token=self.alice,
                                headers=headers)
        _, _, second = self.call("POST", "/api/v1/statuses", {"status": "une fois"}, token=self.alice,
                                 headers=headers)
        self.assertEqual(first["id"], second["id"])

    def test_notifications_get_dismiss_clear(self):
        # Their own accounts: the junk sweep blocks and mutes alice and bob.
        self.server.create_account("nina")
        self.server.create_account("omar")
        nina, omar = self.server.token("nina"), self.server.token("omar")
        for i in range(3):
            self.call("POST", "/api/v1/statuses", {"status": f"@nina coucou {i}"}, token=omar)
        _, _, notes = self.call("GET", "/api/v1/notifications?types[]=mention", token=nina)
        self.assertGreaterEqual(len(notes), 3)
        first = notes[0]
        _, _, one = self.call("GET", f"/api/v1/notifications/{first['id']}", token=nina)
        self.assertEqual(one["id"], first["id"])
        status, _, _ = self.call("GET", f"/api/v1/notifications/{first['id']}", token=omar)
        self.assertEqual(status, 404)  # someone else's notification
        status, _, body = self.call("POST", f"/api/v1/notifications/{first['id']}/dismiss",
                                    token=nina)
        self.assertEqual((status, body), (200, {}))
        status, _, _ = self.call("GET", f"/api/v1/notifications/{first['id']}", token=nina)
        self.assertEqual(status, 404)
        self.assertEqual(self.call("POST", "/api/v1/notifications/clear", token=nina)[2], {})
        self.assertEqual(self.call("GET", "/api/v1/notifications", token=nina)[2], [])

    def test_markers_as_forms_and_json(self):
        self.server.create_account("paula")
        paula = self.server.token("paula")
        reader = self.server.token("paula", scopes="read")
        status, _, body = self.call("GET", "/api/v1/markers?timeline[]=home")
        self.assertEqual(status, 401, body)
        status, _, body = self.call("POST", "/api/v1/markers", "home[last_read_id]=5",
                                    token=reader, content_type="application/x-www-form-urlencoded")
        self.assertEqual(status, 403, body)  # write:statuses
        status, _, body = self.call(
            "POST", "/api/v1/markers",
            "home%5Blast_read_id%5D=5&notifications[last_read_id]=6&public[last_read_id]=7",
            token=paula, content_type="application/x-www-form-urlencoded")
        self.assertEqual(status, 200, body)
        self.assertEqual(sorted(body), ["home", "notifications"])  # unknown timelines ignored
        self.assertEqual(body["home"]["last_read_id"], "5")
        self.assertEqual(body["home"]["version"], 1)
        self.assertRegex(body["home"]["updated_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
        status, _, body = self.call("POST", "/api/v1/markers",
                                    {"home": {"last_read_id": "50"}}, token=paula)
        self.assertEqual((status, body["home"]["last_read_id"], body["home"]["version"]),
                         (200, "50", 2), body)
        self.assertNotIn("notifications", body)  # the markers saved, only
        status, _, body = self.call("POST", "/api/v1/markers",
                                    {"notifications": {"last_read_id": "abc"}}, token=paula)
        self.assertEqual(status, 422, body)
        self.assertIsInstance(body["error"], str)
        status, _, body = self.call("GET", "/api/v1/markers?timeline[]=home&timeline[]=notifications",
                                    token=reader)
        self.assertEqual(status, 200, body)
        self.assertEqual((body["home"]["last_read_id"], body["home"]["version"]), ("50", 2))
        self.assertEqual((body["notifications"]["last_read_id"], body["notifications"]["version"]),
                         ("6", 1))  # the refused save changed nothing
        self.assertEqual(list(self.call("GET", "/api/v1/markers?timeline=notifications",
                                        token=paula)[2]), ["notifications"])
        self.assertEqual(self.call("GET", "/api/v1/markers", token=paula)[2], {})
        self.assertEqual(self.call("GET", "/api/v1/markers?timeline[]=home", token=self.bob)[2], {})

    def test_instance_says_which_length_rules_apply(self):
        for path in ("/api/v1/instance", "/api/v2/instance"):
            _, _, instance = self.call("GET", path)
            self.assertEqual(instance["configuration"]["piaf"], {"length": "classic"}, path)

    def test_login_is_throttled_per_account(self):
        server = Server(extra_args=["--login-attempts", "3"]).start()
        try:
            server.create_account("carol")
            _, _, app = server.request("POST", "/api/v1/apps", {"client_name": "t"})
            attempt = {"grant_type": "password", "client_id": app["client_id"],
                       "client_secret": app["client_secret"], "username": "carol",
                       "password": "wrong"}
            codes = [server.request("POST", "/oauth/token", attempt)[0] for _ in range(4)]
            self.assertEqual(codes, [400, 400, 400, 429])
            attempt["password"] = "correct horse battery"
            self.assertEqual(server.request("POST", "/oauth/token", attempt)[0], 429)
        finally:
            server.cleanup()

    def test_request_body_limit(self):
        # Announce a 2 MiB body: the server answers 413 without reading it.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
            s.sendall(b"POST /api/v1/statuses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                      b"\r\nAuthorization: Bearer " + self.alice.encode() +
                      b"\r\nContent-Length: 2097152\r\n\r\n" + b"x" * 1024)
            reply = s.recv(4096).decode()
        self.assertTrue(reply.startswith("HTTP/1.1 413"), reply)
        self.assertIn('{"error":', reply)
        self.assertEqual(self.call("GET", "/api/v1/instance")[0], 200)

    def test_junk_over_every_route(self):
        _, _, post = self.call("POST", "/api/v1/statuses", {"status": "cible"}, token=self.bob)
        _, _, bob = self.call("GET", "/api/v1/accounts/verify_credentials", token=self.bob)
        _, _, lst = self.call("POST", "/api/v1/lists", {"title": "junk"}, token=self.alice)
        names = {"acc": bob["id"], "st": post["id"], "tag": "ong", "lst": lst["id"]}
        tokens = [None, self.alice, "junk"]
        checked = 0
        for (method, pattern), token, (param, value) in itertools.product(
                ROUTES, tokens, [(p, v) for p in PARAMS[:8] for v in JUNK_VALUES[:6]][::5]):
            path = pattern.format(**names)
            query = f"?{param}={value}"
            status, headers, body = self.call(method, path + query, token=token)
            self.check(method, path, status, headers, body)
            checked += 1
        for (method, pattern), raw in itertools.product(ROUTES, JUNK_BODIES):
            if method == "GET":
                continue
            for content_type in ("application/json", "application/x-www-form-urlencoded",
                                 "multipart/form-data; boundary=b"):
                status, headers, body = self.call(method, pattern.format(**names), raw,
                                                  token=self.alice, content_type=content_type)
                self.check(method, pattern, status, headers, body)
                checked += 1
        for (method, pattern) in ROUTES:
            for bad in ("abc", "-1", "99999999999999999999", "%ZZ", "1%2F2"):
                path = pattern.replace("{acc}", bad).replace("{st}", bad).replace("{tag}", bad)
                status, headers, body = self.call(method, path, token=self.alice)
                self.check(method, path, status, headers, body)
                checked += 1
        self.assertGreater(checked, 500)
        # the store is intact: bob's status is still there and readable
        self.assertEqual(self.call("GET", f"/api/v1/statuses/{post['id']}")[0], 200)

    def check(self, method, path, status, headers, body):
        where = f"{method} {path} -> {status} {body!r}"[:300]
        self.assertLess(status, 500, where)
        self.assertTrue(headers.get("Content-Type", "").startswith(
            ("application/json", "application/jrd+json", "text/html")), where)
        if status >= 400 and headers.get("Content-Type", "").startswith("application/json"):
            self.assertIsInstance(body, dict, where)
            self.assertIsInstance(body.get("error"), str, where)


if __name__ == "__main__":
    unittest.main()
