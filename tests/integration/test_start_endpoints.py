"""What Mastodon apps ask for as they start (issue 26): NodeInfo, WebFinger,
preferences, announcements, rules, featured tags, endorsements, familiar
followers, suggestions, the unread notifications count, Web Push (not
offered), and streams Piaf does not publish to yet, which must not end a
masto client's other subscriptions. Through raw HTTP, Mastodon.py and npm's
masto, each as docs.joinmastodon.org documents it."""
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
import unittest

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

from harness import BINARY, Server
from test_hardening_net import WebSocket

HERE = os.path.dirname(os.path.abspath(__file__))
NODEINFO_20 = "http://nodeinfo.diaspora.software/ns/schema/2.0"


class StartEndpoints(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--rule", "No spam", "--rule", "Be kind, or be quiet"]).start()
        names = ("alice", "bob", "carol", "dave", "erin")
        for name in names:
            cls.server.create_account(name)
        cls.tokens = {n: cls.server.token(n) for n in names}
        cls.m = {n: Mastodon(access_token=t, api_base_url=cls.server.base)
                 for n, t in cls.tokens.items()}
        cls.ids = {n: str(m.account_verify_credentials()["id"]) for n, m in cls.m.items()}

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, body=None, token=None, **kw):
        return self.server.request(method, path, body, token, **kw)

    def assertError(self, expected_status, method, path, body=None, token=None, **kw):
        status, headers, answer = self.call(method, path, body, token, **kw)
        self.assertEqual(status, expected_status, f"{method} {path}: {answer}")
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        self.assertIsInstance(answer.get("error"), str, answer)
        return answer

    def token_with(self, name, scopes):
        return self.server.token(name, scopes=scopes)

    # ------------------------------------------------------------ NodeInfo

    def test_nodeinfo_links_to_its_2_0_document_which_counts_users_and_posts(self):
        status, headers, links = self.call("GET", "/.well-known/nodeinfo")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        self.assertEqual(links, {"links": [{"rel": NODEINFO_20,
                                            "href": self.server.base + "/nodeinfo/2.0"}]})
        before = self.call("GET", "/nodeinfo/2.0")[2]["usage"]["localPosts"]
        self.m["erin"].status_post("one more post for the figures")
        status, headers, info = self.call("GET", "/nodeinfo/2.0")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"],
                         'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.0#"')
        self.assertEqual(info["version"], "2.0")
        self.assertEqual(info["software"]["name"], "piaf")
        self.assertRegex(info["software"]["version"], r"^\d+\.\d+\.\d+")
        self.assertEqual(info["protocols"], [])
        self.assertEqual(info["services"], {"outbound": [], "inbound": []})
        self.assertTrue(info["openRegistrations"])
        self.assertGreaterEqual(info["usage"]["users"]["total"], 5)
        self.assertEqual(info["usage"]["localPosts"], before + 1)
        # megalodon's detector() takes it for Mastodon through its upstream.
        self.assertEqual(info["metadata"]["upstream"]["name"], "mastodon")
        # Mastodon.py follows the link.
        self.assertEqual(self.m["alice"].instance_nodeinfo()["software"]["name"], "piaf")

    def test_megalodon_detects_a_mastodon_compatible_server(self):
        done = subprocess.run([os.path.join(HERE, "js", "run.sh"), "megalodon_detect.js",
                               self.server.base], capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr[-2000:])
        self.assertEqual(json.loads(done.stdout.splitlines()[-1]), {"sns": "mastodon"})

    def test_nodeinfo_and_webfinger_are_json_for_a_browser_too_and_cross_origin(self):
        for path in ("/nodeinfo/2.0", "/.well-known/nodeinfo",
                     "/.well-known/webfinger?resource=acct:nobody@nowhere.example"):
            status, headers, body = self.call("GET", path, headers={
                "Accept": "text/html,application/xhtml+xml", "Origin": "https://app.example"})
            self.assertIn(status, (200, 404), path)
            self.assertTrue(headers["Content-Type"].startswith("application/"), (path, headers))
            self.assertIsInstance(body, dict, path)
            self.assertEqual(headers.get("Access-Control-Allow-Origin"), "*", path)

    def test_nodeinfo_says_when_registrations_are_closed(self):
        server = Server(extra_args=["--registrations", "closed"]).start()
        try:
            self.assertFalse(server.request("GET", "/nodeinfo/2.0")[2]["openRegistrations"])
        finally:
            server.cleanup()

    # ----------------------------------------------------------- WebFinger

    def test_webfinger_finds_a_local_account_by_acct_or_profile_url(self):
        domain = self.server.base.split("://")[1]
        profile = f"{self.server.base}/@alice"
        for resource in (f"acct:alice@{domain}", f"alice@{domain}", f"acct:ALICE@{domain.upper()}",
                         profile, f"{self.server.base}/users/alice"):
            status, headers, jrd = self.call(
                "GET", "/.well-known/webfinger?resource=" + urllib_quote(resource))
            self.assertEqual(status, 200, (resource, jrd))
            self.assertEqual(headers["Content-Type"], "application/jrd+json; charset=utf-8")
            self.assertEqual(jrd["subject"], f"acct:alice@{domain}")
            self.assertEqual(jrd["aliases"], [profile])
            links = {link["rel"]: link for link in jrd["links"]}
            self.assertEqual(links["self"], {"rel": "self", "type": "application/activity+json",
                                             "href": profile})
            self.assertEqual(links["http://webfinger.net/rel/profile-page"],
                             {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html",
                              "href": profile})

    def test_webfinger_refuses_what_is_not_here(self):
        domain = self.server.base.split("://")[1]
        self.assertError(400, "GET", "/.well-known/webfinger")
        self.assertError(400, "GET", "/.well-known/webfinger?resource=")
        self.assertError(400, "GET", "/.well-known/webfinger?resource=mailto:alice@" + domain)
        for resource in (f"acct:nobody@{domain}", "acct:alice@elsewhere.example", "acct:alice",
                         f"{self.server.base}/@alice/123", "https://elsewhere.example/@alice"):
            self.assertError(404, "GET", "/.well-known/webfinger?resource=" + urllib_quote(resource))
        self.server.create_account("ghost")
        self.server.admin("suspend", "--username", "ghost")
        self.assertError(404, "GET", f"/.well-known/webfinger?resource=acct:ghost@{domain}")

    # --------------------------------------------------------- preferences

    def test_preferences_are_mastodons_defaults(self):
        expected = {"posting:default:visibility": "public", "posting:default:sensitive": False,
                    "posting:default:language": None, "reading:expand:media": "default",
                    "reading:expand:spoilers": False}
        status, _, prefs = self.call("GET", "/api/v1/preferences", token=self.tokens["alice"])
        self.assertEqual((status, prefs), (200, expected))
        self.assertEqual(dict(self.m["alice"].preferences()), expected)
        self.assertError(401, "GET", "/api/v1/preferences")
        self.assertError(403, "GET", "/api/v1/preferences", token=self.token_with("alice", "write"))

    # ------------------------------------------------------- announcements

    def test_announcements_from_the_admin_are_read_and_dismissed_per_account(self):
        server = Server().start()
        try:
            for name in ("ann", "ben"):
                server.create_account(name)
            ann, ben = server.token("ann"), server.token("ben")
            self.assertEqual(server.request("GET", "/api/v1/announcements", token=ann)[2], [])
            first = server.admin("announce", "--text", "Maintenance <tonight>\n\nBack soon")
            self.assertRegex(first, r"^\d+$")  # the id alone
            # An event dated before the first one's publication: listed first.
            event = server.admin("announce", "--text", "Party", "--starts-at", "2020-12-24",
                                 "--ends-at", "2020-12-25T02:00:00+01:00", "--all-day")
            status, _, listed = server.request("GET", "/api/v1/announcements", token=ann)
            self.assertEqual(status, 200, listed)
            self.assertEqual([a["id"] for a in listed], [event, first])  # by the date announced
            party, maintenance = listed
            self.assertEqual(maintenance["content"], "<p>Maintenance &lt;tonight&gt;</p><p>Back soon</p>")
            self.assertEqual((maintenance["starts_at"], maintenance["ends_at"], maintenance["all_day"]),
                             (None, None, False))
            self.assertEqual((party["starts_at"], party["ends_at"], party["all_day"]),
                             ("2020-12-24T00:00:00.000Z", "2020-12-25T01:00:00.000Z", True))
            for a in listed:
                self.assertFalse(a["read"])
                self.assertRegex(a["published_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
                self.assertEqual(a["updated_at"], a["published_at"])
                for empty in ("mentions", "statuses", "tags", "emojis", "reactions"):
                    self.assertEqual(a[empty], [], empty)
            status, _, body = server.request("POST", f"/api/v1/announcements/{first}/dismiss",
                                             token=ann)
            self.assertEqual((status, body), (200, {}))
            self.assertEqual([a["id"] for a in server.request("GET", "/api/v1/announcements",
                                                               token=ann)[2]], [event])
            both = server.request("GET", "/api/v1/announcements?with_dismissed=true", token=ann)[2]
            self.assertEqual([(a["id"], a["read"]) for a in both], [(event, False), (first, True)])
            self.assertEqual(len(server.request("GET", "/api/v1/announcements", token=ben)[2]), 2)
            # Mastodon.py
            m = Mastodon(access_token=ben, api_base_url=server.base)
            self.assertEqual([a["id"] for a in m.announcements()], [int(event), int(first)])
            m.announcement_dismiss(event)
            self.assertEqual([a["id"] for a in m.announcements()], [int(first)])
            # errors
            base = f"/api/v1/announcements/{first}"
            self.assertEqual(server.request("POST", base + "/dismiss")[0], 401)
            status, _, body = server.request("POST", base + "/dismiss",
                                             token=server.token("ann", scopes="read"))
            self.assertEqual(status, 403, body)
            for bad in ("12345", "abc"):
                status, _, body = server.request("POST", f"/api/v1/announcements/{bad}/dismiss",
                                                 token=ann)
                self.assertEqual((status, body), (404, {"error": "Record not found"}))
            status, _, body = server.request("GET", "/api/v1/announcements?with_dismissed=maybe",
                                             token=ann)
            self.assertEqual(status, 400, body)
            status, _, body = server.request("PUT", base + "/reactions/%F0%9F%91%8D", token=ann)
            self.assertEqual(status, 422, body)
            self.assertIsInstance(body["error"], str)
            status, _, body = server.request("PUT", "/api/v1/announcements/12345/reactions/x",
                                             token=ann)
            self.assertEqual(status, 404, body)
            status, _, body = server.request("DELETE", base + "/reactions/%F0%9F%91%8D", token=ann)
            self.assertEqual(status, 404, body)
            # the admin CLI's own checks, and deleting
            for args, code in ((["--text", "x", "--starts-at", "tomorrow", "--ends-at", "2027-01-01"], 2),
                               (["--text", "x", "--starts-at", "2027-01-01"], 1),
                               (["--text", "  "], 1)):
                done = subprocess.run([BINARY, "admin", "announce", *args, "--data-dir",
                                       server.data_dir], capture_output=True, text=True)
                self.assertEqual(done.returncode, code, (args, done.stderr))
                self.assertTrue(done.stderr.strip(), args)
            done = subprocess.run([BINARY, "admin", "announce", "--text", "x", "--data-dir",
                                   os.path.join(server.data_dir, "nowhere")],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 1, done.stderr)
            self.assertFalse(os.path.exists(os.path.join(server.data_dir, "nowhere")))
            server.admin("delete-announcement", "--id", first)
            self.assertEqual([a["id"] for a in server.request(
                "GET", "/api/v1/announcements?with_dismissed=1", token=ann)[2]], [event])
            done = subprocess.run([BINARY, "admin", "delete-announcement", "--id", first,
                                   "--data-dir", server.data_dir], capture_output=True, text=True)
            self.assertEqual(done.returncode, 1)
        finally:
            server.cleanup()

    # --------------------------------------------------------------- rules

    def test_rules_come_from_the_serve_options_in_order(self):
        expected = [{"id": "1", "text": "No spam", "hint": ""},
                    {"id": "2", "text": "Be kind, or be quiet", "hint": ""}]
        status, _, rules = self.call("GET", "/api/v1/instance/rules")
        self.assertEqual((status, rules), (200, expected))
        self.assertEqual(self.call("GET", "/api/v1/instance")[2]["rules"], expected)
        self.assertEqual(self.call("GET", "/api/v2/instance")[2]["rules"], expected)
        self.assertEqual([r["text"] for r in self.m["alice"].instance_rules()],
                         ["No spam", "Be kind, or be quiet"])

    def test_rules_from_the_settings_file_and_none_by_default(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write('[serve]\nrules = ["Un", "Deux, trois"]\n')
            path = f.name
        try:
            server = Server(extra_args=["--config", path]).start()
            try:
                self.assertEqual([r["text"] for r in server.request("GET", "/api/v1/instance/rules")[2]],
                                 ["Un", "Deux, trois"])
            finally:
                server.cleanup()
        finally:
            os.unlink(path)
        server = Server().start()
        try:
            self.assertEqual(server.request("GET", "/api/v1/instance/rules")[2], [])
            self.assertEqual(server.request("GET", "/api/v2/instance")[2]["rules"], [])
        finally:
            server.cleanup()

    # ------------------------------------ featured tags, endorsements (none)

    def test_featured_tags_and_endorsements_are_empty_lists(self):
        alice = self.tokens["alice"]
        for path in ("/api/v1/featured_tags", "/api/v1/featured_tags/suggestions",
                     "/api/v1/endorsements"):
            self.assertEqual(self.call("GET", path, token=alice)[:3:2], (200, []), path)
            self.assertError(401, "GET", path)
            self.assertError(403, "GET", path, token=self.token_with("alice", "write"))
        self.assertEqual(self.m["alice"].featured_tags(), [])
        self.assertEqual(self.m["alice"].endorsements(), [])
        status, _, tags = self.call("GET", f"/api/v1/accounts/{self.ids['bob']}/featured_tags")
        self.assertEqual((status, tags), (200, []))  # public
        for bad in ("123456789", "abc"):
            self.assertError(404, "GET", f"/api/v1/accounts/{bad}/featured_tags")

    # ------------------------------------------ familiar followers, suggestions

    def test_familiar_followers_and_friends_of_friends_come_from_the_follows(self):
        server = Server().start()
        try:
            names = ("me", "f1", "f2", "x", "y", "z", "muted")
            for n in names:
                server.create_account(n)
            tok = {n: server.token(n) for n in names}
            ids = {n: server.request("GET", "/api/v1/accounts/verify_credentials", token=t)[2]["id"]
                   for n, t in tok.items()}

            def follow(who, whom):
                status, _, rel = server.request("POST", f"/api/v1/accounts/{ids[whom]}/follow",
                                                token=tok[who])
                self.assertEqual(status, 200, rel)

            for who, whom in (("me", "f1"), ("me", "f2"), ("f1", "x"), ("f2", "x"), ("f1", "y"),
                              ("z", "x"), ("f1", "muted"), ("f2", "muted"), ("f1", "me")):
                follow(who, whom)
            server.request("POST", f"/api/v1/accounts/{ids['muted']}/mute", token=tok["me"])

            status, _, familiar = server.request(
                "GET", f"/api/v1/accounts/familiar_followers?id[]={ids['x']}&id[]={ids['y']}"
                       f"&id[]={ids['z']}&id[]=999999&id[]=abc", token=tok["me"])
            self.assertEqual(status, 200, familiar)
            self.assertEqual([(f["id"], sorted(a["id"] for a in f["accounts"])) for f in familiar],
                             [(ids["x"], sorted([ids["f1"], ids["f2"]])), (ids["y"], [ids["f1"]]),
                              (ids["z"], [])])
            m = Mastodon(access_token=tok["me"], api_base_url=server.base)
            got = m.account_familiar_followers([ids["x"], ids["y"]])
            self.assertEqual([len(f["accounts"]) for f in got], [2, 1])
            status, _, body = server.request("GET", "/api/v1/accounts/familiar_followers",
                                             token=server.token("me", scopes="read:statuses"))
            self.assertEqual(status, 403, body)

            status, _, suggested = server.request("GET", "/api/v2/suggestions", token=tok["me"])
            self.assertEqual(status, 200, suggested)
            # x by two friends, then y by one; not me (f1 follows me), not
            # those followed, not the muted one.
            self.assertEqual([s["account"]["id"] for s in suggested], [ids["x"], ids["y"]])
            for s in suggested:
                self.assertEqual((s["source"], s["sources"]), ("past_interactions", ["friends_of_friends"]))
                self.assertIn("acct", s["account"])
            self.assertEqual(len(server.request("GET", "/api/v2/suggestions?limit=1",
                                                token=tok["me"])[2]), 1)
            self.assertEqual(server.request("GET", "/api/v2/suggestions?limit=abc",
                                            token=tok["me"])[0], 400)
            self.assertEqual(server.request("GET", "/api/v2/suggestions")[0], 401)
            self.assertEqual([a["id"] for a in m.suggestions()], [int(ids["x"]), int(ids["y"])])
            status, _, body = server.request("DELETE", f"/api/v1/suggestions/{ids['x']}",
                                             token=tok["me"])
            self.assertEqual((status, body), (200, {}))
            self.assertEqual(server.request("DELETE", "/api/v1/suggestions/abc", token=tok["me"])[:3:2],
                             (200, {}))  # "successful even if the account id is invalid"
            follow("me", "x")
            self.assertEqual([s["account"]["id"] for s in server.request(
                "GET", "/api/v2/suggestions", token=tok["me"])[2]], [ids["y"]])
        finally:
            server.cleanup()

    # ------------------------------------------------ unread notifications

    def test_unread_count_counts_notifications_newer_than_the_marker(self):
        server = Server().start()
        try:
            for n in ("reader", "writer", "other"):
                server.create_account(n)
            reader, writer, other = (server.token(n) for n in ("reader", "writer", "other"))
            path = "/api/v1/notifications/unread_count"
            self.assertEqual(server.request("GET", path, token=reader)[:3:2], (200, {"count": 0}))
            posted = [server.request("POST", "/api/v1/statuses", {"status": f"@reader {i}"},
                                     token=writer)[2] for i in range(3)]
            server.request("POST", "/api/v1/statuses", {"status": "@reader hi"}, token=other)
            self.assertEqual(server.request("GET", path, token=reader)[2], {"count": 4})
            notes = server.request("GET", "/api/v1/notifications", token=reader)[2]
            oldest_two = sorted(int(n["id"]) for n in notes)[1]
            status, _, _ = server.request("POST", "/api/v1/markers",
                                          {"notifications": {"last_read_id": str(oldest_two)}},
                                          token=reader)
            self.assertEqual(status, 200)
            self.assertEqual(server.request("GET", path, token=reader)[2], {"count": 2})
            self.assertEqual(server.request("GET", path + "?limit=1", token=reader)[2], {"count": 1})
            self.assertEqual(server.request("GET", path + "?types[]=follow", token=reader)[2],
                             {"count": 0})
            writer_id = server.request("GET", "/api/v1/accounts/verify_credentials", token=writer)[2]["id"]
            self.assertEqual(server.request("GET", f"{path}?account_id={writer_id}", token=reader)[2],
                             {"count": 1})
            # what the list hides is not counted
            server.request("POST", f"/api/v1/accounts/{writer_id}/mute", token=reader)
            self.assertEqual(server.request("GET", path, token=reader)[2], {"count": 1})
            self.assertEqual(len(posted), 3)
            for bad, code in (("?limit=x", 400), ("?account_id=x", 400)):
                self.assertEqual(server.request("GET", path + bad, token=reader)[0], code, bad)
            self.assertEqual(server.request("GET", path)[0], 401)
            self.assertEqual(server.request("GET", path, token=server.token("reader", scopes="read:accounts"))[0],
                             403)
        finally:
            server.cleanup()

    # ------------------------------------------------------------- Web Push

    def test_web_push_is_not_offered_and_says_so(self):
        alice = self.tokens["alice"]
        path = "/api/v1/push/subscription"
        subscription = {"subscription": {"endpoint": "https://push.example/x",
                                         "keys": {"p256dh": "BNc", "auth": "abc"}},
                        "data": {"alerts": {"mention": True}}}
        answer = self.assertError(422, "POST", path, subscription, token=alice)
        self.assertIn("Web Push", answer["error"])
        self.assertEqual(self.call("GET", path, token=alice)[:3:2], (404, {"error": "Record not found"}))
        self.assertEqual(self.call("PUT", path, {"data": {"alerts": {}}}, token=alice)[:3:2],
                         (404, {"error": "Record not found"}))
        self.assertEqual(self.call("DELETE", path, token=alice)[:3:2], (200, {}))
        self.assertError(401, "GET", path)
        self.assertError(403, "GET", path, token=self.token_with("alice", "read write"))
        with self.assertRaises(MastodonNotFoundError):
            self.m["alice"].push_subscription()
        with self.assertRaises(MastodonAPIError):
            self.m["alice"].push_subscription_set("https://push.example/x",
                                                  {"pubkey": b"\x04" + b"\x01" * 64, "auth": b"\x02" * 16})

    # ----------------------------------------------------------- streaming

    def carols_list(self):
        """A list of carol's, for her list streams (only its owner may follow one)."""
        status, _, made = self.server.request("POST", "/api/v1/lists", {"title": "quiet"},
                                              self.tokens["carol"])
        self.assertEqual(status, 200, made)
        return made["id"]

    def test_masto_keeps_its_public_stream_after_subscribing_to_direct_and_list(self):
        proc = subprocess.Popen(
            [os.path.join(HERE, "js", "run.sh"), "masto_quiet_streams.js", self.server.base,
             self.tokens["carol"], self.carols_list()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout],
                         daemon=True).start()
        try:
            # masto connects after a delay: post until the public stream
            # delivers (the subscriptions to direct and list went first).
            seen = []
            deadline = time.time() + 60
            delivered = False
            while not delivered and time.time() < deadline:
                post = self.m["dave"].status_post("in public, for everyone")
                end = time.time() + 0.5
                while time.time() < end and not delivered:
                    try:
                        e = lines.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    seen.append(e)
                    self.assertNotIn("error", e, seen)
                    delivered = e.get("stream") == "public" and e["id"] == str(post["id"])
                if proc.poll() is not None:
                    break
            self.assertTrue(delivered, "masto: %s %s" % (seen[:5], proc.stderr.read()[-2000:]
                                                         if proc.poll() is not None else ""))
            self.assertIsNone(proc.poll())  # no subscription threw
            self.assertEqual({e.get("stream") for e in seen}, {"public"})  # direct and list are quiet
        finally:
            proc.kill()
            proc.wait()

    def test_on_the_wire_quiet_streams_get_no_error_and_real_mistakes_mastodons_error(self):
        def connect(path):
            ws = WebSocket(self.server.port, path)
            messages = []

            def read():
                try:
                    while True:
                        opcode, payload = ws.receive()
                        if opcode != 1:
                            return
                        messages.append(json.loads(payload))
                except (OSError, ConnectionError):
                    return

            threading.Thread(target=read, daemon=True).start()
            return ws, messages

        def answers_to(ws, messages, *subscribes):
            """What the server sent back for these messages, up to the answer
            to a probe sent after them (its messages are answered in order)."""
            del messages[:]
            for m in subscribes:
                ws.send_text(json.dumps(m))
            ws.send_text("not json")
            deadline = time.time() + 10
            while time.time() < deadline:
                if any(m.get("error") == "Unknown message type" for m in list(messages)):
                    return [m for m in messages if m.get("error") != "Unknown message type"]
                time.sleep(0.02)
            self.fail("no answer to the probe")

        ws, messages = connect("/api/v1/streaming?access_token=" + self.tokens["carol"])
        try:
            self.assertEqual(answers_to(
                ws, messages,
                {"type": "subscribe", "stream": "direct"},
                {"type": "subscribe", "stream": "list", "list": self.carols_list()},
                {"type": "subscribe", "stream": "public:remote"},
                {"type": "subscribe", "stream": "public:local:media"},
                {"type": "unsubscribe", "stream": "direct"}), [])
            self.assertEqual(answers_to(ws, messages, {"type": "subscribe", "stream": "nonsense"}),
                             [{"error": "Unknown stream type", "status": 400}])
            self.assertEqual(answers_to(ws, messages, {"type": "subscribe", "stream": "list"}),
                             [{"error": "No list for list stream", "status": 400}])
        finally:
            ws.close()
        ws, messages = connect("/api/v1/streaming")
        try:
            self.assertEqual(answers_to(ws, messages, {"type": "subscribe", "stream": "direct"}),
                             [{"error": "Missing access token", "status": 401}])
        finally:
            ws.close()

    def test_the_quiet_streams_are_answered_as_streams_over_sse_too(self):
        # An SSE stream is open once its head is sent (its first comment
        # follows at once); a bad one is an error at once.
        import http.client
        port = self.server.port
        mine = "/api/v1/streaming/list?list=" + self.carols_list()
        for path, token, expected in (("/api/v1/streaming/direct", self.tokens["carol"], 200),
                                      (mine, self.tokens["carol"], 200),
                                      ("/api/v1/streaming/public/remote", None, 200),
                                      ("/api/v1/streaming/direct", None, 401),
                                      ("/api/v1/streaming/list", self.tokens["carol"], 400)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            headers = {"Authorization": "Bearer " + token} if token else {}
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            self.assertEqual(response.status, expected, path)
            if expected == 200:
                self.assertTrue(response.getheader("Content-Type").startswith("text/event-stream"))
            conn.close()


def urllib_quote(s):
    from urllib.parse import quote
    return quote(s, safe="")


if __name__ == "__main__":
    unittest.main()
