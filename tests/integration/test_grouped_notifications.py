"""Grouped notifications and the notification policy (Mastodon 4.3, issue 26)
through `piaf serve`, by raw HTTP (the installed Mastodon.py predates them)
and Mastodon.py for what it has (notifications): /api/v2/notifications with
its groups, accounts and statuses, a group, its accounts, its dismissal, the
unread count; /api/v2/notifications/policy and its v1 shape; notification
requests (accept, dismiss); api_versions in /api/v2/instance."""
import time
import unittest

from mastodon import Mastodon

from harness import Server


class GroupedNotifications(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.ids, self.tokens, self.m = {}, {}, {}
        for name in ("alice", "bob", "carol", "dave", "erin"):
            self.server.create_account(name)
            self.tokens[name] = self.server.token(name)
            self.m[name] = Mastodon(access_token=self.tokens[name], api_base_url=self.server.base)
            self.ids[name] = str(self.m[name].account_verify_credentials()["id"])

    def tearDown(self):
        self.server.cleanup()

    def call(self, method, path, who=None, body=None, token=None):
        return self.server.request(method, path, body, token or (self.tokens[who] if who else None))

    def ok(self, method, path, who, body=None):
        status, headers, answer = self.call(method, path, who, body)
        self.assertEqual(status, 200, answer)
        return answer

    def post(self, who, text, **extra):
        return self.ok("POST", "/api/v1/statuses", who, {"status": text, **extra})["id"]

    def test_favourites_and_reblogs_of_one_status_and_follows_are_grouped(self):
        post = self.post("alice", "à aimer")
        for who in ("bob", "carol", "dave"):
            self.ok("POST", f"/api/v1/statuses/{post}/favourite", who)
        self.ok("POST", f"/api/v1/statuses/{post}/reblog", "bob")
        for who in ("bob", "carol"):
            self.ok("POST", f"/api/v1/accounts/{self.ids['alice']}/follow", who)
        mention = self.post("erin", "@alice coucou")
        results = self.ok("GET", "/api/v2/notifications", "alice")
        self.assertEqual(set(results), {"accounts", "statuses", "notification_groups"})
        groups = {g["type"]: g for g in results["notification_groups"]}
        self.assertEqual(set(groups), {"favourite", "reblog", "follow", "mention"})
        fav = groups["favourite"]
        self.assertEqual(fav["notifications_count"], 3)
        self.assertEqual(fav["sample_account_ids"],
                         [self.ids["dave"], self.ids["carol"], self.ids["bob"]])  # newest first
        self.assertEqual(fav["status_id"], post)
        self.assertTrue(fav["group_key"].startswith(f"favourite-{post}-"))
        for field in ("most_recent_notification_id", "page_min_id", "page_max_id"):
            self.assertIsInstance(fav[field], str)
        self.assertTrue(fav["latest_page_notification_at"].endswith("Z"))
        self.assertEqual(groups["follow"]["notifications_count"], 2)
        self.assertNotIn("status_id", groups["follow"])
        self.assertTrue(groups["mention"]["group_key"].startswith("ungrouped-"))
        self.assertEqual(groups["mention"]["status_id"], mention)
        # Newest group first; each account and status once.
        order = [g["most_recent_notification_id"] for g in results["notification_groups"]]
        self.assertEqual(order, sorted(order, key=int, reverse=True))
        self.assertEqual(sorted(a["id"] for a in results["accounts"]),
                         sorted({self.ids[n] for n in ("bob", "carol", "dave", "erin")}))
        self.assertEqual(sorted(s["id"] for s in results["statuses"]), sorted([post, mention]))
        # The v1 list is unchanged: one notification each.
        self.assertEqual(len(self.m["alice"].notifications()), 7)

    def test_grouped_types_types_and_exclude_types_are_honoured(self):
        post = self.post("alice", "x")
        for who in ("bob", "carol"):
            self.ok("POST", f"/api/v1/statuses/{post}/favourite", who)
        self.post("dave", "@alice y")
        ungrouped = self.ok("GET", "/api/v2/notifications?grouped_types[]=reblog", "alice")
        self.assertEqual([g["type"] for g in ungrouped["notification_groups"]],
                         ["mention", "favourite", "favourite"])
        self.assertTrue(all(g["notifications_count"] == 1 for g in ungrouped["notification_groups"]))
        only = self.ok("GET", "/api/v2/notifications?types[]=mention", "alice")
        self.assertEqual([g["type"] for g in only["notification_groups"]], ["mention"])
        without = self.ok("GET", "/api/v2/notifications?exclude_types[]=mention", "alice")
        self.assertEqual([g["type"] for g in without["notification_groups"]], ["favourite"])

    def test_groups_are_paged_with_a_link(self):
        for i in range(5):
            self.post("bob", f"@alice message {i}")
        status, headers, page = self.call("GET", "/api/v2/notifications?limit=2", "alice")
        self.assertEqual(status, 200)
        groups = page["notification_groups"]
        self.assertEqual(len(groups), 2)
        self.assertIn(f"max_id={groups[-1]['page_min_id']}", headers["Link"])
        _, _, older = self.call("GET", f"/api/v2/notifications?limit=2&max_id={groups[-1]['page_min_id']}",
                                "alice")
        older_ids = [g["most_recent_notification_id"] for g in older["notification_groups"]]
        self.assertEqual(len(older_ids), 2)
        self.assertTrue(all(int(i) < int(groups[-1]["page_min_id"]) for i in older_ids))
        _, _, newer = self.call("GET", f"/api/v2/notifications?limit=2&min_id={older_ids[0]}",
                                "alice")
        self.assertEqual([g["most_recent_notification_id"] for g in newer["notification_groups"]],
                         [g["most_recent_notification_id"] for g in groups])

    def test_a_group_its_accounts_and_its_dismissal(self):
        post = self.post("alice", "groupe")
        for who in ("bob", "carol"):
            self.ok("POST", f"/api/v1/statuses/{post}/favourite", who)
        key = self.ok("GET", "/api/v2/notifications", "alice")["notification_groups"][0]["group_key"]
        one = self.ok("GET", f"/api/v2/notifications/{key}", "alice")
        self.assertEqual([g["group_key"] for g in one["notification_groups"]], [key])
        self.assertEqual(one["notification_groups"][0]["notifications_count"], 2)
        accounts = self.ok("GET", f"/api/v2/notifications/{key}/accounts", "alice")
        self.assertEqual([a["id"] for a in accounts], [self.ids["carol"], self.ids["bob"]])
        self.assertEqual(self.call("GET", f"/api/v2/notifications/{key}", "bob")[0], 404)  # not hers
        self.assertEqual(self.call("GET", "/api/v2/notifications/ungrouped-1", "alice")[0], 404)
        self.assertEqual(self.ok("POST", f"/api/v2/notifications/{key}/dismiss", "alice"), {})
        self.assertEqual(self.ok("GET", "/api/v2/notifications", "alice")["notification_groups"], [])
        self.assertEqual(self.m["alice"].notifications(), [])

    def test_the_unread_count_counts_groups_after_the_marker(self):
        post = self.post("alice", "compte")
        for who in ("bob", "carol", "dave"):
            self.ok("POST", f"/api/v1/statuses/{post}/favourite", who)
        self.post("erin", "@alice et une mention")
        self.assertEqual(self.ok("GET", "/api/v2/notifications/unread_count", "alice"), {"count": 2})
        newest = self.ok("GET", "/api/v2/notifications", "alice")["notification_groups"][0]
        self.ok("POST", "/api/v1/markers", "alice",
                {"notifications": {"last_read_id": newest["most_recent_notification_id"]}})
        self.assertEqual(self.ok("GET", "/api/v2/notifications/unread_count", "alice"), {"count": 0})

    def test_errors(self):
        self.assertEqual(self.call("GET", "/api/v2/notifications")[0], 401)
        no_notes = self.server.token("alice", scopes="read:statuses")
        self.assertEqual(self.call("GET", "/api/v2/notifications", token=no_notes)[0], 403)
        self.assertEqual(self.call("GET", "/api/v2/notifications?limit=x", "alice")[0], 400)
        self.assertEqual(self.call("GET", "/api/v2/notifications?account_id=zz", "alice")[0], 400)

    def test_the_instance_says_it_serves_grouped_notifications(self):
        instance = self.ok("GET", "/api/v2/instance", None)
        self.assertEqual(instance["api_versions"], {"mastodon": 2})


class NotificationPolicy(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.ids, self.tokens = {}, {}
        for name in ("alice", "bob", "carol"):
            self.server.create_account(name)
            self.tokens[name] = self.server.token(name)
            self.ids[name] = self.server.request("GET", "/api/v1/accounts/verify_credentials",
                                                 token=self.tokens[name])[2]["id"]

    def tearDown(self):
        self.server.cleanup()

    def call(self, method, path, who=None, body=None):
        return self.server.request(method, path, body, self.tokens[who] if who else None)

    def ok(self, method, path, who, body=None):
        status, _, answer = self.call(method, path, who, body)
        self.assertEqual(status, 200, answer)
        return answer

    def mentions(self, who):
        return [n["status"]["id"] for n in self.ok("GET", "/api/v1/notifications", who)
                if n["type"] == "mention"]

    def test_the_default_policy_accepts_everything(self):
        policy = self.ok("GET", "/api/v2/notifications/policy", "alice")
        self.assertEqual(policy, {
            "for_not_following": "accept", "for_not_followers": "accept",
            "for_new_accounts": "accept", "for_private_mentions": "accept",
            "for_limited_accounts": "accept",
            "summary": {"pending_requests_count": 0, "pending_notifications_count": 0}})
        self.assertEqual(self.ok("GET", "/api/v1/notifications/policy", "alice"), {
            "filter_not_following": False, "filter_not_followers": False,
            "filter_new_accounts": False, "filter_private_mentions": False,
            "summary": {"pending_requests_count": 0, "pending_notifications_count": 0}})
        post = self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice salut"})["id"]
        self.assertEqual(self.mentions("alice"), [post])

    def test_filtered_mentions_wait_in_a_request_until_accepted(self):
        policy = self.ok("PATCH", "/api/v2/notifications/policy", "alice",
                         {"for_not_following": "filter"})
        self.assertEqual(policy["for_not_following"], "filter")
        first = self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice un"})["id"]
        second = self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice deux"})["id"]
        self.assertEqual(self.mentions("alice"), [])
        policy = self.ok("GET", "/api/v2/notifications/policy", "alice")
        self.assertEqual(policy["summary"],
                         {"pending_requests_count": 1, "pending_notifications_count": 2})
        requests = self.ok("GET", "/api/v1/notifications/requests", "alice")
        self.assertEqual(len(requests), 1)
        r = requests[0]
        self.assertEqual((r["account"]["id"], r["notifications_count"], r["last_status"]["id"]),
                         (self.ids["bob"], "2", second))
        self.assertEqual(self.ok("GET", f"/api/v1/notifications/requests/{r['id']}", "alice")["id"],
                         r["id"])
        self.assertEqual(self.call("GET", f"/api/v1/notifications/requests/{r['id']}", "bob")[0], 404)
        # Someone alice follows is not filtered.
        self.ok("POST", f"/api/v1/accounts/{self.ids['carol']}/follow", "alice")
        followed = self.ok("POST", "/api/v1/statuses", "carol", {"status": "@alice moi"})["id"]
        self.assertEqual(self.mentions("alice"), [followed])
        self.assertEqual(self.ok("POST", f"/api/v1/notifications/requests/{r['id']}/accept", "alice"),
                         {})
        self.assertEqual(self.mentions("alice"), [followed, second, first])
        self.assertEqual(self.ok("GET", "/api/v1/notifications/requests", "alice"), [])
        self.assertEqual(self.call("POST", f"/api/v1/notifications/requests/{r['id']}/accept",
                                   "alice")[0], 404)
        self.assertEqual(self.ok("GET", "/api/v1/notifications/requests/merged", "alice"),
                         {"merged": True})

    def test_a_dismissed_request_takes_its_notifications_and_dropped_ones_never_come(self):
        self.ok("PUT", "/api/v1/notifications/policy", "alice", {"filter_not_following": True})
        self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice ignore-moi"})
        r = self.ok("GET", "/api/v1/notifications/requests", "alice")[0]
        self.assertEqual(self.ok("POST", f"/api/v1/notifications/requests/{r['id']}/dismiss",
                                 "alice"), {})
        self.assertEqual(self.mentions("alice"), [])
        self.assertEqual(self.ok("GET", "/api/v1/notifications/requests", "alice"), [])
        self.ok("PATCH", "/api/v2/notifications/policy", "alice", {"for_not_following": "drop"})
        self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice jeté"})
        self.assertEqual(self.mentions("alice"), [])
        self.assertEqual(self.ok("GET", "/api/v1/notifications/requests", "alice"), [])

    def test_private_mentions_from_strangers_are_filtered_unless_they_answer(self):
        self.ok("PATCH", "/api/v2/notifications/policy", "alice", {"for_private_mentions": "filter"})
        public = self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice en public"})["id"]
        self.ok("POST", "/api/v1/statuses", "bob", {"status": "@alice en privé",
                                                    "visibility": "direct"})
        self.assertEqual(self.mentions("alice"), [public])
        self.assertEqual(self.ok("GET", "/api/v1/conversations", "alice"), [])  # not reached
        hers = self.ok("POST", "/api/v1/statuses", "alice", {"status": "@carol question ?",
                                                             "visibility": "direct"})["id"]
        answer = self.ok("POST", "/api/v1/statuses", "carol", {
            "status": "@alice réponse", "visibility": "direct", "in_reply_to_id": hers})["id"]
        self.assertEqual(self.mentions("alice"), [answer, public])

    def test_invalid_policies_are_refused(self):
        status, _, answer = self.call("PATCH", "/api/v2/notifications/policy", "alice",
                                      {"for_not_following": "maybe"})
        self.assertEqual(status, 422, answer)
        self.assertEqual(self.call("GET", "/api/v2/notifications/policy")[0], 401)
        self.assertEqual(self.call("PUT", "/api/v1/notifications/policy", "alice",
                                   {"filter_not_following": "perhaps"})[0], 400)


if __name__ == "__main__":
    unittest.main()
