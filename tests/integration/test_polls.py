"""Polls (issue 26; docs.joinmastodon.org/methods/polls, statuses#create) through
`piaf serve`: Debian's Mastodon.py (status_post with make_poll, poll, poll_vote)
and raw HTTP for the errors as Mastodon answers them. The server runs with
`--min-poll-seconds 1` so that a poll can end during the test; Mastodon's five
minutes are checked on a server with the default."""
import time
import unittest

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

from harness import Server


class Polls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--min-poll-seconds", "1"]).start()
        names = ("alice", "bob", "carol", "dave")
        for name in names:
            cls.server.create_account(name)
        cls.tokens = {n: cls.server.token(n) for n in names}
        cls.m = {n: Mastodon(access_token=t, api_base_url=cls.server.base)
                 for n, t in cls.tokens.items()}
        cls.ids = {n: cls.m[n].account_verify_credentials()["id"] for n in names}
        cls.m["bob"].account_follow(cls.ids["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who=None, body=None):
        return self.server.request(method, path, body, self.tokens[who] if who else None)

    def post_poll(self, who="alice", options=("oui", "non", "peut-être"), expires_in=3600,
                  multiple=False, hide_totals=False, **kwargs):
        poll = self.m[who].make_poll(list(options), expires_in, multiple=multiple,
                                     hide_totals=hide_totals)
        return self.m[who].status_post("Une question ?", poll=poll, **kwargs)

    def mastodon_py_vote(self, who, poll_id, choices):
        """Mastodon.py's poll_vote (this version returns nothing), then its poll."""
        self.m[who].poll_vote(poll_id, choices)
        return self.m[who].poll(poll_id)

    def vote(self, who, poll_id, choices, expect=200):
        status, _, body = self.call("POST", f"/api/v1/polls/{poll_id}/votes", who,
                                    {"choices": choices})
        self.assertEqual(status, expect, body)
        return body

    def test_a_status_carries_its_poll_as_mastodon_describes_it(self):
        before = time.time()
        post = self.post_poll()
        poll = post["poll"]
        self.assertEqual([o["title"] for o in poll["options"]], ["oui", "non", "peut-être"])
        self.assertEqual([o["votes_count"] for o in poll["options"]], [0, 0, 0])
        self.assertEqual((poll["expired"], poll["multiple"], poll["votes_count"],
                          poll["voters_count"], poll["emojis"]), (False, False, 0, 0, []))
        self.assertTrue(poll["voted"])  # its author, as Mastodon says
        self.assertEqual(poll["own_votes"], [])
        self.assertAlmostEqual(poll["expires_at"].timestamp(), before + 3600, delta=5)
        fetched = self.m["bob"].poll(poll["id"])
        self.assertEqual((fetched["id"], fetched["voted"], fetched["own_votes"]),
                         (poll["id"], False, []))
        # An anonymous reader has no `voted`, no `own_votes`.
        status, _, anonymous = self.call("GET", f"/api/v1/polls/{poll['id']}")
        self.assertEqual(status, 200, anonymous)
        self.assertNotIn("voted", anonymous)
        self.assertNotIn("own_votes", anonymous)
        _, _, shown = self.call("GET", f"/api/v1/statuses/{post['id']}")
        self.assertEqual(shown["poll"]["id"], str(poll["id"]))
        # A status without one says so.
        self.assertIsNone(self.m["alice"].status_post("pas de question")["poll"])

    def test_votes_are_counted_and_each_viewer_sees_its_own(self):
        post = self.post_poll()
        poll_id = post["poll"]["id"]
        # Bob reads his home first: its shared JSON in memory before the vote.
        self.m["bob"].timeline_home()
        answer = self.mastodon_py_vote("bob", poll_id, [1])
        self.assertEqual((answer["voted"], answer["own_votes"]), (True, [1]))
        self.assertEqual([o["votes_count"] for o in answer["options"]], [0, 1, 0])
        self.assertEqual((answer["votes_count"], answer["voters_count"]), (1, 1))
        self.vote("carol", poll_id, ["0"])
        home = {s["id"]: s for s in self.m["bob"].timeline_home()}
        seen = home[post["id"]]["poll"]
        self.assertEqual((seen["voted"], seen["own_votes"], seen["votes_count"]), (True, [1], 2))
        carol = self.m["carol"].status(post["id"])["poll"]
        self.assertEqual((carol["voted"], carol["own_votes"]), (True, [0]))
        dave = self.m["dave"].poll(poll_id)
        self.assertEqual((dave["voted"], dave["own_votes"]), (False, []))
        alice = self.m["alice"].status(post["id"])["poll"]
        self.assertEqual([o["votes_count"] for o in alice["options"]], [1, 1, 0])

    def test_voting_errors_are_mastodons(self):
        post = self.post_poll()
        poll_id = post["poll"]["id"]
        cases = [
            ("alice", ["0"], "Validation failed: You cannot vote in your own polls"),
            ("bob", ["3"], "Validation failed: The chosen vote option does not exist"),
            ("bob", ["-1"], "Validation failed: The chosen vote option does not exist"),
            ("bob", ["x"], "Validation failed: The chosen vote option does not exist"),
            ("bob", [], "Validation failed: The chosen vote option does not exist"),
            ("bob", ["0", "1"], "Validation failed: You have already voted on this poll"),  # one choice only
        ]
        for who, choices, error in cases:
            body = self.vote(who, poll_id, choices, 422)
            self.assertEqual(body, {"error": error}, (who, choices))
        self.vote("bob", poll_id, ["2"])
        self.assertEqual(self.vote("bob", poll_id, ["1"], 422),
                         {"error": "Validation failed: You have already voted on this poll"})
        with self.assertRaises(MastodonNotFoundError):
            self.m["bob"].poll_vote(999999999999, [0])
        with self.assertRaises(MastodonNotFoundError):
            self.m["bob"].poll(999999999999)
        status, _, body = self.call("POST", f"/api/v1/polls/{poll_id}/votes", None,
                                    {"choices": ["0"]})
        self.assertEqual(status, 401, body)
        reader = self.server.token("carol", scopes="read")
        status, _, body = self.server.request("POST", f"/api/v1/polls/{poll_id}/votes",
                                              {"choices": ["0"]}, reader)
        self.assertEqual(status, 403, body)

    def test_a_multiple_choice_poll_takes_several_choices_once_each(self):
        post = self.post_poll(multiple=True)
        poll_id = post["poll"]["id"]
        answer = self.mastodon_py_vote("bob", poll_id, [0, 2])
        self.assertEqual((answer["own_votes"], answer["votes_count"], answer["voters_count"]),
                         ([0, 2], 2, 1))
        self.assertEqual(self.vote("bob", poll_id, ["2"], 422),
                         {"error": "Validation failed: You have already voted on this poll"})
        self.assertTrue(self.m["bob"].poll(poll_id)["multiple"])

    def test_creating_a_poll_checks_its_options_and_duration(self):
        def refused(body):
            status, _, answer = self.call("POST", "/api/v1/statuses", "alice",
                                          dict({"status": "question"}, **body))
            self.assertEqual(status, 422, (body, answer))
            self.assertIsInstance(answer["error"], str)
            return answer["error"]
        poll = {"expires_in": 600}
        self.assertIn("more than one", refused({"poll": dict(poll, options=["seule"])}))
        self.assertIn("more than one", refused({"poll": dict(poll, options=["a", "  "])}))
        self.assertIn("4 items", refused({"poll": dict(poll, options=["a", "b", "c", "d", "e"])}))
        self.assertIn("25 characters",
                      refused({"poll": dict(poll, options=["a", "é" * 26])}))
        self.assertIn("duplicate", refused({"poll": dict(poll, options=["a", "a"])}))
        self.assertIn("future", refused({"poll": {"options": ["a", "b"], "expires_in": 604801}}))
        self.assertIn("blank", refused({"poll": {"options": ["a", "b"]}}))
        self.assertIn("invalid", refused({"poll": {"options": ["a", "b"], "expires_in": "soon"}}))
        refused({"poll": {"options": ["a", "b"], "expires_in": 600}, "media_ids": ["1"]})
        # The limits the instance announces, with four options of 25 accepted.
        _, _, v2 = self.call("GET", "/api/v2/instance")
        config = v2["configuration"]["polls"]
        self.assertEqual((config["max_options"], config["max_characters_per_option"],
                          config["max_expiration"]), (4, 25, 604800))
        self.assertEqual(self.m["alice"].instance()["configuration"]["polls"]["max_options"], 4)
        ok = self.post_poll(options=["é" * 25, "b", "c", "d"], expires_in=604800)
        self.assertEqual(len(ok["poll"]["options"]), 4)

    def test_hidden_totals_show_once_the_poll_has_ended(self):
        post = self.post_poll(expires_in=2, hide_totals=True)
        poll_id = post["poll"]["id"]
        answer = self.mastodon_py_vote("bob", poll_id, [0])
        self.assertEqual([o["votes_count"] for o in answer["options"]], [None, None, None])
        self.assertEqual(answer["votes_count"], 1)
        time.sleep(2.5)
        ended = self.m["bob"].poll(poll_id)
        self.assertTrue(ended["expired"])
        self.assertEqual([o["votes_count"] for o in ended["options"]], [1, 0, 0])

    def test_a_poll_closes_at_its_time_and_its_voters_and_author_are_told(self):
        post = self.post_poll(expires_in=2)
        poll_id = post["poll"]["id"]
        self.mastodon_py_vote("bob", poll_id, [1])
        self.mastodon_py_vote("dave", poll_id, [0])
        deadline = time.time() + 10
        def told(who):
            return [n for n in self.m[who].notifications(types=["poll"])
                    if n["status"]["id"] == post["id"]]
        while time.time() < deadline and not (told("bob") and told("alice")):
            time.sleep(0.2)
        for who in ("bob", "dave", "alice"):
            notes = told(who)
            self.assertEqual(len(notes), 1, who)
            self.assertEqual(notes[0]["account"]["id"], self.ids["alice"])
            self.assertTrue(notes[0]["status"]["poll"]["expired"])
        self.assertEqual(told("carol"), [])  # did not vote
        self.assertEqual(self.vote("carol", poll_id, ["0"], 422),
                         {"error": "Validation failed: The poll has already ended"})
        home = {s["id"]: s for s in self.m["bob"].timeline_home()}
        self.assertTrue(home[post["id"]]["poll"]["expired"])

    def test_a_private_posts_poll_is_as_private_as_the_post(self):
        post = self.post_poll(visibility="private")
        poll_id = post["poll"]["id"]
        for who in ("carol", None):
            status, _, body = self.call("GET", f"/api/v1/polls/{poll_id}", who)
            self.assertEqual((status, body), (404, {"error": "Record not found"}), who)
        self.assertEqual(self.vote("carol", poll_id, ["0"], 404), {"error": "Record not found"})
        self.assertEqual(self.mastodon_py_vote("bob", poll_id, [0])["own_votes"], [0])  # a follower

    def test_an_edit_with_other_options_starts_the_poll_over(self):
        post = self.post_poll()
        first = post["poll"]["id"]
        self.mastodon_py_vote("bob", first, [0])
        same = self.m["alice"].status_update(
            post["id"], "Une question, reformulée ?",
            poll=self.m["alice"].make_poll(["oui", "non", "peut-être"], 3600))
        self.assertEqual((same["poll"]["id"], same["poll"]["votes_count"]), (first, 1))
        changed = self.m["alice"].status_update(
            post["id"], "Une autre question ?",
            poll=self.m["alice"].make_poll(["rouge", "bleu"], 3600))
        self.assertNotEqual(changed["poll"]["id"], first)
        self.assertEqual(changed["poll"]["votes_count"], 0)
        status, _, body = self.call("GET", f"/api/v1/polls/{first}", "bob")
        self.assertEqual(status, 404, body)
        history = self.m["bob"].status_history(post["id"])
        self.assertEqual([[o["title"] for o in h["poll"]["options"]] for h in history],
                         [["oui", "non", "peut-être"], ["oui", "non", "peut-être"],
                          ["rouge", "bleu"]])
        removed = self.m["alice"].status_update(post["id"], "Plus de question.")
        self.assertIsNone(removed["poll"])
        self.assertIsNone(self.m["bob"].status_history(post["id"])[-1]["poll"])


class DefaultPollDuration(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.server.create_account("alice")
        self.token = self.server.token("alice")

    def tearDown(self):
        self.server.cleanup()

    def test_a_poll_lasts_five_minutes_at_least_as_in_mastodon(self):
        _, _, instance = self.server.request("GET", "/api/v2/instance")
        self.assertEqual(instance["configuration"]["polls"]["min_expiration"], 300)
        for seconds, expected in ((299, 422), (300, 200)):
            status, _, body = self.server.request(
                "POST", "/api/v1/statuses",
                {"status": "vite", "poll": {"options": ["a", "b"], "expires_in": seconds}},
                self.token)
            self.assertEqual(status, expected, body)


if __name__ == "__main__":
    unittest.main()
