"""Lists (issue 26) through `piaf serve`: Debian's Mastodon.py (list_create,
list_accounts_add, timeline_list, account_lists, stream_list over SSE), raw
HTTP for what it does not send (replies_policy, exclusive) and the errors as
docs.joinmastodon.org gives them, npm masto for the `list` stream over
WebSocket."""
import json
import os
import queue
import re
import subprocess
import threading
import time
import unittest

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError, StreamListener

from harness import Server
from test_hardening_net import WebSocket

HERE = os.path.dirname(os.path.abspath(__file__))


class ListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--statuses-per-account", "0"]).start()
        cls.names = ("owner", "amy", "ben", "cat", "dan", "eve")
        for name in cls.names:
            cls.server.create_account(name)
        cls.tokens = {n: cls.server.token(n) for n in cls.names}
        cls.m = {n: Mastodon(access_token=t, api_base_url=cls.server.base)
                 for n, t in cls.tokens.items()}
        cls.ids = {n: str(cls.m[n].account_verify_credentials()["id"]) for n in cls.names}
        for whom in ("amy", "ben", "cat"):
            cls.m["owner"].account_follow(cls.ids[whom])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who, body=None):
        return self.server.request(method, path, body, self.tokens[who] if who else None)

    def new_list(self, title="Friends", **fields):
        status, _, body = self.call("POST", "/api/v1/lists", "owner", {"title": title, **fields})
        self.assertEqual(status, 200, body)
        return body

    def add(self, list_id, *names, expect=200):
        status, _, body = self.call("POST", f"/api/v1/lists/{list_id}/accounts", "owner",
                                    {"account_ids": [self.ids[n] for n in names]})
        self.assertEqual(status, expect, body)
        return body

    def list_ids(self, list_id, who="owner", query=""):
        status, _, body = self.call("GET", f"/api/v1/timelines/list/{list_id}{query}", who)
        self.assertEqual(status, 200, body)
        return [s["id"] for s in body]

    def home_ids(self, who="owner"):
        return [str(s["id"]) for s in self.m[who].timeline_home(limit=40)]

    def post(self, who, text, **kw):
        return str(self.m[who].status_post(text, **kw)["id"])

    # ------------------------------------------------------------- the CRUD

    def test_a_list_is_created_read_renamed_and_deleted_with_mastodon_py(self):
        made = self.m["owner"].list_create("Birders")
        made["id"] = str(made["id"])
        self.assertEqual(set(made), {"id", "title", "replies_policy", "exclusive"})
        self.assertEqual((made["title"], made["replies_policy"], made["exclusive"]),
                         ("Birders", "list", False))
        self.assertIn(made["id"], [str(l["id"]) for l in self.m["owner"].lists()])
        self.assertEqual(self.m["owner"].list(made["id"])["title"], "Birders")
        self.assertEqual(self.m["owner"].list_update(made["id"], "Bird watchers")["title"],
                         "Bird watchers")
        status, _, body = self.call("PUT", f"/api/v1/lists/{made['id']}", "owner",
                                    {"replies_policy": "none", "exclusive": True})
        self.assertEqual((status, body["title"], body["replies_policy"], body["exclusive"]),
                         (200, "Bird watchers", "none", True))
        self.m["owner"].list_delete(made["id"])
        self.assertNotIn(made["id"], [str(l["id"]) for l in self.m["owner"].lists()])
        with self.assertRaises(MastodonNotFoundError):
            self.m["owner"].list(made["id"])

    def test_an_empty_title_or_an_unknown_replies_policy_is_unprocessable(self):
        for body in ({"title": ""}, {"title": "   "}, {}, {"title": "x", "replies_policy": "sometimes"},
                     {"title": "x", "exclusive": "perhaps"}):
            status, _, answer = self.call("POST", "/api/v1/lists", "owner", body)
            self.assertIn(status, (400, 422), body)
            self.assertIn("error", answer)
        status, _, answer = self.call("POST", "/api/v1/lists", "owner", {"title": ""})
        self.assertEqual((status, answer), (422, {"error": "Validation failed: Title can't be blank"}))
        made = self.new_list()
        status, _, _ = self.call("PUT", f"/api/v1/lists/{made['id']}", "owner", {"title": ""})
        self.assertEqual(status, 422)
        self.assertEqual(self.m["owner"].list(made["id"])["title"], "Friends")

    def test_another_users_list_is_not_found_through_every_endpoint(self):
        made = self.new_list("Private")
        self.add(made["id"], "amy")
        lid = made["id"]
        for method, path, body in (
                ("GET", f"/api/v1/lists/{lid}", None),
                ("PUT", f"/api/v1/lists/{lid}", {"title": "mine"}),
                ("DELETE", f"/api/v1/lists/{lid}", None),
                ("GET", f"/api/v1/lists/{lid}/accounts", None),
                ("POST", f"/api/v1/lists/{lid}/accounts", {"account_ids": [self.ids["owner"]]}),
                ("DELETE", f"/api/v1/lists/{lid}/accounts", {"account_ids": [self.ids["amy"]]}),
                ("GET", f"/api/v1/timelines/list/{lid}", None)):
            status, _, answer = self.call(method, path, "eve", body)
            self.assertEqual((status, answer), (404, {"error": "Record not found"}), (method, path))
        self.assertNotIn(lid, [str(l["id"]) for l in self.m["eve"].lists()])
        self.assertNotIn(lid, [str(l["id"]) for l in self.m["eve"].account_lists(self.ids["amy"])])
        status, _, _ = self.call("GET", f"/api/v1/lists/{lid}", None)
        self.assertEqual(status, 401)
        # Still the owner's, untouched.
        self.assertEqual([str(a["id"]) for a in self.m["owner"].list_accounts(lid)], [self.ids["amy"]])

    # ------------------------------------------------------------ members

    def test_only_accounts_the_owner_follows_join_a_list(self):
        made = self.new_list()
        status, _, answer = self.call("POST", f"/api/v1/lists/{made['id']}/accounts", "owner",
                                      {"account_ids": [self.ids["amy"], self.ids["eve"]]})
        self.assertEqual(status, 422, answer)
        self.assertEqual(self.m["owner"].list_accounts(made["id"]), [])  # all or none
        with self.assertRaises(MastodonAPIError):
            self.m["owner"].list_accounts_add(made["id"], [self.ids["eve"]])
        status, _, answer = self.call("POST", f"/api/v1/lists/{made['id']}/accounts", "owner",
                                      {"account_ids": ["999999999"]})
        self.assertEqual(status, 404)
        self.m["owner"].list_accounts_add(made["id"], [self.ids["amy"], self.ids["ben"]])
        self.assertEqual({a["acct"] for a in self.m["owner"].list_accounts(made["id"])},
                         {"amy", "ben"})
        self.assertIn(made["id"],
                      [str(l["id"]) for l in self.m["owner"].account_lists(self.ids["amy"])])
        self.assertNotIn(made["id"],
                         [str(l["id"]) for l in self.m["owner"].account_lists(self.ids["cat"])])
        self.m["owner"].list_accounts_delete(made["id"], [self.ids["amy"]])
        self.assertEqual([a["acct"] for a in self.m["owner"].list_accounts(made["id"])], ["ben"])

    def test_a_lists_members_are_paged_with_a_link_and_limit_0_gives_them_all(self):
        made = self.new_list()
        for name in ("amy", "ben", "cat"):
            self.add(made["id"], name)
        status, headers, first = self.call("GET", f"/api/v1/lists/{made['id']}/accounts?limit=2",
                                           "owner")
        self.assertEqual([a["acct"] for a in first], ["cat", "ben"])  # newest member first
        link = headers.get("Link", "")
        self.assertIn('rel="next"', link)
        next_path = re.search(r"<[^>]*?(/api/v1/[^>]*)>; rel=\"next\"", link).group(1)
        status, _, rest = self.call("GET", next_path, "owner")
        self.assertEqual([a["acct"] for a in rest], ["amy"])
        status, headers, everyone = self.call("GET", f"/api/v1/lists/{made['id']}/accounts?limit=0",
                                              "owner")
        self.assertEqual(len(everyone), 3)
        self.assertNotIn("Link", headers)

    def test_an_unfollow_takes_the_account_out_of_the_owners_lists(self):
        self.m["dan"].account_follow(self.ids["eve"])
        made = self.m["dan"].list_create("Eve")
        self.m["dan"].list_accounts_add(made["id"], [self.ids["eve"]])
        self.m["dan"].account_unfollow(self.ids["eve"])
        self.assertEqual(self.m["dan"].list_accounts(made["id"]), [])
        self.assertEqual(self.m["dan"].account_lists(self.ids["eve"]), [])

    # ---------------------------------------------------------- the timeline

    def test_a_lists_timeline_shows_its_members_posts_and_reblogs_only(self):
        made = self.new_list()
        self.add(made["id"], "amy")
        mine = self.post("amy", "amy in the list")
        other = self.post("ben", "ben is followed, not listed")
        boosted = self.post("eve", "eve is followed by no one")
        reblog = str(self.m["amy"].status_reblog(boosted)["id"])
        got = self.m["owner"].timeline_list(made["id"])
        ids = [str(s["id"]) for s in got]
        self.assertIn(mine, ids)
        self.assertIn(reblog, ids)
        self.assertNotIn(other, ids)
        self.assertNotIn(boosted, ids)
        self.assertEqual(ids, sorted(ids, key=int, reverse=True))
        # Paging: max_id and limit, as any timeline.
        self.assertEqual(self.list_ids(made["id"], query=f"?max_id={ids[0]}&limit=1"), ids[1:2])

    def test_a_direct_message_never_enters_a_list_and_followers_only_posts_do_as_in_home(self):
        made = self.new_list()
        self.add(made["id"], "cat")
        direct = self.post("cat", "@owner a secret", visibility="direct")
        private = self.post("cat", "for my followers", visibility="private")
        self.assertIn(direct, self.home_ids())  # addressed to the owner: in home
        self.assertNotIn(direct, self.list_ids(made["id"]))
        self.assertIn(private, self.list_ids(made["id"]))
        self.assertIn(private, self.home_ids())
        # Someone who does not follow cat sees neither, not even through a
        # list of its own (it cannot add cat).
        status, _, _ = self.call("GET", f"/api/v1/statuses/{private}", "eve")
        self.assertEqual(status, 404)

    def test_replies_show_as_the_lists_replies_policy_says(self):
        self.m["dan"].account_follow(self.ids["amy"])
        self.m["dan"].account_follow(self.ids["ben"])
        amy_post = self.post("amy", "a thread")
        ben_post = self.post("ben", "ben says")
        eve_post = self.post("eve", "eve says")
        dan_post = self.post("dan", "dan says")
        to_self = self.post("amy", "more", in_reply_to_id=amy_post)
        to_member = self.post("amy", "yes ben", in_reply_to_id=ben_post)
        to_followed = self.post("amy", "@ben hmm", in_reply_to_id=ben_post)
        to_stranger = self.post("amy", "hi eve", in_reply_to_id=eve_post)
        to_owner = self.post("amy", "hi dan", in_reply_to_id=dan_post)
        plain = self.post("amy", "not a reply")
        expected = {
            # ben is a member of the `list` list, followed (not a member) of the `followed` one.
            "list": {plain, to_self, to_owner, to_member, to_followed},
            "followed": {plain, to_self, to_owner, to_member, to_followed},
            "none": {plain, to_self, to_owner},
        }
        for policy, shown in expected.items():
            status, _, made = self.call("POST", "/api/v1/lists", "dan",
                                        {"title": policy, "replies_policy": policy})
            self.assertEqual(made["replies_policy"], policy)
            members = [self.ids["amy"]] + ([self.ids["ben"]] if policy == "list" else [])
            self.m["dan"].list_accounts_add(made["id"], members)
            ids = set(self.list_ids(made["id"], who="dan", query="?limit=40"))
            everything = {to_self, to_member, to_followed, to_stranger, to_owner, plain}
            self.assertEqual(ids & everything, shown, policy)
        # A reply to an account the owner does not follow, nor is listed.
        self.m["dan"].account_unfollow(self.ids["ben"])
        status, _, made = self.call("POST", "/api/v1/lists", "dan",
                                    {"title": "f", "replies_policy": "followed"})
        self.m["dan"].list_accounts_add(made["id"], [self.ids["amy"]])
        ids = set(self.list_ids(made["id"], who="dan", query="?limit=40"))
        self.assertNotIn(to_member, ids)
        self.assertIn(to_owner, ids)

    def test_an_exclusive_lists_members_leave_home_and_come_back_when_it_is_not(self):
        made = self.new_list("Loud", exclusive=True)
        self.assertTrue(made["exclusive"])
        self.add(made["id"], "ben")
        loud = self.post("ben", "so many posts")
        quiet = self.post("amy", "one post")
        self.assertNotIn(loud, self.home_ids())
        self.assertIn(quiet, self.home_ids())
        self.assertIn(loud, self.list_ids(made["id"]))
        self.call("PUT", f"/api/v1/lists/{made['id']}", "owner", {"exclusive": False})
        self.assertIn(loud, self.home_ids())
        self.call("DELETE", f"/api/v1/lists/{made['id']}", "owner")
        self.assertIn(loud, self.home_ids())

    def test_a_muted_members_posts_leave_the_list(self):
        self.m["eve"].account_follow(self.ids["amy"])
        made = self.m["eve"].list_create("Amy")
        self.m["eve"].list_accounts_add(made["id"], [self.ids["amy"]])
        post = self.post("amy", "muted soon")
        self.assertIn(post, self.list_ids(made["id"], who="eve"))
        self.m["eve"].account_mute(self.ids["amy"])
        self.assertNotIn(post, self.list_ids(made["id"], who="eve"))
        self.m["eve"].account_unmute(self.ids["amy"])

    # ------------------------------------------------------------- streams

    def test_the_list_stream_over_sse_carries_its_members_posts_and_deletes(self):
        made = self.new_list()
        self.add(made["id"], "amy")
        events = queue.Queue()

        class Collector(StreamListener):
            def on_update(self, status):
                events.put(("update", str(status["id"])))

            def on_delete(self, status_id):
                events.put(("delete", str(status_id)))

        handle = self.m["owner"].stream_list(made["id"], Collector(), run_async=True)
        try:
            time.sleep(0.5)
            self.post("ben", "not a member")
            self.post("amy", "@owner direct", visibility="direct")
            post = self.post("amy", "to the list")
            self.assertEqual(events.get(timeout=10), ("update", post))
            # Followers-only: the owner follows amy, as for home.
            private = self.post("amy", "to my followers", visibility="private")
            self.assertEqual(events.get(timeout=10), ("update", private))
            self.m["amy"].status_delete(post)
            self.assertEqual(events.get(timeout=10), ("delete", str(post)))
            time.sleep(0.3)
            self.assertTrue(events.empty())  # nothing from ben, nor the direct message
        finally:
            handle.close()

    def test_only_its_owner_may_follow_a_list_stream_over_sse(self):
        import http.client
        made = self.new_list()
        for token, expected in ((self.tokens["eve"], 401), (self.tokens["owner"], 200)):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
            conn.request("GET", f"/api/v1/streaming/list?list={made['id']}",
                         headers={"Authorization": "Bearer " + token})
            response = conn.getresponse()
            self.assertEqual(response.status, expected)
            if expected != 200:
                self.assertEqual(json.loads(response.read()),
                                 {"error": "Not authorized to stream this list"})
            conn.close()

    def test_another_users_list_subscription_is_refused_and_the_others_live_on(self):
        made = self.new_list()
        self.add(made["id"], "amy")
        ws = WebSocket(self.server.port, "/api/v1/streaming?access_token=" + self.tokens["eve"])
        messages = queue.Queue()

        def read():
            try:
                while True:
                    opcode, payload = ws.receive()
                    if opcode != 1:
                        return
                    messages.put(json.loads(payload))
            except (OSError, ConnectionError):
                return

        threading.Thread(target=read, daemon=True).start()
        try:
            ws.send_text(json.dumps({"type": "subscribe", "stream": "public"}))
            ws.send_text(json.dumps({"type": "subscribe", "stream": "list", "list": made["id"]}))
            self.assertEqual(messages.get(timeout=10),
                             {"error": "Not authorized to stream this list", "status": 401})
            post = self.post("amy", "public, and in the owner's list")
            message = messages.get(timeout=10)
            self.assertEqual(message["stream"], ["public"])
            self.assertEqual(json.loads(message["payload"])["id"], post)
            time.sleep(0.3)
            self.assertTrue(messages.empty())  # nothing from the list
        finally:
            ws.close()

    def test_masto_follows_a_list_stream_over_websocket(self):
        made = self.new_list()
        self.add(made["id"], "amy")
        proc = subprocess.Popen(
            [os.path.join(HERE, "js", "run.sh"), "masto_list_stream.js", self.server.base,
             self.tokens["owner"], made["id"]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout],
                         daemon=True).start()
        try:
            # masto connects after a delay: post until the list stream delivers.
            seen, delivered = [], None
            deadline = time.time() + 60
            while delivered is None and time.time() < deadline:
                self.post("ben", "not a member")
                self.post("amy", "@owner direct", visibility="direct")
                post = self.post("amy", "probe")
                end = time.time() + 0.5
                while time.time() < end and delivered is None:
                    try:
                        e = lines.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    seen.append(e)
                    if e.get("id") == post:
                        delivered = e
                if proc.poll() is not None:
                    break
            self.assertIsNotNone(delivered, "masto: %s %s" % (
                seen[:5], proc.stderr.read()[-2000:] if proc.poll() is not None else ""))
            self.assertEqual(delivered["stream"], ["list", made["id"]])
            # Only the members' public posts ever came: every update is one of amy's.
            for e in seen:
                self.assertEqual(e["event"], "update")
                self.assertEqual(e["account"], "amy")
                self.assertNotEqual(e["visibility"], "direct")
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    unittest.main()
